#!/usr/bin/env python3
"""Prints a valid protokoll of about MEGABYTES megabytes in text format: the
example protokoll with items of ten paragraphs each added before its closing.
Used by the limits tests (an interrupted render of a large input) and the
load/validate/render bench in docs/limits.md.

Usage: large_record.py MEGABYTES [EXAMPLE.txtpb] > record.txtpb
"""
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
megabytes = float(sys.argv[1])
example = pathlib.Path(sys.argv[2]) if len(sys.argv) > 2 else HERE.parents[1] / "examples" / "protokoll-au-2026-03-04.txtpb"
text = example.read_text(encoding="utf-8")
at = text.rindex("\n  closing {")
sentence = ("Arbetsutskottet har behandlat ärendet och föreslår att styrelsen beslutar i enlighet med "
            "förvaltningens förslag; underlaget har skickats ut i god tid före sammanträdet. ")
paragraph = "    blocks { paragraph: \"" + sentence * 3 + "\" }\n"
target = int(megabytes * 1_000_000)
parts = [text[:at + 1]]
size = len(text.encode("utf-8"))
n = 0
while size < target:
    n += 1
    item = "  items {\n    title: \"Ärende " + str(n) + "\"\n" + paragraph * 10 + "  }\n"
    parts.append(item)
    size += len(item.encode("utf-8"))
parts.append(text[at + 1:])
sys.stdout.write("".join(parts))
