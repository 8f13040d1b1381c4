#!/bin/sh
# What the PDF finishing pass assumes of cairo's output, checked on the
# cairo installed (tests/unit-cairo.c); a failure names the cairo
# version.
. "$(dirname "$0")/lib.sh"
cd "$TOP" && tests/unit-cairo "$WORK"
