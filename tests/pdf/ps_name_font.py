"""Writes a copy of a TrueType font whose PostScript name (name 6) reads
otherwise: in its Windows US English record (UTF-16BE) and its Macintosh
Roman record, each given as the same number of characters as it holds
(the strings are overwritten where they are; nothing else moves).  For
the tests of the names of embedded subsets (suite-pdf).

usage: python3 ps_name_font.py SRC DST WINDOWS MAC"""
import struct
import sys


def main():
    src, dst, win, mac = sys.argv[1:5]
    font = bytearray(open(src, "rb").read())
    tables = struct.unpack(">H", font[4:6])[0]
    for i in range(tables):
        tag, _, at, _ = struct.unpack(">4sIII", font[12 + 16 * i:28 + 16 * i])
        if tag == b"name":
            break
    else:
        sys.exit("no name table")
    count, strings = struct.unpack(">HH", font[at + 2:at + 6])
    done = 0
    for r in range(count):
        plat, enc, lang, nid, length, off = struct.unpack(
            ">6H", font[at + 6 + 12 * r:at + 18 + 12 * r])
        if nid != 6:
            continue
        if (plat, enc, lang) == (3, 1, 0x409):
            new = win.encode("utf-16-be")
        elif (plat, enc, lang) == (1, 0, 0):
            new = mac.encode("latin-1")
        else:
            continue
        if len(new) != length:
            sys.exit("record (%d, %d): %d bytes, not %d" %
                     (plat, enc, len(new), length))
        start = at + strings + off
        font[start:start + length] = new
        done += 1
    if done != 2:
        sys.exit("%d records of name 6 changed, not 2" % done)
    open(dst, "wb").write(bytes(font))


if __name__ == "__main__":
    main()
