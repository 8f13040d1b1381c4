#!/bin/sh
# Hostile input and a hostile system, for what does not fit tests/bad/:
# huge files, quadratic traps, output safety, the file system (unreadable,
# not writable, full, a killed build), and the fuzz corpora replayed
# through the harnesses (tests/fuzz/).  Every run is under `timeout`, a
# generous bound that catches a hang or a blow-up, never a duration to
# meet.  Limits are those of gen/extern.h, documented in README "Limits".
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 1
chmod 755 "$WORK"

# mini NAME: a copy of the fixture in NAME/content.
mini() {
	rm -rf "$1"
	mkdir -p "$1"
	cp -R "$TOP/tests/fixtures/mini" "$1/content"
}

# run SECONDS NAME ARGS...: the tool in folder NAME, stderr in NAME.err,
# exit status in $st (124: the time bound was hit).
run() {
	t=$1
	d=$2
	shift 2
	(cd "$d" && timeout "$t" "$BIN" "$@") >"$d.out" 2>"$d.err"
	st=$?
}

# expect NAME STATUS LINE: passes if the last run exited with STATUS and
# printed LINE (exactly) on stderr.
expect() {
	if [ "$st" = "$2" ] && grep -qxF -- "$3" "$1.err"; then
		pass "$1"
	else
		fail "$1" "status $st, want $2; want the line: $3" \
		    "$(head -c 1500 "$1.err")"
	fi
}

# as_user SECONDS ARGS...: runs the tool as an ordinary user (permissions
# do not bind root), from a copy that user can run wherever the clone is.
UBIN=$BIN
if [ "$(id -u)" = 0 ]; then
	cp "$BIN" "$WORK/rapporteur" && chmod 755 "$WORK/rapporteur"
	UBIN=$WORK/rapporteur
fi
as_user() {
	t=$1
	shift
	if [ "$(id -u)" = 0 ]; then
		timeout "$t" setpriv --reuid=65534 --regid=65534 \
		    --clear-groups "$UBIN" "$@"
	else
		timeout "$t" "$BIN" "$@"
	fi
}

# ---- the fuzz corpora and the crashes once found ----

for n in indicators plan md layout chart typo num; do
	r=$TOP/tests/fuzz/bin/replay-$n
	set -- "$TOP/tests/fuzz/corpus/$n"
	[ -d "$TOP/tests/fuzz/regress/$n" ] && set -- "$@" \
	    "$TOP/tests/fuzz/regress/$n"
	if [ ! -x "$r" ]; then
		fail "fuzz corpus replays: $n" "no $r (make test builds it)"
	elif timeout 600 "$r" "$@" >replay.log 2>&1; then
		pass "fuzz corpus replays: $n"
	else
		fail "fuzz corpus replays: $n" "$(tail -30 replay.log)"
	fi
done

# ---- huge files: refused before they are parsed ----

mini huge-xml
{ printf '<?xml version="1.0"?>\n<indicators measure="m01"><!--'
  head -c 50000000 /dev/zero | tr '\0' x
  printf -- '--></indicators>\n'; } > huge-xml/content/indicators/m01.xml
n=$(wc -c < huge-xml/content/indicators/m01.xml)
run 60 huge-xml check --content content
expect huge-xml 1 "content/indicators/m01.xml: error: file too large ($n bytes; at most 8388608)"

mini huge-md
{ printf '## Titre\n\n'; head -c 50000000 /dev/zero | tr '\0' a; echo; } \
    > huge-md/content/editions/2016/measures/m01.md
n=$(wc -c < huge-md/content/editions/2016/measures/m01.md)
run 60 huge-md check --content content
expect huge-md 1 "content/editions/2016/measures/m01.md: error: file too large ($n bytes; at most 8388608)"

# ---- big but allowed: linear time ----

