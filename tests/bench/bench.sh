#!/bin/sh
# make bench: rapporteur against the floor, pandoc and WeasyPrint, on
# synthetic content of 23 x K measures (tests/bench/gencontent.c), for
# K = 1, 10, 100, side by side with Typst and Hugo on the same
# narratives.  Prints the tables README "Performance" quotes, and keeps
# them in $BENCH_DIR/bench.md.  Never part of `make test`: it times things.
#
# Environment (all optional):
#   BENCH_K="1 10 100"    the sizes
#   BENCH_RUNS_1=7 BENCH_RUNS_10=3 BENCH_RUNS_100=1   timed runs per job
#                         (each of ours after one warm-up run)
#   BENCH_TIMEOUT=150     seconds: a run stopped then counts as "> 150 s"
#   BENCH_PANDOC_K="1 10" sizes at which pandoc runs (minutes at K = 100)
#   BENCH_WEASY_K="1"     sizes at which WeasyPrint runs (minutes at 10)
#   BENCH_TYPST_K="1 10"  sizes at which Typst runs (its Node binding,
#                         tests/bench/package.json: make bench-deps)
#   BENCH_HUGO_K="1 10"   sizes at which Hugo runs
#   BENCH_PAIRS_1=7 BENCH_PAIRS_10=7   runs of each side of a head-to-head
#                         comparison (our 2016 PDF and Typst, our site and
#                         Hugo), timed in turn
#   BENCH_CALLGRIND=1     what tagging costs in instructions, under
#                         callgrind: the 2016 PDF (the sample: 2 minutes
#                         of CPU; K = 10: about 10) and the sample's whole
#                         build (3 minutes); 0: CPU times only
#   BENCH_TAGS_K="1 10"   sizes at which tagging is measured (1: the
#                         sample, content/; 10: the generated content)
#   BENCH_TAGS_RUNS=7     CPU-time runs of each build for it
#   BENCH_ONLY=tags       only that measurement (make bench-tags)
#   BENCH_TIMER=hyperfine|builtin   default: hyperfine when installed
#   BENCH_DIR=...         scratch folder, emptied first; default
#                         /dev/shm/rapporteur-bench (tmpfs: the figures are
#                         computing, not this machine's disk), else /tmp
#   BENCH_SEED=1          generator seed
#   BENCH_FORMATS="html svg pdf"  our single-format rows
#   BENCH_BIN=gen/rapporteur  the binary to time (a patched build, say)
#   BENCH_UNTAGGED=gen/bench/rapporteur-untagged  the same tool drawing
#                         its PDF without structure (gen/pdf.c,
#                         PDF_UNTAGGED), for what tagging costs
# A job that fails (a backend not finished, a tool missing) is shown as
# "failed" or "n/a" and the run goes on.
export LC_ALL=C.UTF-8 TZ=UTC
unset LANG LANGUAGE SOURCE_DATE_EPOCH

TOP=$(cd "$(dirname "$0")/../.." && pwd)
B=$TOP/tests/bench
KS=${BENCH_K:-"1 10 100"}
PANDOC_K=${BENCH_PANDOC_K-"1 10"}
WEASY_K=${BENCH_WEASY_K-"1"}
TYPST_K=${BENCH_TYPST_K-"1 10"}
HUGO_K=${BENCH_HUGO_K-"1 10"}
SEED=${BENCH_SEED:-1}
TIMEOUT=${BENCH_TIMEOUT:-150}
if [ -n "${BENCH_DIR:-}" ]; then W=$BENCH_DIR
elif [ -w /dev/shm ] && [ "$(df -Pk /dev/shm | awk 'NR == 2 { print $4 }')" \
    -gt 8000000 ]; then W=/dev/shm/rapporteur-bench
else W=/tmp/rapporteur-bench; fi
NCPU=$(getconf _NPROCESSORS_ONLN 2>/dev/null || nproc)
START=$(date +%s)
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)

say() { printf '%s\n' "$*" >&2; }

SRCBIN=${BENCH_BIN:-$TOP/gen/rapporteur}
UNTAGGED=${BENCH_UNTAGGED:-$TOP/gen/bench/rapporteur-untagged}
ONLY=${BENCH_ONLY:-}
case $ONLY in
"") ;;
tags) KS= ;;
*) say "bench: BENCH_ONLY=$ONLY? (tags)"; exit 2 ;;
esac
for f in "$SRCBIN" "$UNTAGGED" "$TOP/tests/bench/gencontent" \
    "$TOP/tests/bench/timer" "$TOP/tests/bench/floor"; do
	[ -x "$f" ] || { say "bench: $f is missing (run make bench)"; exit 2; }
done
case $W in /|"") say "bench: BENCH_DIR=$W?"; exit 2 ;; esac
rm -rf "$W"
mkdir -p "$W" || exit 3
# The binary and styles are copied first, so that a rebuild in the working
# tree during the run cannot mix two versions in one table.
cp "$SRCBIN" "$W/rapporteur"
cp "$UNTAGGED" "$W/rapporteur-untagged"
cp "$B/timer" "$W/timer"
cp "$B/floor" "$W/floor-bin"
cp "$B/md2typ" "$W/md2typ"
cp -R "$TOP/styles" "$W/styles"
BIN=$W/rapporteur
R=$W/results
: >"$R"
: >"$W/failures"

if [ -n "${BENCH_TIMER:-}" ]; then TIMER=$BENCH_TIMER
elif command -v hyperfine >/dev/null 2>&1; then TIMER=hyperfine
else TIMER=builtin; fi
have() { command -v "$1" >/dev/null 2>&1; }

