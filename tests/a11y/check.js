#!/usr/bin/env node
/*
 * The site in a real browser (tests/t-a11y.sh runs this): serves a built
 * site on 127.0.0.1, drives Debian's Chromium with playwright-core (never a
 * downloaded browser) and checks every page of one edition, plus the
 * editions index:
 *
 *   - it loads with no console error, no failed request, nothing fetched
 *     from outside;
 *   - axe-core finds no violation of the WCAG 2.0 / 2.1 A and AA rules
 *     at 1280 and at 320 px; its contrast rule asks 4.5:1 of every text,
 *     large text and status colours included;
 *   - keyboard: the skip link is the first focusable element and moves
 *     focus to <main>; Tab reaches every link and control, in document
 *     order, and each shows a focus style that differs from its resting
 *     one;
 *   - charts: a text alternative that states the data, then the data
 *     table; statuses are named in words, never by colour alone;
 *   - at 320 CSS px nothing scrolls sideways but the table regions and
 *     no table or figure is wider than the viewport outside a scroll
 *     container; the same at each width of CHART_VIEWPORTS on the pages
 *     with charts, where each chart's file as the page chose it keeps
 *     the proportions of its file and, opened alone at the width it had
 *     there, has no text under 11 CSS px and no two texts that overlap;
 *   - screenshots of the dashboard and a measure page at 390 and 1280 px.
 *
 * Usage: node check.js --root OUT --year YEAR --shots DIR [--measure FILE]
 *	      [--pages index.html,2016/mesure-08.html]   (only these pages)
 * Prints "ok - ..." / "not ok - ..." lines, details as "#   " lines.
 * Exit status 0 even when a check fails (the lines say so); 2 when the
 * checks could not run at all.
 */
'use strict';

const fs = require('fs');
const http = require('http');
const path = require('path');

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
	'--headless', '--no-sandbox', '--disable-gpu',
	'--disable-background-networking', '--disable-component-update',
	'--disable-sync', '--no-first-run',
];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/* Screen widths [CSS px] at which the pages with charts are loaded and
 * their charts measured: a small phone; the narrow variant at its
 * largest (600); the narrowest screen that gets the full-width file
 * (641, just over 40rem) and the text column beside the aside at its
 * narrowest (1024): where each drawing is shown smallest; a tablet and
 * a desktop. */
const CHART_VIEWPORTS = [320, 600, 641, 800, 1024, 1280];	/* 320 first */
const STATUS_LABELS = ['Réalisée', 'Partiellement réalisée', 'Non réalisée',
	'En cours', 'Information insuffisante'];

function usage() {
	process.stderr.write('usage: check.js --root DIR --year YYYY ' +
	    '--shots DIR [--measure mesure-NN.html]\n');
	process.exit(2);
}

const opt = { measure: 'mesure-08.html' };
for (let i = 2; i < process.argv.length; i += 2) {
	const k = process.argv[i], v = process.argv[i + 1];
	if (v === undefined)
		usage();
	if (k === '--root') opt.root = path.resolve(v);
	else if (k === '--year') opt.year = v;
	else if (k === '--shots') opt.shots = path.resolve(v);
	else if (k === '--measure') opt.measure = v;
	else if (k === '--pages') opt.pages = v.split(',');
	else if (k === '--search') opt.search = v.split(',');
	else usage();
}
if (!opt.root || !/^[0-9]{4}$/.test(opt.year || '') || !opt.shots)
	usage();

/* ---- results ---- */

function report(name, problems, okdetail) {
	if (problems.length === 0) {
		console.log(`ok - ${name}${okdetail ? ` (${okdetail})` : ''}`);
		return;
	}
	console.log(`not ok - ${name}`);
	const shown = problems.slice(0, 60);
	for (const p of shown)
		for (const line of String(p).split('\n'))
			console.log(`#   ${line}`);
	if (problems.length > shown.length)
		console.log(`#   … and ${problems.length - shown.length} more`);
}

/* ---- a static server for the built site ---- */

const TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.js': 'text/javascript; charset=utf-8',
	'.png': 'image/png',
	'.csv': 'text/csv; charset=utf-8',
	'.json': 'application/json',
	'.pdf': 'application/pdf',
};

function serve(root) {
	const HEADERS = readHeaders(root);
	const server = http.createServer((req, res) => {
		let rel;
		try {
			rel = decodeURIComponent(new URL(req.url,
			    'http://x').pathname);
		} catch (e) {
			res.writeHead(400).end();
			return;
		}
		if (rel.endsWith('/'))
			rel += 'index.html';
		const file = path.join(root, rel);
		if (file !== root && !file.startsWith(root + path.sep)) {
			res.writeHead(403).end();
			return;
		}
		fs.readFile(file, (err, data) => {
			if (err) {
				res.writeHead(404).end();
				return;
			}
			res.writeHead(200, { ...HEADERS, 'Content-Type':
			    TYPES[path.extname(file)] ||
			    'application/octet-stream' });
			res.end(data);
		});
	});
	return new Promise((resolve, reject) => {
		server.on('error', reject);
		/* Port 0: the system picks a free one. */
		server.listen(0, '127.0.0.1', () => resolve(server));
	});
}

