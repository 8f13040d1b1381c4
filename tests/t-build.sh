#!/bin/sh
# Builds as the three uses need them: reproducible (same bytes whatever the
# folder, TZ, LANG or --jobs), atomic (a failed build leaves out/ as it
# was), incremental (a rebuild rewrites only what changed), installable.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 1

# Two copies of the content in different folders, built with different
# environments and thread counts.
mkdir -p a/deep/er b
cp -R "$TOP/content" a/deep/er/content
cp -R "$TOP/content" b/content
(cd a/deep/er && TZ=Pacific/Kiritimati LANG=de_DE.UTF-8 LC_ALL= \
    "$BIN" build --quiet --jobs 1 --out out) 2>err.a
sta=$?
(cd b && TZ=America/Los_Angeles LC_ALL=C "$BIN" build --quiet --jobs 2 \
    --out out) 2>err.b
stb=$?
if [ $sta = 0 ] && [ $stb = 0 ]; then pass "sample content builds twice"
else fail "sample content builds twice" "$(cat err.a err.b)"; fi
if diff -r a/deep/er/out b/out >diff.txt; then
	pass "two builds are byte-identical ($(find b/out -type f | wc -l) files)"
else
	fail "two builds are byte-identical" "$(head -20 diff.txt)"
fi
if ls b | grep -q '^out\.tmp'; then fail "no temporary folder left" "$(ls b)"
else pass "no temporary folder left"; fi

# A rebuild with nothing changed rewrites nothing.
find b/out -type f -printf '%p %T@\n' | sort >before
sleep 1
(cd b && "$BIN" build --out out) 2>err
find b/out -type f -printf '%p %T@\n' | sort >after
if diff before after >/dev/null; then pass "no-op rebuild rewrites no file"
else fail "no-op rebuild rewrites no file" "$(diff before after | head)"; fi

if grep -q 'is up to date' err; then pass "no-op rebuild is skipped"
else fail "no-op rebuild is skipped" "$(cat err)"; fi
# A file removed from out/ by hand: the next build puts it back.
rm b/out/2016/mesure-07.html
(cd b && "$BIN" build --quiet --out out) 2>err
if [ -f b/out/2016/mesure-07.html ]; then pass "a missing output file is rebuilt"
else fail "a missing output file is rebuilt" "$(cat err)"; fi
find b/out -type f -printf '%p %T@\n' | sort >before

# One narrative changed: the 2015 edition and the other pages keep their
# mtimes; the measure's own outputs change.
printf '\nUne phrase ajoutée au récit.\n' >>b/content/editions/2016/measures/m05.md
sleep 1
(cd b && "$BIN" build --quiet --out out) 2>err
find b/out -type f -printf '%p %T@\n' | sort >after2
changed=$(diff before after2 | grep '^>' | cut -d' ' -f2)
if echo "$changed" | grep -q '^b/out/2015/'; then
	fail "a 2016 narrative leaves 2015 untouched" "$changed"
else
	pass "a 2016 narrative leaves 2015 untouched"
fi

# A failed build leaves out/ exactly as it was, and no temporary folder.
(cd b && find out -type f -exec md5sum {} + | sort) >sums.before
sed -i 's|<value year="2014">70</value>|<value year="2014">soixante-dix</value>|' b/content/indicators/m08.xml
(cd b && "$BIN" build --quiet --out out) 2>err
st=$?
(cd b && find out -type f -exec md5sum {} + | sort) >sums.after
if [ $st = 1 ] && cmp -s sums.before sums.after && ! ls b | grep -q '^out\.tmp'
then pass "failed build leaves out/ untouched"
else fail "failed build leaves out/ untouched" "status $st" "$(cat err)"; fi

# An output folder that cannot be made (its parent is a file): refused,
# status 2, nothing written.
mkdir -p ro && cp -R "$TOP/tests/fixtures/mini" ro/content
: >ro/blocker
"$BIN" build --quiet --content ro/content --out ro/blocker/out 2>err
st=$?
if [ $st = 2 ] && grep -qx 'rapporteur: --out ro/blocker/out: Not a directory' err &&
    [ ! -s ro/blocker ]; then pass "output folder under a file: status 2"
else fail "output folder under a file: status 2" "status $st" "$(cat err)"; fi

# --jobs: worker processes.  The same bytes whatever the number of
# workers, over repeated builds of the sample and of a generated content
# (more measures, so that the workers run side by side longer).
cc -std=c11 -D_GNU_SOURCE -O2 -o gencontent "$TOP/tests/bench/gencontent.c" &&
    ./gencontent 1 k1 || fail "gencontent K = 1"