# 7 MB of indicators: 64 x 24 categories x 150 values, every value for
# the same year.  Each diagnostic names a column: one scan of the file
# per diagnostic took minutes.
gen_values() {
	awk -v oneline="$1" 'BEGIN {
		nl = oneline ? " " : "\n"
		printf "<?xml version=\"1.0\"?>\n<indicators measure=\"m01\">" nl
		for (i = 0; i < 64; i++) {
			printf "<indicator id=\"i%d\" unit=\"x\" direction=\"higher\"><label>L</label><definition>D</definition><source>S</source>" nl, i
			for (k = 0; k < 24; k++) {
				printf "<category id=\"c%d\" label=\"C\">" nl, k
				for (v = 0; v < 150; v++)
					printf "<value year=\"2014\">%d</value>" nl, v
				printf "</category>" nl
			}
			printf "</indicator>" nl
		}
		print "<assessment year=\"2016\" status=\"partial\">x</assessment></indicators>"
	}'
}
mini many-values
gen_values 0 > many-values/content/indicators/m01.xml
run 120 many-values check --content content
expect many-values 1 "content/indicators/m01.xml:6:1: error: second value for 2014 (first at line 5)"
mini many-values-one-line
gen_values 1 > many-values-one-line/content/indicators/m01.xml
run 120 many-values-one-line check --content content
if [ $st = 1 ] && [ "$(grep -c '^content/indicators/m01.xml:2:[0-9]*: error: second value for 2014 (first at line 2)$' \
    many-values-one-line.err)" = 228864 ]; then
	pass "many-values-one-line"
else
	fail "many-values-one-line" "status $st" "$(head -5 many-values-one-line.err)"
fi

# 130,000 assessments: the duplicate check was quadratic.
mini many-assessments
{ echo '<?xml version="1.0"?>'; echo '<indicators measure="m01">'
  yes '  <assessment year="2016" status="partial">x</assessment>' | \
      head -n 130000
  echo '</indicators>'; } > many-assessments/content/indicators/m01.xml
run 60 many-assessments check --content content
expect many-assessments 1 "content/indicators/m01.xml:53:3: error: more than 50 assessments"

# A Markdown line of 1 MB (just under the limit) of prose, then of one
# word thick with punctuation: French spacing looked at the whole word
# for each mark (hours).  Both are refused, quickly, as paragraphs too
# long for the PDF engine.
mini long-line
{ printf '## Titre\n\n'
  yes 'Un mot "cité" ; voilà : oui ! 12,5 % ' | head -c 1000000 | tr -d '\n'
  echo; } > long-line/content/editions/2016/measures/m01.md
{ printf '## Titre\n\n'; yes 'a?b:c;d!' | head -c 1000000 | tr -d '\n'
  echo; } > long-line/content/editions/2016/measures/m02.md
run 120 long-line check --content content
if [ $st = 1 ] && [ "$(cat long-line.err)" = "content/editions/2016/measures/m01.md:3:1: error: paragraph of more than 32768 bytes
content/editions/2016/measures/m02.md:3:1: error: paragraph of more than 32768 bytes" ]
then pass "long-line: check"
else fail "long-line: check" "status $st" "$(head -5 long-line.err)"; fi

# Paragraphs just under the limit, of the punctuation pango breaks
# slowest, build.
mini dense-paragraph
for m in 01:'a]' 02:'[ a_' 03:'a?b:c;d! '; do
	awk -v p="${m#*:}" 'BEGIN { printf "## Titre\n\n"; n = 0
	    while (n + length(p) <= 32000) { printf "%s", p; n += length(p) }
	    print "" }' > dense-paragraph/content/editions/2016/measures/m${m%%:*}.md
done
run 600 dense-paragraph build --quiet --content content --out out
if [ $st = 0 ] && [ -s dense-paragraph/out/2016/rapport-2016.pdf ] &&
    [ -s dense-paragraph/out/2016/mesure-01.html ]; then
	pass "dense-paragraph: build"
else
	fail "dense-paragraph: build" "status $st" "$(head -5 dense-paragraph.err)"
fi

# A 32,000-character run with no place to break, the longest paragraph
# allowed: builds, the run whole in the PDF's text, line after line, and
# the break opportunities the layout adds to it (U+200B) never extracted.
# tests/unit-layout.c checks that pango sees one every 72 characters.
mini unbreakable
awk 'BEGIN { printf "## Titre\n\nDébut "
    for (i = 0; i < 32000; i++) printf "%c", 97 + i % 26
    print " fin." }' > unbreakable/content/editions/2016/measures/m02.md
