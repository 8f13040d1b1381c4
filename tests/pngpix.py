#!/usr/bin/env python3
"""pngpix.py FILE [RRGGBB]: decode an 8-bit RGB or RGBA PNG without a PNG
library (every chunk's CRC checked, the five row filters undone) and
print its width, height, colour type and number of distinct colours, or
with a colour the number of opaque pixels of that colour exactly.  Exits
1 on anything malformed.  Used by t-site.sh on the social card gen/svg.c
writes itself, by t-identity.sh on the favicon."""
import struct
import sys
import zlib


def decode(path):
    d = open(path, "rb").read()
    assert d[:8] == b"\x89PNG\r\n\x1a\n", "signature"
    i, idat, hdr, types = 8, b"", None, []
    while i < len(d):
        n, = struct.unpack(">I", d[i:i + 4])
        t, c = d[i + 4:i + 8], d[i + 8:i + 8 + n]
        crc, = struct.unpack(">I", d[i + 8 + n:i + 12 + n])
        assert zlib.crc32(t + c) == crc, "CRC of %r" % t
        types.append(t)
        if t == b"IHDR":
            hdr = struct.unpack(">IIBBBBB", c)
        elif t == b"IDAT":
            idat += c
        i += 12 + n
    assert types[0] == b"IHDR" and types[-1] == b"IEND", types
    w, h, depth, ct, _, _, interlace = hdr
    assert depth == 8 and ct in (2, 6) and interlace == 0, hdr
    bpp = 3 if ct == 2 else 4
    raw, st = zlib.decompress(idat), w * bpp
    assert len(raw) == h * (st + 1), "IDAT length"
    prev, rows = bytearray(st), []
    for y in range(h):
        p = y * (st + 1)
        f, r = raw[p], bytearray(raw[p + 1:p + 1 + st])
        assert f <= 4, "filter %d" % f
        for x in range(st):
            a = r[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                r[x] = (r[x] + a) & 255
            elif f == 2:
                r[x] = (r[x] + b) & 255
            elif f == 3:
                r[x] = (r[x] + (a + b) // 2) & 255
            elif f == 4:
                q = a + b - c
                pa, pb, pc = abs(q - a), abs(q - b), abs(q - c)
                r[x] = (r[x] + (a if pa <= pb and pa <= pc else
                                b if pb <= pc else c)) & 255
        rows.append(bytes(r))
        prev = r
    pix = b"".join(rows)
    px = [pix[k:k + bpp] for k in range(0, len(pix), bpp)]
    if len(sys.argv) > 2:
        want = bytes.fromhex(sys.argv[2]) + (b"\xff" if bpp == 4 else b"")
        return "%d" % px.count(want)
    return "%d %d %d %d" % (w, h, ct, len(set(px)))


try:
    print(decode(sys.argv[1]))
except (AssertionError, zlib.error, struct.error, OSError) as e:
    print("%s: %s" % (sys.argv[1], e), file=sys.stderr)
    sys.exit(1)