same=1 why=
for src in "$TOP/content" k1; do
	rm -rf j.ref
	"$BIN" build --quiet --jobs 1 --content "$src" --out j.ref 2>err ||
	    { same=0; why="$src --jobs 1: $(cat err)"; }
	for j in 2 3 2 8; do
		rm -rf j.out
		"$BIN" build --quiet --jobs $j --content "$src" --out j.out 2>err ||
		    { same=0; why="$src --jobs $j: $(cat err)"; }
		diff -r j.ref j.out >diff.txt ||
		    { same=0; why="$src --jobs $j: $(head -5 diff.txt)"; }
	done
done
if [ $same = 1 ]; then pass "--jobs 1, 2, 3, 8: byte-identical (sample, K = 1)"
else fail "--jobs 1, 2, 3, 8: byte-identical (sample, K = 1)" "$why"; fi
if ls | grep -q '^j\.\(ref\|out\)\.tmp'; then fail "--jobs: no temporary folder left" "$(ls)"
else pass "--jobs: no temporary folder left"; fi

# An edition's charts are three tasks (each half of the indicators, the
# edition's own charts and social card) that any worker may take: one
# edition alone (the charts, the site, its root pages) gives the same
# bytes, the same list of files and the same files under each task's
# record whatever the number of workers.
tasks() { sed 's/^F [0-9]* [0-9]* [0-9]* [0-9]* [0-9]* /F /; s/^\(T [a-z]* [0-9]*\) .*/\1/' "$1"; }
same=1 why=
rm -rf y.ref
"$BIN" build --quiet --jobs 1 --year 2016 --format html --content k1 \
    --out y.ref 2>err || { same=0; why="--jobs 1: $(cat err)"; }
for j in 2 3 4; do
	rm -rf y.out
	"$BIN" build --quiet --jobs $j --year 2016 --format html --content k1 \
	    --out y.out 2>err || { same=0; why="--jobs $j: $(cat err)"; }
	diff -r y.ref y.out >diff.txt ||
	    { same=0; why="--jobs $j: $(head -5 diff.txt)"; }
	cmp -s .y.ref.files .y.out.files ||
	    { same=0; why="--jobs $j: another list of files"; }
	tasks .y.ref.tasks >t.ref && tasks .y.out.tasks >t.out &&
	    [ "$(grep -c '^T svg 2016$' t.ref)" = 1 ] && cmp -s t.ref t.out ||
	    { same=0; why="--jobs $j: other task records $(diff t.ref t.out | head -5)"; }
done
if [ $same = 1 ]; then pass "--year 2016 --format html, --jobs 1 to 4: same bytes, files and task records"
else fail "--year 2016 --format html, --jobs 1 to 4: same bytes, files and task records" "$why"; fi

# A part of the charts that fails fails the build, the others done or
# not: status 3, nothing written.  The fault: a file size limit that
# only the social cards (the third part) exceed.
for j in 1 2 3; do
	rm -rf y.out
	(trap '' XFSZ && ulimit -f 150 && exec "$BIN" build --quiet \
	    --jobs $j --format svg --content "$TOP/content" --out y.out) 2>err
	st=$?
	if [ $st = 3 ] && grep -q 'partage-20[0-9]*\.png.*File too large' err &&
	    [ ! -e y.out ] && ! ls | grep -q '^y\.out\.tmp'
	then pass "--jobs $j: a failing part of the charts fails the build, nothing written"
	else fail "--jobs $j: a failing part of the charts fails the build, nothing written" \
	    "status $st" "$(cat err)" "$(ls)"; fi
done

# A new build draws the indicators' charts in workers started once the
# indicators are loaded, while the parent loads the editions: content
# errors found after that fail the build the same way whatever --jobs,
# with the same diagnostics in the same order, and nothing written.
rm -rf e && mkdir e && cp -R "$TOP/tests/fixtures/mini" e/content
(cd e/content && sh "$TOP/tests/bad/narrative-link-missing/setup" &&
    echo 'Brouillon.' >editions/2016/brouillon.md) ||
    fail "early charts: setup"
