#!/usr/bin/python3
"""Checks a tagged PDF (PDF/UA-1 structure) with pikepdf.

Usage: check_tagged.py FILE.pdf
Fails (exit 1, one line per problem on stderr) if a text-showing or
path-painting operator is outside a marked-content sequence that is tagged
(MCID) or an artifact, a heading level is skipped, a table has no TH, a
Link or Widget annotation lacks /Contents or /TU or is not in the structure
tree, /ParentTree does not map every MCID back to the element that holds
it or is not a well-formed number tree (/Limits, ascending keys), a TH has neither content nor /ActualText, a list item is not Lbl and
LBody, a list has no /ListNumbering, or a footnote's Reference and Note do
not link to each other (a Link in the Reference whose annotation leads to
the page of a Note, and a Link in each Note leading to a page with a
Reference). Prints the structure (role and text per element) on stdout.
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

    # /ParentTree: one /Nums, or a number tree (beyond a size kansli
    # writes /Kids of nodes with /Limits); the keys of every node in
    # ascending order and within its /Limits.
    parents = {}

    def read_numbers(node, is_root):
        keys = []
        if "/Limits" in node and is_root:
            problems.append("/ParentTree: the root has /Limits")
        if "/Limits" not in node and not is_root:
            problems.append("/ParentTree: a node without /Limits")
        nums = node.get("/Nums", [])
        for i in range(0, len(nums), 2):
            keys.append(int(nums[i]))
            parents[int(nums[i])] = nums[i + 1]
        for kid in node.get("/Kids", []):
            if not kid.is_indirect:
                problems.append("/ParentTree: a kid that is not an indirect object")
            keys.extend(read_numbers(kid, False))
        if keys != sorted(keys):
            problems.append("/ParentTree: keys not in ascending order")
        if "/Limits" in node and keys and [int(x) for x in node.Limits] != [min(keys), max(keys)]:
            problems.append(f"/ParentTree: /Limits {list(node.Limits)} but keys {min(keys)}..{max(keys)}")
        return keys

    read_numbers(tree.ParentTree, True)

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
        actual = f' "{elem.ActualText}"' if "/ActualText" in elem else ""
        out.append("  " * depth + role + actual)
        if role == "/TH" and "/K" not in elem and "/ActualText" not in elem and "/Alt" not in elem:
            problems.append("a TH with neither content nor /ActualText")
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

    # Lists and footnotes.
    def kids_of(elem):
        kids = elem.get("/K")
        if kids is None:
            return []
        return list(kids) if isinstance(kids, pikepdf.Array) else [kids]

    def elements(elem):
        yield elem
        for k in kids_of(elem):
            if isinstance(k, pikepdf.Dictionary) and "/S" in k:
                yield from elements(k)

    def pages_of(elem):
        found = set()
        for e in elements(elem):
            for k in kids_of(e):
                if isinstance(k, int) and "/Pg" in e:
                    found.add(e.Pg.objgen)
                elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == Name.MCR:
                    found.add(k.Pg.objgen)
        return found

    def link_targets(elem):
        """Pages the link annotations of `elem`'s Link descendants lead to."""
        found = []
        for e in elements(elem):
            if str(e.S) != "/Link":
                continue
            for k in kids_of(e):
                if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == Name.OBJR:
                    dest = k.Obj.get("/Dest")
                    if dest is None and "/A" in k.Obj:
                        dest = k.Obj.A.get("/D")
                    if isinstance(dest, pikepdf.Array) and len(dest):
                        found.append(dest[0].objgen)
        return found

    all_elements = list(elements(tree.K))
    for e in all_elements:
        role = str(e.S)
        if role == "/L" and e.get("/A", {}).get("/ListNumbering") is None:
            problems.append("a list without /ListNumbering")
        if role == "/LI":
            roles = [str(k.S) for k in kids_of(e) if isinstance(k, pikepdf.Dictionary) and "/S" in k]
            if "/LBody" not in roles or any(r not in ("/Lbl", "/LBody") for r in roles):
                problems.append(f"a list item is {roles}, not Lbl and LBody")
            if any(not isinstance(k, pikepdf.Dictionary) for k in kids_of(e)):
                problems.append("a list item holds content outside Lbl and LBody")
    note_pages = set()
    reference_pages = set()
    for e in all_elements:
        if str(e.S) == "/Note":
            note_pages |= pages_of(e)
        elif str(e.S) == "/Reference":
            reference_pages |= pages_of(e)
    for e in all_elements:
        role = str(e.S)
        if role not in ("/Reference", "/Note"):
            continue
        other = note_pages if role == "/Reference" else reference_pages
        targets = link_targets(e)
        if not targets:
            problems.append(f"a {role[1:]} has no Link")
        elif not all(t in other for t in targets):
            problems.append(f"a {role[1:]}'s Link does not lead to a page with a {'Note' if role == '/Reference' else 'Reference'}")

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
