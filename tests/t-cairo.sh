#!/bin/sh
# What the SVG repair pass and the PDF finishing pass assume of cairo's
# output, checked on the cairo installed (tests/unit-cairo.c); a failure
# names the cairo version.
. "$(dirname "$0")/lib.sh"
cd "$TOP" && tests/unit-cairo "$WORK"
