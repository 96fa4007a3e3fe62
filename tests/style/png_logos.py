#!/usr/bin/python3
"""PNG logos of every kind for the house-style tests (issue 15).

  png_logos.py make DIR    writes the logos below into DIR
  png_logos.py check DIR   for each DIR/<name>.png, compares the logo drawn on
                           page 1 of DIR/<name>.pdf (image and soft mask, read
                           back with pikepdf) with the PNG's pixels; exits 1
                           on the first difference

Some logos are encoded here by hand so that every PNG row filter (None, Sub,
Up, Average, Paeth) occurs, in colour and alpha, over several IDAT chunks
(and once interlaced, Adam7):
the PDF exporter keeps a PNG's filtered rows and splits colour from alpha
without unfiltering them. Others (palette, 16 bits, interlaced) take its libpng path.
"""
import struct
import sys
import zlib
from pathlib import Path

import pikepdf
from PIL import Image

WIDTH, HEIGHT = 97, 31  # odd sizes: no row is a multiple of anything


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def filtered_rows(rows, channels):
    """The rows with filters 0..4 in turn, each after its filter byte."""
    filtered = bytearray()
    if not rows or not rows[0]:
        return filtered
    previous = bytes(len(rows[0]))
    for y, row in enumerate(rows):
        kind = y % 5
        filtered.append(kind)
        for x, value in enumerate(row):
            a = row[x - channels] if x >= channels else 0
            b = previous[x]
            c = previous[x - channels] if x >= channels else 0
            predicted = (0, a, b, (a + b) // 2, paeth(a, b, c))[kind]
            filtered.append((value - predicted) & 0xFF)
        previous = row
    return filtered


ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2))


def encode(rows, channels, colour_type, interlaced=False):
    """8-bit PNG, row filters 0..4 in turn, the data in three IDAT chunks;
    when `interlaced`, Adam7's seven passes one after the other."""
    if interlaced:
        filtered = bytearray()
        for x0, y0, dx, dy in ADAM7:
            sub = [b"".join(rows[y][x * channels:(x + 1) * channels] for x in range(x0, WIDTH, dx))
                   for y in range(y0, HEIGHT, dy)]
            filtered += filtered_rows([r for r in sub if r], channels)
    else:
        filtered = filtered_rows(rows, channels)
    data = zlib.compress(bytes(filtered), 9)
    third = len(data) // 3 + 1
    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, colour_type, 0, 0, 1 if interlaced else 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + b"".join(chunk(b"IDAT", data[i:i + third]) for i in range(0, len(data), third))
            + chunk(b"IEND", b""))


def pixel(x, y):
    """Colour and alpha that vary in every direction, with flat runs too."""
    r = (x * 7 + y * 3) % 256
    g = (x * y) % 256
    b = 255 if x < 20 else (x * 31 + y * 17) % 256
    a = 0 if x < 10 else 255 if x > 80 else (x * 13 + y * 5) % 256
    return r, g, b, a


def flat_pixel(x, y):
    """A logo as most are: flat colour on transparency, soft edges."""
    inside = (x - 40) ** 2 + (y - 20) ** 2
    if inside < 150:
        return 20, 90, 160, 255
    if inside < 190:
        return 20, 90, 160, (190 - inside) * 6
    if 70 <= x < 110 and 10 <= y < 30:
        return 200, 30, 40, 255
    return 255, 255, 255, 0


