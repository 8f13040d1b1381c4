#!/usr/bin/env python3
"""The project's own PDF/UA checker: what a screen reader, a search box
and a PDF/UA validator need of a tagged PDF, read back with qpdf.

    check.py FILE.pdf

Reads the file through `qpdf --json` (objects, and every stream decoded)
and checks:
  - the catalog: /Lang, /ViewerPreferences /DisplayDocTitle true,
    /MarkInfo /Marked true, a structure tree, an XMP packet claiming
    pdfuaid:part 1, an outline whose root /Count is not negative;
  - every text-showing operator (Tj, TJ, ', ") of every page (and of the
    forms it draws) inside marked content that is an /Artifact or has an
    MCID tied, through the page's /StructParents and the /ParentTree, to
    a structure element reachable from the StructTreeRoot that lists
    that MCID; no MCID used twice on a page;
  - the structure: heading levels never skipped (H1, then H2 at most one
    level deeper ...); each TH with a /Scope; each Link with an OBJR to
    its annotation, and each link annotation with a /Contents; each
    Figure with a non-empty /Alt; /Tabs /S on every page with
    annotations.
Prints one "ok - " or "not ok - " line per check (with up to 5 examples
of what failed) and exits 1 if any failed.
"""
import base64
import json
import re
import subprocess
import sys

failed = 0


def report(name, bad, total=None):
    global failed
    if bad:
        failed += 1
        print("not ok - %s (%d)" % (name, len(bad)))
        for b in bad[:5]:
            print("#   " + b)
    else:
        print("ok - %s%s" % (name, "" if total is None else " (%d)" % total))


def load(path):
    out = subprocess.run(["qpdf", "--json", "--json-stream-data=inline",
                          "--decode-level=generalized", path],
                         check=True, capture_output=True).stdout
    j = json.loads(out)
    objs = {}
    for k, v in j["qpdf"][1].items():
        if k.startswith("obj:"):
            objs[k[4:]] = v
    return objs, j["qpdf"][1]["trailer"]["value"]


def ref_num(r):
    """ "12 0 R" -> "12 0 R" key of the object table, or None."""
    if isinstance(r, str) and r.endswith(" R"):
        return r
    return None


class Pdf:
    def __init__(self, path):
        self.objs, self.trailer = load(path)

    def get(self, v):
        """A value with references followed; streams give their dict."""
        seen = 0
        while ref_num(v) is not None and seen < 32:
            o = self.objs.get(v)
            if o is None:
                return None
            v = o["value"] if "value" in o else o["stream"]["dict"]
            seen += 1
        return v

    def stream(self, r):
        o = self.objs.get(r)
        if o is None or "stream" not in o:
            return b""
        return base64.b64decode(o["stream"].get("data", ""))


# ---- content streams ----

TOKEN = re.compile(rb"""
    (?P<ws>[\x00\t\n\x0c\r ]+)
  | (?P<comment>%[^\r\n]*)
  | (?P<dictopen><<) | (?P<dictclose>>>)
  | (?P<hex><[0-9A-Fa-f\s]*>)
  | (?P<aopen>\[) | (?P<aclose>\])
  | (?P<name>/[^\x00\t\n\x0c\r ()<>\[\]{}/%]*)
  | (?P<str>\()
  | (?P<num>[+-]?(?:\d+\.?\d*|\.\d+))
  | (?P<op>[^\x00\t\n\x0c\r ()<>\[\]{}/%]+)
""", re.X)


def tokens(data):
    """Tokens of a content stream: (kind, value)."""
    i, n = 0, len(data)
    while i < n:
        m = TOKEN.match(data, i)
        if m is None:
            i += 1
            continue
        kind = m.lastgroup
        if kind == "str":
            depth, j = 1, m.end()
            while j < n and depth:
                c = data[j]
                if c == 0x5c:
                    j += 1
                elif c == 0x28:
                    depth += 1
                elif c == 0x29:
                    depth -= 1
                j += 1
            yield ("str", data[i:j])
            i = j
            continue
        i = m.end()
        if kind in ("ws", "comment"):
            continue
        yield (kind, m.group(0))