put() { echo "$1 $2" >>"$R"; }
get() { awk -v k="$1" '$1 == k { v = $2 } END { if (v != "") print v }' "$R"; }
# getall KEY: all the words of KEY's last value (pair).
getall() { awk -v k="$1" '$1 == k { $1 = ""; v = substr($0, 2) }
    END { if (v != "") print v }' "$R"; }

# measure KEY RUNS WARMUPS PREP OPTS COMMAND...: times COMMAND (PREP, an
# "rm -rf" of its output, runs before each run, untimed) and records
# KEY.med, KEY.min, KEY.max (wall clock), KEY.cpu (user + system) and
# KEY.sys (system) in ms.  OPTS: "rss" also records the peak RSS of the
# runs (KEY.rss, kB, by /usr/bin/time -v around each run); "to" stops a
# run after $TIMEOUT s and records KEY.to (the bound, ms); "-" neither.
# A failure records KEY.fail, with the reason in the notes under the
# tables.
measure() {
	key=$1 runs=$2 warm=$3 prep=$4 opts=$5
	shift 5
	case $opts in *to*) set -- timeout "$TIMEOUT" "$@" ;; esac
	case $opts in *rss*)
		rm -f "$W/rss.log"
		[ -x /usr/bin/time ] &&
		    set -- /usr/bin/time -v -a -o "$W/rss.log" "$@" ;;
	esac
	say "bench: $key ($runs runs): $*"
	cmd=$(echo "$*" | sed "s|$W/||g")
	: >"$W/err.log"
	if [ "$TIMER" = hyperfine ]; then
		if hyperfine -N --style none --runs "$runs" --warmup "$warm" \
		    --prepare "$prep" --export-csv "$W/hf.csv" -- "$*" \
		    >/dev/null 2>"$W/err.log"; then
			# command,mean,stddev,median,user,system,min,max [s],
			# user and system being means; the command itself may
			# hold commas: count from the end.
			# Printed as the builtin timer does, RSS left to
			# /usr/bin/time.
			set -- $(awk -F, 'NR == 2 {
			    printf "%.1f %.1f %.1f %.1f 0 %.1f\n",
			    $(NF-4) * 1000, $(NF-1) * 1000, $NF * 1000,
			    ($(NF-3) + $(NF-2)) * 1000, $(NF-2) * 1000 }' \
			    "$W/hf.csv")
		else
			set --
		fi
	else
		set -- $("$W/timer" -n "$runs" -w "$warm" -p "$prep" \
		    -e "$W/err.log" "$@" 2>>"$W/err.log") || set --
	fi
	if [ $# -ge 4 ]; then
		put "$key.med" "$1"
		put "$key.min" "$2"
		put "$key.max" "$3"
		put "$key.cpu" "$4"
		[ $# -ge 6 ] && put "$key.sys" "$6"
		say "bench:   median $1 ms (min $2, max $3), CPU $4 ms"
		[ -f "$W/rss.log" ] && put "$key.rss" "$(awk -F': ' \
		    '/Maximum resident set size/ { if ($2 > m) m = $2 }
		    END { print m }' "$W/rss.log")"
	elif grep -q 'exit code: 124\|exit status 124' "$W/err.log"; then
		put "$key.to" $((TIMEOUT * 1000))
		say "bench:   stopped after $TIMEOUT s"
	else
		put "$key.fail" 1
		say "bench:   FAILED"
		tail -n 5 "$W/err.log" | sed 's/^/bench:   | /' >&2
		# Why, for the notes under the tables.
		why=$(grep -v '^WARNING\|^ *$' "$W/err.log" | tail -n 1 |
		    sed 's/ Use the .*//' | cut -c1-160)
		echo "- $key failed: \`$cmd\`: ${why:-no message}" >>"$W/failures"
	fi
	rm -f "$W/rss.log"
}

# pair RUNS KEY1 PREP1 OPTS1 CMD1 KEY2 PREP2 OPTS2 CMD2: two jobs compared
# head to head, timed in turn (one run of each, RUNS times, after a
# warm-up run of each), so that a change of the machine's load falls on
# both rather than on whichever ran during it.  CMD1 and CMD2 are command
# lines (words without blanks).  Records KEY.med, .min, .max, .cpu, .sys
# and .rss as measure does (medians of the runs' wall and CPU times), and
# KEY1.pair: the median, least and most of the runs' ratios KEY2 / KEY1
# (wall time) and their number.
pair() {
	pn=$1 pk1=$2 pp1=$3 po1=$4 pc1=$5 pk2=$6 pp2=$7 po2=$8 pc2=$9
	pi=1
	while [ "$pi" -le "$pn" ]; do
		pw=0
		[ "$pi" = 1 ] && pw=1
		# In a subshell: measure sets the caller's variables.
		(measure "$pk1.$pi" 1 "$pw" "$pp1" "$po1" $pc1)
		(measure "$pk2.$pi" 1 "$pw" "$pp2" "$po2" $pc2)
		pi=$((pi + 1))
	done
	gather "$pk1" "$pn"
	gather "$pk2" "$pn"
	put "$pk1.pair" "$(awk -v a="$pk1" -v b="$pk2" '
	    $1 ~ "^" a "\\.[0-9]+\\.med$" { n = $1; sub(/\.med$/, "", n)
		sub(/.*\./, "", n); x[n] = $2 }
	    $1 ~ "^" b "\\.[0-9]+\\.med$" { n = $1; sub(/\.med$/, "", n)
		sub(/.*\./, "", n); y[n] = $2 }
	    END { for (n in x) if (n in y && x[n] > 0) print y[n] / x[n] }' \
	    "$R" | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit
	    m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
	    printf "%.4f %.4f %.4f %d\n", m, v[1], v[NR], NR }')"
}

# gather KEY N: KEY's figures from its runs KEY.1 to KEY.N (pair): the
# medians of their wall, CPU and system times, the least and the most,
# the highest RSS; a run stopped or failed stops or fails KEY.
gather() {
	gi=1
	: >"$W/gather"
	while [ "$gi" -le "$2" ]; do
		for x in med min max cpu sys rss to fail; do
			v=$(get "$1.$gi.$x")
			[ -n "$v" ] && echo "$x $v" >>"$W/gather"
		done
		gi=$((gi + 1))
	done
	if grep -q '^to ' "$W/gather"; then
		put "$1.to" $((TIMEOUT * 1000))
		return
	elif grep -q '^fail ' "$W/gather"; then
		put "$1.fail" 1
		return
	fi
	for x in med cpu sys; do
		v=$(awk -v x="$x" '$1 == x { print $2 }' "$W/gather" |
		    sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit
		    m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		    printf "%.1f\n", m }')
		[ -n "$v" ] && put "$1.$x" "$v"
	done
	v=$(awk '$1 == "min" { print $2 }' "$W/gather" | sort -g | head -n 1)
	[ -n "$v" ] && put "$1.min" "$v"
	for x in max rss; do
		v=$(awk -v x="$x" '$1 == x { print $2 }' "$W/gather" |
		    sort -g | tail -n 1)
		[ -n "$v" ] && put "$1.$x" "$v"
	done
}

# pdfpages DIR: total pages of the PDF files under DIR.
pdfpages() {
	n=0
	for f in $(find "$1" -name '*.pdf' | sort); do
		p=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ { print $2 }')
		n=$((n + ${p:-0}))
	done
	echo "$n"
}

htmlpages() { find "$1" -name '*.html' | wc -l | tr -d ' '; }
# bytes PATH...: the total size of the files under PATH.
bytes() { find "$@" -type f -exec cat {} + | wc -c | tr -d ' '; }

