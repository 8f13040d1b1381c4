#!/bin/sh
# The Makefile, in a copy of the source tree: `make -j8 clean build` with
# the user's CFLAGS=-O0 (parallel goals, the project's flags kept), plain
# `make -n` installs nothing, header dependencies, and `make install
# DESTDIR=... PREFIX=/usr` then `make uninstall` leaving no file behind.
. "$(dirname "$0")/lib.sh"
# This make, not the one running the suite: no jobserver, no CC passed down.
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES
src=$WORK/src
mkdir -p "$src"
(cd "$TOP" && tar -cf - --exclude=./.git --exclude=./gen/asan \
    --exclude=./gen/fuzz --exclude=./out --exclude=./tests/work \
    --exclude='*.o' --exclude='*.a' --exclude='*.d' --exclude=./.out.stamp \
    --exclude=./.out.tasks --exclude=./gen/rapporteur .) | tar -xf - -C "$src"
cd "$src" || exit 1

if make -j8 CFLAGS=-O0 clean build >"$WORK/build.log" 2>&1 &&
    gen/rapporteur check --content tests/fixtures/mini >/dev/null 2>&1; then
	pass "make -j8 CFLAGS=-O0 clean build: a working tool"
else
	fail "make -j8 CFLAGS=-O0 clean build: a working tool" \
	    "$(tail -20 "$WORK/build.log")"
fi
if grep ' -c ' "$WORK/build.log" | grep -v -- '-std=c11.* -O0' | grep -q .; then
	fail "CFLAGS=-O0 is appended to the project's flags" \
	    "$(grep ' -c ' "$WORK/build.log" | head -2)"
else
	pass "CFLAGS=-O0 is appended to the project's flags"
fi
make -n >"$WORK/n.log" 2>&1
if grep -q 'apt-get\|dpkg' "$WORK/n.log"; then
	fail "plain make only builds" "$(head "$WORK/n.log")"
else
	pass "plain make only builds"
fi
# The compiler's command for each object (the archive's line names them
# all, so it proves nothing).
touch gen/chartdesc.h gen/font.h
make -n build >"$WORK/dep.log" 2>&1
if grep -q -- '-o gen/html\.o ' "$WORK/dep.log" &&
    grep -q -- '-o gen/font\.o ' "$WORK/dep.log" &&
    ! grep -q -- '-o gen/csv\.o ' "$WORK/dep.log"; then
	pass "header dependencies: chartdesc.h and font.h rebuild html.o and font.o, not csv.o"
else
	fail "header dependencies: chartdesc.h and font.h rebuild html.o and font.o, not csv.o" \
	    "$(grep -- ' -c ' "$WORK/dep.log")"
fi
make build >/dev/null 2>&1

root=$WORK/root
if make install DESTDIR="$root" PREFIX=/usr >"$WORK/inst.log" 2>&1; then
	pass "make install DESTDIR=... PREFIX=/usr"
else
	fail "make install DESTDIR=... PREFIX=/usr" "$(tail "$WORK/inst.log")"
fi
modes=$(cd "$root" && stat -c '%a %n' usr/bin/rapporteur \
    usr/share/man/man1/rapporteur.1 usr/share/rapporteur/schema/plan.rng \
    usr/share/rapporteur/styles/site.css 2>&1)
want="755 usr/bin/rapporteur
644 usr/share/man/man1/rapporteur.1
644 usr/share/rapporteur/schema/plan.rng
644 usr/share/rapporteur/styles/site.css"
[ "$modes" = "$want" ] && pass "installed files and modes" ||
    fail "installed files and modes" "$modes"
# The styles of an installed tool follow PREFIX.
if grep -q '/usr/share/rapporteur/styles' "$root/usr/bin/rapporteur" &&
    ! grep -q '/usr/local/share/rapporteur' "$root/usr/bin/rapporteur"; then
	pass "the installed tool looks for its styles under PREFIX/share"
else
	fail "the installed tool looks for its styles under PREFIX/share"
fi
make uninstall DESTDIR="$root" PREFIX=/usr >"$WORK/uninst.log" 2>&1
left=$(find "$root" -type f -o -type l -o -name rapporteur)
[ -z "$left" ] && pass "make uninstall leaves no file behind" ||
    fail "make uninstall leaves no file behind" "$left"
