#!/bin/sh
# The UTF-8 decoder and the escapers (tests/unit-text.c).
. "$(dirname "$0")/lib.sh"
cd "$TOP" && tests/unit-text