/* The headers the site asks its server to send (out/_headers, "/*"
 * block): every response carries them, as in production, so that the
 * pages and the charts opened alone are checked under the real policy. */
function readHeaders(root) {
	const h = {};
	let text;
	try {
		text = fs.readFileSync(path.join(root, '_headers'), 'utf8');
	} catch (e) {
		return h;
	}
	for (const line of text.split('\n')) {
		const m = /^\s+([A-Za-z-]+):\s*(.*)$/.exec(line);
		if (m)
			h[m[1]] = m[2];
	}
	return h;
}

/* ---- in the page ---- */

/* Marks every element Tab should reach (data-a11y-k, in document order)
 * and returns its resting style and a description.  Runs in the page. */
function markFocusable() {
	const sel = 'a[href], area[href], button, input, select, textarea, ' +
	    'summary, iframe, [tabindex], [contenteditable]';
	const out = [];
	for (const el of document.querySelectorAll(sel)) {
		if (el.tabIndex < 0 || el.disabled ||
		    (el.tagName === 'INPUT' && el.type === 'hidden'))
			continue;
		const cs = getComputedStyle(el);
		if (el.getClientRects().length === 0 ||
		    cs.visibility !== 'visible')
			continue;
		el.setAttribute('data-a11y-k', String(out.length));
		out.push(window.__a11yDescribe(el));
	}
	window.__a11yRest = out.map((d, k) => window.__a11yStyle(
	    document.querySelector(`[data-a11y-k="${k}"]`)));
	return out;
}

/* Helpers installed in the page once per load. */
function installHelpers() {
	window.__a11yStyle = (el) => {
		const cs = getComputedStyle(el);
		return {
			outline: cs.outlineStyle === 'none' ||
			    parseFloat(cs.outlineWidth) === 0 ? 'none' :
			    `${cs.outlineStyle} ${cs.outlineWidth} ` +
			    `${cs.outlineColor}`,
			shadow: cs.boxShadow,
			bg: cs.backgroundColor,
			border: `${cs.borderTopColor} ${cs.borderBottomColor} ` +
			    `${cs.borderBottomWidth}`,
			color: cs.color,
			deco: cs.textDecorationLine,
		};
	};
	window.__a11yDescribe = (el) => {
		let s = el.tagName.toLowerCase();
		if (el.id) s += '#' + el.id;
		if (el.className && typeof el.className === 'string')
			s += '.' + el.className.trim().split(/\s+/).join('.');
		const h = el.getAttribute('href');
		if (h !== null) s += `[href="${h}"]`;
		const t = (el.innerText || '').trim().replace(/\s+/g, ' ');
		if (t) s += ` "${t.slice(0, 50)}"`;
		return s;
	};
	/* Contrast of a focused element (WCAG 1.4.3 and 1.4.11): its text
	 * against the background behind it, at least 4.5:1, and its focus
	 * indicator (outline, shadow or new background) against what
	 * surrounds the element, at least 3:1.  Colours are the computed
	 * rgb()/rgba() strings; a transparent background shows its
	 * nearest opaque ancestor's. */
	const rgb = (c) => {
		const m = /rgba?\(([\d.]+), ([\d.]+), ([\d.]+)(?:, ([\d.]+))?\)/
		    .exec(c || '');
		return m === null ? null : { r: +m[1], g: +m[2], b: +m[3],
		    a: m[4] === undefined ? 1 : +m[4] };
	};
	const lum = (c) => {
		const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 :
		    Math.pow((v + 0.055) / 1.055, 2.4); };
		return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
	};
	const ratio = (a, b) => {
		const x = lum(a), y = lum(b);
		return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
	};
	const behind = (el) => {
		for (; el !== null; el = el.parentElement) {
			const c = rgb(getComputedStyle(el).backgroundColor);
			if (c !== null && c.a >= 0.99)
				return c;
		}
		return { r: 255, g: 255, b: 255, a: 1 };
	};
	window.__a11yContrast = (el) => {
		const cs = getComputedStyle(el);
		const around = behind(el.parentElement);
		const own = behind(el);
		const text = (el.innerText || '').trim() === '' ? null :
		    ratio(rgb(cs.color), own);
		let ring = 0;
		const oc = rgb(cs.outlineColor);
		if (cs.outlineStyle !== 'none' &&
		    parseFloat(cs.outlineWidth) > 0 && oc !== null &&
		    oc.a >= 0.99)
			ring = Math.max(ring, ratio(oc, around));
		const sc = rgb(cs.boxShadow);
		if (cs.boxShadow !== 'none' && sc !== null && sc.a >= 0.99)
			ring = Math.max(ring, ratio(sc, around));
		const bc = rgb(cs.backgroundColor);
		if (bc !== null && bc.a >= 0.99)
			ring = Math.max(ring, ratio(bc, around));
		return { text, ring };
	};
	/* What Tab has just focused: its mark, style and box. */
	window.__a11yFocused = () => {
		const el = document.activeElement;
		if (!el || el === document.body ||
		    el === document.documentElement)
			return null;
		const r = el.getBoundingClientRect();
		return {
			k: el.getAttribute('data-a11y-k'),
			desc: window.__a11yDescribe(el),
			style: window.__a11yStyle(el),
			focusVisible: el.matches(':focus-visible'),
			contrast: window.__a11yContrast(el),
			box: { x: r.x, y: r.y, w: r.width, h: r.height },
			vw: innerWidth, vh: innerHeight,
		};
	};
}