def operators(data):
    """(operator, operands) of a content stream; dictionaries and
    arrays kept as nested lists of tokens (dicts as Python dicts for
    BDC property lists)."""
    stack = []
    operands = []
    for kind, v in tokens(data):
        if kind in ("dictopen", "aopen"):
            stack.append((kind, operands))
            operands = []
        elif kind in ("dictclose", "aclose"):
            if not stack:
                continue
            k, outer = stack.pop()
            if k == "dictopen":
                d = {}
                for a in range(0, len(operands) - 1, 2):
                    key = operands[a]
                    if isinstance(key, tuple) and key[0] == "name":
                        d[key[1].decode("latin-1")] = operands[a + 1]
                val = d
            else:
                val = operands
            operands = outer
            operands.append(val)
        elif kind == "op" and not stack:
            yield v.decode("latin-1"), operands
            operands = []
        else:
            operands.append((kind, v))


TEXT_OPS = {"Tj", "TJ", "'", '"'}


def check_content(pdf, data, resources, mcstack, page, found, depth=0):
    """Walks one content stream; fills found: counts and problems."""
    for op, args in operators(data):
        if op in ("BDC", "BMC"):
            tag = args[0][1].decode("latin-1") if args and \
                isinstance(args[0], tuple) else "?"
            mcid = None
            if op == "BDC" and len(args) > 1 and isinstance(args[1], dict):
                v = args[1].get("/MCID")
                if isinstance(v, tuple) and v[0] == "num":
                    mcid = int(v[1])
            if mcid is not None:
                if (page, mcid) in found["mcids"]:
                    found["dupmcid"].append("page %s MCID %d" %
                                            (page, mcid))
                found["mcids"].add((page, mcid))
            mcstack.append((tag, mcid))
        elif op == "EMC":
            if mcstack:
                mcstack.pop()
            else:
                found["unbalanced"].append("page %s: EMC without BDC" %
                                           page)
        elif op in TEXT_OPS:
            found["text"] += 1
            ok = False
            for tag, mcid in mcstack:
                if tag == "/Artifact":
                    ok = True
                    found["artifact"] += 1
                    break
                if mcid is not None:
                    if (page, mcid) in found["tied"]:
                        ok = True
                        found["tagged"] += 1
                    else:
                        found["untied"].append(
                            "page %s: MCID %d not tied to an element" %
                            (page, mcid))
                        ok = True   # reported once, as untied
                    break
            if not ok:
                found["untagged"].append(
                    "page %s: %s outside marked content (%s)" %
                    (page, op, b" ".join(a[1] for a in args
                                         if isinstance(a, tuple))[:60]))
        elif op == "Do" and depth < 8 and args:
            name = args[0][1].decode("latin-1")
            xo = pdf.get((pdf.get(resources) or {}).get("/XObject"))
            r = (xo or {}).get(name)
            d = pdf.get(r) if r else None
            if isinstance(d, dict) and d.get("/Subtype") == "/Form":
                check_content(pdf, pdf.stream(r), d.get("/Resources",
                              resources), list(mcstack), page, found,
                              depth + 1)


# ---- the checks ----

