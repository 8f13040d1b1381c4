#!/bin/sh
# The model's lookups (tests/unit-report.c).
. "$(dirname "$0")/lib.sh"
cd "$TOP" && tests/unit-report
