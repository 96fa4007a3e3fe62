#!/usr/bin/env python3
"""Checks a DOCX written by kansli against the document IR it came from.

  inspect_docx.py package FILE.docx
      The OPC package: content types for every part, relationships whose
      targets exist, every r:id resolved, one timestamp, [Content_Types].xml
      first.
  inspect_docx.py structure FILE.docx IR.json SOURCE.json|-
      Reads the document with python-docx and compares it with the IR (from
      `kansli render -f json -O content=ir`) and the source (`-f json`):
      headings with their style names, tables with their rows and cells,
      footnotes, lists, styles, links, header, footer and core properties.

Prints one line per problem and exits 1 when there is any.
"""
import json
import posixpath
import sys
import zipfile

import docx
import docx.table
from docx.oxml.ns import qn
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

problems = []


def problem(message):
    problems.append(message)


# ---------------------------------------------------------------- package

def all_tables(document):
    """Every table of the body in document order, nested ones included,
    except the unsplittable cell (style Sammanhållning) that keeps a table
    with the signature block after it."""
    tables = [docx.table.Table(t, document._body) for t in document.element.body.iter(qn("w:tbl"))]
    return [t for t in tables if t.style is None or t.style.name != "Sammanhållning"]


def rels_name(part):
    directory, name = posixpath.split(part)
    return posixpath.join(directory, "_rels", name + ".rels")


def check_package(path):
    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
        names = [i.filename for i in infos]
        if not names or names[0] != "[Content_Types].xml":
            problem(f"[Content_Types].xml is not the first entry: {names[:1]}")
        if len(set(names)) != len(names):
            problem("duplicate entries in the ZIP")
        if len({i.date_time for i in infos}) != 1:
            problem("entries carry different timestamps")
        if "[Content_Types].xml" not in names:
            problem("no [Content_Types].xml")
            return
        types = etree.fromstring(z.read("[Content_Types].xml"))
        defaults = {d.get("Extension").lower(): d.get("ContentType") for d in types.iter(f"{{{CT}}}Default")}
        overrides = {o.get("PartName"): o.get("ContentType") for o in types.iter(f"{{{CT}}}Override")}
        for name in names:
            if name == "[Content_Types].xml":
                continue
            extension = name.rsplit(".", 1)[-1].lower()
            if "/" + name not in overrides and extension not in defaults:
                problem(f"part {name} has no content type")
        for part_name in overrides:
            if part_name[1:] not in names:
                problem(f"content type given for missing part {part_name}")
        if "_rels/.rels" not in names:
            problem("no package relationships (_rels/.rels)")
            return
        package_rels = etree.fromstring(z.read("_rels/.rels"))
        main = [r.get("Target") for r in package_rels if r.get("Type") == OFFICE_DOCUMENT]
        if len(main) != 1:
            problem(f"expected one officeDocument relationship, found {len(main)}")
            return
        main_part = main[0].lstrip("/")
        if overrides.get("/" + main_part) != MAIN_TYPE:
            problem(f"main part {main_part} has content type {overrides.get('/' + main_part)}")
        required = {"styles", "settings", "numbering", "footnotes", "header", "footer"}
        for rels in [n for n in names if n.endswith(".rels")]:
            directory = posixpath.dirname(posixpath.dirname(rels))
            source = posixpath.join(directory, posixpath.basename(rels)[: -len(".rels")])
            tree = etree.fromstring(z.read(rels))
            ids = set()
            for rel in tree.iter(f"{{{PKG_REL}}}Relationship"):
                ids.add(rel.get("Id"))
                if rel.get("TargetMode") == "External":
                    continue
                target = posixpath.normpath(posixpath.join(directory, rel.get("Target")))
                if target not in names:
                    problem(f"{rels}: {rel.get('Id')} points at missing part {target}")
                if source == main_part:
                    required.discard(rel.get("Type").rsplit("/", 1)[-1])
            if source and source in names and source.endswith(".xml"):
                used = set()
                for element in etree.fromstring(z.read(source)).iter():
                    for key, value in element.attrib.items():
                        if key.startswith(f"{{{R}}}"):
                            used.add(value)
                for missing in sorted(used - ids):
                    problem(f"{source} uses relationship {missing}, which {rels} does not define")
        if required:
            problem(f"{main_part} lacks relationships to: {sorted(required)}")