run 600 unbreakable build --quiet --format pdf --content content --out out
awk 'BEGIN { printf "Début"; for (i = 0; i < 32000; i++)
    printf "%c", 97 + i % 26; print "fin." }' > unbreakable.want
if [ $st = 0 ] && pdftotext -raw -enc UTF-8 -x 0 -y 62 -W 596 -H 735 \
    unbreakable/out/2016/rapport-2016.pdf - | tr -d ' \n\f' |
    grep -qF "$(cat unbreakable.want)"; then
	pass "unbreakable: a 32,000-character run builds, whole in the PDF"
else
	fail "unbreakable: a 32,000-character run builds, whole in the PDF" \
	    "status $st" "$(head -5 unbreakable.err)"
fi

# 1000 inline elements in one paragraph, the most allowed, each a link
# of its own: builds.
mini many-spans
{ printf '## Titre\n\n'; awk 'BEGIN { for (i = 1; i <= 1000; i++)
  printf "[lien %d](https://example.org/%d) ", i, i; print "" }'; } \
    > many-spans/content/editions/2016/measures/m01.md
run 600 many-spans build --quiet --content content --out out
if [ $st = 0 ] && [ -s many-spans/out/2016/rapport-2016.pdf ]; then
	pass "many-spans: build"
else
	fail "many-spans: build" "status $st" "$(head -5 many-spans.err)"
fi

# One image shown 300 times on one page, again on another, and the same
# bytes under another name: one copy in the site (named by its hash), one
# image object in the PDF (every placement of it the same object).
mini images
mkdir images/content/images
cp "$TOP/tests/pdf/figure.png" images/content/images/a.png
cp "$TOP/tests/pdf/figure.png" images/content/images/b.png
awk 'BEGIN { printf "## Titre\n\n"; for (i = 1; i <= 300; i++)
    printf "![Figure %d](../../../images/a.png)\n\n", i
    print "![Autre nom](../../../images/b.png)" }' \
    > images/content/editions/2016/measures/m01.md
printf '## Titre\n\n![Encore](../../../images/a.png)\n' \
    > images/content/editions/2016/measures/m02.md
run 600 images build --quiet --content content --out out
h=$(sha256sum "$TOP/tests/pdf/figure.png" | cut -c1-16)
pdfimages -list images/out/2016/rapport-2016.pdf 2>/dev/null |
    awk 'NR > 2 { print $11 }' | sort | uniq -c >images.objs
if [ $st = 0 ] && [ "$(ls images/out/2016/img)" = "$h.png" ] &&
    [ "$(grep -c "src=\"img/$h.png\"" images/out/2016/mesure-01.html)" = 301 ] &&
    grep -q "src=\"img/$h.png\"" images/out/2016/mesure-02.html &&
    [ "$(wc -l <images.objs)" = 1 ] &&
    [ "$(awk '{ print $1 }' images.objs)" = 302 ]; then
	pass "images: one copy in the site, one object in the PDF for 302 placements"
else
	fail "images: one copy in the site, one object in the PDF" "status $st" \
	    "$(ls images/out/2016/img)" "$(cat images.objs)" "$(head -5 images.err)"
fi

# -0 reads as 0, never shown as "-0".
mini negative-zero
sed -i 's|<value year="2014">10</value>|<value year="2014">-0</value>|' \
    negative-zero/content/indicators/m01.xml
run 60 negative-zero tree --content content
if [ $st = 0 ] && grep -q ': 2014=0 2015=12.5' negative-zero.out; then
	pass "negative-zero"
else
	fail "negative-zero" "status $st" "$(cat negative-zero.out negative-zero.err | head)"
fi

# ---- output safety: nothing from the content runs in a reader's browser ----

mini unsafe
cat > unsafe/content/editions/2016/measures/m01.md <<'EOF'
## Titre <script>alert(1)</script>

<script>alert(2)</script>

<img src="x" onerror="alert(3)"><iframe src="https://example.org/"></iframe>