# typst_args EDITION: the arguments of md2typ for the edition's folder:
# its title, then each part (front, the measures in number order, back)
# as a title and a file, one a line.
typst_args() {
	sed -n 's|.*<title>\(.*\)</title>.*|\1|p' "$1/edition.xml" | head -n 1
	# "f" or "b" (front or back), the title, the file: one part a line.
	awk -v dir="$1" '/<front>/ { s = "f" } /<back>/ { s = "b" }
	    /<part / && match($0, /file="[^"]*"/) {
		f = substr($0, RSTART + 6, RLENGTH - 7)
		t = $0; sub(/.*">/, "", t); sub(/<\/part>.*/, "", t)
		printf "%s\t%s\t%s/%s\n", s, t, dir, f
	    }' "$1/edition.xml" >"$W/parts"
	awk -F '\t' '$1 == "f" { print $2; print $3 }' "$W/parts"
	ls "$1/measures" | sort -k1.2n | while read -r m; do
		n=${m#m}
		echo "Mesure $(expr "${n%.md}" + 0)"
		echo "$1/measures/$m"
	done
	awk -F '\t' '$1 == "b" { print $2; print $3 }' "$W/parts"
}

# Hugo writes its resources beside its configuration: a copy of it.
cp -R "$B/hugo" "$W/hugo-site"

# Typst: its Node binding (make bench-deps installs it) and our fonts
# only, linked into a folder of their own.
TYPST=
if have node && [ -d "$B/node_modules/@myriaddreamin/typst-ts-node-compiler" ]
then
	mkdir -p "$W/fonts"
	for f in "Charis SIL" "Charis SIL:bold" "Charis SIL:italic" \
	    "Charis SIL:bold:italic" "Noto Sans" "Noto Sans:bold" \
	    "Noto Sans:italic" "Noto Sans:bold:italic" "DejaVu Sans Mono" \
	    "DejaVu Sans Mono:bold"; do
		fc-match -f '%{file}\n' "$f"
	done | sort -u | while read -r f; do ln -sf "$f" "$W/fonts/"; done
	cp "$B/typst.js" "$W/typst.js"
	ln -s "$B/node_modules" "$W/node_modules"
	TYPST=$(cd "$B/node_modules/@myriaddreamin/typst-ts-node-compiler" &&
	    node -p 'require("./package.json").version')
fi

for k in $KS; do
	eval runs=\${BENCH_RUNS_$k:-}
	[ -n "$runs" ] || case $k in
		1) runs=7 ;; 10) runs=3 ;; *) runs=1 ;;
	esac
	# A warm-up run at every K, K = 100 included: the first run after
	# the content is generated pays for the machine's first touch of
	# the memory its outputs take on tmpfs (836 MB at K = 100: 29.1 s
	# cold, 21.6 s warm, on the machine of 4 December), which the
	# warmed runs at K = 1 and 10 do not; t(K = 100) / t(K = 1)
	# compares like with like.
	warm=1
	D=$W/k$k
	C=$D/content
	mkdir -p "$D"
	say "bench: K = $k: generating $((23 * k)) measures"
	"$TOP/tests/bench/gencontent" -s "$SEED" "$k" "$C" || exit 3
	if ! "$BIN" check --content "$C" --werror >"$D/check.log" 2>&1; then
		say "bench: the generated content does not pass check --werror:"
		head -n 20 "$D/check.log" >&2
		exit 1
	fi
	put "k$k.inbytes" "$(find "$C" -type f -exec cat {} + | wc -c)"
	put "k$k.inputs" "$(find "$C" -type f | wc -l)"

	# Ours: each format alone, then the full build.  Each into a folder
	# of its own, removed before each run with what a stopped run left.
	b="$BIN build --content $C --styles $W/styles --quiet"
	for f in ${BENCH_FORMATS:-html svg pdf}; do
		measure "k$k.$f" "$runs" "$warm" "rm -rf $D/o-$f" rss,to \
		    $b --format "$f" --out "$D/o-$f/out"
		[ -n "$(get "k$k.$f.med")" ] && [ "$f" != svg ] &&
		    put "k$k.$f.pages" "$(${f}pages "$D/o-$f/out")" &&
		    put "k$k.$f.bytes" "$(bytes "$D/o-$f/out")"
		# The site's own floor: its files written, nothing
		# computed (what the site costs before any work of ours).
		if [ "$f" = html ] && [ -n "$(get "k$k.html.med")" ]; then
			put "k$k.html.files" \
			    "$(find "$D/o-html/out" -type f | wc -l)"
			measure "k$k.hfloor" "$runs" "$warm" \
			    "rm -rf $D/hfloor" - "$W/floor-bin" "$C" \
			    "$D/o-html/out" "$D/hfloor"
			rm -rf "$D/hfloor"
		fi
		rm -rf "$D/o-$f"
	done
	if [ -n "$(get "k$k.pdf.to")" ]; then
		# The full build includes that PDF: it cannot be faster.
		say "bench: k$k.full: not run, the PDF alone took over $TIMEOUT s"
		put "k$k.full.to" $((TIMEOUT * 1000))
	else
		measure "k$k.full" "$runs" "$warm" "rm -rf $D/o-full" rss,to \
		    $b --out "$D/o-full/out"
	fi
	O=$D/o-full/out
	if [ -n "$(get "k$k.full.med")" ]; then
		put "k$k.html_pages" "$(htmlpages "$O")"
		put "k$k.pdf_pages" "$(pdfpages "$O")"
		put "k$k.svg_files" "$(find "$O" -name '*.svg' | wc -l)"
		put "k$k.outputs" "$(find "$O" -type f | wc -l)"
		put "k$k.outbytes" "$(find "$O" -type f -exec cat {} + |
		    wc -c)"
		# The floor: the same input bytes read, the same output
		# bytes written, nothing computed.
		measure "k$k.floor" "$runs" "$warm" "rm -rf $D/floor" - \
		    "$W/floor-bin" "$C" "$O" "$D/floor"
		rm -rf "$D/floor"
	fi
	# Head-to-head runs (pair): with Typst and Hugo, and the floor.
	eval pruns=\${BENCH_PAIRS_$k:-}
	[ -n "$pruns" ] || case $k in
		1|10) pruns=7 ;; *) pruns=1 ;;
	esac
	# The floor (files copied on tmpfs) moves with the machine's
	# state by 20 % or more from one run to the next: the full build's
	# ratio to it is read on runs side by side.  The floor copies the
	# full build's last output, which each full build makes anew.
	if [ -n "$(get "k$k.floor.med")" ] && case $k in 1|10) ;;
	    *) false ;; esac; then
		pair "$pruns" "k$k.floorp" "rm -rf $D/floor" - \
		    "$W/floor-bin $C $O $D/floor" "k$k.fullp" \
		    "rm -rf $D/o-full" to "$b --out $O"
		rm -rf "$D/floor"
	fi
	case " $WEASY_K $TYPST_K " in *" $k "*)
		# Our PDF of one edition, beside WeasyPrint's and Typst's.
		# Typst gets the 2016 narratives as one Typst document
		# (md2typ.c), timed as a whole process (Node, font loading,
		# layout, PDF), in turn with ours.
		p16="$b --format pdf --year 2016 --out $D/o-pdf16/out"
		if [ -n "$TYPST" ] &&
		    case " $TYPST_K " in *" $k "*) ;; *) false ;; esac; then
			typst_args "$C/editions/2016" | tr '\n' '\0' |
			    xargs -0 "$W/md2typ" >"$D/2016.typ"
			pair "$pruns" "k$k.pdf16" "rm -rf $D/o-pdf16" to "$p16" \
			    "k$k.typst" "rm -f $D/typst.pdf" rss,to \
			    "node $W/typst.js $W/fonts $D/2016.typ $D/typst.pdf"
			[ -f "$D/typst.pdf" ] &&
			    put "k$k.typst.pages" "$(pdfpages "$D/typst.pdf")" &&
			    put "k$k.typst.bytes" "$(bytes "$D/typst.pdf")"
			rm -f "$D/typst.pdf"
		else
			measure "k$k.pdf16" "$runs" "$warm" "rm -rf $D/o-pdf16" \
			    to $p16
		fi
		[ -n "$(get "k$k.pdf16.med")" ] &&
		    put "k$k.pdf16.pages" "$(pdfpages "$D/o-pdf16/out")" &&
		    put "k$k.pdf16.bytes" "$(bytes "$D/o-pdf16/out" \
		    -name '*.pdf')"
		rm -rf "$D/o-pdf16" ;;
	esac

	# --jobs: one worker process against two, at K = 10.
	if [ "$k" = 10 ] && [ -n "$(get "k$k.full.med")" ]; then
		measure "k$k.jobs1" "$runs" "$warm" "rm -rf $D/o-j1" to \
		    $b --jobs 1 --out "$D/o-j1/out"
		if [ "$NCPU" = 2 ]; then
			# The full build ran with --jobs 2 already (the
			# default: the number of processors).
			for x in med min max cpu; do
				put "k$k.jobs2.$x" "$(get "k$k.full.$x")"
			done
		else
			measure "k$k.jobs2" "$runs" "$warm" "rm -rf $D/o-j2" \
			    to $b --jobs 2 --out "$D/o-j2/out"
		fi
		# The output must not depend on the number of workers.
		if [ -d "$D/o-j1/out" ] &&
		    diff -r -x .rapporteur-stamp "$D/o-j1/out" "$O" \
		    >/dev/null 2>&1; then
			put "k$k.jobs_same" yes
		else
			put "k$k.jobs_same" NO
		fi
		rm -rf "$D/o-j1" "$D/o-j2"
		# What an author waits for after saving a file: a rebuild
		# over the previous output, one narrative changed each time.
		f=$(find "$C/editions/2016/measures" -name '*.md' | sort |
		    head -n 1)
		cp "$f" "$D/saved.orig"
		cp "$f" "$D/saved.mod"
		printf '\nUne phrase ajoutée.\n' >>"$D/saved.mod"
		printf '%s\n' "if cmp -s '$f' '$D/saved.orig'; then" \
		    "cp '$D/saved.mod' '$f'; else" \
		    "cp '$D/saved.orig' '$f'; fi" >"$D/toggle.sh"
		measure "k$k.rebuild" "$runs" 1 "sh $D/toggle.sh" to \
		    $b --out "$O"
		cp "$D/saved.orig" "$f"
		# Nothing changed since: the build is skipped.
		measure "k$k.noop" "$runs" 1 "true" - $b --out "$O"
	fi
	oruns=$runs owarm=1
	[ "$runs" -gt 5 ] && oruns=5
	[ "$k" -ge 10 ] && owarm=0

	# pandoc: each narrative and part to a standalone page, one process
	# per page, from a Makefile run with -j as many as cores.
	if have pandoc && case " $PANDOC_K " in *" $k "*) ;; *) false ;; esac
	then
		{
			printf 'PAGES ='
			(cd "$C/editions" && find . -name '*.md' | sort |
			    sed 's|^\./||; s|\.md$|.html|' |
			    awk '{ printf " \\\n    site/%s", $0 }')
			printf '\n\nall: $(PAGES)\n\n'
			printf 'site/%%.html: content/editions/%%.md\n'
			printf '\t@mkdir -p $(@D)\n'
			printf '\t@pandoc -s -f markdown -t html5 -M lang=fr '
			printf -- '-M pagetitle=$(*F) -o $@ $<\n'
		} >"$D/pandoc.mk"
		put "k$k.pandoc.pages" "$(find "$C/editions" -name '*.md' |
		    wc -l)"
		measure "k$k.pandoc" "$oruns" "$owarm" "rm -rf $D/site" to \
		    make -s -j"$NCPU" -C "$D" -f pandoc.mk
		rm -rf "$D/site"
	fi

	# WeasyPrint: our site of the 2016 edition, its pages' <main>
	# put in one document in reading order, to PDF.
	if have weasyprint && [ -d "$O/2016" ] &&
	    case " $WEASY_K " in *" $k "*) ;; *) false ;; esac; then
		S=$D/weasy/2016
		mkdir -p "$D/weasy"
		cp -R "$O/2016" "$S"
		parts=$(sed -n 's/.*<part file="\([^"]*\)\.md".*/\1/p' \
		    "$C/editions/2016/edition.xml")
		front=$(echo "$parts" | head -n 2)
		back=$(echo "$parts" | tail -n +3)
		{
			sed -n '1,/<\/head>/p' "$S/index.html"
			echo '<body>'
			for p in index $front \
			    $(cd "$S" && ls priorite-*.html 2>/dev/null |
			    sort -t- -k2,2n | sed 's/\.html$//') \
			    $(cd "$S" && ls mesure-*.html 2>/dev/null |
			    sort -t- -k2,2n | sed 's/\.html$//') \
			    $back donnees; do
				[ -f "$S/$p.html" ] || continue
				if grep -q '<main' "$S/$p.html"; then
					sed -n '/<main/,/<\/main>/{
					    s/<main/<section/
					    s/<\/main>/<\/section>/
					    p
					}' "$S/$p.html"
				else
					sed -n '/<body/,/<\/body>/p' \
					    "$S/$p.html" | sed '1d;$d'
				fi
			done
			echo '</body></html>'
		} >"$S/edition-complete.html"
		wruns=$oruns
		[ "$wruns" -gt 3 ] && wruns=3
		measure "k$k.weasy" "$wruns" 0 "rm -f $D/weasy.pdf" rss,to \
		    weasyprint "$S/edition-complete.html" "$D/weasy.pdf"
		[ -f "$D/weasy.pdf" ] &&
		    put "k$k.weasy.pages" "$(pdfpages "$D/weasy.pdf")" &&
		    put "k$k.weasy.bytes" "$(bytes "$D/weasy.pdf")"
		rm -rf "$D/weasy" "$D/weasy.pdf"
	fi

	# Hugo: every narrative of both editions as a page of a minimal
	# theme (tests/bench/hugo), nothing else (no lists, feeds, sitemap).
	if have hugo && case " $HUGO_K " in *" $k "*) ;; *) false ;; esac
	then
		H=$D/hugo
		(cd "$C/editions" && find . -name '*.md') | sort |
		while read -r f; do
			mkdir -p "$H/content/${f%/*}"
			{
				printf -- '---\ntitle: "%s"\n---\n\n' \
				    "$(basename "$f" .md)"
				cat "$C/editions/$f"
			} >"$H/content/$f"
		done
		# In turn with our site of both editions (HTML with its SVG
		# charts).
		pair "$pruns" "k$k.html" "rm -rf $D/o-html" rss,to \
		    "$b --format html --out $D/o-html/out" \
		    "k$k.hugo" "rm -rf $H/public" rss,to \
		    "hugo --quiet --noBuildLock --source $W/hugo-site --contentDir $H/content --destination $H/public --cacheDir $H/cache"
		rm -rf "$D/o-html"
		if [ -d "$H/public" ]; then
			put "k$k.hugo.pages" "$(htmlpages "$H/public")"
			put "k$k.hugo.bytes" "$(bytes "$H/public")"
		fi
		rm -rf "$H"
	fi
