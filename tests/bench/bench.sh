#!/bin/sh
# make bench: rapporteur against the floor, pandoc and WeasyPrint, on
# synthetic content of 23 x K measures (tests/bench/gencontent.c), for
# K = 1, 10, 100.  Prints the tables README "Performance" quotes, and keeps
# them in $BENCH_DIR/bench.md.  Never part of `make test`: it times things.
#
# Environment (all optional):
#   BENCH_K="1 10 100"    the sizes
#   BENCH_RUNS_1=7 BENCH_RUNS_10=5 BENCH_RUNS_100=3   timed runs per job
#   BENCH_RUNS_100=2      (the default: K = 100 takes minutes)
#   BENCH_PANDOC_K="1 10" sizes at which pandoc runs (minutes at K = 100)
#   BENCH_WEASY_K="1"     sizes at which WeasyPrint runs (minutes at 10)
#   BENCH_TIMER=hyperfine|builtin   default: hyperfine when installed
#   BENCH_DIR=...         scratch folder, emptied first; default
#                         /dev/shm/rapporteur-bench (tmpfs: the figures are
#                         computing, not this machine's disk), else /tmp
#   BENCH_SEED=1          generator seed
#   BENCH_FORMATS="html pdf"  our single-format rows
# A job that fails (a backend not finished, a tool missing) is shown as
# "failed" or "n/a" and the run goes on.
export LC_ALL=C.UTF-8 TZ=UTC
unset LANG LANGUAGE SOURCE_DATE_EPOCH

TOP=$(cd "$(dirname "$0")/../.." && pwd)
B=$TOP/tests/bench
KS=${BENCH_K:-"1 10 100"}
PANDOC_K=${BENCH_PANDOC_K:-"1 10"}
WEASY_K=${BENCH_WEASY_K:-"1"}
SEED=${BENCH_SEED:-1}
if [ -n "${BENCH_DIR:-}" ]; then W=$BENCH_DIR
elif [ -w /dev/shm ] && [ "$(df -Pk /dev/shm | awk 'NR == 2 { print $4 }')" \
    -gt 8000000 ]; then W=/dev/shm/rapporteur-bench
else W=/tmp/rapporteur-bench; fi
NCPU=$(getconf _NPROCESSORS_ONLN 2>/dev/null || nproc)
START=$(date +%s)
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)

say() { printf '%s\n' "$*" >&2; }

for f in gen/rapporteur tests/bench/gencontent tests/bench/timer \
    tests/bench/floor; do
	[ -x "$TOP/$f" ] || { say "bench: $f is missing (run make bench)"; exit 2; }
done
case $W in /|"") say "bench: BENCH_DIR=$W?"; exit 2 ;; esac
rm -rf "$W"
mkdir -p "$W" || exit 3
# The binary and styles are copied first, so that a rebuild in the working
# tree during the run cannot mix two versions in one table.
cp "$TOP/gen/rapporteur" "$W/rapporteur"
cp "$B/timer" "$W/timer"
cp "$B/floor" "$W/floor-bin"
cp -R "$TOP/styles" "$W/styles"
BIN=$W/rapporteur
R=$W/results
: >"$R"

if [ -n "${BENCH_TIMER:-}" ]; then TIMER=$BENCH_TIMER
elif command -v hyperfine >/dev/null 2>&1; then TIMER=hyperfine
else TIMER=builtin; fi
have() { command -v "$1" >/dev/null 2>&1; }

put() { echo "$1 $2" >>"$R"; }
get() { awk -v k="$1" '$1 == k { v = $2 } END { if (v != "") print v }' "$R"; }

