#!/usr/bin/python3
"""Checks a tagged PDF (PDF/UA-1 structure) with pikepdf.

Usage: check_tagged.py FILE.pdf
Fails (exit 1, one line per problem on stderr) if a text-showing or
path-painting operator is outside a marked-content sequence that is tagged
(MCID) or an artifact, a heading level is skipped, a table has no TH, a
Link or Widget annotation lacks /Contents or /TU or is not in the structure
tree, or /ParentTree does not map every MCID back to the element that holds
it. Prints the structure (role and text per element) on stdout.
"""
import sys

import pikepdf
from pikepdf import Name

TEXT_OPS = {"Tj", "TJ", "'", '"'}
PAINT_OPS = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do"}


def main(path):
    problems = []
    pdf = pikepdf.open(path)
    root = pdf.Root
    if root.get("/MarkInfo", {}).get("/Marked") is not True:
        problems.append("catalog: /MarkInfo /Marked is not true")
    if "/Lang" not in root:
        problems.append("catalog: no /Lang")
    if root.get("/ViewerPreferences", {}).get("/DisplayDocTitle") is not True:
        problems.append("catalog: no /ViewerPreferences /DisplayDocTitle true")
    tree = root.get("/StructTreeRoot")
    if tree is None:
        print("no /StructTreeRoot", file=sys.stderr)
        return 1

    # /ParentTree as a flat map (kansli writes one /Nums array).
    parents = {}
    stack = [tree.ParentTree]
    while stack:
        node = stack.pop()
        nums = node.get("/Nums", [])
        for i in range(0, len(nums), 2):
            parents[int(nums[i])] = nums[i + 1]
        stack.extend(node.get("/Kids", []))

    # Content streams: every text shown and every path painted is in a
    # tagged (MCID) or artifact sequence; the MCIDs map back.
    for n, page in enumerate(pdf.pages, 1):
        marks = []  # per level: True when tagged or artifact
        mcids = []
        for operands, op in pikepdf.parse_content_stream(page):
            op = str(op)
            if op in ("BDC", "BMC"):
                tag = str(operands[0])
                mcid = None
                if op == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
                    mcid = int(operands[1].MCID)
                    mcids.append((mcid, tag))
                marks.append(tag == "/Artifact" or mcid is not None)
            elif op == "EMC":
                if not marks:
                    problems.append(f"page {n}: EMC without BDC/BMC")
                else:
                    marks.pop()
            elif op in TEXT_OPS or op in PAINT_OPS:
                if not any(marks):
                    problems.append(f"page {n}: '{op}' outside tagged or artifact content")
        if marks:
            problems.append(f"page {n}: unclosed marked content")
        if mcids:
            if "/StructParents" not in page.obj:
                problems.append(f"page {n}: marked content but no /StructParents")
                continue
            owners = parents.get(int(page.obj.StructParents))
            for mcid, tag in mcids:
                if owners is None or mcid >= len(owners):
                    problems.append(f"page {n}: MCID {mcid} not in /ParentTree")
                    continue
                elem = owners[mcid]
                kids = elem.K if isinstance(elem.K, pikepdf.Array) else [elem.K]
                if not any(
                    (isinstance(k, int) and k == mcid and elem.get("/Pg") == page.obj)
                    or (isinstance(k, pikepdf.Dictionary) and k.get("/MCID") == mcid and k.get("/Pg") == page.obj)
                    for k in kids
                ):
                    problems.append(f"page {n}: MCID {mcid} maps to a {elem.S} that does not hold it")
                if str(elem.S) != tag:
                    problems.append(f"page {n}: MCID {mcid} tagged {tag} but its element is {elem.S}")

    # The tree: heading levels, tables, annotations in it.
    in_tree = set()
    level = 0
    out = []

    def walk(elem, depth):
        nonlocal level
        role = str(elem.S)
        out.append("  " * depth + role)
        if len(role) == 3 and role.startswith("/H") and role[2].isdigit():
            h = int(role[2])
            if h > level + 1:
                problems.append(f"heading {role} after H{level}: level skipped")
            level = h
        if role == "/Table" and not has_descendant(elem, "/TH"):
            problems.append("a Table without TH")
        kids = elem.get("/K")
        if kids is None:
            return
        for k in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(k, pikepdf.Dictionary):
                t = k.get("/Type")
                if t == Name.OBJR:
                    in_tree.add(k.Obj.objgen)
                elif t != Name.MCR:
                    walk(k, depth + 1)

    def has_descendant(elem, role):
        kids = elem.get("/K")
        for k in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(k, pikepdf.Dictionary) and "/S" in k:
                if str(k.S) == role or has_descendant(k, role):
                    return True
        return False

    walk(tree.K, 0)

    for n, page in enumerate(pdf.pages, 1):
        annots = page.obj.get("/Annots", [])
        if len(annots) and page.obj.get("/Tabs") != Name.S:
            problems.append(f"page {n}: annotations but no /Tabs /S")
        for a in annots:
            kind = str(a.Subtype)
            if kind == "/Link" and "/Contents" not in a:
                problems.append(f"page {n}: Link without /Contents")
            if kind == "/Widget" and "/TU" not in a:
                problems.append(f"page {n}: Widget without /TU")
            if a.objgen not in in_tree:
                problems.append(f"page {n}: {kind} annotation not in the structure tree")
            elif parents.get(int(a.get("/StructParent", -1))) is None:
                problems.append(f"page {n}: {kind} annotation without /StructParent in /ParentTree")

    print("\n".join(out))
    for p in problems:
        print(f"{path}: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