/* The charts of a page and the tables that follow them.  Runs in the
 * page; returns a list of problems and the number of charts. */
function checkCharts() {
	const problems = [];
	const figs = [...document.querySelectorAll('figure.chart')];
	const isHeading = (el) => /^H[1-6]$/.test(el.tagName);
	/* Numbers as a reader sees them: "1 826" and "1826" alike. */
	const numbers = (s) => (s.replace(/(\d)[\u00a0\u202f ](?=\d{3}\b)/g,
	    '$1').match(/\d+(?:,\d+)?/g) || []);
	for (const fig of figs) {
		const img = fig.querySelector('img');
		const name = img ? img.getAttribute('src') : '(no img)';
		const alt = img ? (img.getAttribute('alt') || '').trim() : '';
		if (!img || alt === '') {
			problems.push(`${name}: no text alternative`);
			continue;
		}
		if (/^(graphique|diagramme|image|figure|chart|graph)\b/i.test(alt)
		    || alt.length < 12 || numbers(alt).length === 0) {
			problems.push(`${name}: the text alternative states no ` +
			    `data: "${alt}"`);
			continue;
		}
		/* The next table in document order, with no heading
		 * between: the chart's numbers. */
		const w = document.createTreeWalker(document.body,
		    NodeFilter.SHOW_ELEMENT);
		w.currentNode = fig;
		let table = null, el;
		while ((el = w.nextNode()) !== null) {
			if (fig.contains(el))
				continue;
			if (isHeading(el))
				break;
			if (el.tagName === 'TABLE') {
				table = el;
				break;
			}
		}
		if (table === null) {
			problems.push(`${name}: no data table follows it`);
			continue;
		}
		if (!table.caption || table.caption.innerText.trim() === '') {
			problems.push(`${name}: its table has no caption`);
			continue;
		}
		const have = new Set(numbers(table.innerText));
		const miss = numbers(alt).filter((n) => !have.has(n));
		/* The edition charts name measures by number in their
		 * alternative; the counts must be in the table. */
		if (fig.closest('.indicator') !== null && miss.length > 0)
			problems.push(`${name}: numbers of the text ` +
			    `alternative missing from the table ` +
			    `"${table.caption.innerText.trim()}": ` +
			    miss.join(' '));
		if (fig.closest('.indicator') === null) {
			for (const row of table.tBodies[0] ?
			    table.tBodies[0].rows : []) {
				const lab = row.cells[0].innerText.trim()
				    .toLowerCase();
				const n = row.cells[1] ?
				    row.cells[1].innerText.trim() : '';
				if (!alt.toLowerCase().includes(`${lab} ${n}`))
					problems.push(`${name}: the text ` +
					    `alternative does not say ` +
					    `"${lab} ${n}"`);
			}
		}
	}
	return { problems, n: figs.length };
}

/* Statuses: every badge names its status in visible words; status
 * colours are never the only cue.  Runs in the page. */
function checkStatuses(labels) {
	const problems = [];
	const badges = [...document.querySelectorAll('.badge')];
	for (const b of badges) {
		const t = (b.innerText || '').trim();
		if (!labels.includes(t))
			problems.push(`badge "${t}" (${b.className}) does not ` +
			    'name a status in words');
		const icon = b.querySelector('.badge-icon');
		if (icon && icon.getAttribute('aria-hidden') !== 'true')
			problems.push(`badge "${t}": its icon is not hidden ` +
			    'from screen readers');
	}
	return { problems, n: badges.length };
}

/* ---- driving the browser ---- */

/* At the viewport's width: every table or figure that does not fit in
 * it, its overflowing content included, sits in a scroll container that
 * does, and each chart's image has its file's proportions.  Returns the
 * problems and each chart's drawing as shown: the file the <picture>
 * chose and its width [CSS px]. */
function checkNarrow() {
	const vw = document.documentElement.clientWidth;
	/* Its box, or with content that overflows it its content too,
	 * within the viewport. */
	const fits = (el, content) => {
		const r = el.getBoundingClientRect();
		return r.left >= -0.5 && r.left + Math.max(r.width,
		    content ? el.scrollWidth : 0) <= vw + 0.5;
	};
	const problems = [];
	for (const el of document.querySelectorAll('main table, main figure')) {
		if (fits(el, true))
			continue;
		let s = el.parentElement;
		for (; s !== null && s !== document.body; s = s.parentElement) {
			const ox = getComputedStyle(s).overflowX;
			if ((ox === 'auto' || ox === 'scroll') && fits(s, false))
				break;
		}
		if (s === null || s === document.body)
			problems.push(`${el.tagName.toLowerCase()}` +
			    `${el.id ? '#' + el.id : ''} is ` +
			    `${Math.round(Math.max(el.scrollWidth,
			    el.getBoundingClientRect().width))} px wide ` +
			    `at ${vw} px, outside any scroll container`);
	}
	const imgs = [...document.querySelectorAll('figure.chart img')];
	for (const img of imgs) {
		const r = img.getBoundingClientRect();
		/* Within 1 %: the natural size is rounded to whole px. */
		if (img.naturalWidth === 0 || Math.abs(r.height / r.width *
		    img.naturalWidth / img.naturalHeight - 1) > 0.01)
			problems.push(`${img.currentSrc.replace(/.*\//, '')} ` +
			    `shown ${r.width.toFixed(1)} x ${r.height.toFixed(1)} ` +
			    `px at ${vw} px, its file ${img.naturalWidth} x ` +
			    `${img.naturalHeight}`);
	}
	const charts = imgs.map((img) => ({ src: img.currentSrc,
	    w: img.getBoundingClientRect().width, vw }));
	return { problems, charts };
}

