#!/bin/sh
# The diagnostics' message table (tests/unit-msg.c).
. "$(dirname "$0")/lib.sh"
cd "$TOP" && tests/unit-msg