done

# Issue 14: the sample's PDF (content/, both editions), its size per
# page, and what tagging costs: the 2016 PDF built by the tool and by
# the same tool drawing no structure ($UNTAGGED: no structure element,
# no marked-content repair, no structure tree; the same layout, fonts,
# object streams and compression), with --jobs 1 so that one process
# does all the work.  In instructions (callgrind: the same count
# whatever the load) and in CPU time (median of the runs, the two
# builds run in turn so that a change of load falls on both).
S=$W/sample
bs="$BIN build --content $TOP/content --styles $W/styles --quiet --format pdf"
if [ -z "$ONLY" ]; then
	measure sample.pdf 5 1 "rm -rf $S" - $bs --out "$S/out"
	if [ -d "$S/out" ]; then
		put sample.pdf.pages "$(pdfpages "$S/out")"
		put sample.pdf.bytes "$(bytes "$S/out" -name '*.pdf')"
	fi
	rm -rf "$S"
fi

# instr KEY BIN CONTENT [OPTION...]: the instructions of BIN's build of
# CONTENT with --jobs 1 (by default the 2016 PDF; else the options
# given) under callgrind (its threads and any child process summed), as
# KEY.instr.
instr() {
	ik=$1 ib=$2 ic=$3
	shift 3
	[ $# -gt 0 ] || set -- --format pdf --year 2016
	rm -rf "$W/cg" "$W/tags-out"
	mkdir -p "$W/cg"
	say "bench: $ik: callgrind of the build ($*)"
	if valgrind --tool=callgrind --callgrind-out-file="$W/cg/cg.%p" \
	    "$ib" build --content "$ic" --styles "$W/styles" --quiet \
	    --jobs 1 "$@" \
	    --out "$W/tags-out/out" >"$W/cg/log" 2>&1; then
		put "$ik.instr" "$(cat "$W"/cg/cg.* | awk '
		    /^summary:/ { n += $2 } END { printf "%.0f", n }')"
	else
		put "$ik.fail" 1
		tail -n 5 "$W/cg/log" | sed 's/^/bench:   | /' >&2
	fi
	rm -rf "$W/cg" "$W/tags-out"
}

# cpu KEY CONTENT: the CPU time (user + system, ms) of each run of the
# 2016 PDF of CONTENT, by the tool (KEY.on) and the untagged one
# (KEY.off), one after the other; the medians as KEY.on.cpu and
# KEY.off.cpu.
cpu() {
	: >"$W/cpu.on"
	: >"$W/cpu.off"
	say "bench: $1: CPU time of the 2016 PDF, tagged and not, ${TAGS_RUNS} runs each"
	i=0
	while [ "$i" -lt "$TAGS_RUNS" ]; do
		for v in on off; do
			b=$BIN
			[ "$v" = off ] && b=$W/rapporteur-untagged
			rm -rf "$W/tags-out"
			/usr/bin/time -f '%U %S' -a -o "$W/cpu.$v" "$b" build \
			    --content "$2" --styles "$W/styles" --quiet \
			    --format pdf --year 2016 --jobs 1 \
			    --out "$W/tags-out/out" >/dev/null 2>&1 ||
			    { put "$1.fail" 1; return; }
		done
		i=$((i + 1))
	done
	rm -rf "$W/tags-out"
	for v in on off; do
		put "$1.$v.cpu" "$(awk '{ print ($1 + $2) * 1000 }' \
		    "$W/cpu.$v" | sort -n | awk '{ v[NR] = $1 } END {
		    m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		    printf "%.0f", m }')"
	done
}

