#!/usr/bin/python3
"""Writes a long protokoll: the items of examples/protokoll-au-2026-03-04.txtpb
repeated until the PDF has about PAGES pages (2 pages per copy of the items).
Usage: big_protokoll.py EXAMPLE PAGES > OUT.txtpb"""
import sys

example, pages = sys.argv[1], int(sys.argv[2])
text = open(example, encoding="utf-8").read()
start = text.index("  items {\n    number: 18")
end = text.index("  closing {")
items = text[start:end].replace("    number: 18\n", "")
copies = max(1, pages // 2)
sys.stdout.write(text[:start] + "  items {\n    number: 18\n" + items[len("  items {\n"):] + items * (copies - 1) + text[end:])