Texte <a href="javascript:alert(4)" onclick="alert(5)">lien</a>,
<svg onload="alert(6)"/>, &lt;script&gt;alert(7)&lt;/script&gt; et
[un lien](https://example.org/"onmouseover="alert(8) "titre \" onfocus=\"alert(9)").
EOF
sed -i 's|<label>Victimes identifiées</label>|<label>Victimes \&lt;script\&gt;alert(10)\&lt;/script\&gt;</label>|
s|unit="personnes"|unit="\&quot;\&gt;\&lt;script\&gt;alert(11)\&lt;/script\&gt;"|
s|<source>Source d’essai</source>|<source url="https://example.org/?q=\&quot;\&gt;\&lt;script\&gt;">Source \&lt;b onmouseover=alert(12)\&gt;</source>|' \
    unsafe/content/indicators/m01.xml
sed -i 's|Justification d’essai.|\&lt;script\&gt;alert(13)\&lt;/script\&gt;|' \
    unsafe/content/indicators/m02.xml
run 300 unsafe build --quiet --content content --out out
if [ $st = 0 ]; then pass "unsafe: builds (raw HTML is a warning)"
else fail "unsafe: builds (raw HTML is a warning)" "status $st" "$(head -5 unsafe.err)"; fi
# No script element, no event handler attribute, no javascript: address
# in any page or SVG file, as a browser parses them (libxml2's HTML and
# XML parsers: text that only looks like markup does not count).
# xcount FILE XPATH: how many nodes of FILE the XPath selects.
xcount() {
	case $1 in
	*.html)	xmllint --html --xpath "count($2)" "$1" 2>/dev/null ;;
	*)	xmllint --xpath "count($2)" "$1" 2>/dev/null ;;
	esac
}
# unsafe_nodes NAME XPATH: a test that no page or SVG has such a node.
# (out/recherche.html, the search page, is checked apart: one script,
# its own.)
unsafe_nodes() {
	found=
	for f in $(find unsafe/out \( -name '*.html' -o -name '*.svg' \) \
	    ! -path unsafe/out/recherche.html | sort); do
		n=$(xcount "$f" "$2")
		[ "$n" = 0 ] || found="$found ${f#unsafe/out/}($n)"
	done
	if [ -z "$found" ] && [ -n "$(find unsafe/out -name '*.html')" ]
	then pass "unsafe: $1"
	else fail "unsafe: $1" "$found"; fi
}
unsafe_nodes "no script, iframe, object or embed element" \
    '//*[local-name()="script" or local-name()="iframe" or local-name()="object" or local-name()="embed"]'
unsafe_nodes "no event handler attribute" '//@*[starts-with(local-name(),"on")]'
unsafe_nodes "no javascript: or vbscript: address" \
    '//@*[(local-name()="href" or local-name()="src" or local-name()="action" or local-name()="formaction" or local-name()="data") and (starts-with(translate(normalize-space(.),"JAVSCRIPTB","javscriptb"),"javascript:") or starts-with(translate(normalize-space(.),"JAVSCRIPTB","javscriptb"),"vbscript:"))]'
n=$(xcount unsafe/out/recherche.html '//*[local-name()="script"]')
m=$(xcount unsafe/out/recherche.html '//*[local-name()="script" and @src="assets/recherche.js" and not(normalize-space(.))]')
if [ "$n" = 1 ] && [ "$m" = 1 ]; then
	pass "unsafe: the search page's one script is the site's own file"
else fail "unsafe: the search page's one script is the site's own file" "$n $m"; fi
# Every page forbids scripts: a Content-Security-Policy meta tag with
# default-src 'none' (or script-src 'none'); the search page allows
# only scripts from the site.
bad=
grep -q "content=\"default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'\"" \
    unsafe/out/recherche.html || bad=unsafe/out/recherche.html
for f in $(find unsafe/out -name '*.html' ! -path unsafe/out/recherche.html | sort); do
	csp=$(grep -o '<meta http-equiv="Content-Security-Policy" content="[^"]*"' "$f")
	case $csp in
	*"script-src 'none'"*) ;;
	*"default-src 'none'"*)
		case $csp in *script-src*) bad="$bad $f" ;; esac ;;
	*) bad="$bad $f" ;;
	esac
done
if [ -z "$bad" ] && [ -n "$(find unsafe/out -name '*.html')" ]; then
	pass "unsafe: every page has a CSP that forbids scripts"
else
	fail "unsafe: every page has a CSP that forbids scripts" "$bad"
