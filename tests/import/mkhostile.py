#!/usr/bin/env python3
"""Writes hostile and odd .docx files into OUTDIR for the import tests:

  bomb-size.docx   document.xml declares 40 MiB (over the part limit)
  bomb-ratio.docx  document.xml is 4 MiB of one byte (ratio over 200:1)
  truncated.docx   a good .docx cut in half
  xxe.docx         an external entity naming /etc/passwd
  laughs.docx      the billion-laughs entities
  deep.docx        elements nested 10 000 deep
  escape.docx      an image entry named ../../x.png, linked from the text
  image.docx       a PNG with alt text, one without, and a missing one
  runs.docx        one paragraph of 100 000 runs, bold and not in turn
  refs.txt         9 000 typed paragraphs, each with three typed
                   references
  changes.docx     a tracked insertion and deletion, a comment, a text
                   box, a header, merged cells, a REF field to a bookmark
  masthead.docx    as LibreOffice saves our own HTML: a masthead line
                   "Meeting: 12 March 2026 · Item 5", two contacts whose
                   lines end in line breaks (<w:br/>, <w:cr/>), headings
                   and paragraph numbers linked to their own bookmarks, a
                   real link to one, a line break in a running paragraph,
                   and the page footer copied into the text

usage: mkhostile.py OUTDIR"""
import os
import struct
import sys
import zipfile
import zlib

out = sys.argv[1]
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R = ('xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
     'relationships"')
TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://'
         'schemas.openxmlformats.org/package/2006/content-types"><Default '
         'Extension="xml" ContentType="application/xml"/></Types>')
REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/'


def rels(items):
    body = "".join('<Relationship Id="%s" Type="%s%s" Target="%s"/>' % i
                   for i in items)
    return ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns='
            '"http://schemas.openxmlformats.org/package/2006/relationships">'
            '%s</Relationships>' % body)


def para(text, style=None):
    ppr = '<w:pPr><w:pStyle w:val="%s"/></w:pPr>' % style if style else ""
    return '<w:p>%s<w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % (
        ppr, text)


def document(body, prolog=""):
    return ('<?xml version="1.0" encoding="UTF-8"?>%s<w:document %s %s>'
            '<w:body>%s</w:body></w:document>' % (prolog, W, R, body))