TAGS_K=${BENCH_TAGS_K-"1 10"}
TAGS_RUNS=${BENCH_TAGS_RUNS:-7}
for k in $TAGS_K; do
	if [ "$k" = 1 ]; then C=$TOP/content
	else
		C=$W/tags-k$k
		"$TOP/tests/bench/gencontent" -s "$SEED" "$k" "$C" || exit 3
	fi
	# The pages of the 2016 PDF, and the two builds' bytes.
	for v in on off; do
		b=$BIN
		[ "$v" = off ] && b=$W/rapporteur-untagged
		rm -rf "$W/tags-$v"
		if "$b" build --content "$C" --styles "$W/styles" --quiet \
		    --format pdf --year 2016 --jobs 1 --out "$W/tags-$v/out" \
		    >/dev/null 2>&1; then
			put "tags$k.$v.pages" "$(pdfpages "$W/tags-$v/out")"
			put "tags$k.$v.bytes" "$(bytes "$W/tags-$v/out" \
			    -name '*.pdf')"
		fi
	done
	rm -rf "$W/tags-on" "$W/tags-off"
	if [ "${BENCH_CALLGRIND:-1}" != 0 ] && have valgrind; then
		instr "tags$k.on" "$BIN" "$C"
		instr "tags$k.off" "$W/rapporteur-untagged" "$C"
	fi
	[ -x /usr/bin/time ] && cpu "tags$k" "$C"
	[ "$C" = "$TOP/content" ] || rm -rf "$C"
done

# The whole build of the sample (both editions: site, charts, PDF),
# tagged and not, in instructions: what tagging costs the build.
if [ "${BENCH_CALLGRIND:-1}" != 0 ] && have valgrind; then
	instr tagsall.on "$BIN" "$TOP/content" --format html,pdf,svg
	instr tagsall.off "$W/rapporteur-untagged" "$TOP/content" \
	    --format html,pdf,svg
fi

# ---- the tables ----

# ms VALUE: "12.3" under 100 ms, else a whole number.
ms() { awk -v v="$1" 'BEGIN { if (v < 100) printf "%.1f", v;
    else printf "%.0f", v }'; }
cell() {
	if [ -n "$(get "$1.fail")" ]; then printf 'failed'
	elif [ -n "$(get "$1.to")" ]; then
		printf '> %s (stopped)' "$(ms "$(get "$1.to")")"
	elif [ -n "$(get "$1.med")" ]; then
		printf '%s (%s–%s)' "$(ms "$(get "$1.med")")" \
		    "$(ms "$(get "$1.min")")" "$(ms "$(get "$1.max")")"
	else printf 'n/a'; fi
}
# div A B [FORMAT]: A / B, or "—" if either is missing or B is zero.
div() {
	awk -v a="$1" -v b="$2" -v f="${3:-%.2f}" 'BEGIN {
	    if (a == "" || b == "" || b + 0 == 0) printf "—";
	    else printf f, a / b }'
}
# ratio KEY_A KEY_B FORMAT: median A / median B; "> x" when A was stopped
# (x from its time bound), "< x" when B was; "—" when unknown.
ratio() {
	ra=$(get "$1.med") rb=$(get "$2.med") pre=
	if [ -z "$ra" ] && [ -n "$(get "$1.to")" ]; then
		ra=$(get "$1.to") pre="> "
	fi
	if [ -z "$rb" ] && [ -n "$(get "$2.to")" ]; then
		if [ -z "$pre" ]; then rb=$(get "$2.to") pre="< "
		else rb=; fi
	fi
	if [ -n "$ra" ] && [ -n "$rb" ]; then
		printf '%s' "$pre"
		div "$ra" "$rb" "$3"
	else
		printf '—'
	fi
}
mb() { awk -v v="$1" 'BEGIN { if (v == "") printf "—";
    else printf "%.0f MB", v / 1024 }'; }
