#!/bin/sh
# The output folder: a build writes and removes only its own files.
# Folders it must refuse, the manifest of its files, the whole tree
# switched in one step (a kill at every rename of the commit), the lock
# (concurrent builds), the stamp (an output edited in place), symbolic
# links in the content, SIGINT and SIGTERM.  Every run is under
# `timeout`, a bound that catches a hang, never a duration to meet.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 1

# sums DIR: a checksum of every file under DIR, with its name.
sums() {
	(cd "$1" && find . -type f -exec md5sum {} + | sort)
}

# ---- folders a build must refuse ----

# Content, styles and a file of the user beside out/, all checksummed
# before and after each refused build.
mkdir -p r/site
cp -R "$TOP/tests/fixtures/mini" r/content
cp -R "$TOP/styles" r/styles
echo "à moi" >r/notes.txt
mkdir -p r/foreign/2015 r/foreign/2016
echo "rapport de l'an dernier" >r/foreign/2016/index.html
echo "brouillon" >r/foreign/2015/notes.md
echo "garder" >r/foreign/README
(cd r && sums .) >r.before

# refused NAME LINE ARGS...: the build exits 2 with LINE on stderr and
# every file under r/ is as it was.
refused() {
	name=$1 line=$2
	shift 2
	(cd r && timeout 60 "$BIN" build --quiet --content content \
	    --styles styles "$@") >r.out 2>r.err
	st=$?
	(cd r && sums .) >r.after
	if [ $st = 2 ] && grep -qxF -- "$line" r.err && cmp -s r.before r.after &&
	    [ "$(ls -A r | sort | tr '\n' ' ')" = "content foreign notes.txt site styles " ]
	then pass "refused: $name"
	else fail "refused: $name" "status $st" "$(cat r.err)" \
	    "$(diff r.before r.after | head -5)" "$(ls -A r)"; fi
}
refused "--out content/editions" \
    "rapporteur: --out content/editions: inside the content folder content: the output folder must be apart from it" \
    --out content/editions
refused "--out content" \
    "rapporteur: --out content: inside the content folder content: the output folder must be apart from it" \
    --out content
refused "--out content/editions/2016/new (not there yet)" \
    "rapporteur: --out content/editions/2016/new: inside the content folder content: the output folder must be apart from it" \
    --out content/editions/2016/new
refused '--out ""' \
    "rapporteur: --out is empty (an unset variable?): name the output folder" \
    --out ""
refused "--out /" \
    "rapporteur: --out /: the root folder cannot be the output folder" \
    --out /
refused "--out /../" \
    "rapporteur: --out /../: the root folder cannot be the output folder" \
    --out /../
refused "--out styles" \
    "rapporteur: --out styles: inside the styles folder styles: the output folder must be apart from it" \
    --out styles
refused "--out . (holds the content folder)" \
    "rapporteur: --out .: holds the content folder content: the output folder must be apart from it" \
    --out .
refused "--out .. (holds the content folder)" \
    "rapporteur: --out ..: holds the content folder content: the output folder must be apart from it" \
    --out ..
ln -s ../content/editions r/site/link
refused "--out a symbolic link into the content folder" \
    "rapporteur: --out site/link: inside the content folder content: the output folder must be apart from it" \
    --out site/link
rm r/site/link
(cd r && sums .) >r.before
refused "--out a non-empty folder no build recorded" \
    "rapporteur: --out foreign: not empty, and no build of rapporteur recorded its files there: choose another folder, empty this one, or build with --force-out to take it (the files the build makes replace those of the same name; the others are kept)" \
    --out foreign
refused "--out a file" "rapporteur: --out notes.txt: not a folder" \
    --out notes.txt

# --force-out takes the foreign folder: the files the build makes
# replace those of the same name (and are named), the others stay.
(cd r && timeout 60 "$BIN" build --content content --styles styles \
    --out foreign --force-out --format html) >r.out 2>r.err