# -------------------------------------------------------------- structure

def text_of(element):
    """The text of a paragraph (or anything): w:t, tabs and line breaks. The
    custom mark after a w:footnoteReference (a number the author gave) is
    the footnote's mark, not text."""
    out = []
    for node in element.iter(qn("w:t"), qn("w:tab"), qn("w:br")):
        if node.tag == qn("w:t") and node.getparent().find(qn("w:footnoteReference")) is not None:
            continue
        if node.tag == qn("w:t"):
            out.append(node.text or "")
        elif node.tag == qn("w:tab"):
            out.append("\t")
        elif node.get(qn("w:type")) in (None, "textWrapping"):
            out.append("\n")
    return "".join(out)


def spans_text(spans, with_footnote_marks=False):
    out = []
    for span in spans or []:
        if span.get("line_break"):
            out.append("\n")
        elif span.get("footnote") and with_footnote_marks:
            out.append(str(span["footnote"]))
        else:
            out.append(span.get("text", ""))
    return "".join(out)


def xml_safe(text):
    """What the exporter keeps of a string (see plugins/docx/xml_writer.hpp)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(c for c in text if c in "\t\n" or not (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c in "\ufffe\uffff"))


HEADING_STYLES = {1: "Title", 2: "Heading 1", 3: "Heading 2", 4: "Heading 3"}


class Outline:
    """The heading rule of docs/html-exporter.md (plugins/common/heading_rank.hpp):
    the first level-0 heading ranks 1, every other heading its depth in the
    outline of the levels seen so far, so a rank never skips."""

    def __init__(self):
        self.open = [0]
        self.title_seen = False

    def rank(self, level):
        if level == 0:
            if not self.title_seen:
                self.title_seen = True
                return 1
            level = 1
        while len(self.open) > 1 and self.open[-1] >= level:
            self.open.pop()
        self.open.append(level)
        return min(len(self.open), 6)
TABLE_STYLES = {"DATA": "Datatabell", "ATTENDANCE": "Närvarotabell", "FIELDS": "Uppgiftstabell",
                "FINANCIAL": "Resultattabell"}
PARAGRAPH_STYLES = {"SUBTITLE": "Subtitle", "QUOTE": "Quote", "DECISION": "Beslut", "NOTE": "Anteckning"}


def source_footnote_count(source):
    count = 0
    record = source.get("meeting_record") or {}
    for item in record.get("items", []):
        count += len(item.get("footnotes", []))
    return count


def check_structure(path, ir, source):
    document = docx.Document(path)
    blocks = ir.get("blocks", [])

    # Headings, in order, with their style names.
    expected = []
    outline = Outline()
    for i, block in enumerate(blocks):
        if "heading" in block:
            heading = block["heading"]
            # A run-in heading leads the paragraph after it, in bold.
            if heading.get("run_in") and i + 1 < len(blocks) and "paragraph" in blocks[i + 1]:
                outline.rank(heading.get("level", 0))
                lead = heading.get("number", "") + " "
                if not any(text_of(p._p).startswith(lead) and p.runs and p.runs[0].bold
                           for p in document.paragraphs):
                    problem(f"no paragraph led by the run-in heading '{lead}' in bold")
                continue
            rank = min(outline.rank(heading.get("level", 0)), 4)
            number = heading.get("number", "")
            tab = "\t" if number and heading.get("spans") else ""
            expected.append((HEADING_STYLES[rank], number + tab + spans_text(heading.get("spans"))))
    actual = [(p.style.name, text_of(p._p)) for p in document.paragraphs if p.style.name in HEADING_STYLES.values()]
    expected = [(style, xml_safe(text)) for style, text in expected]
    if actual != expected:
        problem(f"headings differ:\n  expected {expected}\n  actual   {actual}")
    # No heading level is skipped: Title, then Heading 1, never Heading 2 first.
    rank_of = {style: rank for rank, style in HEADING_STYLES.items()}
    deepest = 0
    for style, text in actual:
        if rank_of[style] > deepest + 1:
            problem(f"heading '{text}' ({style}) skips a level")
        deepest = rank_of[style]

    # Paragraph styles: as many paragraphs of each as the IR has.
    for ir_style, docx_style in PARAGRAPH_STYLES.items():
        want = sum(1 for b in blocks if b.get("paragraph", {}).get("style") == ir_style)
        have = sum(1 for p in document.paragraphs if p.style.name == docx_style)
        if want != have:
            problem(f"{want} paragraphs of style {ir_style} in the IR, {have} of style '{docx_style}' in the DOCX")

    # Lists: real numbering, one paragraph per item, each ordered list its own numId.
    for ordered, style in ((True, "List Number"), (False, "List Bullet")):
        lists = [b["list"] for b in blocks if "list" in b and bool(b["list"].get("ordered")) == ordered]
        want = [xml_safe(spans_text(item.get("spans"))) for lst in lists for item in lst.get("items", [])]
        paragraphs = [p for p in document.paragraphs if p.style.name == style]
        have = [text_of(p._p) for p in paragraphs]
        if want != have:
            problem(f"'{style}' paragraphs differ:\n  expected {want}\n  actual   {have}")
        num_ids = []
        for p in paragraphs:
            num_id = p._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
            num_ids.append(num_id.get(qn("w:val")) if num_id is not None else None)
        if ordered and len(set(num_ids)) != len(lists):
            problem(f"{len(lists)} ordered lists, but their items use numbering {sorted(set(map(str, num_ids)))}")
    numbering = document.part.numbering_part.element
    if paragraphs_with_numbering := [p for p in document.paragraphs if p.style.name.startswith("List")]:
        if not numbering.findall(qn("w:num")):
            problem(f"{len(paragraphs_with_numbering)} list paragraphs but numbering.xml defines no w:num")

    # Tables: rows and cells as in the IR; table style by kind.
    ir_tables = [b["table"] for b in blocks if "table" in b and b["table"].get("rows")]
    tables = [t for t in all_tables(document) if t.style is None or t.style.name != "Underskriftstabell"]
    if len(tables) != len(ir_tables):
        problem(f"{len(ir_tables)} tables in the IR, {len(tables)} in the DOCX")
    for n, (want, have) in enumerate(zip(ir_tables, tables)):
        kind = want.get("kind", "DATA")
        style = have.style.name if have.style is not None else None
        if style != TABLE_STYLES[kind]:
            problem(f"table {n} ({kind}) has style {style}, expected {TABLE_STYLES[kind]}")
        want_rows = [[(xml_safe(spans_text(c.get("spans"))), max(c.get("column_span", 1), 1)) for c in r.get("cells", [])]
                     for r in want.get("rows", [])]
        have_rows = []
        for row in have.rows:
            cells = []
            for tc in row._tr.tc_lst:
                span = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
                cells.append(("\n".join(text_of(p) for p in tc.iter(qn("w:p"))),
                              int(span.get(qn("w:val"))) if span is not None else 1))
            while cells and cells[-1] == ("", 1):
                cells.pop()
            have_rows.append(cells)
        want_rows = [[c for c in r] for r in want_rows]
        for r in want_rows:
            while r and r[-1] == ("", 1):
                r.pop()
        if want_rows != have_rows:
            problem(f"table {n} ({kind}) differs:\n  expected {want_rows}\n  actual   {have_rows}")
        # Header rows repeat on every page (w:tblHeader); a visually hidden
        # one is hidden text (w:vanish) in every run and paragraph mark.
        for r, (want_row, row) in enumerate(zip(want.get("rows", []), have.rows)):
            header = want_row.get("kind") == "HEADER" and all(
                x.get("kind") == "HEADER" for x in want.get("rows", [])[:r])
            if header != (row._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None):
                problem(f"table {n} ({kind}) row {r}: w:tblHeader {'missing' if header else 'on a body row'}")
            hidden = bool(want_row.get("visually_hidden"))
            marks = list(row._tr.iter(qn("w:p")))
            vanished = [p.find(f"{qn('w:pPr')}/{qn('w:rPr')}/{qn('w:vanish')}") is not None for p in marks] + [
                r_.find(f"{qn('w:rPr')}/{qn('w:vanish')}") is not None for r_ in row._tr.iter(qn("w:r"))]
            if hidden and not all(vanished):
                problem(f"table {n} ({kind}) row {r} is visually hidden but not all of it has w:vanish")
            if not hidden and any(vanished):
                problem(f"table {n} ({kind}) row {r} has hidden text")
        aligns = [c.get("align", "LEFT") for c in want.get("columns", [])]
        for r, row in enumerate(have.rows):
            column = 0
            for tc in row._tr.tc_lst:
                span = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
                align = aligns[column] if column < len(aligns) else "LEFT"
                # DECIMAL is right alignment plus a per-cell indent that lines
                # up the commas (docs/layout-rules.md).
                if align == "DECIMAL":
                    align = "RIGHT"
                jc = tc.find(f"{qn('w:p')}/{qn('w:pPr')}/{qn('w:jc')}")
                have_align = {None: "LEFT", "right": "RIGHT", "center": "CENTER"}[None if jc is None else jc.get(qn("w:val"))]
                if have_align != align:
                    problem(f"table {n} row {r} column {column}: aligned {have_align}, expected {align}")
                column += int(span.get(qn("w:val"))) if span is not None else 1

    # Signature blocks: one table each, every name on it.
    signature_blocks = [b["signatures"] for b in blocks if b.get("signatures", {}).get("signatories")]
    signature_tables = [t for t in all_tables(document) if t.style is not None and t.style.name == "Underskriftstabell"]
    if len(signature_blocks) != len(signature_tables):
        problem(f"{len(signature_blocks)} signature blocks, {len(signature_tables)} signature tables")
    for block, table in zip(signature_blocks, signature_tables):
        names = [p.text for row in table.rows for cell in row.cells for p in cell.paragraphs
                 if p.style.name == "Underskriftsnamn"]
        want = [s.get("name", "") for s in block["signatories"]]
        if names != want:
            problem(f"signature names {names}, expected {want}")

    # Footnotes: footnotes.xml holds as many as the IR and the source have.
    footnotes_part = next((rel.target_part for rel in document.part.rels.values()
                           if rel.reltype.endswith("/footnotes")), None)
    if footnotes_part is None:
        problem("no footnotes part")
    else:
        root = etree.fromstring(footnotes_part.blob)
        notes = [f for f in root.iter(qn("w:footnote")) if f.get(qn("w:type")) in (None, "normal")]
        texts = []
        for f in notes:
            # A footnote's own mark: w:footnoteRef, or its number as text
            # when the numbers are the author's (w:customMarkFollows).
            runs = f.findall(f"{qn('w:p')}/{qn('w:r')}")
            mark = runs[0].find(qn("w:t")) if runs else None
            text = text_of(f)
            if mark is not None and mark.text == f.get(qn("w:id")):
                text = text[len(mark.text):]
            texts.append(text.strip())
        want = [xml_safe(spans_text(f.get("spans"), True)).strip() for f in ir.get("footnotes", [])]
        if texts != want:
            problem(f"footnotes differ:\n  expected {want}\n  actual   {texts}")
        if source is not None and len(notes) != source_footnote_count(source):
            problem(f"{len(notes)} footnotes in the DOCX, {source_footnote_count(source)} in the source")
        references = {r.get(qn("w:id")) for r in document.element.body.iter(qn("w:footnoteReference"))}
        missing = {f.get(qn("w:id")) for f in notes} - references
        if missing:
            problem(f"footnotes never referenced from the text: {sorted(missing)}")

    # Links: every external link target is a hyperlink relationship.
    def links(spans):
        return {s["link"] for s in spans or [] if s.get("link") and not s["link"].startswith("#")}
    want_links = set()
    def collect(value):
        if isinstance(value, dict):
            if "spans" in value:
                want_links.update(links(value["spans"]))
            for v in value.values():
                collect(v)
        elif isinstance(value, list):
            for v in value:
                collect(v)
    collect(blocks)
    have_links = {rel.target_ref for rel in document.part.rels.values() if rel.reltype.endswith("/hyperlink")}
    if footnotes_part is not None:
        collect(ir.get("footnotes", []))
        have_links |= {rel.target_ref for rel in footnotes_part.rels.values() if rel.reltype.endswith("/hyperlink")}
    if want_links != have_links:
        problem(f"hyperlinks {sorted(have_links)}, expected {sorted(want_links)}")
    # Every hyperlink says where it goes (w:tooltip): the address, or the
    # linked text for a link inside the document.
    rels = {rid: rel.target_ref for rid, rel in document.part.rels.items()}
    for link in document.element.body.iter(qn("w:hyperlink")):
        tooltip = link.get(qn("w:tooltip"))
        rid = link.get(qn("r:id"))
        want = rels.get(rid) if rid else text_of(link).replace("\t", " ")
        if not tooltip or tooltip != want:
            problem(f"hyperlink '{text_of(link)}' has tooltip {tooltip!r}, expected {want!r}")

    # Language, header, footer, core properties.
    metadata, furniture = ir.get("metadata", {}), ir.get("furniture", {})
    language = metadata.get("language", "sv-SE")
    lang = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    if lang is None or lang.get(qn("w:val")) != language:
        problem(f"default language is not {language}")
    section = document.sections[0]
    header = "\n".join(text_of(p._p) for p in section.header.paragraphs)
    for part in (furniture.get("header_left", ""), furniture.get("header_right", "")):
        if part not in header:
            problem(f"header '{header}' lacks '{part}'")
    footer = section.footer._element
    instructions = [t.text.strip() for t in footer.iter(qn("w:instrText"))]
    label = furniture.get("footer_page_label", "")
    want_fields = [("PAGE" if label[i:].startswith("{page}") else "NUMPAGES")
                   for i in range(len(label)) if label[i:].startswith(("{page}", "{pages}"))]
    if instructions != want_fields:
        problem(f"footer fields {instructions}, expected {want_fields}")
    literal = label.replace("{pages}", "").replace("{page}", "")
    footer_text = "".join(t.text or "" for t in footer.iter(qn("w:t")) if t.getparent().find(qn("w:rPr")) is None)
    if footer_text != literal:
        problem(f"footer text '{footer_text}', expected '{literal}'")
    core = document.core_properties
    if core.title != xml_safe(metadata.get("title", "")) or core.author != xml_safe(metadata.get("author", "")):
        problem(f"core properties title={core.title!r} author={core.author!r}")
    if core.language != language:
        problem(f"core property language {core.language!r}")
    created = metadata.get("created")
    if created:
        from datetime import datetime, timezone
        want = datetime.fromisoformat(created).astimezone(timezone.utc).replace(tzinfo=None)
        if core.created != want:
            problem(f"created {core.created}, expected {want}")


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "package":
        check_package(sys.argv[2])
    elif len(sys.argv) == 5 and sys.argv[1] == "structure":
        with open(sys.argv[3], encoding="utf-8") as f:
            ir = json.load(f)
        source = None
        if sys.argv[4] != "-":
            with open(sys.argv[4], encoding="utf-8") as f:
                source = json.load(f)
        check_structure(sys.argv[2], ir, source)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
