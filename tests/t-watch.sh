#!/bin/sh
# build --watch: builds, sees a narrative edited while it watches and
# builds the page again; SIGINT ends it with out/ a complete build.  Waits
# poll for up to 30 s (never a tight timing assertion: the machine may be
# loaded).
. "$(dirname "$0")/lib.sh"

cd "$WORK" || exit 1
cp -R "$TOP/tests/fixtures/mini" content
cp -R "$TOP/styles" styles

# wait_for SECONDS COMMAND...: polls every 0.2 s until COMMAND succeeds.
wait_for() {
	n=$(($1 * 5))
	shift
	while [ $n -gt 0 ]; do
		"$@" 2>/dev/null && return 0
		sleep 0.2
		n=$((n - 1))
	done
	return 1
}

"$BIN" build --watch --jobs 1 --content content --out out >log 2>&1 &
pid=$!
# Whatever happens below, the watcher does not outlive the test.
trap 'kill $pid 2>/dev/null; chmod -R u+rwX "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
if wait_for 30 grep -q 'watching content and styles' log && [ -f out/2016/mesure-01.html ]; then
	pass "--watch: first build, then watching"
else
	fail "--watch: first build, then watching" "$(cat log)"
fi

# An edit, while watching: the page changes.
printf '\nUn paragraphe ajouté pendant la surveillance.\n' >> content/editions/2016/measures/m01.md
if wait_for 30 grep -q 'ajouté pendant la surveillance' out/2016/mesure-01.html; then
	pass "--watch: an edited narrative shows on its page"
else
	fail "--watch: an edited narrative shows on its page" "$(cat log)"
fi
check "--watch: says what changed and what was rebuilt" \
    sh -c "grep -q '1 change (m01.md): building again' log && grep -q 'site 2016\$' log && grep -q 'charts 2016 unchanged' log"

# A problem is printed and out/ left as it was.
sed -i 's|<value year="2014">10</value>|<value year="2014">dix</value>|' content/indicators/m01.xml
if wait_for 30 grep -q 'm01.xml:7:5: error: not a number: "dix"' log && \
    wait_for 30 grep -q 'error(s): out left as it was' log && \
    grep -q 'ajouté pendant la surveillance' out/2016/mesure-01.html
then pass "--watch: problems printed, out/ kept"
else fail "--watch: problems printed, out/ kept" "$(cat log)"; fi
sed -i 's|<value year="2014">dix</value>|<value year="2014">10</value>|' content/indicators/m01.xml

# A file saved while a build runs starts the next build: nothing missed.
wait_for 30 sh -c "[ \$(grep -c 'watching content' log) -ge 4 ]"
printf '\nPremier ajout.\n' >> content/editions/2016/measures/m03.md
wait_for 30 sh -c "[ \$(grep -c 'building again' log) -ge 4 ]"
printf '\nSecond ajout, pendant la construction.\n' >> content/editions/2016/measures/m03.md
if wait_for 30 grep -q 'Second ajout, pendant la construction' out/2016/mesure-03.html; then
	pass "--watch: a file saved during a build is built too"
else
	fail "--watch: a file saved during a build is built too" "$(tail -8 log)"
fi

# SIGINT right after an edit, perhaps during the build: the build under
# way is finished or abandoned, never left half done.
wait_for 30 sh -c "[ \$(grep -c 'watching content' log) -ge 5 ]"
printf '\nEncore un paragraphe.\n' >> content/editions/2016/measures/m02.md
sleep 0.3
kill -INT $pid
wait $pid
st=$?
"$BIN" build --quiet --jobs 1 --content content --out ref 2>/dev/null
(cd out && find . -type f | sort) >got
(cd ref && find . -type f | sort) >want
if [ $st = 0 ] && cmp -s got want && [ -z "$(ls -d out.* 2>/dev/null | grep -v '^out\.stamp$\|^out\.tasks$')" ] && \
    grep -q 'stopped; out holds the last complete build' log
then pass "--watch: SIGINT ends it, out/ complete"
else fail "--watch: SIGINT ends it, out/ complete" "status $st" "$(diff got want)" "$(ls -a)" "$(tail -5 log)"; fi
if grep -q 'Encore un paragraphe' out/2016/mesure-02.html; then
	# The edit was seen before the signal: the build was finished.
	cmp -s out/2016/mesure-02.html ref/2016/mesure-02.html && \
	    pass "--watch: the build under way was finished" || \
	    fail "--watch: the build under way was finished"
else
	pass "--watch: stopped before the edit was built"
fi