same=1 why=
for j in 1 2 3; do
	(cd e && exec "$BIN" build --jobs $j --content content --out out) \
	    >/dev/null 2>e.$j
	st=$?
	[ $st = 1 ] && [ ! -e e/out ] && ! ls e | grep -q '^out\.tmp' &&
	    grep -q 'brouillon.md: warning' e.$j &&
	    grep -q 'm03.md:3:13: error' e.$j ||
	    { same=0; why="--jobs $j: status $st $(ls e) $(cat e.$j)"; }
	[ $j = 1 ] || cmp -s e.1 e.$j ||
	    { same=0; why="--jobs $j: $(diff e.1 e.$j | head -5)"; }
done
if command -v strace >/dev/null 2>&1; then
	(cd e && export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" &&
	    exec strace -f -qq -o ../e.trace -e trace=clone,fork "$BIN" \
	    build --quiet --jobs 3 --content content --out out) 2>/dev/null
	# fork() is clone(..., SIGCHLD); threads come from clone3().  One
	# early worker fewer than --jobs: the parent loads meanwhile.
	n=$(grep -c 'clone(.*SIGCHLD' e.trace)
	[ "$n" = 2 ] || { same=0; why="$n workers started, not the 2 early ones"; }
fi
if [ $same = 1 ]; then pass "early charts: content errors found after they start: the same diagnostics whatever --jobs, nothing written"
else fail "early charts: content errors found after they start: the same diagnostics whatever --jobs, nothing written" "$why"; fi

# out/ removed after a build ("rm -rf out"), its stamp and task records
# left beside it: every task runs, so the early workers start as for a
# first build (with out/ there, none does), and the build gives the
# same files as the first.
if command -v strace >/dev/null 2>&1; then
	rm -rf g && mkdir g && cp -R "$TOP/tests/fixtures/mini" g/content
	(cd g && exec "$BIN" build --quiet --jobs 1 --content content \
	    --out out) 2>err && mv g/out g/first &&
	    (cd g && exec "$BIN" build --quiet --jobs 1 --content content \
	    --out out) 2>>err && [ -s g/.out.stamp ] && [ -s g/.out.tasks ] &&
	    cp -R g/content g/good &&
	    (cd g/content && sh "$TOP/tests/bad/narrative-link-missing/setup") ||
	    fail "early charts after out/ removed: setup" "$(cat err)"
	why=
	for gone in 0 1; do
		[ $gone = 0 ] || rm -rf g/out
		(cd g && export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" &&
		    exec strace -f -qq -o ../g.trace -e trace=clone,fork \
		    "$BIN" build --quiet --jobs 3 --content content --out out) \
		    2>/dev/null
		n=$(grep -c 'clone(.*SIGCHLD' g.trace)
		[ "$n" = $((gone * 2)) ] ||
		    why="$why${why:+; }out/ $([ $gone = 1 ] && echo removed ||
		    echo there): $n workers started before the errors, not $((gone * 2))"
	done
	rm -rf g/content && mv g/good g/content
	(cd g && exec "$BIN" build --quiet --jobs 3 --content content \
	    --out out) 2>err || why="$why${why:+; }rebuild: $(cat err)"
	diff -r g/first g/out >/dev/null ||
	    why="$why${why:+; }other files than the first build's: $(diff -rq g/first g/out | head -3)"
	if [ -z "$why" ]; then pass "out/ removed, its stamp left: the early workers start, the same files as a first build"
	else fail "out/ removed, its stamp left: the early workers start, the same files as a first build" "$why"; fi
fi

# Progress lines of workers running side by side never mix.
rm -rf j.out
"$BIN" build --jobs 2 --content k1 --out j.out 2>err
if [ "$(grep -cvE '^rapporteur: (PDF|charts|site) 20[0-9][0-9]$' err)" = 0 ] &&
    [ "$(wc -l <err)" = 6 ]; then pass "--jobs 2: whole progress lines"
else fail "--jobs 2: whole progress lines" "$(cat err)"; fi

# A worker that fails, or dies, fails the build: status 3, out/ as it
# was, no temporary folder.  The fault: a file size limit that the PDF
# (made by a worker) exceeds and the parent's small files do not; with
# SIGXFSZ ignored the write fails (EFBIG), otherwise the worker is
# killed by the signal.
rm -rf w && mkdir w && cp -R "$TOP/content" w/content
(cd w && "$BIN" build --quiet --jobs 2 --content content --out out) 2>err ||
    fail "worker faults: first build" "$(cat err)"
