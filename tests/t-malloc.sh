#!/bin/sh
# The process's allocator (the Makefile's PROCESS_LIBS): with
# -ljemalloc, the tool needs libjemalloc and the dynamic linker binds
# the libraries' malloc() and free() to it, not to glibc's, and jemalloc
# takes the tool's settings (gen/main.c); without it
# (the sanitizers' builds), the tool does not need it.  Whatever the
# allocator, the same bytes: a build by tests/rapporteur-glibc (the tool
# linked without PROCESS_LIBS) and one by gen/rapporteur are compared,
# every format, for the sample, the English plan and the scripts content
# (Chinese, Arabic, a theme of its own), so that no output depends on
# where memory is (a hash of pointers walked in order, say).
. "$(dirname "$0")/lib.sh"
cd "$TOP" || exit 1
libs=${PROCESS_LIBS-$(sed -n 's/^PROCESS_LIBS = //p' Makefile)}
needed=$(readelf -dW "$BIN" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p')
case $libs in
*-ljemalloc*)
	if printf '%s\n' "$needed" | grep -q '^libjemalloc\.so'; then
		pass "malloc: the tool needs libjemalloc"
	else
		fail "malloc: the tool needs libjemalloc" "$needed"
	fi
	# gen/main.c's malloc_conf: one arena.
	if MALLOC_CONF=stats_print:true "$BIN" --version 2>&1 >/dev/null |
	    grep -q '^  opt\.narenas: 1$'; then
		pass "malloc: jemalloc reads the tool's settings (one arena)"
	else
		fail "malloc: jemalloc reads the tool's settings (one arena)" \
		    "$(MALLOC_CONF=stats_print:true "$BIN" --version 2>&1 |
		    grep narenas)"
	fi
	# libc's own calls, glib's (pango's g_malloc) and cairo's go to
	# jemalloc's malloc and free.
	LD_DEBUG=bindings "$BIN" --version >/dev/null 2>"$WORK/bind"
	for who in libc.so.6 libglib-2.0.so.0 libcairo.so.2; do
		for sym in malloc free; do
			if grep -q "binding file [^ ]*/$who .* to [^ ]*/libjemalloc\.so[^ ]* .*: normal symbol \`$sym'" \
			    "$WORK/bind"; then
				pass "malloc: $who's $sym is jemalloc's"
			else
				fail "malloc: $who's $sym is jemalloc's" \
				    "$(grep "symbol \`$sym'" "$WORK/bind" | head -5)"
			fi
		done
	done
	;;
*)
	if printf '%s\n' "$needed" | grep -q '^libjemalloc\.so'; then
		fail "malloc: PROCESS_LIBS='$libs': no libjemalloc" "$needed"
	else
		pass "malloc: PROCESS_LIBS='$libs': no libjemalloc"
	fi
	;;
esac
GLIBC=$TOP/tests/rapporteur-glibc
if readelf -dW "$GLIBC" | grep -q 'Shared library: \[libjemalloc'; then
	fail "malloc: tests/rapporteur-glibc is on glibc's malloc"
else
	pass "malloc: tests/rapporteur-glibc is on glibc's malloc"
fi
asan_full_stacks
for t in "sample|--content content" \
    "English plan|--content tests/plans/en" \
    "scripts|--content tests/scripts/content --styles tests/scripts/theme"
do
	# shellcheck disable=SC2086
	same_build "malloc: ${t%%|*}, the same bytes on glibc's malloc" "" \
	    "$GLIBC" ${t#*|}
done