# measure KEY RUNS WARMUPS PREP COMMAND...: times COMMAND (prep, an
# "rm -rf" of its output, runs before each run, untimed) and records
# KEY.med, KEY.min, KEY.max (wall clock) and KEY.cpu (user + system) in
# ms.  On failure records KEY.fail and shows the end of the command's
# stderr.
measure() {
	key=$1 runs=$2 warm=$3 prep=$4
	shift 4
	say "bench: $key ($runs runs): $*"
	: >"$W/err.log"
	if [ "$TIMER" = hyperfine ]; then
		if hyperfine -N --style none --runs "$runs" --warmup "$warm" \
		    --prepare "$prep" --export-csv "$W/hf.csv" -- "$*" \
		    >/dev/null 2>"$W/err.log"; then
			# command,mean,stddev,median,user,system,min,max [s],
			# user and system being means; the command itself may
			# hold commas: count from the end.
			set -- $(awk -F, 'NR == 2 { printf "%.1f %.1f %.1f %.1f\n",
			    $(NF-4) * 1000, $(NF-1) * 1000, $NF * 1000,
			    ($(NF-3) + $(NF-2)) * 1000 }' "$W/hf.csv")
		else
			set --
		fi
	else
		set -- $("$W/timer" -n "$runs" -w "$warm" -p "$prep" \
		    -e "$W/err.log" "$@") || set --
	fi
	if [ $# -ge 4 ]; then
		put "$key.med" "$1"
		put "$key.min" "$2"
		put "$key.max" "$3"
		put "$key.cpu" "$4"
		say "bench:   median $1 ms (min $2, max $3), CPU $4 ms"
	else
		put "$key.fail" 1
		say "bench:   FAILED"
		tail -n 5 "$W/err.log" | sed 's/^/bench:   | /' >&2
	fi
}

# rss KEY COMMAND...: peak RSS [kB] of one run, by /usr/bin/time -v.
rss() {
	key=$1
	shift
	[ -x /usr/bin/time ] || return 0
	/usr/bin/time -v "$@" >/dev/null 2>"$W/time.log" &&
	    put "$key.rss" "$(awk -F': ' '/Maximum resident set size/ \
	    { print $2 }' "$W/time.log")"
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

for k in $KS; do
	eval runs=\${BENCH_RUNS_$k:-}
	[ -n "$runs" ] || case $k in
		1) runs=7 ;; 10) runs=5 ;; *) runs=2 ;;
	esac
	warm=1
	[ "$k" -ge 100 ] && warm=0
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

	# Ours: the full build, then each format alone.
	b="$BIN build --content $C --styles $W/styles --quiet"
	measure "k$k.full" "$runs" "$warm" "rm -rf $D/out" $b --out "$D/out"
	if [ -d "$D/out" ]; then
		put "k$k.html_pages" "$(htmlpages "$D/out")"
		put "k$k.pdf_pages" "$(pdfpages "$D/out")"
		put "k$k.svg_files" "$(find "$D/out" -name '*.svg' | wc -l)"
		put "k$k.outputs" "$(find "$D/out" -type f | wc -l)"
		put "k$k.outbytes" "$(find "$D/out" -type f -exec cat {} + |
		    wc -c)"
		rm -rf "$D/out-rss"
		rss "k$k.full" $b --out "$D/out-rss"
		rm -rf "$D/out-rss"
	fi
	for f in ${BENCH_FORMATS:-html pdf}; do
		measure "k$k.$f" "$runs" "$warm" "rm -rf $D/out-$f" \
		    $b --format "$f" --out "$D/out-$f"
		[ -d "$D/out-$f" ] || continue
		put "k$k.$f.pages" "$(${f}pages "$D/out-$f")"
		rm -rf "$D/out-$f"
	done
	case " $WEASY_K " in *" $k "*)
		# Our PDF of one edition, beside WeasyPrint's of the same.
		measure "k$k.pdf16" "$runs" "$warm" "rm -rf $D/out-pdf16" \
		    $b --format pdf --year 2016 --out "$D/out-pdf16"
		[ -d "$D/out-pdf16" ] &&
		    put "k$k.pdf16.pages" "$(pdfpages "$D/out-pdf16")"
		rm -rf "$D/out-pdf16" ;;
	esac

	# The floor: the same input bytes read, the same output bytes
	# written, nothing computed.
	if [ -d "$D/out" ]; then
		measure "k$k.floor" "$runs" "$warm" "rm -rf $D/floor" \
		    "$W/floor-bin" "$C" "$D/out" "$D/floor"
		rm -rf "$D/floor"
	fi

	# --jobs: one worker thread against two, at K = 10.
	if [ "$k" = 10 ]; then
		measure "k$k.jobs1" "$runs" "$warm" "rm -rf $D/out-j" \
		    $b --jobs 1 --out "$D/out-j"
		measure "k$k.jobs2" "$runs" "$warm" "rm -rf $D/out-j" \
		    $b --jobs 2 --out "$D/out-j"
		if [ -d "$D/out-j" ] && [ -d "$D/out" ]; then
			# The output must not depend on the thread count.
			rm -rf "$D/out-j1"
			$b --jobs 1 --out "$D/out-j1" 2>/dev/null
			if diff -r "$D/out-j1" "$D/out-j" >/dev/null 2>&1; then
				put "k$k.jobs_same" yes
			else
				put "k$k.jobs_same" NO
			fi
			rm -rf "$D/out-j" "$D/out-j1"
		fi
		# What an author waits for after saving a file: a rebuild
		# over the previous output, one narrative changed each time.
		if [ -d "$D/out" ]; then
			f=$(find "$C/editions/2016/measures" -name '*.md' |
			    sort | head -n 1)
			cp "$f" "$D/saved.orig"
			cp "$f" "$D/saved.mod"
			printf '\nUne phrase ajoutée.\n' >>"$D/saved.mod"
			printf '%s\n' "if cmp -s '$f' '$D/saved.orig'; then" \
			    "cp '$D/saved.mod' '$f'; else" \
			    "cp '$D/saved.orig' '$f'; fi" >"$D/toggle.sh"
			measure "k$k.rebuild" "$runs" 1 "sh $D/toggle.sh" \
			    $b --out "$D/out"
			cp "$D/saved.orig" "$f"
		fi
	fi
	oruns=$runs
	[ "$k" -ge 10 ] && oruns=3

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
		measure "k$k.pandoc" "$oruns" 1 "rm -rf $D/site" \
		    make -s -j"$NCPU" -C "$D" -f pandoc.mk
		rm -rf "$D/site"
	fi

	# WeasyPrint: our site of the 2016 edition, its pages' <main>
	# put in one document in reading order, to PDF.
	if have weasyprint && [ -d "$D/out/2016" ] &&
	    case " $WEASY_K " in *" $k "*) ;; *) false ;; esac; then
		S=$D/weasy/2016
		mkdir -p "$D/weasy"
		cp -R "$D/out/2016" "$S"
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
		measure "k$k.weasy" "$oruns" 0 "rm -f $D/weasy.pdf" \
		    weasyprint "$S/edition-complete.html" "$D/weasy.pdf"
		[ -f "$D/weasy.pdf" ] &&
		    put "k$k.weasy.pages" "$(pdfpages "$D/weasy.pdf")"
		rss "k$k.weasy" weasyprint "$S/edition-complete.html" \
		    "$D/weasy-rss.pdf"
		rm -rf "$D/weasy" "$D/weasy.pdf" "$D/weasy-rss.pdf"
	fi
