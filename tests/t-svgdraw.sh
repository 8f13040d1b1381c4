#!/bin/sh
# SVG images through librsvg (tests/unit-svgdraw.c): sizes, what is
# refused (other files, entities, bombs, no size), drawn in its box.
. "$(dirname "$0")/lib.sh"
cd "$TOP" && tests/unit-svgdraw