fi
# The PDF carries no script and no action that launches anything.
if qpdf --qdf --object-streams=disable unsafe/out/2016/rapport-2016.pdf \
    unsafe.qdf >/dev/null 2>&1 || [ $? = 3 ]; then
	if grep -aqE '/(JavaScript|JS|Launch|SubmitForm|ImportData)[^a-zA-Z]' \
	    unsafe.qdf
	then fail "unsafe: no script or launch action in the PDF"
	else pass "unsafe: no script or launch action in the PDF"; fi
else
	fail "unsafe: no script or launch action in the PDF" "qpdf failed"
fi

# ---- the file system ----

# An unreadable folder (permissions only bind an ordinary user).
mini unreadable-dir
chmod 000 unreadable-dir/content/indicators
(cd unreadable-dir && as_user 60 check --content content) \
    >unreadable-dir.out 2>unreadable-dir.err
st=$?
chmod 755 unreadable-dir/content/indicators
expect unreadable-dir 1 "content/indicators: error: cannot read the indicators folder: Permission denied"
if grep -q 'has no indicator file' unreadable-dir.err; then
	fail "unreadable-dir: not reported as missing files" "$(cat unreadable-dir.err)"
else pass "unreadable-dir: not reported as missing files"; fi

# A build into out/ that a failure must leave as it was: build once, then
# change a narrative so that a rebuild has something to write.
# before NAME: builds NAME/out and keeps a copy in NAME/before.
before() {
	(cd "$1" && "$BIN" build --quiet --content content --out out) \
	    >/dev/null 2>&1 || fail "$1: first build"
	cp -Rp "$1/out" "$1/before"
	printf '## Nouveau\n\nTexte changé.\n' \
	    > "$1/content/editions/2016/measures/m02.md"
}
# intact NAME [killed]: out/ is byte for byte the first build's, and
# no temporary folder is left beside it (but by a killed build).
intact() {
	if diff -r "$1/before" "$1/out" >"$1.diff" 2>&1 &&
	    { [ -n "$2" ] || ! ls "$1" | grep -q '^out\.tmp'; }; then
		pass "$1: previous out/ intact"
	else
		fail "$1: previous out/ intact" "$(head -20 "$1.diff")" "$(ls "$1")"
	fi
}

# out/ not writable (its parent is).
mini readonly-out
before readonly-out
chown -R 65534 readonly-out 2>/dev/null
chmod -R a-w readonly-out/out
(cd readonly-out && as_user 300 build --quiet \
    --content content --out out) >readonly-out.out 2>readonly-out.err
st=$?
chmod -R u+w readonly-out/out
if [ $st = 3 ] && grep -q '^rapporteur: .*Permission denied$' readonly-out.err
then pass "readonly-out: status 3 and a message"
else fail "readonly-out: status 3 and a message" "status $st" "$(cat readonly-out.err)"; fi
intact readonly-out

# The folder that holds out/ not writable: no temporary folder can be
# made beside it.
mini readonly-parent
before readonly-parent
chmod a-w readonly-parent
(cd readonly-parent && as_user 300 build --quiet \
    --content content --out out) >readonly-parent.out 2>readonly-parent.err
st=$?
chmod u+w readonly-parent
if [ $st = 3 ] && grep -q '^rapporteur: cannot create the lock file beside out: Permission denied$' readonly-parent.err
then pass "readonly-parent: status 3 and a message"
else fail "readonly-parent: status 3 and a message" "status $st" "$(cat readonly-parent.err)"; fi
intact readonly-parent

# A folder inside out/ not writable: the old tree could not be removed
# after the switch, so the build stops before it.
mini readonly-subfolder
before readonly-subfolder
sed -i 's|<value year="2014">10</value>|<value year="2014">11</value>|' \
    readonly-subfolder/content/indicators/m02.xml
chown -R 65534 readonly-subfolder 2>/dev/null
chmod a-w readonly-subfolder/out/2016/data
(cd readonly-subfolder && as_user 300 build --quiet --content content \
    --out out) >readonly-subfolder.out 2>readonly-subfolder.err