/* Every chart's image shows the file its <picture> asks for at the
 * viewport's width, loaded. */
function chartsLoaded() {
	return [...document.querySelectorAll('figure.chart img')].every((img) => {
		const s = [...img.parentElement.querySelectorAll('source')]
		    .find((el) => matchMedia(el.media).matches);
		const want = s ? new URL(s.srcset, document.baseURI).href :
		    img.src;
		return img.complete && img.currentSrc === want;
	});
}

/* A chart opened alone (its SVG file), drawn w CSS px wide as its <img>
 * was on the page: the size of each text as rendered (its font size
 * times the drawing's scale; its box's height is about 1.36 times
 * that), the smallest, and the texts whose boxes overlap by more than
 * 1 px each way. */
function checkChartText(w) {
	const svg = document.documentElement;
	if (!(svg instanceof SVGSVGElement))
		return { n: 0, min: Infinity, small: [], overlaps: [] };
	const vb = svg.viewBox.baseVal;
	svg.setAttribute('width', `${w}px`);
	svg.setAttribute('height', `${w * vb.height / vb.width}px`);
	const texts = [...svg.querySelectorAll('text')]
	    .filter((t) => t.textContent.trim() !== '');
	const quote = (t) => `"${t.textContent.slice(0, 40)}"`;
	let min = Infinity;
	const small = [], overlaps = [], boxes = [];
	for (const t of texts) {
		const m = t.getScreenCTM();
		const px = parseFloat(getComputedStyle(t).fontSize) *
		    Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
		const r = t.getBoundingClientRect();
		min = Math.min(min, px);
		if (px < 11)
			small.push(`${quote(t)} ${px.toFixed(2)} px (box ` +
			    `${r.height.toFixed(1)} px high)`);
		for (const [u, q] of boxes)
			if (Math.min(r.right, q.right) -
			    Math.max(r.left, q.left) > 1 &&
			    Math.min(r.bottom, q.bottom) -
			    Math.max(r.top, q.top) > 1)
				overlaps.push(`${quote(u)} and ${quote(t)}`);
		boxes.push([t, r]);
	}
	return { n: texts.length, min, small, overlaps };
}

function sameStyle(a, b) {
	return a.outline === b.outline && a.shadow === b.shadow &&
	    a.bg === b.bg && a.border === b.border && a.color === b.color &&
	    a.deco === b.deco;
}

/* A focus style that shows: a ring, a shadow or a new background. */
function visibleFocus(rest, foc) {
	if (foc.outline !== 'none' && foc.outline !== rest.outline &&
	    !/ rgba\(0, 0, 0, 0\)$/.test(foc.outline))
		return true;
	if (foc.shadow !== 'none' && foc.shadow !== rest.shadow)
		return true;
	if (foc.bg !== rest.bg)
		return true;
	return false;
}

async function main() {
	let chromium, axeSource;
	try {
		({ chromium } = require('playwright-core'));
		axeSource = require('axe-core').source;
	} catch (e) {
		console.log('not ok - a11y: playwright-core and axe-core ' +
		    'installed (npm ci in tests/)');
		console.log(`#   ${e.message.split('\n')[0]}`);
		return 2;
	}
	const edir = path.join(opt.root, opt.year);
	let pages = fs.readdirSync(edir).filter((f) => f.endsWith('.html'))
	    .sort().map((f) => `${opt.year}/${f}`);
	pages.unshift('index.html', 'recherche.html');
	if (opt.pages)
		pages = opt.pages;

	const server = await serve(opt.root);
	const base = `http://127.0.0.1:${server.address().port}/`;
	let browser;
	try {
		browser = await chromium.launch({ executablePath: CHROMIUM,
		    headless: true, args: CHROMIUM_ARGS });
	} catch (e) {
		server.close();
		console.log(`not ok - a11y: Chromium starts (${CHROMIUM})`);
		console.log(`#   ${e.message.split('\n')[0]}`);
		return 2;
	}
	console.log(`# Chromium ${browser.version()}, playwright-core ` +
	    `${require('playwright-core/package.json').version}, axe-core ` +
	    `${require('axe-core').version}, ${base}`);
	try {
		await run(browser, base, pages, axeSource);
	} finally {
		await browser.close();
		server.close();
	}
	return 0;
}

