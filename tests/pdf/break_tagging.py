#!/usr/bin/python3
"""Breaks one thing in a tagged PDF, so that tests can show check_tagged.py
notices it.

Usage: break_tagging.py IN.pdf OUT.pdf WHAT
WHAT: lbody (the first LBody becomes a Span), reference (the first
Reference loses its Link), note (the first Note loses its Link), th (the
first TH with /ActualText loses it), listnumbering (the first L loses its
/A).
"""
import sys

import pikepdf
from pikepdf import Name


def elements(elem):
    yield elem
    kids = elem.get("/K")
    for k in [] if kids is None else kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(k, pikepdf.Dictionary) and "/S" in k:
            yield from elements(k)


def main(src, dst, what):
    pdf = pikepdf.open(src)
    for e in elements(pdf.Root.StructTreeRoot.K):
        role = str(e.S)
        if what == "lbody" and role == "/LBody":
            e.S = Name.Span
        elif what in ("reference", "note") and role == "/" + what.capitalize():
            e.K = pikepdf.Array([k for k in e.K if not (isinstance(k, pikepdf.Dictionary) and k.get("/S") == Name.Link)]
                                if what == "note" else [])
        elif what == "th" and role == "/TH" and "/ActualText" in e:
            del e["/ActualText"]
        elif what == "listnumbering" and role == "/L":
            del e["/A"]
        else:
            continue
        pdf.save(dst)
        return 0
    print(f"{src}: nothing to break for {what}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
