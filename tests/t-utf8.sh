#!/bin/sh
# The UTF-8 decoder (tests/unit-utf8.c).
. "$(dirname "$0")/lib.sh"
cd "$TOP" && tests/unit-utf8
