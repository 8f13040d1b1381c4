#!/bin/sh
# Hyphenation buffers (tests/unit-hyph.c): long words outside Latin script.
. "$(dirname "$0")/lib.sh"
cd "$TOP" && tests/unit-hyph
