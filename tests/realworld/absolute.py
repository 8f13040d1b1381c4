"""python3 absolute.py ERRORS URL <IN.md >OUT.md: IN with the address of
each link that `check` refused (the lines of ERRORS, its output, that
read `FILE:LINE:COL: error: link "ADDRESS": ...`) made absolute against
URL, the document's own address in its repository.  Each is looked for
where its error says, so a wrong position fails here.  The edit the
real-world documents need to build (tests/t-realworld.sh)."""
import re
import sys
from urllib.parse import urljoin

sys.stdin.reconfigure(newline="")
sys.stdout.reconfigure(newline="")
errs, base = sys.argv[1], sys.argv[2]
lines = sys.stdin.read().split("\n")
found = [re.match(r'[^:]*:(\d+):(\d+): error: link "([^"]*)":', e)
         for e in open(errs, encoding="utf-8")]
# From the right, so that an edit leaves the columns before it as they are.
for n, col, addr in sorted(((int(m.group(1)) - 1, int(m.group(2)) - 1,
                             m.group(3)) for m in found if m),
                           reverse=True):
    line = lines[n]
    at = line.find("](" + addr + ")", col)
    if not line.startswith("[", col) or at < 0:
        sys.exit("%d:%d: no link to %s there" % (n + 1, col + 1, addr))
    lines[n] = line[:at] + "](" + urljoin(base, addr) + ")" + \
        line[at + len(addr) + 3:]
sys.stdout.write("\n".join(lines))