printf '\nUne phrase de plus.\n' >>w/content/editions/2016/measures/m03.md
(cd w && find out -type f -exec md5sum {} + | sort) >sums.before
(cd w && trap '' XFSZ && ulimit -f 600 && exec "$BIN" build --quiet \
    --jobs 2 --content content --out out) 2>err
st=$?
(cd w && find out -type f -exec md5sum {} + | sort) >sums.after
if [ $st = 3 ] && grep -q 'File too large' err && cmp -s sums.before sums.after &&
    ! ls w | grep -q '^out\.tmp'
then pass "a failing worker: status 3, out/ untouched, no temporary folder"
else fail "a failing worker: status 3, out/ untouched, no temporary folder" \
    "status $st" "$(cat err)" "$(ls w)"; fi
(cd w && ulimit -f 600 && exec "$BIN" build --quiet --jobs 2 \
    --content content --out out) 2>err
st=$?
(cd w && find out -type f -exec md5sum {} + | sort) >sums.after
if [ $st = 3 ] && grep -q 'killed by signal' err && cmp -s sums.before sums.after &&
    ! ls w | grep -q '^out\.tmp'
then pass "a worker killed by a signal: status 3, out/ untouched, no temporary folder"
else fail "a worker killed by a signal: status 3, out/ untouched, no temporary folder" \
    "status $st" "$(cat err)" "$(ls w)"; fi

# kill -9 of a worker while it renders (tried again if the build ended
# before a worker could be seen).  Without the task records every task
# runs, so the workers live long enough; a worker already done (a
# zombie) is not a target.
tries=0 killed=0
while [ $killed = 0 ] && [ $tries -lt 10 ]; do
	tries=$((tries + 1))
	rm -f w/.out.tasks
	(cd w && exec "$BIN" build --quiet --jobs 2 --content content \
	    --out out) 2>err &
	pid=$!
	i=0
	while [ $i -lt 500 ]; do
		kid=$(ps -o pid=,stat= --ppid $pid 2>/dev/null |
		    awk '$2 !~ /^Z/ { print $1; exit }')
		[ -n "$kid" ] && kill -KILL $kid 2>/dev/null && { killed=1; break; }
		kill -0 $pid 2>/dev/null || break
		sleep 0.01
		i=$((i + 1))
	done
	wait $pid
	st=$?
done
(cd w && find out -type f -exec md5sum {} + | sort) >sums.after
if [ $killed = 0 ]; then pass "kill -9 of a worker # SKIP no worker seen"
elif [ $st = 3 ] && grep -q 'killed by signal 9' err &&
    cmp -s sums.before sums.after && ! ls w | grep -q '^out\.tmp'
then pass "kill -9 of a worker: status 3, out/ untouched, no temporary folder"
else fail "kill -9 of a worker: status 3, out/ untouched, no temporary folder" \
    "status $st" "$(cat err)" "$(ls w)"; fi
(cd w && "$BIN" build --quiet --jobs 2 --content content --out out) 2>err
if [ $? = 0 ] && grep -q 'Une phrase de plus' w/out/2016/mesure-03.html
then pass "after the faults, the next build succeeds"
else fail "after the faults, the next build succeeds" "$(cat err)"; fi

# Tasks skipped when what they read did not change.  Whatever is
# skipped, the result must be the bytes of a clean build.
same_as_clean() {
	rm -rf w/clean
	(cd w && "$BIN" build --quiet --jobs 2 --content content \
	    --out clean) 2>clean.err
	if diff -r w/out w/clean >diff.txt; then pass "$1"
	else fail "$1" "$(head -5 diff.txt)" "$(cat clean.err)"; fi
}
same_as_clean "after the faults: the same bytes as a clean build"
find w/out -type f -printf '%p %T@\n' | sort >before
sleep 1
printf '\nUne autre phrase, pour 2016.\n' >>w/content/editions/2016/measures/m05.md
(cd w && "$BIN" build --jobs 2 --content content --out out) 2>err
find w/out -type f -printf '%p %T@\n' | sort >after
changed=$(diff before after | sed -n 's/^> \([^ ]*\) .*/\1/p')
if echo "$changed" | grep -q '^w/out/2015/\|\.svg$'; then
	fail "a 2016 narrative: the 2015 files and every SVG keep their mtime" "$changed"
else pass "a 2016 narrative: the 2015 files and every SVG keep their mtime"; fi
if echo "$changed" | grep -q '^w/out/2016/rapport-2016\.pdf$' &&
    echo "$changed" | grep -q '^w/out/2016/mesure-05\.html$'; then
	pass "a 2016 narrative: its HTML page and the 2016 PDF change"
