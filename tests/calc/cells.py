#!/usr/bin/env python3
"""Compares the first sheet of an ODS file that LibreOffice Calc made from
a CSV file with that CSV file as Python's csv module reads it (tests/t-calc.sh).

usage: cells.py SHEET.ods FILE.csv SEPARATOR DECIMAL HEADER

HEADER is the expected header, comma-separated.  Every cell must be what
the CSV says: a number (DECIMAL its decimal mark) as a number cell of
that value, an empty field as an empty cell, anything else as a text
cell of the same characters.  Prints one line of figures; exits 1 with
the first differences, or when the file has no decimal number or no
accented text to compare.
"""
import csv
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
import zipfile

TABLE = '{urn:oasis:names:tc:opendocument:xmlns:table:1.0}'
OFFICE = '{urn:oasis:names:tc:opendocument:xmlns:office:1.0}'
TEXT = '{urn:oasis:names:tc:opendocument:xmlns:text:1.0}'


def sheet(path):
    """Rows of (type, value, text) cells, trailing empty cells dropped."""
    root = ET.fromstring(zipfile.ZipFile(path).read('content.xml'))
    rows = []
    for r in root.find(f'.//{TABLE}table').iter(f'{TABLE}table-row'):
        cells = []
        for c in r:
            if c.tag != f'{TABLE}table-cell':
                continue
            n = int(c.get(f'{TABLE}number-columns-repeated', '1'))
            cells += [(c.get(f'{OFFICE}value-type'), c.get(f'{OFFICE}value'),
                       '\n'.join(''.join(p.itertext())
                                 for p in c.findall(f'{TEXT}p')))] * n
        while cells and cells[-1] == (None, None, ''):
            cells.pop()
        n = int(r.get(f'{TABLE}number-rows-repeated', '1'))
        rows += [cells] * n
    while rows and rows[-1] == []:
        rows.pop()
    return rows


def main():
    ods, path, sep, dec, header = sys.argv[1:6]
    with open(path, encoding='utf-8-sig', newline='') as f:
        want = list(csv.reader(f, delimiter=sep))
    got = sheet(ods)
    num = re.compile(r'^-?[0-9]+(' + re.escape(dec) + r'[0-9]+)?$')
    bad = []
    ncols = len(header.split(','))
    if [c[2] for c in got[0]] != header.split(','):
        bad.append(f'header {[c[2] for c in got[0]]}')
    if len(got) != len(want):
        bad.append(f'{len(got)} rows in Calc, {len(want)} in the file')
    decimals = accented = 0
    for i, (g, w) in enumerate(zip(got, want)):
        if len(w) != ncols or len(g) > ncols:
            bad.append(f'row {i + 1}: {len(g)} cells in Calc, '
                       f'{len(w)} fields in the file')
            continue
        g = g + [(None, None, '')] * (len(w) - len(g))
        for k, (cell, s) in enumerate(zip(g, w)):
            if i > 0 and num.match(s):
                ok = cell[0] == 'float' and \
                    float(cell[1]) == float(s.replace(dec, '.'))
                decimals += ok and dec in s
            elif s == '':
                ok = cell == (None, None, '')
            else:
                ok = cell[0] == 'string' and cell[2] == s
                accented += ok and any(
                    unicodedata.decomposition(ch) for ch in s
                    if ch.isalpha())
            if not ok:
                bad.append(f'row {i + 1}, column {k + 1}: {s!r} read as '
                           f'{cell}')
    if decimals == 0:
        bad.append('no decimal number read as a number')
    if accented == 0:
        bad.append('no accented text read as such')
    if bad:
        print('\n'.join(bad[:10]))
        return 1
    print(f'{len(got)} rows, {ncols} columns, {decimals} decimal numbers '
          f'and {accented} accented texts as in the file')
    return 0


sys.exit(main())
