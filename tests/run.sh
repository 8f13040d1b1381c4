#!/bin/sh
# Runs every test script tests/t-*.sh and closes with "N passed, N failed".
# Exit status 1 if any test failed or a script crashed.
cd "$(dirname "$0")/.." || exit 1
passed=0 failed=0 rc=0
log=$(mktemp)
fails=$(mktemp)
for t in tests/t-*.sh; do
	echo "# $t"
	sh "$t" >"$log" 2>&1
	st=$?
	cat "$log"
	p=$(grep -c '^ok - ' "$log")
	f=$(grep -c '^not ok - ' "$log")
	grep "^not ok - " "$log" | sed "s|^|$t: |" >>"$fails"
	if [ "$st" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $t exited with status $st"
		echo "$t: not ok - $t exited with status $st" >>"$fails"
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
done
# The failures again, together, where the summary is read.
[ -s "$fails" ] && { echo "# failed:"; cat "$fails"; }
rm -f "$log" "$fails"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