done

# ---- the tables ----

# ms VALUE: "12.3" under 100 ms, else a whole number.
ms() { awk -v v="$1" 'BEGIN { if (v < 100) printf "%.1f", v;
    else printf "%.0f", v }'; }
cell() {
	if [ -n "$(get "$1.fail")" ]; then printf 'failed'
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
d_inputs() { printf '%s files, %s kB' "$(get "k$1.inputs")" \
    "$(div "$(get "k$1.inbytes")" 1024 %.0f)"; }
d_outputs() { printf '%s files, %s kB' "$(get "k$1.outputs")" \
    "$(div "$(get "k$1.outbytes")" 1024 %.0f)"; }
d_pages() { printf '%s / %s / %s' "$(get "k$1.html_pages")" \
    "$(get "k$1.pdf_pages")" "$(get "k$1.svg_files")"; }
d_html_ms() { div "$(get "k$1.html.med")" "$(get "k$1.html.pages")" %.3f; }
d_pdf_ms() { div "$(get "k$1.pdf.med")" "$(get "k$1.pdf.pages")" %.3f; }
d_floor() { div "$(get "k$1.full.med")" "$(get "k$1.floor.med")" %.1f×; }
d_pandoc() { div "$(get "k$1.pandoc.med")" "$(get "k$1.full.med")" %.1f×; }
d_pandoc_html() { div "$(get "k$1.pandoc.med")" "$(get "k$1.html.med")" \
    %.1f×; }
d_pandoc_page() { div "$(get "k$1.pandoc.med")" "$(get "k$1.pandoc.pages")" \
    %.1f; }
d_weasy() { div "$(get "k$1.weasy.med")" "$(get "k$1.pdf16.med")" %.1f×; }
d_weasy_page() { div "$(get "k$1.weasy.med")" "$(get "k$1.weasy.pages")" \
    %.1f; }
d_weasy_pages() { printf '%s / %s' "$(get "k$1.pdf16.pages")" \
    "$(get "k$1.weasy.pages")"; }
d_rss() { mb "$(get "k$1.full.rss")"; }
d_weasy_rss() { mb "$(get "k$1.weasy.rss")"; }

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/^MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo)
os=$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")
ver() { "$@" 2>/dev/null | head -n 1; }
first=${KS%% *}
last=${KS##* }

{
echo "Machine: $cpu, $NCPU cores, $mem RAM; $os, Linux $(uname -r);"
echo "scratch folder on $(stat -f -c %T "$W"); load average $LOAD0 at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end."
echo "Timer: $TIMER; median (min–max) of the runs, in ms, output folder"
echo "removed before each run.  rapporteur $("$BIN" --version |
    awk '{ print $2 }') (cairo $(pkg-config --modversion cairo 2>/dev/null),"
echo "pango $(pkg-config --modversion pango 2>/dev/null)); $(ver pandoc --version || echo 'pandoc: not installed');"
echo "$(ver weasyprint --version || echo 'WeasyPrint: not installed')."
echo
hdr "time [ms]"
row "rapporteur, full build (2 editions: HTML + SVG + PDF)" full
row "rapporteur, HTML only (\`--format html\`, with its SVG)" html
row "rapporteur, PDF only (\`--format pdf\`)" pdf
row "rapporteur, PDF of the 2016 edition" pdf16
row "floor: read every input, write every output byte" floor
row "pandoc, one process per page (\`make -j$NCPU\`)" pandoc
row "WeasyPrint, 2016 site → one PDF" weasy
row "rapporteur, rebuild after one narrative changed" rebuild
row "rapporteur, full build, \`--jobs 1\`" jobs1
row "rapporteur, full build, \`--jobs 2\`" jobs2
echo
echo "CPU time (user + system, all threads and child processes), median, ms:"
echo
hdr "CPU [ms]"
cpurow "rapporteur, full build" full
cpurow "rapporteur, HTML only" html
cpurow "rapporteur, PDF only" pdf
cpurow "floor" floor
cpurow "pandoc" pandoc
cpurow "WeasyPrint" weasy
echo
hdr "derived"
drow "measures" d_measures
drow "inputs" d_inputs
drow "outputs (full build)" d_outputs
drow "HTML pages / PDF pages / SVG files" d_pages
drow "ms per HTML page (HTML only)" d_html_ms
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
echo
j1=$(get k10.jobs1.med) j2=$(get k10.jobs2.med)
echo "- \`--jobs 1\` vs \`--jobs 2\`, full build, K = 10: $(ms "${j1:-0}") ms vs $(ms "${j2:-0}") ms, speedup $(div "$j1" "$j2" %.2f×) (same output: $(get k10.jobs_same))."
echo "- Scaling, full build: t(K = $last) ÷ t(K = $first) = $(div "$(get "k$last.full.med")" "$(get "k$first.full.med")" %.1f) for $(div $((23 * last)) $((23 * first)) %.0f)× the measures."
echo
echo "Targets (issue 8):"
t() { awk -v v="$1" -v lim="$2" -v op="$3" 'BEGIN {
    if (v == "" || v == "—") { printf "not measured"; exit }
    ok = (op == ">=") ? v + 0 >= lim : v + 0 <= lim
    printf "%s (%s, target %s %s)", ok ? "met" : "NOT met", v, op, lim }'; }
p=$(d_pandoc "$first" | tr -d '×')
echo "- full build ≥ 20× faster than pandoc (K = $first): $(t "$p" 20 '>=')"
wz=$(d_weasy "$first" | tr -d '×')
echo "- PDF ≥ 25× faster than WeasyPrint (K = $first, 2016): $(t "$wz" 25 '>=')"
echo "- ≤ 2 ms per PDF page at K = 10: $(t "$(d_pdf_ms 10)" 2 '<=')"
echo "- ≤ 0.5 ms per HTML page at K = 10: $(t "$(d_html_ms 10)" 0.5 '<=')"
echo "- t(K = 100) ÷ t(K = 1) ≤ 110: $(t "$(div "$(get k100.full.med)" "$(get k1.full.med)" %.1f)" 110 '<=')"
echo "- peak RSS ≤ 100 MB at K = 10: $(t "$(div "$(get k10.full.rss)" 1024 %.0f)" 100 '<=')"
echo "- --jobs 2 ≥ 1.7× --jobs 1 at K = 10: $(t "$(div "$j1" "$j2" %.2f)" 1.7 '>=')"
echo
echo "Whole benchmark: $(( $(date +%s) - START )) s."
} >"$W/bench.md"
cat "$W/bench.md"
