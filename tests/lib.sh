# Shared by the test scripts (sourced).  Each test prints one line,
# "ok - NAME" or "not ok - NAME", the way TAP does; tests/run.sh counts them.
# Environment pinned so output never depends on the machine.
export LC_ALL=C.UTF-8 TZ=UTC
unset LANG LANGUAGE SOURCE_DATE_EPOCH

TOP=$(cd "$(dirname "$0")/.." && pwd)
BIN=$TOP/gen/rapporteur
# A scratch folder for this script, removed on exit.
WORK=$(mktemp -d "${TMPDIR:-/tmp}/rapporteur-test.XXXXXX")
trap 'chmod -R u+rwX "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT

pass() { echo "ok - $1"; }
fail() {
	echo "not ok - $1"
	shift
	[ $# -gt 0 ] && printf '%s\n' "$@" | sed 's/^/#   /'
	return 0
}
# check NAME COMMAND...: passes if the command succeeds.
check() {
	name=$1
	shift
	if "$@" >"$WORK/.out" 2>&1; then pass "$name"
	else fail "$name" "$(head -c 2000 "$WORK/.out")"; fi
}
# same_build NAME ENV OTHER ARGS...: a full build of ARGS by the tool and
# one by the program OTHER with the environment assignment ENV (or none:
# ""), the same bytes; the test is named NAME.
same_build() {
	name=$1 envv=$2 other=$3
	shift 3
	rm -rf "$WORK/same-a" "$WORK/same-b"
	if "$BIN" build --quiet --out "$WORK/same-a" "$@" >"$WORK/err" 2>&1 &&
	    env ${envv:+"$envv"} "$other" build --quiet \
	    --out "$WORK/same-b" "$@" >>"$WORK/err" 2>&1 &&
	    [ -f "$WORK/same-a/index.html" ] &&
	    diff -r "$WORK/same-a" "$WORK/same-b" >"$WORK/diff" 2>&1
	then
		pass "$name"
	else
		fail "$name" "$(cat "$WORK/err"; head -20 "$WORK/diff")"
	fi
}
# Under make test-asan, full stacks, so that tests/fuzz/lsan.supp can tell
# cairo's own leak when it subsets a CFF font (Noto Sans CJK, drawn for a
# character only it has) from ours: for the scripts whose PDFs need it.
asan_full_stacks() {
	[ -n "${ASAN_OPTIONS:-}" ] &&
	    export ASAN_OPTIONS="$ASAN_OPTIONS:fast_unwind_on_malloc=0"
	return 0
}

# The href and src attribute values of a page, one a line.
# (404.html's <base href>, the site's root wherever the page is served,
# is left out: its links resolve from out/, where it lives.)
attrs() {
	xmllint --html --nonet --xpath '//@href[not(parent::base)]|//@src' \
	    "$1" 2>/dev/null |
	    sed 's/^ [a-z]*="//; s/"$//'
}

# linkcheck DIR: every internal href and src of every page under DIR
# resolves to a file (and its #fragment to an id in it); links are
# relative; outside links are http, https or mailto only.
linkcheck() {
	bad=0 nlinks=0
	for page in $(find "$1" -name '*.html' | sort); do
		dir=$(dirname "$page")
		for u in $(attrs "$page" | sed 's/&amp;/\&/g' | tr ' ' '+'); do
			nlinks=$((nlinks + 1))
			case $u in
			https://*|http://*|mailto:*)
				continue ;;
			/*|*:*)
				echo "$page: not relative: $u"
				bad=1
				continue ;;
			esac
			path=${u%%#*}
			frag=
			case $u in *'#'*) frag=${u#*#} ;; esac
			if [ -z "$path" ]; then
				target=$page
			else
				target=$dir/$path
			fi
			if [ ! -f "$target" ]; then
				echo "$page: missing: $u"
				bad=1
				continue
			fi
			if [ -n "$frag" ] &&
			    ! grep -q " id=\"$frag\"" "$target"; then
				echo "$page: no id \"$frag\" in $target"
				bad=1
			fi
		done
	done
	echo "$nlinks links"
	[ $bad -eq 0 ]
}