st=$?
chmod u+w readonly-subfolder/out/2016/data
if [ $st = 3 ] && grep -qx 'rapporteur: out/2016/data: Permission denied' readonly-subfolder.err
then pass "readonly-subfolder: status 3 and a message"
else fail "readonly-subfolder: status 3 and a message" "status $st" "$(cat readonly-subfolder.err)"; fi
intact readonly-subfolder

# --out names a file: refused.
mini out-is-file
echo texte > out-is-file/out
run 300 out-is-file build --quiet --content content --out out
if [ $st = 2 ] && [ "$(cat out-is-file/out)" = texte ] &&
    grep -qx 'rapporteur: --out out: not a folder' out-is-file.err &&
    ! ls out-is-file | grep -q '^out\.tmp'; then
	pass "out-is-file: status 2, the file left alone"
else
	fail "out-is-file: status 2, the file left alone" "status $st" "$(cat out-is-file.err)"
fi

# The disk fills up: a file size limit (writes fail with EFBIG, SIGXFSZ
# ignored), then, where this user may mount one, a 300 KB tmpfs (ENOSPC).
mini disk-full
before disk-full
(cd disk-full && trap '' XFSZ && ulimit -f 40 &&
    timeout 300 "$BIN" build --quiet --content content --out out) \
    >disk-full.out 2>disk-full.err
st=$?
if [ $st = 3 ] && grep -q '^rapporteur: .*: File too large$' disk-full.err
then pass "disk-full: status 3 and a message"
else fail "disk-full: status 3 and a message" "status $st" "$(cat disk-full.err)"; fi
intact disk-full

mkdir tiny
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=300k tmpfs tiny 2>/dev/null
then
	trap 'umount "$WORK/tiny" 2>/dev/null; chmod -R u+rwX "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
	cp -R "$TOP/tests/fixtures/mini" tiny/content
	# The content takes room too: fill what is left but 100 KB.
	avail=$(df -k tiny | awk 'NR == 2 { print $4 }')
	head -c $(( (avail - 100) * 1024 )) /dev/zero > tiny/filler 2>/dev/null
	run 300 tiny build --quiet --content content --out out
	if [ $st = 3 ] && grep -q 'No space left on device' tiny.err &&
	    [ ! -e tiny/out ] && ! ls tiny | grep -q '^out\.tmp'; then
		pass "tmpfs-full: status 3, nothing left behind"
	else
		fail "tmpfs-full: status 3, nothing left behind" "status $st" \
		    "$(cat tiny.err)" "$(ls tiny)"
	fi
	umount tiny
else
	pass "tmpfs-full # SKIP cannot mount a tmpfs here"
fi

# The build killed half way (SIGKILL while it renders, once its
# temporary folder holds files): out/ is the previous build's, and the
# next build succeeds.
rm -rf killed && mkdir killed && cp -R "$TOP/content" killed/content
(cd killed && "$BIN" build --quiet --jobs 1 --content content --out out) \
    >/dev/null 2>&1 || fail "killed: first build"
cp -Rp killed/out killed/before
sed -i 's/^## .*/& (révisé)/' killed/content/editions/*/measures/*.md
(cd killed && exec "$BIN" build --quiet --jobs 1 --content content \
    --out out) >/dev/null 2>&1 &
pid=$!
i=0
while [ $i -lt 3000 ]; do	# at most 60 s
	if [ -n "$(find killed -path 'killed/out.tmp-*' -type f 2>/dev/null | head -1)" ]
	then break; fi
	sleep 0.02
	i=$((i + 1))
done
kill -KILL $pid 2>/dev/null
wait $pid
st=$?
if [ $st = 137 ]; then
	intact killed killed
	run 300 killed build --quiet --content content --out out
	if [ $st = 0 ] && grep -q 'révisé' killed/out/2016/mesure-01.html; then
		pass "killed: the next build succeeds"
	else
		fail "killed: the next build succeeds" "status $st" "$(cat killed.err)"
	fi
	# The killed build's temporary folder is swept by the next build.
	if ls killed | grep -q '^out\.tmp-'; then
		fail "killed: its temporary folder is removed by the next build" "$(ls killed)"
	else
		pass "killed: its temporary folder is removed by the next build"
	fi
else
	fail "killed: the build was killed while rendering" "status $st"
fi