def make(folder):
    folder.mkdir(parents=True, exist_ok=True)
    # Flat: its halves are coded as runs (common::deflate_runs).
    flat = [bytes(v for x in range(WIDTH) for v in flat_pixel(x, y)) for y in range(HEIGHT)]
    (folder / "rgba-flat.png").write_bytes(encode(flat, 4, 6))
    rgba = [bytes(v for x in range(WIDTH) for v in pixel(x, y)) for y in range(HEIGHT)]
    (folder / "rgba-filters.png").write_bytes(encode(rgba, 4, 6))
    (folder / "rgba-interlaced.png").write_bytes(encode(rgba, 4, 6, interlaced=True))
    gray_alpha = [bytes(v for x in range(WIDTH) for v in (pixel(x, y)[0], pixel(x, y)[3])) for y in range(HEIGHT)]
    (folder / "gray-alpha-filters.png").write_bytes(encode(gray_alpha, 2, 4))
    rgb = [bytes(v for x in range(WIDTH) for v in pixel(x, y)[:3]) for y in range(HEIGHT)]
    (folder / "rgb-filters.png").write_bytes(encode(rgb, 3, 2))
    image = Image.new("RGBA", (WIDTH, HEIGHT))
    image.putdata([pixel(x, y) for y in range(HEIGHT) for x in range(WIDTH)])
    image.convert("L").save(folder / "gray.png")
    image.convert("RGB").save(folder / "rgb-pillow.png")
    image.save(folder / "rgba-pillow.png")
    palette = image.convert("RGB").quantize(16)
    palette.info["transparency"] = 0
    palette.save(folder / "palette-transparent.png", transparency=0)
    deep = Image.new("I;16", (WIDTH, HEIGHT))
    deep.putdata([(x * 677 + y * 1301) % 65536 for y in range(HEIGHT) for x in range(WIDTH)])
    deep.save(folder / "gray-16-bit.png")


def expected(png):
    """(mode, colour pixels, alpha pixels or None), 8 bits, as a PDF shows it."""
    image = Image.open(png)
    if image.mode in ("I", "I;16", "I;16B"):  # 16-bit gray
        return "L", [round(v / 257) for v in image.getdata()], None
    has_alpha = image.mode in ("RGBA", "LA") or "transparency" in image.info
    if image.mode in ("L", "LA"):
        converted = image.convert("LA")
        return "L", [p[0] for p in converted.getdata()], [p[1] for p in converted.getdata()] if has_alpha else None
    converted = image.convert("RGBA")
    return "RGB", [p[:3] for p in converted.getdata()], [p[3] for p in converted.getdata()] if has_alpha else None


def drawn_logo(pdf_path):
    pdf = pikepdf.open(pdf_path)
    for name, xobject in pdf.pages[0].Resources.XObject.items():
        if xobject.get("/Subtype") == "/Image":
            colour = pikepdf.PdfImage(xobject).as_pil_image()
            mask = xobject.get("/SMask")
            alpha = pikepdf.PdfImage(mask).as_pil_image() if mask is not None else None
            return colour, alpha
    raise SystemExit(f"{pdf_path}: no image on page 1")


def close(a, b, tolerance):
    if isinstance(a, tuple):
        return all(abs(x - y) <= tolerance for x, y in zip(a, b))
    return abs(a - b) <= tolerance


def check(folder):
    pngs = sorted(folder.glob("*.png"))
    if not pngs:
        raise SystemExit(f"no logos in {folder}")
    for png in pngs:
        mode, colour, alpha = expected(png)
        got_colour, got_alpha = drawn_logo(png.with_suffix(".pdf"))
        # libpng scales 16 bits to 8 with its own rounding: one step apart.
        tolerance = 1 if "16-bit" in png.name else 0
        if got_colour.mode != mode or got_colour.size != (WIDTH, HEIGHT):
            raise SystemExit(f"{png.name}: image {got_colour.mode} {got_colour.size}, expected {mode}")
        for i, (want, got) in enumerate(zip(colour, got_colour.getdata())):
            if not close(want, got, tolerance):
                raise SystemExit(f"{png.name}: pixel {i % WIDTH},{i // WIDTH} is {got}, expected {want}")
        if (alpha is None) != (got_alpha is None):
            raise SystemExit(f"{png.name}: soft mask {'missing' if got_alpha is None else 'unexpected'}")
        if alpha is not None:
            for i, (want, got) in enumerate(zip(alpha, got_alpha.getdata())):
                if want != got:
                    raise SystemExit(f"{png.name}: alpha at {i % WIDTH},{i // WIDTH} is {got}, expected {want}")
        print(f"{png.name}: same pixels")


if __name__ == "__main__":
    {"make": make, "check": check}[sys.argv[1]](Path(sys.argv[2]))