def main(path):
    pdf = Pdf(path)
    root = pdf.get(pdf.trailer["/Root"])

    lang = root.get("/Lang")
    report("/Lang in the catalog", [] if isinstance(lang, str) and
           len(lang) > 2 else ["no /Lang"])
    vp = pdf.get(root.get("/ViewerPreferences")) or {}
    report("/ViewerPreferences /DisplayDocTitle true",
           [] if vp.get("/DisplayDocTitle") is True else ["missing"])
    mi = pdf.get(root.get("/MarkInfo")) or {}
    report("/MarkInfo /Marked true",
           [] if mi.get("/Marked") is True else ["missing"])
    meta = root.get("/Metadata")
    xmp = pdf.stream(meta).decode("utf-8", "replace") if meta else ""
    report("XMP packet claims pdfuaid:part 1",
           [] if re.search(r"<pdfuaid:part>1</pdfuaid:part>|"
                           r"pdfuaid:part=\"1\"", xmp) else ["no claim"])
    out = pdf.get(root.get("/Outlines"))
    if out is not None:
        c = out.get("/Count", 0)
        report("outline root /Count not negative",
               [] if isinstance(c, int) and c >= 0 else
               ["/Count %r" % c])

    # The structure tree, depth first.
    str_root = root.get("/StructTreeRoot")
    tree = pdf.get(str_root) or {}
    if not tree:
        report("structure tree", ["no /StructTreeRoot"])
        return
    elems = []          # (ref, dict) in document order
    tied = {}           # (page ref, mcid) -> element ref
    seen = set()
    bad_tree = []

    def walk(r, parent, pg, depth):
        if depth > 200:
            bad_tree.append("tree too deep")
            return
        if ref_num(r) is None:
            return
        if r in seen:
            bad_tree.append("%s reached twice" % r)
            return
        seen.add(r)
        d = pdf.get(r)
        if not isinstance(d, dict) or "/S" not in d:
            return
        if d.get("/P") != parent:
            bad_tree.append("%s: /P %s, parent %s" % (r, d.get("/P"),
                                                     parent))
        elems.append((r, d))
        mypg = d.get("/Pg", pg)
        k = d.get("/K")
        kids = k if isinstance(k, list) else ([] if k is None else [k])
        for kid in kids:
            if isinstance(kid, int):
                tied[(mypg, kid)] = r
            elif isinstance(kid, dict):
                if kid.get("/Type") == "/MCR":
                    tied[(kid.get("/Pg", mypg), kid.get("/MCID"))] = r
            elif ref_num(kid) is not None:
                kd = pdf.get(kid)
                if isinstance(kd, dict) and "/S" in kd:
                    walk(kid, r, mypg, depth + 1)
    k = tree.get("/K")
    for kid in (k if isinstance(k, list) else [k]):
        walk(kid, str_root, None, 0)
    report("structure tree well formed", bad_tree, len(elems))

    # Elements whose content lies on more than one page (a paragraph or a
    # table that runs over a page, one element).
    pages_of = {}
    for (pg, mcid), e in tied.items():
        pages_of.setdefault(e, set()).add(pg)
    parent_of = {r: d.get("/P") for r, d in elems}
    spread = {}
    for e, pgs in pages_of.items():
        p = parent_of.get(e)
        while p in parent_of:
            spread.setdefault(p, set()).update(pgs)
            if elems and p == elems[0][0]:
                break
            p = parent_of.get(p)
    multi = [r for r, d in elems if d["/S"] in ("/P", "/Table")
             and len(spread.get(r, pages_of.get(r, ()))) > 1]
    print("# %d paragraphs or tables on more than one page" %
          len(multi))

    # The parent tree agrees with the tree.
    nums = {}
    ptree = pdf.get(tree.get("/ParentTree")) or {}
    stack = [ptree]
    while stack:
        node = stack.pop()
        ns = node.get("/Nums", [])
        for a in range(0, len(ns) - 1, 2):
            nums[ns[a]] = ns[a + 1]
        for kid in node.get("/Kids", []):
            stack.append(pdf.get(kid) or {})

    pages = []
    stack = [root.get("/Pages")]
    while stack:
        r = stack.pop(0)
        d = pdf.get(r) or {}
        if d.get("/Type") == "/Pages":
            stack = list(d.get("/Kids", [])) + stack
        else:
            pages.append((r, d))

    found = {"text": 0, "tagged": 0, "artifact": 0, "untagged": [],
             "untied": [], "dupmcid": [], "unbalanced": [], "mcids": set(),
             "tied": set()}
    bad_pt = []
    bad_tabs = []
    for r, d in pages:
        sp = d.get("/StructParents")
        arr = pdf.get(nums.get(sp)) if sp is not None else None
        for (pg, mcid), e in tied.items():
            if pg != r:
                continue
            if not isinstance(arr, list) or mcid >= len(arr) or \
                    arr[mcid] != e:
                bad_pt.append("page %s MCID %s: parent tree says %s, "
                              "tree says %s" % (r, mcid, None if not
                              isinstance(arr, list) or mcid >= len(arr)
                              else arr[mcid], e))
            else:
                found["tied"].add((r, mcid))
        if d.get("/Annots") and d.get("/Tabs") != "/S":
            bad_tabs.append("page %s: %d annotations, /Tabs %s" %
                            (r, len(pdf.get(d["/Annots"]) or []),
                             d.get("/Tabs")))
        c = d.get("/Contents")
        conts = c if isinstance(c, list) else ([c] if c else [])
        data = b"\n".join(pdf.stream(x) for x in conts)
        mcstack = []
        check_content(pdf, data, d.get("/Resources"), mcstack, r, found)
        if mcstack:
            found["unbalanced"].append("page %s: %d sequences left open" %
                                       (r, len(mcstack)))
    report("parent tree agrees with the structure tree", bad_pt)
    report("every text-showing operator tagged or an artifact",
           found["untagged"] + found["untied"], found["text"])
    print("# %d text operators: %d in structure elements, %d artifacts" %
          (found["text"], found["tagged"], found["artifact"]))
    report("marked content balanced, MCIDs unique per page",
           found["unbalanced"] + found["dupmcid"])
    report("/Tabs /S on every page with annotations", bad_tabs)

    # Headings, table headers, links, figures.
    bad_h = []
    last = 0
    for r, d in elems:
        m = re.fullmatch(r"/H([1-6])", d["/S"])
        if m:
            lv = int(m.group(1))
            if lv > last + 1:
                bad_h.append("%s: H%d after H%d" % (r, lv, last))
            last = lv
    nh = sum(1 for _, d in elems if re.fullmatch(r"/H[1-6]", d["/S"]))
    report("heading levels never skipped", bad_h, nh)

    def attr_scope(d):
        a = d.get("/A")
        for x in (a if isinstance(a, list) else [a]):
            x = pdf.get(x)
            if isinstance(x, dict) and x.get("/Scope") in \
                    ("/Row", "/Column", "/Both"):
                return True
        return False
    ths = [(r, d) for r, d in elems if d["/S"] == "/TH"]
    report("every TH has a /Scope",
           ["%s" % r for r, d in ths if not attr_scope(d)], len(ths))

    bad_l = []
    links = [(r, d) for r, d in elems if d["/S"] == "/Link"]
    linked = set()
    for r, d in links:
        k = d.get("/K")
        kids = k if isinstance(k, list) else [k]
        objr = [x for x in kids if isinstance(x, dict) and
                x.get("/Type") == "/OBJR"]
        if not objr:
            bad_l.append("%s: no OBJR" % r)
            continue
        for o in objr:
            a = pdf.get(o.get("/Obj")) or {}
            linked.add(o.get("/Obj"))
            if a.get("/Subtype") != "/Link":
                bad_l.append("%s: OBJR to %s" % (r, a.get("/Subtype")))
            elif not a.get("/Contents"):
                bad_l.append("%s: annotation without /Contents" % r)
        if not any(isinstance(x, int) or (isinstance(x, dict) and
                   x.get("/Type") == "/MCR") for x in kids):
            bad_l.append("%s: no text inside the Link" % r)
    for r, d in pages:
        for a in pdf.get(d.get("/Annots")) or []:
            ad = pdf.get(a) or {}
            if ad.get("/Subtype") == "/Link" and a not in linked:
                bad_l.append("annotation %s in no Link element" % a)
    report("every Link wraps its text, has an OBJR, its annotation a "
           "/Contents", bad_l, len(links))

    figs = [(r, d) for r, d in elems if d["/S"] == "/Figure"]
    report("every Figure has an /Alt",
           ["%s" % r for r, d in figs if not d.get("/Alt")], len(figs))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: check.py FILE.pdf")
    main(sys.argv[1])