async function run(browser, base, pages, axeSource) {
	const ctx = await browser.newContext({
		viewport: { width: 1280, height: 900 },
		locale: 'fr-FR',
		reducedMotion: 'reduce',
	});
	const loadProblems = [];
	/* Nothing from outside: the pages must stand alone. */
	await ctx.route('**/*', (route) => {
		const u = new URL(route.request().url());
		if (u.hostname === '127.0.0.1')
			return route.continue();
		loadProblems.push(`outside request: ${u.href}`);
		return route.abort();
	});
	const page = await ctx.newPage();
	let current = '';
	page.on('console', (m) => {
		if (m.type() === 'error')
			loadProblems.push(`${current}: console: ${m.text()}`);
	});
	page.on('pageerror', (e) =>
	    loadProblems.push(`${current}: ${e.message}`));
	page.on('requestfailed', (r) => {
		/* The browser gives up an icon's request when the next
		 * page loads, and a chart's when the viewport changes
		 * the file its <picture> chooses before the next page
		 * loads: no fault of the site (a missing one is a 404,
		 * below). */
		const u = r.url();
		if ((/\/(favicon\.(svg|png)|apple-touch-icon\.png)$/.test(u) ||
		    /\/charts\/[^/]*\.svg$/.test(u)) && r.failure() !== null &&
		    r.failure().errorText === 'net::ERR_ABORTED')
			return;
		if (new URL(r.url()).hostname === '127.0.0.1')
			loadProblems.push(`${current}: failed: ${r.url()}`);
	});
	/* Pages that ask for a script (only the search page may). */
	const scriptPages = new Set();
	page.on('request', (r) => {
		if (r.resourceType() === 'script')
			scriptPages.add(current.split('?')[0]);
	});
	page.on('response', (r) => {
		if (r.status() >= 400)
			loadProblems.push(`${current}: HTTP ${r.status()}: ` +
			    `${r.url()}`);
	});

	const axeProblems = [], skipProblems = [], tabProblems = [],
	    focusProblems = [], contrastProblems = [], chartProblems = [], statusProblems = [],
	    reflowProblems = [], narrowProblems = [];
	/* Each chart's file -> where it was shown narrowest: its width,
	 * the page and the screen's width.  Its text is smallest there
	 * (a text's size is proportional to the drawing's width), and
	 * whether two texts overlap does not depend on the width. */
	const narrowCharts = new Map();
	const skipNotes = [];
	let npasses = 0, nviol = 0, nnodes = 0, nfocus = 0, ncharts = 0, nbadges = 0;
	let nchartPages = 0;
	const incomplete = new Map(), undecided = [];

	/* axe-core, WCAG 2.0 and 2.1, levels A and AA, on the page as it
	 * is.  Evaluated through the DevTools protocol: the pages' CSP
	 * forbids scripts, and stays on. */
	async function axeRun(page, where, small) {
		if (await page.evaluate(() => window.axe === undefined)) {
			await page.evaluate(axeSource);
			/* 4.5:1 for every text, large text included (axe's
			 * default asks 3:1 of it). */
			await page.evaluate(() => {
				const o = window.axe._audit.checks[
				    'color-contrast'].options;
				window.axe.configure({ checks: [{
				    id: 'color-contrast', options: { ...o,
				    contrastRatio: { ...o.contrastRatio,
				    large: { ...o.contrastRatio.large,
				    expected: 4.5 } } } }] });
			});
		}
		const res = await page.evaluate(async (tags) => {
			const r = await window.axe.run(document, {
				runOnly: { type: 'tag', values: tags },
				resultTypes: ['violations', 'incomplete'],
			});
			const pick = (v) => ({ id: v.id, impact: v.impact,
			    help: v.help, nodes: v.nodes.map((n) => ({
				target: n.target.join(' '),
				summary: n.failureSummary || '' })) });
			return { violations: r.violations.map(pick),
			    incomplete: r.incomplete.map(pick),
			    passes: r.passes.length };
		}, AXE_TAGS);
		npasses += res.passes;
		for (const v of res.violations) {
			nviol++;
			for (const n of v.nodes) {
				nnodes++;
				axeProblems.push(`${where}: ${v.id} ` +
				    `(${v.impact}): ${v.help}: ${n.target}\n  ` +
				    n.summary.replace(/\n/g, ' '));
			}
		}
		/* What axe could not decide: at 1280 px the contrast of
		 * every text must be decided; at 320 px, cells scrolled
		 * out of their table's region cannot be, and are noted. */
		for (const v of res.incomplete)
			for (const n of v.nodes) {
				if (!small && v.id === 'color-contrast') {
					undecided.push(`${where}: ${n.target}: ` +
					    n.summary.replace(/\n/g, ' '));
					continue;
				}
				if (!incomplete.has(v.id))
					incomplete.set(v.id, []);
				incomplete.get(v.id).push(`${where}: ${n.target}`);
			}
	}

	/* A page, loaded: the search page asks for its index once loaded,
	 * and that request must end before the next page is asked for
	 * (else the browser aborts it, no fault of the site). */
	async function open(page, url) {
		const search = /\/recherche\.html(\?|$)/.test(url);
		await page.goto(url, { waitUntil: search ? 'networkidle' : 'load' });
	}

	for (const rel of pages) {
		current = rel;
		const url = base + rel;
		await page.setViewportSize({ width: 1280, height: 900 });
		await open(page, url);

		/* axe-core at 1280 px. */
		await axeRun(page, rel, false);

		/* Charts and statuses. */
		const ch = await page.evaluate(checkCharts);
		ncharts += ch.n;
		for (const p of ch.problems)
			chartProblems.push(`${rel}: ${p}`);
		const st = await page.evaluate(checkStatuses, STATUS_LABELS);
		nbadges += st.n;
		for (const p of st.problems)
			statusProblems.push(`${rel}: ${p}`);

		/* Tab through the whole page. */
		await page.evaluate(installHelpers);
		const els = await page.evaluate(markFocusable);
		const rest = await page.evaluate(() => window.__a11yRest);
		/* Each focus is recorded by a focusin listener: the keys
		 * go one after the other, the record is read once. */
		await page.evaluate(() => {
			window.__a11yLog = [];
			document.addEventListener('focusin', () =>
			    window.__a11yLog.push(window.__a11yFocused()), true);
		});
		for (let i = 0; i < els.length + 2; i++)
			await page.keyboard.press('Tab');
		const log = await page.evaluate(() => window.__a11yLog);
		const seen = [];
		for (const f of log) {
			if (f === null || f.k === null) {
				if (seen.length >= els.length)
					break;
				if (f !== null)
					tabProblems.push(`${rel}: Tab reaches ` +
					    `${f.desc}, not in the list of ` +
					    'focusable elements');
				continue;
			}
			const k = Number(f.k);
			if (seen.includes(k))
				break;
			if (seen.length > 0 && k < seen[seen.length - 1])
				tabProblems.push(`${rel}: focus order goes ` +
				    `back: ${f.desc} after ` +
				    `${els[seen[seen.length - 1]]}`);
			seen.push(k);
			nfocus++;
			if (!f.focusVisible)
				focusProblems.push(`${rel}: ${f.desc}: not ` +
				    ':focus-visible after Tab');
			if (!visibleFocus(rest[k], f.style))
				focusProblems.push(`${rel}: ${f.desc}: no ` +
				    'visible focus style (' +
				    JSON.stringify(f.style) + ')');
			const c = f.contrast;
			if ((c.text !== null && c.text < 4.5) || c.ring < 3)
				contrastProblems.push(`${rel}: ${f.desc}: ` +
				    `focused text ${c.text === null ? '-' :
				    c.text.toFixed(2)}:1 (4.5 needed), focus ` +
				    `indicator ${c.ring.toFixed(2)}:1 (3 needed)`);
			const b = f.box;
			if (b.w < 2 || b.h < 2 || b.x + b.w <= 0 ||
			    b.y + b.h <= 0 || b.x >= f.vw || b.y >= f.vh)
				focusProblems.push(`${rel}: ${f.desc}: ` +
				    'focused but off screen ' +
				    JSON.stringify(b));
		}
		const missed = els.filter((d, k) => !seen.includes(k));
		for (const d of missed)
			tabProblems.push(`${rel}: Tab never reaches ${d}`);

		/* axe-core again, on the small-screen layout. */
		await page.evaluate(() => document.activeElement.blur());
		await page.setViewportSize({ width: 320, height: 900 });
		await axeRun(page, `${rel} (320 px)`, true);
		/* Reflow, loaded afresh at 320 px, then widened to each
		 * width (a page with no chart at 320 px only): no sideways
		 * scrolling (tables scroll in their own region); each
		 * <picture> has chosen and loaded its file by the load
		 * event, or once its file is the one its media asks for. */
		for (const vw of ch.n === 0 ? [320] : CHART_VIEWPORTS) {
			await page.setViewportSize({ width: vw, height: 900 });
			if (vw === 320)
				await open(page, url);
			else
				await page.waitForFunction(chartsLoaded);
			const w = await page.evaluate(() =>
			    document.documentElement.scrollWidth);
			if (w > vw)
				reflowProblems.push(`${rel}: ${w} px wide at ` +
				    `${vw} px`);
			const nw = await page.evaluate(checkNarrow);
			for (const p of nw.problems)
				narrowProblems.push(`${rel}: ${p}`);
			for (const c of nw.charts)
				if (!narrowCharts.has(c.src) ||
				    c.w < narrowCharts.get(c.src).w)
					narrowCharts.set(c.src,
					    { ...c, page: rel });
		}
		nchartPages += ch.n === 0 ? 0 : 1;

		/* The skip link, from a fresh load.  A page with nothing
		 * to pass before its <main> (the review page) needs none. */
		await page.setViewportSize({ width: 1280, height: 900 });
		await open(page, url);
		const before = await page.evaluate(() => {
			const main = document.querySelector('main');
			if (main === null)
				return -1;
			return [...document.querySelectorAll('a[href], ' +
			    'button, input, select, textarea, [tabindex]')]
			    .filter((el) => el.tabIndex >= 0 &&
			    !el.classList.contains('skip') &&
			    (main.compareDocumentPosition(el) &
			    Node.DOCUMENT_POSITION_PRECEDING)).length;
		});
		if (before === 0 && await page.$('a.skip') === null) {
			skipNotes.push(rel);
			continue;
		}
		if (before === -1) {
			skipProblems.push(`${rel}: no <main>`);
			continue;
		}
		await page.keyboard.press('Tab');
		const first = await page.evaluate(() => {
			const el = document.activeElement;
			const r = el.getBoundingClientRect();
			return { cls: el.className, href: el.getAttribute('href'),
			    text: el.innerText.trim().slice(0, 60), top: r.top,
			    h: r.height, w: r.width };
		});
		if (first.cls !== 'skip' || first.href !== '#contenu') {
			skipProblems.push(`${rel}: the first Tab stop is ` +
			    `${JSON.stringify(first)}, not the skip link`);
			continue;
		}
		if (first.top < 0 || first.h < 8 || first.w < 20)
			skipProblems.push(`${rel}: the focused skip link is ` +
			    `not on screen ${JSON.stringify(first)}`);
		await page.keyboard.press('Enter');
		const after = await page.evaluate(() => ({
			tag: document.activeElement.tagName,
			id: document.activeElement.id,
			hash: location.hash,
		}));
		if (after.tag !== 'MAIN' || after.id !== 'contenu')
			skipProblems.push(`${rel}: after Enter on the skip ` +
			    `link, focus is on ${after.tag}#${after.id}`);
		await page.keyboard.press('Tab');
		const inMain = await page.evaluate(() =>
		    document.querySelector('main').contains(
		    document.activeElement));
		if (!inMain)
			skipProblems.push(`${rel}: Tab after the skip link ` +
			    'leaves <main>');

	}

	/* Screenshots, for people to look at. */
	fs.mkdirSync(opt.shots, { recursive: true });
	const shots = [];
	for (const rel of [`${opt.year}/index.html`,
	    `${opt.year}/${opt.measure}`]) {
		current = rel;
		for (const w of [390, 1280]) {
			await page.setViewportSize({ width: w, height: 900 });
			await page.goto(base + rel, { waitUntil: 'load' });
			const f = path.join(opt.shots,
			    `${path.basename(rel, '.html')}-${w}.png`);
			await page.screenshot({ path: f, fullPage: true });
			shots.push(f);
		}
	}
	/* The search page finds each word given as YEAR:word among the
	 * pages of that edition; no other page asks for a script. */
	const searchProblems = [];
	for (const yw of opt.search || []) {
		const [year, word] = yw.split(':');
		current = `recherche.html?q=${word}`;
		await page.goto(base + 'recherche.html?q=' +
		    encodeURIComponent(word), { waitUntil: 'load' });
		try {
			await page.waitForSelector('#search-results li',
			    { timeout: 20000 });
		} catch (e) {
			searchProblems.push(`${word}: no result`);
			continue;
		}
		const hrefs = await page.$$eval('#search-results a',
		    (as) => as.map((a) => a.getAttribute('href')));
		if (!hrefs.some((h) => h.startsWith(`${year}/`)))
			searchProblems.push(`${word}: no page of ${year} in ` +
			    hrefs.join(' '));
		/* The words the script takes from the form, filled in. */
		const said = await page.$eval('#search-status',
		    (e) => e.textContent);
		const byline = await page.$eval('#search-results .byline',
		    (e) => e.textContent);
		if (!new RegExp(`^\\d+ pages? pour «\u00a0${word}\u00a0»\\.$`)
		    .test(said) || !/^Rapport d’évaluation \d{4}$/.test(byline))
			searchProblems.push(`${word}: status "${said}", ` +
			    `byline "${byline}"`);
	}
	for (const s of scriptPages)
		if (s !== 'recherche.html')
			searchProblems.push(`${s} loads a script`);
	if (opt.search)
		report('a11y: the search page finds a word of each edition ' +
		    `(${opt.search.join(', ')}) and says how many pages; no ` +
		    'other page loads a script', searchProblems);

	/* Each chart opened alone (« Agrandir le graphique »), served with
	 * the site's headers: nothing refused, no shape painted black
	 * unless its own colour is black. */
	const chartDir = path.join(opt.root, opt.year, 'charts');
	const svgs = opt.pages ? [] : (fs.existsSync(chartDir) ?
	    fs.readdirSync(chartDir).filter((f) => f.endsWith('.svg')).sort() :
	    []);
	const svgProblems = [];
	for (const f of svgs) {
		current = `${opt.year}/charts/${f}`;
		const before = loadProblems.length;
		await page.goto(base + current, { waitUntil: 'load' });
		const black = await page.evaluate(() => {
			let n = 0;
			for (const el of document.querySelectorAll(
			    'rect, path, circle, polygon, polyline')) {
				/* Clip paths and definitions are not
				 * painted. */
				if (el.closest('clipPath, mask, defs'))
					continue;
				const src = el.closest('[fill]');
				const own = src ? src.getAttribute('fill') : '';
				if (getComputedStyle(el).fill === 'rgb(0, 0, 0)' &&
				    !/^(#000|#000000|black|rgb\(0%, ?0%, ?0%\))$/
				    .test(own))
					n++;
			}
			return n;
		});
		if (black > 0)
			svgProblems.push(`${current}: ${black} shapes black`);
		for (const p of loadProblems.slice(before))
			svgProblems.push(p);
	}
	/* Each chart's file as shown narrowest: opened alone at the width
	 * its <img> had, every text measured. */
	const textProblems = [];
	let ntexts = 0, minpx = Infinity;
	for (const c of [...narrowCharts.values()].sort((a, b) =>
	    a.src < b.src ? -1 : 1)) {
		current = c.src;
		const name = `${c.src.replace(base, '')} at ${c.w} px ` +
		    `(${c.page} at ${c.vw} px)`;
		await page.setViewportSize({ width: 320, height: 900 });
		try {
			await page.goto(c.src, { waitUntil: 'load' });
		} catch (e) {
			textProblems.push(`${name}: does not open: ` +
			    e.message.split('\n')[0]);
			continue;
		}
		const t = await page.evaluate(checkChartText, c.w);
		ntexts += t.n;
		minpx = Math.min(minpx, t.min);
		if (t.n === 0)
			textProblems.push(`${name}: no text found`);
		for (const p of t.small)
			textProblems.push(`${name}: ${p}`);
		for (const p of t.overlaps)
			textProblems.push(`${name}: overlap: ${p}`);
	}
	await ctx.close();
	const list = (ws) => `${ws.slice(0, -1).join(', ')} and ` +
	    `${ws[ws.length - 1]} px`;
	const at = list(CHART_VIEWPORTS);
	const too = `at ${list(CHART_VIEWPORTS.slice(1))} too on the ` +
	    `${nchartPages} pages with charts`;
	report('a11y: at 320 px no table or figure is wider than the ' +
	    `viewport outside a scroll container (${pages.length} pages), ` +
	    `${too}, each chart in its file's proportions`, narrowProblems);
	report(`a11y: at ${at} every chart's text is 11 CSS px or more, ` +
	    'no two texts overlap', narrowCharts.size === 0 ?
	    ['no chart found'] : textProblems,
	    `${narrowCharts.size} files, each where it is shown narrowest, ` +
	    `${ntexts} texts, smallest ${minpx.toFixed(2)} px`);
	report('a11y: every chart opened alone is drawn under the site\'s ' +
	    'Content-Security-Policy header', svgs.length === 0 && !opt.pages ?
	    ['no chart found'] : svgProblems, `${svgs.length} charts`);

	const n = pages.length;
	report(`a11y: ${n} pages load with no error and nothing from outside`,
	    loadProblems);
	report(`a11y: axe-core ${AXE_TAGS.join(',')}: 0 violations on ` +
	    `${n} pages, at 1280 and 320 px`, axeProblems.length === 0 ?
	    (npasses === 0 ? ['axe-core passed no rule: did it run?'] : []) :
	    [`${nviol} rule violations, ${nnodes} elements`,
	    ...axeProblems], `${npasses} rules passed in all`);
	report('a11y: axe-core decides the contrast of every text at 1280 px',
	    undecided);
	report('a11y: the skip link is the first Tab stop and moves focus ' +
	    `to <main> (${n - skipNotes.length} pages)`, skipProblems);
	for (const rel of skipNotes)
		console.log(`# ${rel}: nothing focusable before <main>, no ` +
		    'skip link needed');
	report(`a11y: Tab reaches every link and control in document order ` +
	    `(${n} pages)`, tabProblems, `${nfocus} Tab stops`);
	report('a11y: every Tab stop shows a visible focus style',
	    focusProblems, `${nfocus} checked`);
	report('a11y: focus contrast: focused text 4.5:1 and its focus ' +
	    'indicator 3:1 against their backgrounds', contrastProblems,
	    `${nfocus} checked`);
	report('a11y: every chart has a text alternative with its data, then ' +
	    'its data table', ncharts === 0 ? ['no chart found'] :
	    chartProblems, `${ncharts} charts`);
	report('a11y: statuses named in words, never by colour alone',
	    nbadges === 0 ? ['no status badge found'] : statusProblems,
	    `${nbadges} badges`);
	report(`a11y: no sideways scrolling at 320 px (${n} pages), ${too}`,
	    reflowProblems);
	for (const [id, list] of incomplete)
		console.log(`# axe-core could not decide ${id} on ` +
		    `${list.length} elements, e.g. ${list[0]}`);
	console.log(`# screenshots: ${shots.join(' ')}`);
}

/* A browser that hangs must not hang the test suite. */
const WATCHDOG = 300;
setTimeout(() => {
	console.log('not ok - a11y: the browser checks ended within ' +
	    `${WATCHDOG} s`);
	process.exit(0);
}, WATCHDOG * 1000).unref();

main().then((rc) => process.exit(rc), (e) => {
	console.log('not ok - a11y: the browser checks ran to the end');
	console.log(`#   ${String(e.stack || e).split('\n').slice(0, 5)
	    .join('\n#   ')}`);
	process.exit(0);
});