else fail "a 2016 narrative: its HTML page and the 2016 PDF change" "$changed"; fi
if grep -q 'PDF 2015 unchanged' err && grep -q 'charts 2016 unchanged' err &&
    ! grep -q 'PDF 2016 unchanged' err
then pass "a 2016 narrative: the 2015 tasks and the charts are skipped"
else fail "a 2016 narrative: the 2015 tasks and the charts are skipped" "$(cat err)"; fi
same_as_clean "a 2016 narrative: the same bytes as a clean build"

# Files of skipped tasks removed by hand: their tasks run again.
svg=$(cd w/out && ls 2016/charts/*.svg | head -1)
rm w/out/2015/rapport-2015.pdf "w/out/$svg"
(cd w && "$BIN" build --quiet --jobs 1 --content content --out out) 2>err
if [ -f w/out/2015/rapport-2015.pdf ] && [ -f "w/out/$svg" ]
then pass "outputs of skipped tasks removed by hand are rebuilt"
else fail "outputs of skipped tasks removed by hand are rebuilt" "$(cat err)"; fi
same_as_clean "after files removed by hand: the same bytes as a clean build"

# A warning about a 2016 file shows on the review page of 2015 too.
printf '# Notes\n\nPas encore prêt.\n' >w/content/editions/2016/notes.md
sed -i 's/status="final"/status="draft"/' w/content/editions/2015/edition.xml
(cd w && "$BIN" build --quiet --jobs 2 --content content --out out) 2>err
if grep -q 'notes.md' w/out/2015/revue.html
then pass "a warning on a 2016 file: the 2015 review page lists it"
else fail "a warning on a 2016 file: the 2015 review page lists it" "$(cat err)"; fi
same_as_clean "a warning on a 2016 file: the same bytes as a clean build"
rm w/content/editions/2016/notes.md

# A 2016 narrative shows an image of the 2015 folder; only the image
# changes.
mkdir -p w/content/editions/2015/img
cp "$TOP/tests/pdf/figure.png" w/content/editions/2015/img/partage.png
printf '\n![Figure partagée](../../2015/img/partage.png)\n' \
    >>w/content/editions/2016/measures/m02.md
(cd w && "$BIN" build --quiet --jobs 2 --content content --out out) 2>err ||
    fail "an image of another edition: build" "$(cat err)"
cp "$TOP/tests/site/hostile/images/schema.png" \
    w/content/editions/2015/img/partage.png
(cd w && "$BIN" build --quiet --jobs 2 --content content --out out) 2>err
same_as_clean "an image of another edition changed: the same bytes as a clean build"

# What other editions show of an edition (edition.xml), and the
# indicators every task reads.
sed -i 's|<institution>|<institution>Institution renommée, |' \
    w/content/editions/2016/edition.xml
(cd w && "$BIN" build --quiet --jobs 2 --content content --out out) 2>err
same_as_clean "an edition.xml changed: the same bytes as a clean build"
sed -i 's|<value year="2014">70</value>|<value year="2014">71</value>|' \
    w/content/indicators/m08.xml
(cd w && "$BIN" build --quiet --jobs 1 --content content --out out) 2>err
same_as_clean "an indicator changed: the same bytes as a clean build"
(cd w && "$BIN" build --quiet --jobs 2 --content content --out out \
    --format pdf) 2>err
(cd w && "$BIN" build --quiet --jobs 2 --content content --out out) 2>err
same_as_clean "--format pdf, then every format: the same bytes as a clean build"

# make install into a staging folder, then the installed tool from elsewhere.
if make -s -C "$TOP" install DESTDIR="$WORK/dest" PREFIX=/usr/local \
    >install.log 2>&1; then
	pass "make install DESTDIR"
else
	fail "make install DESTDIR" "$(tail -5 install.log)"
fi
check "installed: man page, schemas, styles" test -f dest/usr/local/share/man/man1/rapporteur.1 \
    -a -f dest/usr/local/share/rapporteur/schema/plan.rng
mkdir -p elsewhere
(cd elsewhere && "$WORK/dest/usr/local/bin/rapporteur" build --quiet \
    --content "$TOP/tests/fixtures/mini" --out out) 2>err
st=$?
if [ $st = 0 ] && [ -d elsewhere/out/2016 ]; then pass "installed tool builds from another folder"
else fail "installed tool builds from another folder" "status $st" "$(cat err)"; fi
