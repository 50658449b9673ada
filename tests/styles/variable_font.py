#!/usr/bin/env python3
"""A variable font of one family for suite-styles, from a static TrueType
font: variable_font.py SOURCE.ttf OUT.ttf FAMILY STYLE.

OUT is SOURCE renamed FAMILY STYLE, with a weight axis (400 to 700) and two
named instances, STYLE at 400 and its bold at 700.  Its outlines are still
SOURCE's and nothing varies them (an empty 'gvar'): fontconfig, through
FreeType, lists the bold instance as a face of its own, in OUT, as it does a
real variable font's, and a PDF that embeds OUT draws that face in SOURCE's
outlines.  Standard library only: no fontTools on the test machines.
"""
import struct
import sys


def checksum(data):
    data += b"\0" * (-len(data) % 4)
    return sum(struct.unpack(">%dI" % (len(data) // 4), data)) & 0xFFFFFFFF


def read_tables(data):
    count = struct.unpack(">H", data[4:6])[0]
    tables = {}
    for i in range(count):
        tag, _, offset, length = struct.unpack(
            ">4sIII", data[12 + 16 * i:28 + 16 * i])
        tables[tag] = data[offset:offset + length]
    return tables


def name_table(records):
    """Windows, Unicode BMP, en-US records of (name ID, text)."""
    strings = b""
    entries = b""
    for name_id, text in records:
        b = text.encode("utf-16-be")
        entries += struct.pack(">6H", 3, 1, 0x409, name_id, len(b),
                               len(strings))
        strings += b
    return struct.pack(">3H", 0, len(records),
                       6 + 12 * len(records)) + entries + strings


def fvar_table(style_id, bold_id):
    axis = struct.pack(">4s3iHH", b"wght", 400 << 16, 400 << 16, 700 << 16,
                       0, 256)

    def instance(name_id, weight):
        return struct.pack(">HHi", name_id, 0, weight << 16)

    # version 1.0, axes at 16, reserved 2, 1 axis of 20 bytes, 2 instances
    # of 8 bytes
    return (struct.pack(">8H", 1, 0, 16, 2, 1, 20, 2, 8) + axis +
            instance(style_id, 400) + instance(bold_id, 700))


def gvar_table(glyphs):
    """No variation data for any glyph (FreeType lists a font's named
    instances only when it has 'gvar' or 'CFF2')."""
    offsets = (glyphs + 1) * 2
    return struct.pack(">HHHHIHHI", 1, 0, 1, 0, 20, glyphs, 0,
                       20 + offsets) + b"\0" * offsets


def write_font(tables, path):
    tags = sorted(tables)
    head = bytearray(struct.pack(">IHHHH", 0x00010000, len(tags), 0, 0, 0))
    body = b""
    start = 12 + 16 * len(tags)
    for tag in tags:
        data = tables[tag]
        head += struct.pack(">4sIII", tag, checksum(data),
                            start + len(body), len(data))
        body += data + b"\0" * (-len(data) % 4)
    with open(path, "wb") as f:
        f.write(bytes(head) + body)


def main():
    source, out, family, style = sys.argv[1:5]
    with open(source, "rb") as f:
        tables = read_tables(f.read())
    bold = "Bold" if style == "Regular" else "Bold " + style
    postscript = family.replace(" ", "") + "-" + style.replace(" ", "")
    tables[b"name"] = name_table([
        (1, family), (2, style), (4, family + " " + style), (6, postscript),
        (256, "Weight"), (257, style), (258, bold)])
    tables[b"fvar"] = fvar_table(257, 258)
    glyphs = struct.unpack(">H", tables[b"maxp"][4:6])[0]
    tables[b"gvar"] = gvar_table(glyphs)
    write_font(tables, out)


if __name__ == "__main__":
    main()
