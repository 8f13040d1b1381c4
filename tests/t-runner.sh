#!/bin/sh
# tests/run.sh itself, over a folder of made-up test scripts: one passes,
# one fails a test, one crashes.  Its summary must name both failures.
. "$(dirname "$0")/lib.sh"
mkdir -p "$WORK/r/tests"
cp "$TOP/tests/run.sh" "$WORK/r/tests/"
printf 'echo "ok - first"\necho "not ok - second"\n' >"$WORK/r/tests/t-a.sh"
printf 'echo "ok - third"\nexit 3\n' >"$WORK/r/tests/t-b.sh"
sh "$WORK/r/tests/run.sh" >"$WORK/log" 2>&1
st=$?
[ "$st" -eq 1 ] && pass "runner: exit status 1 when a test fails" ||
    fail "runner: exit status 1 when a test fails" "status $st"
tail -4 "$WORK/log" >"$WORK/tail"
cat >"$WORK/want" <<'EOT'
# failed:
tests/t-a.sh: not ok - second
tests/t-b.sh: not ok - tests/t-b.sh exited with status 3
2 passed, 2 failed
EOT
if cmp -s "$WORK/want" "$WORK/tail"; then
	pass "runner: the summary lists every failure by script"
else
	fail "runner: the summary lists every failure by script" \
	    "$(diff "$WORK/want" "$WORK/tail")"
fi
