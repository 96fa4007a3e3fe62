#!/usr/bin/python3
"""Turns bench/docx/protokoll-au-2026-03-04.md into Typst markup with the same
text (headings, paragraphs, two-column tables, quotes, bold), so that Typst
renders the same content as kansli in bench/run.sh. Bench only.
Usage: md_to_typst.py IN.md > OUT.typ"""
import re
import sys

lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
if lines and lines[0] == "---":
    lines = lines[lines.index("---", 1) + 1:]
out = ['#set page(paper: "a4", margin: 2.5cm)', '#set text(font: "Liberation Sans", size: 10.5pt, lang: "sv")']
cells = []


def esc(s):
    s = re.sub(r"([#$@<>\\_`\[\]])", r"\\\1", s)
    return re.sub(r"\*\*(.+?)\*\*", r"*\1*", s)


for line in lines + [""]:
    if line.startswith("|"):
        row = [c.strip() for c in line.strip("|").split("|")]
        if not all(set(c) <= set("-: ") for c in row):
            cells += row
        continue
    if cells:
        out.append("#table(columns: 2, stroke: none, " + ", ".join(f"[{esc(c)}]" for c in cells) + ")")
        cells = []
    m = re.match(r"(#+) (.*)", line)
    if m:
        out.append("=" * len(m.group(1)) + " " + esc(m.group(2)))
    elif line.startswith("> "):
        out.append("#quote(block: true)[" + esc(line[2:]) + "]")
    else:
        out.append(esc(line))
print("\n".join(out))