def write(name, parts, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(os.path.join(out, name), "w", compression) as z:
        z.writestr("[Content_Types].xml", TYPES)
        for n, data in parts:
            z.writestr(n, data)


def png(w, h):
    raw = b"".join(b"\0" + b"\x80\x40\x20" * w for _ in range(h))

    def chunk(t, d):
        c = struct.pack(">I", len(d)) + t + d
        return c + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" +
            chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def drawing(rid, alt):
    return ('<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.'
            'openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
            '<wp:docPr id="1" name="Picture" descr="%s"/><a:graphic xmlns:a='
            '"http://schemas.openxmlformats.org/drawingml/2006/main">'
            '<a:graphicData><a:blip r:embed="%s"/></a:graphicData>'
            '</a:graphic></wp:inline></w:drawing></w:r></w:p>' % (alt, rid))


PAPER = (para("Test paper", "Title") + para("Purpose of report:\tFor "
         "information.") + para("Summary:\tA summary.") +
         para("Recommendation:\tThat the Board notes it.") +
         para("Action:\tNone.") + para("Contact officer:\tA Person") +
         para("Background", "Heading2") + para("The first paragraph."))
STYLES = ('<?xml version="1.0" encoding="UTF-8"?><w:styles %s><w:style '
          'w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/>'
          '</w:style><w:style w:type="paragraph" w:styleId="Heading2">'
          '<w:name w:val="heading 2"/></w:style></w:styles>' % W)

# a zip bomb: sizes and ratio are checked before anything is unpacked
write("bomb-size.docx", [("word/document.xml",
                          document(" " * (40 << 20)))])
write("bomb-ratio.docx", [("word/document.xml",
                           document("<!--" + "-" * (4 << 20) + "-->"))])

# a good file, cut in half
write("good.docx", [("word/document.xml", document(PAPER)),
                    ("word/styles.xml", STYLES)])
data = open(os.path.join(out, "good.docx"), "rb").read()
open(os.path.join(out, "truncated.docx"), "wb").write(data[:len(data) // 2])

write("xxe.docx", [("word/document.xml", document(
    para("&xxe;"), '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM '
    '"file:///etc/passwd">]>'))])
laughs = "".join('<!ENTITY l%d "%s">' % (i, ("&l%d;" % (i - 1)) * 10)
                 for i in range(1, 10))
write("laughs.docx", [("word/document.xml", document(
    para("&l9;"), '<!DOCTYPE w:document [<!ENTITY l0 "lol">%s]>' % laughs))])
write("deep.docx", [("word/document.xml", document(
    "<w:sdt><w:sdtContent>" * 10000 + para("deep") +
    "</w:sdtContent></w:sdt>" * 10000))])

# an entry that names a place outside the output folder
write("escape.docx", [
    ("word/document.xml", document(PAPER + drawing("rId9", "A chart"))),
    ("word/_rels/document.xml.rels", rels([("rId9", REL, "image",
                                            "../../x.png")])),
    ("../../x.png", png(2, 2)), ("word/styles.xml", STYLES)])

write("image.docx", [
    ("word/document.xml", document(
        PAPER + drawing("rId1", "Fees by year") + drawing("rId2", "") +
        drawing("rId3", "Gone"))),
    ("word/_rels/document.xml.rels", rels([
        ("rId1", REL, "image", "media/chart one.png"),
        ("rId2", REL, "image", "media/image2.png"),
        ("rId3", REL, "image", "media/missing.png")])),
    ("word/media/chart one.png", png(4, 3)),
    ("word/media/image2.png", png(2, 2)), ("word/styles.xml", STYLES)])

CHANGES = (
    para("Test paper", "Title") + para("Purpose of report:\tFor decision.") +
    para("Summary:\tA summary.") +
    para("Recommendation:\tThat the Board agrees.") + para("Action:\tNone.") +
    para("Contact officer:\tA Person") + para("Background", "Heading2") +
    '<w:p><w:bookmarkStart w:id="1" w:name="_Ref1"/><w:r><w:t>The first '
    'paragraph</w:t></w:r><w:ins w:id="2" w:author="A"><w:r><w:t xml:space='
    '"preserve"> was added</w:t></w:r></w:ins><w:del w:id="3" w:author="A">'
    '<w:r><w:delText> was removed</w:delText></w:r></w:del><w:r><w:t>.'
    '</w:t></w:r><w:bookmarkEnd w:id="1"/><w:r><w:commentReference w:id="4"'
    '/></w:r></w:p>'
    '<w:p><w:r><w:t xml:space="preserve">As paragraph </w:t></w:r><w:r>'
    '<w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> REF _Ref1 '
    '\\r \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/>'
    '</w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/>'
    '</w:r><w:r><w:t xml:space="preserve"> says.</w:t></w:r><w:r><w:pict>'
    '<v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>'
    '<w:txbxContent>' + para("A boxed note that cannot be placed") +
    '</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>'
    '<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>' +
    para("Both") + '</w:tc></w:tr><w:tr><w:tc>' + para("a") +
    '</w:tc><w:tc>' + para("b") + '</w:tc></w:tr></w:tbl>')
write("changes.docx", [
    ("word/document.xml", document(CHANGES)), ("word/styles.xml", STYLES),
    ("word/_rels/document.xml.rels", rels([("rId1", REL, "header",
                                            "header1.xml")])),
    ("word/header1.xml", '<?xml version="1.0"?><w:hdr %s>%s</w:hdr>' % (
        W, para("Safer Communities Board header text")))])

write("runs.docx", [("word/document.xml", document("<w:p>%s</w:p>" % "".join(
    '<w:r><w:rPr>%s</w:rPr><w:t xml:space="preserve">w%d </w:t></w:r>' %
    ("<w:b/>" if i % 2 else "", i) for i in range(100000))))])
lines = ["A long paper", "", "Purpose of report:\tTo be long.", ""]
lines += ["%d.\tSee paragraph %d above and paragraph %d below." %
          (i, max(1, i - 1), i + 1) for i in range(1, 9001)]
open(os.path.join(out, "refs.txt"), "w").write("\n".join(lines) + "\n")


def lines(*ls, brk="<w:br/>"):
    """One paragraph of lines, each ended by a line break."""
    return "<w:p><w:r>%s</w:r></w:p>" % brk.join(
        '<w:t xml:space="preserve">%s</w:t>' % t for t in ls)


def self_linked(name, text, rest="", style=None):
    """A paragraph whose first words link to the bookmark it holds."""
    ppr = '<w:pPr><w:pStyle w:val="%s"/></w:pPr>' % style if style else ""
    more = '<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % rest
    return ('<w:p>%s<w:hyperlink w:anchor="%s"><w:bookmarkStart w:id="9" '
            'w:name="%s"/><w:bookmarkEnd w:id="9"/><w:r><w:t>%s</w:t>'
            '</w:r></w:hyperlink>%s</w:p>' % (ppr, name, name, text,
                                               more if rest else ""))


MASTHEAD = (
    para("Regulatory Committee") +
    para("Meeting: 12 March 2026 · Item 5") +
    para("Review of fees", "Heading1") +
    para("Purpose of report") + para("For decision.") +
    para("Summary") + para("The fees for 2026/27.") +
    para("Recommendation") + para("That the Committee agrees them.") +
    para("Action") + para("Officers to publish them.") +
    para("Contact officers") +
    lines("Siân Pritchard", "Licensing Manager", "Licensing Service",
          "Phone no: 01234 567890", "Email: sian.pritchard@example.gov.uk") +
    lines("Priya Shah", "Licensing Officer", "priya.shah@example.gov.uk",
          brk="<w:cr/>") +
    self_linked("s1", "Proposed fees", style="Heading2") +
    self_linked("p1", "1.", " The fees are set out below.") +
    self_linked("p2", "2.", " Comments go to Licensing,") .replace(
        "</w:t></w:r></w:p>", '</w:t><w:br/><w:t>Town Hall.</w:t></w:r>'
        '</w:p>') +
    '<w:p><w:r><w:t xml:space="preserve">3. As paragraph </w:t></w:r>'
    '<w:hyperlink w:anchor="p1"><w:r><w:t>1</w:t></w:r></w:hyperlink>'
    '<w:r><w:t xml:space="preserve"> says.</w:t></w:r></w:p>' +
    para("Review of fees – Regulatory Committee") +
    para("Meeting: 12 March 2026 · Item 5"))
write("masthead.docx", [("word/document.xml", document(MASTHEAD)),
                        ("word/styles.xml", STYLES.replace(
                            "</w:styles>", '<w:style w:type="paragraph" '
                            'w:styleId="Heading1"><w:name w:val="heading 1"/>'
                            '</w:style></w:styles>'))])
