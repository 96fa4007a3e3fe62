#!/usr/bin/python3
"""Writes wordmall.docx: a tiny Word template, the organisation's own, for
the house style's reference_document (docs/house-style.md). Its body text is
DejaVu Sans 11 pt, its headings DejaVu Serif in dark red, its header holds a
line of text and a small image, its footer a line of text; a theme and a
font table as Word writes them. Deterministic: run it again, get the same
bytes.

    /usr/bin/python3 examples/husstil/wordmall.py   # writes wordmall.docx beside it
"""
import os
import struct
import zipfile
import zlib

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' \
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def png(width, height, rgb):
    """A solid-colour PNG."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\0" + bytes(rgb) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def rels(*entries):
    out = DECL + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    for i, (kind, target) in enumerate(entries, 1):
        out += f'<Relationship Id="rId{i}" Type="{kind}" Target="{target}"/>'
    return out + "</Relationships>"


def style(kind, sid, name, ppr="", rpr="", extra=""):
    return (f'<w:style w:type="{kind}" w:styleId="{sid}"{extra}><w:name w:val="{name}"/>'
            + (f'<w:basedOn w:val="Normal"/>' if sid != "Normal" else "")
            + (f"<w:pPr>{ppr}</w:pPr>" if ppr else "") + (f"<w:rPr>{rpr}</w:rPr>" if rpr else "") + "</w:style>")


def fonts(face):
    return f'<w:rFonts w:ascii="{face}" w:hAnsi="{face}" w:cs="{face}"/>'


STYLES = (DECL + f"<w:styles {W}><w:docDefaults><w:rPrDefault><w:rPr>{fonts('DejaVu Sans')}"
          '<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="sv-SE"/></w:rPr></w:rPrDefault>'
          '<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
          "</w:docDefaults>"
          + style("paragraph", "Normal", "Normal", extra=' w:default="1"')
          + style("paragraph", "Title", "Title", '<w:spacing w:after="240"/>',
                  fonts("DejaVu Serif") + '<w:b/><w:color w:val="7A1F1F"/><w:sz w:val="40"/>')
          + style("paragraph", "Heading1", "heading 1", '<w:keepNext/><w:spacing w:before="360" w:after="120"/>'
                  '<w:outlineLvl w:val="0"/>', fonts("DejaVu Serif") + '<w:b/><w:color w:val="7A1F1F"/><w:sz w:val="28"/>')
          + style("paragraph", "Header", "header", '<w:spacing w:after="0"/>', '<w:sz w:val="18"/>')
          + style("paragraph", "Footer", "footer", '<w:spacing w:after="0"/><w:jc w:val="center"/>',
                  '<w:color w:val="555555"/><w:sz w:val="16"/>')
          + "</w:styles>")

DOCUMENT = (DECL + f"<w:document {W}><w:body>"
            '<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Mall</w:t></w:r></w:p>'
            '<w:sectPr><w:headerReference w:type="default" r:id="rId3"/><w:footerReference w:type="default" r:id="rId4"/>'
            '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1701" w:right="1134" w:bottom="1134" w:left="1134" '
            'w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>')

WP = 'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
EXTENT = 'cx="1440000" cy="90000"'  # 40 mm x 2.5 mm
HEADER = (DECL + f"<w:hdr {W} {WP}>"
          '<w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr><w:r><w:drawing><wp:inline>'
          f'<wp:extent {EXTENT}/><wp:docPr id="100" name="Profilband" descr="Profilband"/>'
          f'<a:graphic xmlns:a="{A}"><a:graphicData uri="{PIC}"><pic:pic xmlns:pic="{PIC}">'
          '<pic:nvPicPr><pic:cNvPr id="0" name="Profilband"/><pic:cNvPicPr/></pic:nvPicPr>'
          '<pic:blipFill><a:blip r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
          f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext {EXTENT}/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
          "</a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
          '<w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr><w:r><w:t>Samordningsförbundet Sörmland · Wordmallen</w:t>'
          "</w:r></w:p></w:hdr>")
FOOTER = (DECL + f"<w:ftr {W}>"
          '<w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr><w:r><w:t>Mallens sidfot: Box 123, 611 22 Nyköping</w:t>'
          "</w:r></w:p></w:ftr>")
FONT_TABLE = (DECL + f"<w:fonts {W}>"
              '<w:font w:name="DejaVu Sans"><w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>'
              '<w:font w:name="DejaVu Serif"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
              "</w:fonts>")


def fills(n):
    return "".join('<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>' for _ in range(n))


THEME = (DECL + f'<a:theme xmlns:a="{A}" name="Wordmallen"><a:themeElements>'
         '<a:clrScheme name="Wordmallen">'
         + "".join(f'<a:{n}><a:srgbClr val="{v}"/></a:{n}>' for n, v in [
             ("dk1", "000000"), ("lt1", "FFFFFF"), ("dk2", "1F1F1F"), ("lt2", "EEEEEE"), ("accent1", "7A1F1F"),
             ("accent2", "1F4E79"), ("accent3", "4F6228"), ("accent4", "7F6000"), ("accent5", "3F3151"),
             ("accent6", "974806"), ("hlink", "0D4099"), ("folHlink", "5A2D82")])
         + "</a:clrScheme>"
         '<a:fontScheme name="Wordmallen">'
         '<a:majorFont><a:latin typeface="DejaVu Serif"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont>'
         '<a:minorFont><a:latin typeface="DejaVu Sans"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont>'
         "</a:fontScheme>"
         '<a:fmtScheme name="Wordmallen">'
         f"<a:fillStyleLst>{fills(3)}</a:fillStyleLst>"
         "<a:lnStyleLst>" + '<a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>' * 3
         + "</a:lnStyleLst>"
         "<a:effectStyleLst>" + "<a:effectStyle><a:effectLst/></a:effectStyle>" * 3 + "</a:effectStyleLst>"
         f"<a:bgFillStyleLst>{fills(3)}</a:bgFillStyleLst>"
         "</a:fmtScheme></a:themeElements></a:theme>")

CONTENT_TYPES = (DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Default Extension="png" ContentType="image/png"/>'
                 + "".join(f'<Override PartName="/word/{p}" ContentType="application/vnd.openxmlformats-officedocument.{t}+xml"/>'
                           for p, t in [("document.xml", "wordprocessingml.document.main"),
                                        ("styles.xml", "wordprocessingml.styles"),
                                        ("header1.xml", "wordprocessingml.header"),
                                        ("footer1.xml", "wordprocessingml.footer"),
                                        ("fontTable.xml", "wordprocessingml.fontTable"),
                                        ("theme/theme1.xml", "theme")])
                 + "</Types>")

PARTS = [
    ("[Content_Types].xml", CONTENT_TYPES),
    ("_rels/.rels", rels((REL + "officeDocument", "word/document.xml"))),
    ("word/document.xml", DOCUMENT),
    ("word/_rels/document.xml.rels", rels((REL + "styles", "styles.xml"), (REL + "theme", "theme/theme1.xml"),
                                          (REL + "header", "header1.xml"), (REL + "footer", "footer1.xml"),
                                          (REL + "fontTable", "fontTable.xml"))),
    ("word/styles.xml", STYLES),
    ("word/header1.xml", HEADER),
    ("word/_rels/header1.xml.rels", rels((REL + "image", "media/image1.png"))),
    ("word/media/image1.png", png(64, 4, (0x7A, 0x1F, 0x1F))),
    ("word/footer1.xml", FOOTER),
    ("word/fontTable.xml", FONT_TABLE),
    ("word/theme/theme1.xml", THEME),
]

if __name__ == "__main__":
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "wordmall.docx")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in PARTS:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)
