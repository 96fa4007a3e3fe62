#!/usr/bin/python3
"""Checks that the PDF and the DOCX carry the IR's typography (docs/typography.md).

Usage: check_exports.py IR.json DOC.pdf DOC.docx

- Every run of text the IR glues with U+00A0 or U+202F ("2\u202f136",
  "\u00a7\u00a021", "23\u00a0%") appears whole, with the same characters, in
  the text the PDF draws and in the DOCX's paragraphs.
- Neither output has an ordinary space where a no-break space belongs:
  inside digit groups, after \u00a7, before %, kr, tkr, mkr.
- In the DOCX, no footnote reference stands before the punctuation that
  follows its word.
Prints one line per problem and exits 1 if there is any.
"""
import json
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

import pikepdf

NB = "\u00a0\u202f"
GLUED = re.compile(r"[^\s%s]+(?:[%s][^\s%s]+)+" % (NB, NB, NB))
BREAKABLE = [
    (re.compile(r"(?<![\d.,])\d{1,3} \d{3}(?!\d)"), "digit groups split by a breakable space"),
    (re.compile(r"\u00a7{1,2} \d"), "\u00a7 and its number split by a breakable space"),
    (re.compile(r"\d (?:%|kr|tkr|mkr)(?![\w])"), "a number and its unit split by a breakable space"),
]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def ir_strings(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("link", "anchor", "fieldName", "field_name", "created"):
                continue
            yield from ir_strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from ir_strings(value)
    elif isinstance(node, str):
        yield node


def pdf_lines(path):
    """The strings the PDF shows, one per text-showing operator."""
    lines = []
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for operands, op in pikepdf.parse_content_stream(page):
                if str(op) not in ("Tj", "TJ", "'", '"'):
                    continue
                text = ""
                for operand in operands:
                    items = operand if isinstance(operand, pikepdf.Array) else [operand]
                    for item in items:
                        if isinstance(item, pikepdf.String):
                            # Type0 fonts with 2-byte codes that are the
                            # Unicode values (docs/pdf-exporter.md).
                            text += bytes(item).decode("utf-16-be", "replace")
                lines.append(text)
    return lines


def docx_paragraphs(path):
    """Each paragraph's text in every XML part, and the footnote-order problems."""
    paragraphs, problems = [], []
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if not (name.startswith("word/") and name.endswith(".xml")):
                continue
            root = ET.fromstring(package.read(name))
            for paragraph in root.iter(W + "p"):
                text, after_reference = "", False
                for element in paragraph.iter():
                    if element.tag == W + "footnoteReference":
                        after_reference = True
                    elif element.tag == W + "t" and element.text:
                        if after_reference and element.text[0] in ".,;:!?":
                            problems.append(f"{name}: a footnote mark before its punctuation: "
                                            f"...{text[-30:]}[mark]{element.text[:20]}")
                        after_reference = False
                        text += element.text
                paragraphs.append(text)
    return paragraphs, problems


def main():
    ir_path, pdf_path, docx_path = sys.argv[1:4]
    with open(ir_path, encoding="utf-8") as f:
        ir = json.load(f)
    glued = set()
    for text in ir_strings(ir):
        glued.update(GLUED.findall(text))
    if not glued:
        print(f"{ir_path}: the IR glues nothing with a no-break space")
        return 1
    problems = []
    outputs = {"PDF": pdf_lines(pdf_path)}
    outputs["DOCX"], docx_problems = docx_paragraphs(docx_path)
    problems += docx_problems
    for kind, texts in outputs.items():
        joined = "\n".join(texts)
        for unit in sorted(glued):
            if unit not in joined:
                problems.append(f"{kind}: {unit!r} from the IR is not shown whole")
        for text in texts:
            for pattern, what in BREAKABLE:
                for match in pattern.finditer(text):
                    problems.append(f"{kind}: {what}: {match.group(0)!r} in {text[:80]!r}")
    for problem in problems:
        print(problem)
    print(f"{len(glued)} glued runs checked in the PDF and the DOCX", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
