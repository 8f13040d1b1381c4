#!/bin/sh
# The core unit tests (tests/unit.c).
. "$(dirname "$0")/lib.sh"
cd "$TOP" && tests/unit tests/fixtures/mini
