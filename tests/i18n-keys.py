#!/usr/bin/env python3
# The keys of the interface catalogue that the sources use: every string
# literal sequence inside T(...), Tn(...) or N_(...) of the files given,
# written as C tokens ("a" NBSP "b"), one per line, sorted, unique.  With
# --catalogue FILE: the keys of gen/i18n_en.h instead (the French side of
# each pair).  tests/t-i18n.sh compares the two.
import re
import sys

LIT = r'"(?:[^"\\\n]|\\.)*"'
TOK = re.compile(LIT + r'|\b(?:NBSP|NNBSP|EMDASH)\b')


def norm(seq):
    toks = TOK.findall(seq)
    out = []
    for t in toks:
        # adjacent literals are one string: join them
        if out and t.startswith('"') and out[-1].startswith('"'):
            out[-1] = out[-1][:-1] + t[1:]
        else:
            out.append(t)
    return ' '.join(out)


def calls(src):
    src = re.sub(r'/\*.*?\*/', lambda m: ' ' * len(m.group(0)), src,
                 flags=re.S)
    for m in re.finditer(r'\b(?:Tn|T|N_)\(', src):
        i, depth = m.end(), 1
        while depth and i < len(src):
            c = src[i]
            if c == '"':
                j = re.match(LIT, src[i:]).end()
                i += j
                continue
            depth += c == '('
            depth -= c == ')'
            i += 1
        arg = src[m.end():i - 1]
        # each literal sequence of the argument (a ? "x" : "y" gives two)
        for s in re.finditer(r'(?:' + LIT + r'|\b(?:NBSP|NNBSP|EMDASH)\b)'
                             r'(?:\s*(?:' + LIT + r'|\b(?:NBSP|NNBSP|EMDASH)\b))*',
                             arg):
            if '"' in s.group(0):
                yield norm(s.group(0))


def catalogue(src):
    src = re.sub(r'/\*.*?\*/', ' ', src, flags=re.S)
    for m in re.finditer(r'\{\s*((?:' + LIT + r'|NBSP|NNBSP|EMDASH|\s)+),',
                         src):
        yield norm(m.group(1))


if sys.argv[1] == '--catalogue':
    keys = set(catalogue(open(sys.argv[2], encoding='utf-8').read()))
else:
    keys = set()
    for f in sys.argv[1:]:
        keys.update(calls(open(f, encoding='utf-8').read()))
for k in sorted(keys):
    print(k)