st=$?
if [ $st = 0 ] && grep -qx 'rapporteur: replaces foreign/2016/index.html' r.err &&
    [ "$(cat r/foreign/2015/notes.md)" = brouillon ] &&
    [ "$(cat r/foreign/README)" = garder ] &&
    grep -q '<html' r/foreign/2016/index.html &&
    ! grep -qx 'README\|2015/notes.md' r/.foreign.files
then pass "--force-out: the folder taken, the files not made kept, not recorded"
else fail "--force-out: the folder taken, the files not made kept, not recorded" \
    "status $st" "$(cat r.err)"; fi

# ---- the manifest: only recorded files are removed ----

mkdir m && cp -R "$TOP/tests/fixtures/mini" m/content
(cd m && timeout 60 "$BIN" build --quiet --content content --out out \
    --format html --base-url https://example.org/) 2>m.err ||
    fail "manifest: first build" "$(cat m.err)"
echo "à moi" >m/out/2016/mes-notes.txt
echo "à moi" >m/out/.mes-reglages
mkdir m/out/vide
mkdir -m 700 m/out/prive && echo "à moi" >m/out/prive/notes.txt
ln -s 2016/index.html m/out/raccourci
(cd m && timeout 60 "$BIN" build --content content --out out \
    --format html) >m.out 2>m.err
st=$?
if [ $st = 0 ] && grep -qx 'rapporteur: removes out/sitemap.xml' m.err &&
    [ ! -e m/out/sitemap.xml ] && [ "$(cat m/out/2016/mes-notes.txt)" = "à moi" ] &&
    [ "$(cat m/out/.mes-reglages)" = "à moi" ] && [ -d m/out/vide ] &&
    [ "$(readlink m/out/raccourci)" = 2016/index.html ] &&
    [ "$(stat -c %a m/out/prive)" = 700 ] && [ -f m/out/prive/notes.txt ] &&
    [ "$(grep -c removes m.err)" = 1 ]
then pass "manifest: a file no longer made is removed and named; the user's files stay"
else fail "manifest: a file no longer made is removed and named; the user's files stay" \
    "status $st" "$(cat m.err)" "$(ls -A m/out)"; fi
# A file of the user where the build now makes one: refused, out/ left
# as it was.
(cd m && timeout 60 "$BIN" build --quiet --content content --out out \
    --format pdf) 2>m.err || fail "manifest: --format pdf" "$(cat m.err)"
echo "mon rapport" >m/out/2016/index.html
sums m/out >m.before
(cd m && timeout 60 "$BIN" build --quiet --content content --out out \
    --format html) >m.out 2>m.err
st=$?
sums m/out >m.after
if [ $st = 2 ] && grep -qx 'rapporteur: out/2016/index.html: not written by rapporteur, and this build makes it: move it away, or build with --force-out to replace it' m.err &&
    cmp -s m.before m.after && ! ls m | grep -q '^out\.tmp'
then pass "manifest: a file not ours in the way: refused, out/ untouched"
else fail "manifest: a file not ours in the way: refused, out/ untouched" \
    "status $st" "$(cat m.err)"; fi
# --year: the files of other editions are out of its scope.
mkdir -p m/content/editions/2015
cp -R m/content/editions/2016/. m/content/editions/2015/
sed -i 's/year="2016"/year="2015"/' m/content/editions/2015/edition.xml
for f in m/content/indicators/*.xml; do
	sed -i 's|<assessment year="2016"|<assessment year="2015" status="partial">x</assessment>\n&|' "$f"
done
rm m/out/2016/index.html
(cd m && timeout 60 "$BIN" build --quiet --content content --out out) 2>m.err
st1=$?
sums m/out | grep ' ./2015/' >m.before
(cd m && timeout 60 "$BIN" build --quiet --content content --out out \
    --year 2016 --format pdf) 2>m.err
st=$?
sums m/out | grep ' ./2015/' >m.after
if [ $st1 = 0 ] && [ $st = 0 ] && [ -s m.before ] && cmp -s m.before m.after &&
    [ ! -e m/out/2016/index.html ] && [ -f m/out/2016/rapport-2016.pdf ]
then pass "manifest: --year 2016 leaves the files of 2015 alone"
else fail "manifest: --year 2016 leaves the files of 2015 alone" \
    "status $st1 $st" "$(cat m.err)"; fi

# ---- the switch: a kill at every rename leaves out/ old or new ----

if command -v strace >/dev/null 2>&1; then
	mkdir k && cp -R "$TOP/tests/fixtures/mini" k/content
	(cd k && "$BIN" build --quiet --jobs 1 --content content --out out) \
	    2>k.err || fail "kill: first build" "$(cat k.err)"
	echo "à moi" >k/out/mes-notes.txt
	cp -a k k.old
	printf '\nUne phrase de plus.\n' >>k/content/editions/2016/measures/m02.md
	printf '\nEt une autre.\n' >>k/content/editions/2016/avant-propos.md
	rm -rf k.new && cp -a k k.new
	(cd k.new && "$BIN" build --quiet --jobs 1 --content content \
	    --out out) 2>k.err || fail "kill: new build" "$(cat k.err)"
	kills=0 bad=
	# Every rename and link; the first unlinks (removing the old tree
	# after the switch: each the same case).
	for sc in rename:200 renameat2:200 linkat:200 unlink:4 unlinkat:4; do
		max=${sc#*:} sc=${sc%:*}
		n=1
		while [ $n -le $max ]; do
			rm -rf kk && cp -a k kk
			# (The outer shell would report "Killed".)
			st=$( ( (cd kk && exec timeout 120 strace -f -qq \
			    -o /dev/null -e trace=$sc \
			    -e inject=$sc:signal=KILL:when=$n \
			    "$BIN" build --quiet --jobs 1 --content content \
			    --out out) >/dev/null 2>&1; echo $?) 2>/dev/null)
			# Past the last call: not killed.
			[ "$st" != 137 ] && break
			kills=$((kills + 1))
			if diff -r k.old/out kk/out >/dev/null 2>&1; then :
			elif diff -r k.new/out kk/out >/dev/null 2>&1; then :
			else bad="$bad $sc:$n(mixed)"; fi
			(cd kk && timeout 120 "$BIN" build --quiet --jobs 1 \
			    --content content --out out) >/dev/null 2>kk.err ||
			    bad="$bad $sc:$n(next build: $(cat kk.err))"
			diff -r k.new/out kk/out >/dev/null 2>&1 ||
			    bad="$bad $sc:$n(next build differs)"
			ls kk | grep -q '\.tmp-' && bad="$bad $sc:$n(temporary left)"
			n=$((n + 1))
		done
	done
	# A file system without RENAME_EXCHANGE (renameat2 fails with
	# EINVAL): the switch is two renames.  Killed between them, out/
	# is missing for a moment, and the next build puts the old tree
	# back before it builds.
	n=1
	while [ $n -le 200 ]; do
		rm -rf kk && cp -a k kk
		st=$( ( (cd kk && exec timeout 120 strace -f -qq -o /dev/null \
		    -e trace=rename,renameat2 -e inject=renameat2:error=EINVAL \
		    -e inject=rename:signal=KILL:when=$n \
		    "$BIN" build --quiet --jobs 1 --content content \
		    --out out) >/dev/null 2>&1; echo $?) 2>/dev/null)
		[ "$st" != 137 ] && break
		kills=$((kills + 1))
		if [ ! -e kk/out ]; then gap=1
		elif diff -r k.old/out kk/out >/dev/null 2>&1; then :
		elif diff -r k.new/out kk/out >/dev/null 2>&1; then :
		else bad="$bad no-exchange:$n(mixed)"; fi
		(cd kk && timeout 120 "$BIN" build --quiet --jobs 1 \
		    --content content --out out) >/dev/null 2>kk.err ||
		    bad="$bad no-exchange:$n(next build: $(cat kk.err))"
		diff -r k.new/out kk/out >/dev/null 2>&1 ||
		    bad="$bad no-exchange:$n(next build differs)"
		n=$((n + 1))
	done
	[ "${gap:-0}" = 1 ] || bad="$bad no-exchange:(never killed between the two renames)"
	if [ -z "$bad" ] && [ $kills -gt 5 ]; then
		pass "a kill at each of $kills renames, links, unlinks (with and without RENAME_EXCHANGE): out/ old or new, the next build complete"
	else
		fail "a kill at each rename, link and unlink: out/ old or new" "kills $kills:$bad"
	fi
else
	pass "a kill at each rename # SKIP no strace"
fi

# Folders are made once, not once per file and level: a build calls
# mkdir at most once per folder of the new tree and worker (each knows
# only the folders it made: --jobs 2 gives two workers, and a new build
# two more that draw the indicators' charts while the content loads),
# plus the temporary folder and the lock's, and fails with EEXIST at
# most once per folder and worker but the first, plus those.
if command -v strace >/dev/null 2>&1; then
	bad=
	rm -rf mk && mkdir mk && cp -R "$TOP/tests/fixtures/mini" mk/content
	for run in new again; do
		# again: a narrative changed, the other files linked as kept.
		[ $run = again ] && printf '\nUne phrase.\n' \
		    >>mk/content/editions/2016/measures/m02.md
		# LeakSanitizer does not run under ptrace (make test-asan).
		(cd mk && export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" &&
		    exec timeout 120 strace -f -qq -o ../mk.trace \
		    -e trace=mkdir "$BIN" build --quiet --jobs 2 \
		    --content content --out out) 2>mk.err ||
		    bad="$bad $run: $(cat mk.err)"
		dirs=$(find mk/out -type d | wc -l)
		all=$(grep -c 'mkdir(' mk.trace)
		eexist=$(grep -c 'EEXIST' mk.trace)
		w=2
		[ $run = new ] && w=4
		[ "$all" -le $((w * dirs + 4)) ] &&
		    [ "$eexist" -le $(((w - 1) * dirs + 4)) ] ||
		    bad="$bad $run: $all mkdir, $eexist EEXIST, $dirs folders"
	done
	if [ -z "$bad" ]; then
		pass "mkdir: at most once per folder and worker (a new build, a build again)"
	else
		fail "mkdir: at most once per folder and worker" "$bad"
	fi
else
	pass "mkdir: at most once per folder and worker # SKIP no strace"
fi

# The switch keeps what the incremental build kept: a file left as it
# was keeps its inode and mtime (a hard link in the new tree).
svg=k.new/out/2016/charts/m01-victimes.svg
before=$(stat -c '%i %Y' $svg 2>&1)
printf '\nEncore une phrase.\n' >>k.new/content/editions/2016/measures/m02.md
(cd k.new && "$BIN" build --quiet --content content --out out) 2>k.err
if [ "$(stat -c '%i %Y' $svg 2>&1)" = "$before" ] &&
    grep -q 'Encore une phrase' k.new/out/2016/mesure-02.html
then pass "the switch: a file left as it was keeps its inode and mtime"
else fail "the switch: a file left as it was keeps its inode and mtime" "$(cat k.err)"; fi

# out/ a symbolic link to another file system: the new tree is made
# beside the real folder, so the switch is one rename (no EXDEV).
mkdir fs
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=20m tmpfs fs 2>/dev/null; then
	trap 'umount "$WORK/fs" 2>/dev/null; chmod -R u+rwX "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
	mkdir x && cp -R "$TOP/tests/fixtures/mini" x/content
	mkdir fs/site && ln -s "$WORK/fs/site" x/out
	(cd x && "$BIN" build --quiet --content content --out out) 2>x.err
	st1=$?
	printf '\nUne phrase de plus.\n' >>x/content/editions/2016/measures/m02.md
	(cd x && "$BIN" build --quiet --content content --out out) 2>x.err
	st=$?
	if [ $st1 = 0 ] && [ $st = 0 ] && [ -L x/out ] &&
	    grep -q 'Une phrase de plus' fs/site/2016/mesure-02.html &&
	    [ -f fs/.site.files ] && ! ls fs x | grep -q '\.tmp-'
	then pass "out/ a link to another file system: builds, the link kept"
	else fail "out/ a link to another file system: builds, the link kept" \
	    "status $st1 $st" "$(cat x.err)"; fi
	umount fs
else
	pass "out/ a link to another file system # SKIP cannot mount a tmpfs"
fi

# ---- the lock: concurrent builds of different contents ----

mkdir c && cp -R "$TOP/tests/fixtures/mini" c/a
cp -R "$TOP/tests/fixtures/mini" c/b
printf '\nVersion B.\n' >>c/b/editions/2016/measures/m01.md
sed -i 's|<value year="2015">12.5</value>|<value year="2015">13.5</value>|' \
    c/b/indicators/m01.xml
(cd c && "$BIN" build --quiet --format html --content a --out ref.a &&
    "$BIN" build --quiet --format html --content b --out ref.b) 2>c.err ||
    fail "lock: reference builds" "$(cat c.err)"
bad=
i=0
while [ $i -lt 20 ]; do
	i=$((i + 1))
	(cd c && exec "$BIN" build --quiet --format html --content a \
	    --out out) 2>c.a.err &
	pa=$!
	(cd c && exec "$BIN" build --quiet --format html --content b \
	    --out out) 2>c.b.err &
	pb=$!
	wait $pa; sa=$?
	wait $pb; sb=$?
	[ $sa = 0 ] && [ $sb = 0 ] || bad="$bad $i:status($sa $sb)"
	if diff -r c/ref.a c/out >/dev/null 2>&1; then last=a other=b
	elif diff -r c/ref.b c/out >/dev/null 2>&1; then last=b other=a
	else bad="$bad $i:mixed"; continue; fi
	(cd c && "$BIN" build --format html --content $last --out out) 2>c.err
	grep -q 'out is up to date' c.err || bad="$bad $i:$last-not-up-to-date"
	(cd c && "$BIN" build --format html --content $other --out out) 2>c.err
	grep -q 'up to date' c.err && bad="$bad $i:$other-said-up-to-date"
	diff -r c/ref.$other c/out >/dev/null 2>&1 || bad="$bad $i:$other-differs"
done
if [ -z "$bad" ]; then
	pass "20 pairs of concurrent builds: out/ one of them whole, its stamp true"
else fail "20 pairs of concurrent builds: out/ one of them whole, its stamp true" "$bad"; fi

# ---- the stamp ----

# An output edited in place to the same size, its mtime set back: the
# next build repairs it.
mkdir e && cp -R "$TOP/tests/fixtures/mini" e/content
(cd e && "$BIN" build --quiet --format html --content content --out out) \
    2>e.err
cp e/out/2016/index.html e.ref
touch -r e/out/2016/index.html e.time
printf 'X' | dd of=e/out/2016/index.html bs=1 seek=20 conv=notrunc 2>/dev/null
touch -r e.time e/out/2016/index.html
(cd e && "$BIN" build --format html --content content --out out) 2>e.err
if ! grep -q 'up to date' e.err && cmp -s e.ref e/out/2016/index.html
then pass "an output edited in place (same size, same mtime) is repaired"
else fail "an output edited in place (same size, same mtime) is repaired" \
    "$(cat e.err)"; fi
(cd e && "$BIN" build --format html --content content --out out) 2>e.err
check "then the build is up to date" grep -q 'out is up to date' e.err

# A rebuilt tool at the same path makes every output again: the stamp
# holds the tool's bytes, not the path /proc/self/exe links to.
cp "$BIN" e/tool
(cd e && ./tool build --format html --content content --out out) 2>e.err
(cd e && ./tool build --format html --content content --out out) 2>e.err2
printf '\n' >>e/tool
(cd e && ./tool build --format html --content content --out out) 2>e.err3
if grep -q 'out is up to date' e.err2 && ! grep -q 'up to date' e.err3
then pass "a tool rebuilt at the same path builds again"
else fail "a tool rebuilt at the same path builds again" \
    "$(cat e.err2 e.err3)"; fi

# A build that fails writes no stamp and changes nothing: status 3 with
# --jobs 1 and with --jobs 2.
printf '\nUne phrase.\n' >>e/content/editions/2016/measures/m03.md
cp e/.out.stamp e.stamp
for j in 1 2; do
	(cd e && trap '' XFSZ && ulimit -f 8 && exec "$BIN" build --quiet \
	    --jobs $j --content content --out out) >/dev/null 2>e.err
	eval st$j=$?
done
if [ "$st1" = 3 ] && [ "$st2" = 3 ] && cmp -s e.stamp e/.out.stamp
then pass "a failed build: status 3 whatever --jobs, no new stamp"
else fail "a failed build: status 3 whatever --jobs, no new stamp" \
    "status $st1 $st2" "$(cat e.err)"; fi

# ---- symbolic links in the content ----

# check CASE LINE...: `check` exits 1 and prints each line.
links() {
	name=$1
	shift
	(cd l && timeout 60 "$BIN" check --content content) >l.out 2>l.err
	st=$?
	ok=1
	for line in "$@"; do grep -qxF -- "$line" l.err || ok=0; done
	if [ $st = 1 ] && [ $ok = 1 ]; then pass "links: $name"
	else fail "links: $name" "status $st" "$(cat l.err)"; fi
}
mkdir l && cp -R "$TOP/tests/fixtures/mini" l/content
ln -s . l/content/editions/2017
ln -s / l/content/editions/2018
ln -s ../.. l/content/editions/2016/measures/boucle
ln -s 2016 l/content/editions/2019
links "links to folders (., /, a parent) are refused, not followed" \
    "content/editions/2017: error: an edition folder is a symbolic link: folders of the content must be real folders (links to folders are not followed)" \
    "content/editions/2018: error: an edition folder is a symbolic link: folders of the content must be real folders (links to folders are not followed)" \
    "content/editions/2019: error: an edition folder is a symbolic link: folders of the content must be real folders (links to folders are not followed)"
rm l/content/editions/201[789] l/content/editions/2016/measures/boucle
rm l/content/editions/2016/measures/m02.md l/content/indicators/m03.xml
ln -s m02.md l/content/editions/2016/measures/m02.md
ln -s ailleurs.xml l/content/indicators/m03.xml
links "a loop of links and a link to nothing say so" \
    "content/editions/2016/measures/m02.md: error: a loop of symbolic links" \
    "content/indicators/m03.xml: error: a symbolic link that leads nowhere"
# A folder full of loops: links to ".", to each other, to themselves.
mkdir l/content/editions/2016/img
i=0
while [ $i -lt 50 ]; do
	ln -s . l/content/editions/2016/img/d$i
	ln -s "b$i" l/content/editions/2016/img/a$i
	ln -s "a$i" l/content/editions/2016/img/b$i
	i=$((i + 1))
done
ln -s ../../.. l/content/editions/2016/img/haut
(cd l && timeout 10 "$BIN" check --content content) >l.out 2>l.err
st=$?
if [ $st = 1 ]; then pass "links: a folder of loops is checked, not walked"
else fail "links: a folder of loops is checked, not walked" "status $st"; fi
rm -rf l/content/editions/2016/img
ln -s ../indicators l/content/editions/2016/measures.x
rm -rf l/content/editions/2016/measures
mv l/content/editions/2016/measures.x l/content/editions/2016/measures
links "a measures folder that is a link" \
    "content/editions/2016/measures: error: the measures folder is a symbolic link: folders of the content must be real folders (links to folders are not followed)"
# The build's input hash never follows them either.
rm l/content/editions/2016/measures
cp -R "$TOP/tests/fixtures/mini/editions/2016/measures" l/content/editions/2016/
rm l/content/indicators/m03.xml l/content/editions/2016/measures/m02.md
cp "$TOP/tests/fixtures/mini/indicators/m03.xml" l/content/indicators/
cp "$TOP/tests/fixtures/mini/editions/2016/measures/m02.md" l/content/editions/2016/measures/
mkdir l/content/editions/2016/img
ln -s / l/content/editions/2016/img/racine
ln -s . l/content/editions/2016/img/ici
(cd l && timeout 60 "$BIN" build --quiet --format html --content content \
    --out out) >l.out 2>l.err
check "links: a build beside links to / and . (not followed by the stamp)" \
    test $? = 0

# An unreadable folder is said to be unreadable, not missing.
if [ "$(id -u)" = 0 ]; then
	cp "$BIN" "$WORK/rapporteur" && chmod 755 "$WORK/rapporteur" "$WORK"
	chmod -R a+rX l
	chmod 000 l/content/editions/2016
	(cd l && setpriv --reuid=65534 --regid=65534 --clear-groups \
	    "$WORK/rapporteur" check --content content) >l.out 2>l.err
	st=$?
	chmod 755 l/content/editions/2016
	if [ $st = 1 ] &&
	    grep -qx 'content/editions/2016/edition.xml: error: cannot read: Permission denied' l.err &&
	    ! grep -q missing l.err
	then pass "an unreadable edition folder: unreadable, not missing"
	else fail "an unreadable edition folder: unreadable, not missing" "$(cat l.err)"; fi
else
	pass "an unreadable edition folder # SKIP not root"
fi

# ---- SIGINT and SIGTERM ----

# The build stopped once its temporary folder holds files: out/ as it
# was, no temporary folder left, the status of the signal.  Every
# narrative changes before each try, so that both PDFs are made again;
# a build that ended before the signal could be sent is tried again.
mkdir s && cp -R "$TOP/content" s/content
(cd s && "$BIN" build --quiet --jobs 2 --content content --out out) \
    2>s.err || fail "signals: first build" "$(cat s.err)"
n=0
for sig in 2:INT 15:TERM; do
	num=${sig%:*} sig=${sig#*:}
	for j in 1 2; do
		tries=0 sent=0
		while [ $sent = 0 ] && [ $tries -lt 10 ]; do
			tries=$((tries + 1)) n=$((n + 1))
			sums s/out >s.before
			sed -i "s/^## .*/& ($n)/" s/content/editions/*/measures/*.md
			(cd s && exec "$BIN" build --quiet --jobs $j \
			    --content content --out out) >/dev/null 2>s.err &
			pid=$!
			i=0
			while [ $i -lt 3000 ]; do	# at most 60 s
				[ -n "$(find s -path 's/out.tmp-*' -type f 2>/dev/null | head -1)" ] &&
				    break
				sleep 0.02
				i=$((i + 1))
			done
			kill -$sig $pid 2>/dev/null && sent=1
			# (The shell would report "Terminated".)
			{ wait $pid; } 2>/dev/null
			st=$?
			# Too late: put off until the commit was done.
			grep -q 'already in place' s.err && sent=0
		done
		sums s/out >s.after
		want=$((128 + num))
		if [ $st = $want ] && cmp -s s.before s.after &&
		    ! ls s | grep -q '\.tmp-' &&
		    grep -qx 'rapporteur: interrupted: the output folder is left as it was' s.err
		then pass "SIG$sig, --jobs $j: out/ as it was, no temporary folder"
		else fail "SIG$sig, --jobs $j: out/ as it was, no temporary folder" \
		    "status $st (tries $tries)" "$(cat s.err)" "$(ls s)"; fi
	done
done