row() {
	label=$1 key=$2
	printf '| %s |' "$label"
	for k in $KS; do printf ' %s |' "$(cell "k$k.$key")"; done
	printf '\n'
}
cpucell() {
	v=$(get "$1.cpu")
	if [ -n "$(get "$1.fail")" ]; then printf 'failed'
	elif [ -n "$v" ]; then ms "$v"
	else printf 'n/a'; fi
}
cpurow() {
	label=$1 key=$2
	printf '| %s |' "$label"
	for k in $KS; do printf ' %s |' "$(cpucell "k$k.$key")"; done
	printf '\n'
}
hdr() {
	printf '| %s |' "$1"
	for k in $KS; do printf ' K = %s |' "$k"; done
	printf '\n|---|'
	for k in $KS; do printf -- '---:|'; done
	printf '\n'
}
drow() {
	label=$1
	shift
	printf '| %s |' "$label"
	for k in $KS; do printf ' %s |' "$("$@" "$k")"; done
	printf '\n'
}
d_measures() { echo $((23 * $1)); }
# or VALUE: the value, or "—".
or() { printf '%s' "${1:-—}"; }
d_inputs() { printf '%s files, %s kB' "$(or "$(get "k$1.inputs")")" \
    "$(div "$(get "k$1.inbytes")" 1024 %.0f)"; }
d_outputs() { printf '%s files, %s kB' "$(or "$(get "k$1.outputs")")" \
    "$(div "$(get "k$1.outbytes")" 1024 %.0f)"; }
d_site_outputs() { printf '%s files, %s kB' "$(or "$(get "k$1.html.files")")" \
    "$(div "$(get "k$1.html.bytes")" 1024 %.0f)"; }
d_pages() { printf '%s / %s / %s' "$(or "$(get "k$1.html_pages")")" \
    "$(or "$(get "k$1.pdf_pages")")" "$(or "$(get "k$1.svg_files")")"; }
d_html_ms() { div "$(get "k$1.html.med")" "$(get "k$1.html.pages")" %.3f; }
# The pages without their charts: (HTML only - SVG only) / pages.
d_html_own_ms() { awk -v a="$(get "k$1.html.med")" -v b="$(get "k$1.svg.med")" \
    -v n="$(get "k$1.html.pages")" 'BEGIN { if (a == "" || b == "" ||
    n + 0 == 0) printf "—"; else if (a > b) printf "%.3f", (a - b) / n;
    else printf "< noise" }'; }
d_pdf_ms() { div "$(get "k$1.pdf.med")" "$(get "k$1.pdf.pages")" %.3f; }
d_floor() { ratio "k$1.full" "k$1.floor" %.1f×; }
d_pandoc() { ratio "k$1.pandoc" "k$1.full" %.1f×; }
d_pandoc_html() { ratio "k$1.pandoc" "k$1.html" %.1f×; }
d_pandoc_page() { div "$(get "k$1.pandoc.med")" "$(get "k$1.pandoc.pages")" \
    %.1f; }
d_weasy() { ratio "k$1.weasy" "k$1.pdf16" %.1f×; }
d_weasy_page() { div "$(get "k$1.weasy.med")" "$(get "k$1.weasy.pages")" \
    %.1f; }
d_weasy_pages() { printf '%s / %s' "$(or "$(get "k$1.pdf16.pages")")" \
    "$(or "$(get "k$1.weasy.pages")")"; }
d_rss() { mb "$(get "k$1.full.rss")"; }
# per_s PAGES MS: pages per second, "—" if unknown.
per_s() { awk -v n="$1" -v t="$2" 'BEGIN { if (n == "" || t == "" ||
    t + 0 == 0) print "—"; else { v = n * 1000 / t
    printf (v < 100 ? "%.1f\n" : "%.0f\n"), v } }'; }
# pps KEY: pages per second of a job (its median).
pps() { per_s "$(get "$1.pages")" "$(get "$1.med")"; }
# cpps KEY: pages per second of CPU time (a fairer figure on a loaded
# machine; a tool using two cores is charged for both).
cpps() { per_s "$(get "$1.pages")" "$(get "$1.cpu")"; }
d_cpps_pdf16() { cpps "k$1.pdf16"; }
d_cpps_typst() { cpps "k$1.typst"; }
d_cpps_html() { cpps "k$1.html"; }
d_cpps_hugo() { cpps "k$1.hugo"; }
# bpp KEY: kilobytes per page of a job's output.
bpp() { awk -v b="$(get "$1.bytes")" -v n="$(get "$1.pages")" 'BEGIN {
    if (b == "" || n + 0 == 0) print "—"
    else printf "%.1f\n", b / n / 1024 }'; }
d_pps_pdf16() { pps "k$1.pdf16"; }
d_pps_typst() { pps "k$1.typst"; }
d_pps_weasy() { pps "k$1.weasy"; }
d_pps_html() { pps "k$1.html"; }
d_pps_hugo() { pps "k$1.hugo"; }
d_bpp_pdf16() { bpp "k$1.pdf16"; }
d_bpp_typst() { bpp "k$1.typst"; }
d_bpp_weasy() { bpp "k$1.weasy"; }
d_bpp_html() { bpp "k$1.html"; }
d_bpp_hugo() { bpp "k$1.hugo"; }
d_sys() { div "$(get "k$1.full.sys")" "$(get "k$1.full.cpu")" | awk '{
    if ($1 == "—") print; else printf "%.0f %%\n", $1 * 100 }'; }
