/*
 * rapporteur: the site's search page, the only script of the site.  It
 * reads the index the form names (data-index: every measure page and
 * part of every edition as plain text), and lists the pages that hold
 * every word of the query at the start of a word, case and accents
 * ignored, most matches first, newest edition first among equals.  Its
 * words are the form's too (data-empty, data-none…), in the site's
 * language: this file is the same in every language.  Without it the
 * page says so and links the site map.  No framework, no storage, no
 * request but the index.
 */
'use strict';
(function () {
	const form = document.getElementById('search-form');
	const input = document.getElementById('q');
	const status = document.getElementById('search-status');
	const list = document.getElementById('search-results');
	let pages = null;

	/* One of the form's words, {n}, {q} and {y} filled in. */
	function say(name, v) {
		return form.dataset[name].replace(/\{([nqy])\}/g,
		    (m, k) => String(v[k]));
	}

	/* Lower case, accents dropped, one code unit for one: a match in
	 * the folded text is at the same place in the text. */
	function fold(s) {
		let out = '';
		for (const c of s.split(''))
			out += c.normalize('NFD').charAt(0).toLowerCase()
			    .charAt(0) || c;
		return out;
	}

	function words(q) {
		return fold(q).split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
	}

	/* The next place from i where a word starts with w: "ac" finds
	 * "accueil", not "places". */
	function find(text, w, i) {
		for (i = text.indexOf(w, i); i > 0; i = text.indexOf(w, i + 1))
			if (!/[\p{L}\p{N}]/u.test(text.charAt(i - 1)))
				break;
		return i;
	}

	function count(text, w) {
		let n = 0;
		for (let i = find(text, w, 0); i >= 0; i = find(text, w, i + 1))
			n++;
		return n;
	}

	/* About 200 characters around the first match, the words marked. */
	function excerpt(p, ws) {
		const at = Math.max(0, find(p.f, ws[0], 0) - 80);
		const end = Math.min(p.x.length, at + 220);
		const frag = document.createDocumentFragment();
		const text = p.x.slice(at, end), ftext = p.f.slice(at, end);
		let i = 0;
		if (at > 0)
			frag.append('… ');
		while (i < text.length) {
			let next = -1, len = 0;
			for (const w of ws) {
				const k = find(ftext, w, i);
				if (k >= 0 && (next < 0 || k < next)) {
					next = k;
					len = w.length;
				}
			}
			if (next < 0) {
				frag.append(text.slice(i));
				break;
			}
			frag.append(text.slice(i, next));
			const m = document.createElement('mark');
			m.textContent = text.slice(next, next + len);
			frag.append(m);
			i = next + len;
		}
		if (end < p.x.length)
			frag.append(' …');
		return frag;
	}

	function show(q) {
		const ws = words(q);
		list.textContent = '';
		if (ws.length === 0) {
			status.textContent = say('empty', {});
			return;
		}
		const hits = [];
		for (const p of pages) {
			let score = 0;
			for (const w of ws) {
				const n = count(p.f, w);
				if (n === 0) {
					score = 0;
					break;
				}
				score += n;
			}
			if (score > 0)
				hits.push({ score, p });
		}
		hits.sort((a, b) => b.score - a.score || b.p.y - a.p.y);
		const n = hits.length;
		status.textContent = say(n === 0 ? 'none' : n === 1 ? 'one' :
		    'other', { n, q });
		for (const { p } of hits.slice(0, 100)) {
			const li = document.createElement('li');
			const h = document.createElement('h2');
			const a = document.createElement('a');
			a.href = p.u;
			a.textContent = p.t;
			h.append(a);
			const ed = document.createElement('p');
			ed.className = 'byline';
			ed.textContent = say('byline', { y: p.y });
			const ex = document.createElement('p');
			ex.append(excerpt(p, ws));
			li.append(h, ed, ex);
			list.append(li);
		}
	}

	form.addEventListener('submit', (ev) => {
		ev.preventDefault();
		if (pages === null)
			return;
		history.replaceState(null, '', '?q=' +
		    encodeURIComponent(input.value));
		show(input.value);
	});

	fetch(form.dataset.index).then((r) => r.json()).then((data) => {
		pages = data.pages.map((p) => ({ ...p, f: fold(p.x) }));
		document.getElementById('search-noscript').hidden = true;
		form.hidden = false;
		const q = new URLSearchParams(location.search).get('q');
		if (q) {
			input.value = q;
			show(q);
		}
	}).catch(() => {
		status.textContent = say('error', {});
	});
})();