d_weasy_rss() { mb "$(get "k$1.weasy.rss")"; }

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/^MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo)
os=$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")
ver() { "$@" 2>/dev/null | head -n 1; }
first=${KS%% *}
last=${KS##* }

# t VALUE LIMIT OP: met or not; VALUE may be a bound ("> 12", "< 3").
t() { awk -v v="$1" -v lim="$2" -v op="$3" 'BEGIN {
    if (v == "" || v == "—") { printf "not measured"; exit }
    b = substr(v, 1, 1); x = v
    if (b == ">" || b == "<") x = substr(v, 3); else b = ""
    if (op == ">=") ok = x + 0 >= lim; else ok = x + 0 <= lim
    if (b == ">" && op == ">=" && !ok || b == ">" && op == "<=" && ok ||
        b == "<" && op == "<=" && !ok || b == "<" && op == ">=" && ok)
        r = "unknown"
    else
        r = ok ? "met" : "NOT met"
    printf "%s (%s, target %s %s)", r, v, op, lim }'; }
# pf VALUE LIMIT OP: as t, PASS or FAIL.
pf() { t "$@" | sed 's/^NOT met/FAIL/; s/^met/PASS/'; }

# tags_line K: what tagging costs at size K, and PASS or FAIL against
# 10 % (on the instructions when counted, else on the CPU times).
tags_line() {
	ion=$(get "tags$1.on.instr") ioff=$(get "tags$1.off.instr")
	con=$(get "tags$1.on.cpu") coff=$(get "tags$1.off.cpu")
	pi=$(awk -v a="$ion" -v b="$ioff" 'BEGIN { if (a != "" && b + 0 > 0)
	    printf "%.1f", (a / b - 1) * 100 }')
	pc=$(awk -v a="$con" -v b="$coff" 'BEGIN { if (a != "" && b + 0 > 0)
	    printf "%.1f", (a / b - 1) * 100 }')
	what=sample
	[ "$1" = 1 ] || what="generated content, K = $1"
	printf -- '- tagging ≤ 10 %% more work than the untagged build, 2016 PDF (%s, %s pages, --jobs 1): instructions +%s %% (%s against %s million, callgrind); CPU time +%s %% (median of %s runs each: %s against %s ms); %s KB against %s KB: %s\n' \
	    "$what" "$(or "$(get "tags$1.on.pages")")" "$(or "$pi")" \
	    "$(div "$ion" 1000000 %.0f)" "$(div "$ioff" 1000000 %.0f)" \
	    "$(or "$pc")" "$TAGS_RUNS" "$(or "$con")" "$(or "$coff")" \
	    "$(div "$(get "tags$1.on.bytes")" 1024 %.0f)" \
	    "$(div "$(get "tags$1.off.bytes")" 1024 %.0f)" \
	    "$(pf "${pi:-$pc}" 10 '<=')"
}

# tags_all: what tagging costs the whole build of the sample.
tags_all() {
	ion=$(get tagsall.on.instr) ioff=$(get tagsall.off.instr)
	pi=$(awk -v a="$ion" -v b="$ioff" 'BEGIN { if (a != "" && b + 0 > 0)
	    printf "%.1f", (a / b - 1) * 100 }')
	printf -- '- tagging, whole build of the sample (both editions: HTML, SVG and PDF, --jobs 1): instructions +%s %% (%s against %s million, callgrind): %s\n' \
	    "$(or "$pi")" "$(div "$ion" 1000000 %.0f)" \
	    "$(div "$ioff" 1000000 %.0f)" "$(pf "$pi" 10 '<=')"
}

if [ -n "$ONLY" ]; then
	{
	echo "Target (issue 14), $(date -u '+%Y-%m-%d %H:%M UTC'), load average $LOAD0 at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end:"
	for k in $TAGS_K; do tags_line "$k"; done
	tags_all
	echo
	echo "Whole measurement: $(( $(date +%s) - START )) s."
	} >"$W/bench.md"
	cat "$W/bench.md"
	exit 0
fi

{
echo "Machine: $cpu, $NCPU cores, $mem RAM; $os, Linux $(uname -r);"
echo "scratch folder on $(stat -f -c %T "$W"); load average $LOAD0 at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end."
echo "Timer: $TIMER; median (min–max) of the runs, in ms, output folder"
echo "removed before each run.  Typst and our 2016 PDF, Hugo and our site"
echo "are timed in turn, one run of each at a time, after a warm-up run of"
echo "each (BENCH_PAIRS_K runs).  rapporteur $("$BIN" --version |
    awk '{ print $2 }') (cairo $(pkg-config --modversion cairo 2>/dev/null),"
echo "pango $(pkg-config --modversion pango 2>/dev/null)); $(ver pandoc --version || echo 'pandoc: not installed');"
echo "$(ver weasyprint --version || echo 'WeasyPrint: not installed'); $(if [ -n "$TYPST" ]; then echo "Typst through typst-ts-node-compiler $TYPST"; else echo 'Typst: not installed'; fi);"
echo "$(ver hugo version | cut -d' ' -f1-2 || echo 'Hugo: not installed')."
echo
hdr "time [ms]"
row "rapporteur, full build (2 editions: HTML + SVG + PDF)" full
row "rapporteur, HTML only (\`--format html\`, with its SVG)" html
row "rapporteur, SVG charts only (\`--format svg\`)" svg
row "rapporteur, PDF only (\`--format pdf\`)" pdf
row "rapporteur, PDF of the 2016 edition" pdf16
row "floor: read every input, write every output byte" floor
row "floor of the site: every input read, the \`--format html\` output written" hfloor
row "pandoc, one process per page (\`make -j$NCPU\`)" pandoc
row "WeasyPrint, 2016 site → one PDF" weasy
row "Typst, 2016 narratives → one PDF" typst
row "Hugo, narratives of both editions → pages" hugo
row "rapporteur, rebuild after one narrative changed" rebuild
row "rapporteur, rebuild with nothing changed (skipped)" noop
row "rapporteur, full build, \`--jobs 1\`" jobs1
row "rapporteur, full build, \`--jobs 2\`" jobs2
echo
echo "CPU time (user + system, all threads and child processes), median, ms:"
echo
hdr "CPU [ms]"
cpurow "rapporteur, full build" full
cpurow "rapporteur, HTML only" html
cpurow "rapporteur, SVG charts only" svg
cpurow "rapporteur, PDF only" pdf
cpurow "floor" floor
cpurow "floor of the site" hfloor
cpurow "pandoc" pandoc
cpurow "WeasyPrint" weasy
cpurow "Typst" typst
cpurow "Hugo" hugo
echo
hdr "derived"
drow "measures" d_measures
drow "inputs" d_inputs
drow "outputs (full build)" d_outputs
drow "outputs (site: \`--format html\`)" d_site_outputs
drow "HTML pages / PDF pages / SVG files" d_pages
drow "ms per HTML page (HTML only, charts included)" d_html_ms
drow "ms per HTML page, charts excluded ((HTML − SVG) ÷ pages)" d_html_own_ms
drow "ms per PDF page (PDF only)" d_pdf_ms
drow "full build ÷ floor" d_floor
drow "pandoc ÷ our full build" d_pandoc
drow "pandoc ÷ our HTML only" d_pandoc_html
drow "pandoc, ms per page" d_pandoc_page
drow "WeasyPrint ÷ our PDF (2016 edition)" d_weasy
drow "PDF pages 2016: ours / WeasyPrint" d_weasy_pages
drow "WeasyPrint, ms per page" d_weasy_page
drow "peak RSS, full build" d_rss
drow "peak RSS, WeasyPrint" d_weasy_rss
drow "system time ÷ CPU time, full build" d_sys
echo
hdr "pages per second"
drow "rapporteur, PDF of the 2016 edition" d_pps_pdf16
drow "Typst, the 2016 narratives" d_pps_typst
drow "WeasyPrint, the 2016 site" d_pps_weasy
drow "rapporteur, site (HTML with its SVG charts)" d_pps_html
drow "Hugo, the narratives" d_pps_hugo
echo
hdr "pages per CPU second"
drow "rapporteur, PDF of the 2016 edition" d_cpps_pdf16
drow "Typst, the 2016 narratives" d_cpps_typst
drow "rapporteur, site (HTML with its SVG charts)" d_cpps_html
drow "Hugo, the narratives" d_cpps_hugo
echo
hdr "KB per page"
drow "rapporteur, PDF of the 2016 edition" d_bpp_pdf16
drow "Typst, the 2016 narratives" d_bpp_typst
drow "WeasyPrint, the 2016 site" d_bpp_weasy
drow "rapporteur, site (all its files ÷ HTML pages)" d_bpp_html
drow "Hugo, the narratives" d_bpp_hugo
echo
j1=$(get k10.jobs1.med) j2=$(get k10.jobs2.med)
if [ -n "$j1" ] && [ -n "$j2" ]; then
	echo "- \`--jobs 1\` vs \`--jobs 2\`, full build, K = 10: $(ms "$j1") ms vs $(ms "$j2") ms, speedup $(div "$j1" "$j2" %.2f×); CPU $(ms "$(get k10.jobs1.cpu)") ms vs $(ms "$(get k10.jobs2.cpu)") ms (same output: $(get k10.jobs_same))."
else
	echo "- \`--jobs 1\` vs \`--jobs 2\`: not measured (needs K = 10 and its full build)."
fi
echo "- Scaling, full build: t(K = $last) ÷ t(K = $first) = $(ratio "k$last.full" "k$first.full" %.1f) for $(div $((23 * last)) $((23 * first)) %.0f)× the measures; HTML only: $(ratio "k$last.html" "k$first.html" %.1f); PDF only: $(ratio "k$last.pdf" "k$first.pdf" %.1f)."
echo
if [ -s "$W/failures" ]; then
	echo "Failures:"
	echo
	cat "$W/failures"
	echo
fi
echo "Targets (issue 8):"
p=$(d_pandoc "$first" | tr -d '×')
echo "- full build ≥ 20× faster than pandoc (K = $first): $(t "$p" 20 '>=')"
wz=$(d_weasy "$first" | tr -d '×')
echo "- PDF ≥ 25× faster than WeasyPrint (K = $first, 2016): $(t "$wz" 25 '>=')"
echo "- ≤ 2 ms per PDF page at K = 10: $(t "$(d_pdf_ms 10)" 2 '<=')"
echo "- ≤ 0.5 ms per HTML page at K = 10: $(t "$(d_html_ms 10)" 0.5 '<=')"
echo "- t(K = 100) ÷ t(K = 1) ≤ 110: $(t "$(ratio k100.full k1.full %.1f)" 110 '<=')"
echo "- peak RSS ≤ 100 MB at K = 10: $(t "$(div "$(get k10.full.rss)" 1024 %.0f)" 100 '<=')"
echo "- --jobs 2 ≥ 1.7× --jobs 1 at K = 10: $(t "$(div "$j1" "$j2" %.2f)" 1.7 '>=')"
echo
# rate A B [cpu]: pages per second (wall, or CPU) of job A ÷ those of B.
rate() { awk -v pa="$(get "$1.pages")" -v ta="$(get "$1.${3:-med}")" \
    -v pb="$(get "$2.pages")" -v tb="$(get "$2.${3:-med}")" 'BEGIN {
    if (pa == "" || ta == "" || pb == "" || tb == "" || ta + 0 == 0 ||
        pb + 0 == 0) printf "—"; else printf "%.2f", pa / ta / (pb / tb) }'; }
# pairs KEY1 KEY2: the ratio of pages per second of each of the runs in
# turn (pair), median and range.
pairs() { set -- "$(get "$1.pages")" "$(get "$2.pages")" $(getall "$1.pair")
    awk -v pa="$1" -v pb="$2" -v m="$3" -v lo="$4" -v hi="$5" -v n="$6" \
    'BEGIN { if (pa == "" || pb + 0 == 0 || m == "") printf "not in turn"
    else printf "run in turn, %d times: %.2f× (%.2f–%.2f) the median of the runs'"'"' ratios",
    n, pa / pb * m, pa / pb * lo, pa / pb * hi }'; }
# The first size at which WeasyPrint ran.
kw=$(for k in $KS; do [ -n "$(get "k$k.weasy.pages")" ] && echo "$k"; done |
    head -n 1)
echo "Targets (issue 20):"
echo "- PDF ≥ 3× Typst's pages per second (2016 edition, K = 10): $(pf "$(rate k10.pdf16 k10.typst)" 3 '>='); $(pairs k10.pdf16 k10.typst); per CPU second: $(rate k10.pdf16 k10.typst cpu | sed 's/[0-9]$/&×/')"
echo "- PDF bytes per page ≤ 1.5× WeasyPrint's (2016 edition, K = ${kw:-1}): $(pf "$(div "$(bpp "k${kw:-1}.pdf16")" "$(bpp "k${kw:-1}.weasy")")" 1.5 '<=')"
# site_floor K: what writing the site's files costs, beside our site's
# CPU time and Hugo's.
site_floor() { awk -v f="$(get "k$1.hfloor.cpu")" -v o="$(get "k$1.html.cpu")" \
    -v h="$(get "k$1.hugo.cpu")" -v n="$(get "k$1.html.files")" \
    -v b="$(get "k$1.html.bytes")" 'BEGIN { if (f == "" || o + 0 == 0)
    printf "not measured"; else { printf "its %d files (%.1f MB) written with nothing computed take %.1f ms of CPU, %.0f %% of ours", n, b / 1048576, f, f / o * 100
    if (h + 0 > 0) printf " and %.0f %% of Hugo'"'"'s", f / h * 100 } }'; }
echo "- site ≥ 2× Hugo's pages per second (K = 10): $(pf "$(rate k10.html k10.hugo)" 2 '>='); $(pairs k10.html k10.hugo); per CPU second: $(rate k10.html k10.hugo cpu | sed 's/[0-9]$/&×/'); the site's floor: $(site_floor 10)"
# floor_line K: the full build ÷ the floor, the median of the runs in
# turn (pair) if there are any, else the ratio of the medians.
floor_line() { set -- "$1" $(getall "k$1.floorp.pair")
    if [ -n "${2:-}" ]; then
	echo "$(pf "$(printf %.1f "$2")" 20 '<='); run in turn, $5 times: $(printf '%.1f× (%.1f–%.1f)' "$2" "$3" "$4") the median of the runs' ratios; from the medians of the separate runs: $(d_floor "$1")"
    else
	echo "$(pf "$(d_floor "$1" | tr -d '×')" 20 '<='); not in turn"
    fi; }
echo "- full build ≤ 20× the floor (K = 10): $(floor_line 10)"
echo "- system time ≤ 15 % of the CPU time (full build, K = 10): $(pf "$(d_sys 10 | tr -d ' %')" 15 '<=')"
echo "- peak RSS ≤ 100 MB (full build, K = 10): $(pf "$(div "$(get k10.full.rss)" 1024 %.0f)" 100 '<=')"
echo "- t(K = 100) ÷ t(K = 1) ≤ 110: $(pf "$(ratio k100.full k1.full %.1f)" 110 '<=')$(case " $KS " in *" 100 "*) ;; *) printf ' (BENCH_K="1 10 100" to measure it)' ;; esac)"
echo
echo "Target (issue 14), the sample's PDF (both editions, $(or "$(get sample.pdf.pages)") pages, $(cell sample.pdf) ms):"
echo "- ≤ 8 KB per page: $(pf "$(bpp sample.pdf)" 8 '<=')"
for k in $TAGS_K; do tags_line "$k"; done
tags_all
echo
echo "Whole benchmark: $(( $(date +%s) - START )) s."
} >"$W/bench.md"
cat "$W/bench.md"
