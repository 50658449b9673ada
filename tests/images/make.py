#!/usr/bin/env python3
"""Writes the image fixtures in this folder (committed, so the tests need no
Python): one 16x16 picture in every PNG layout, the pixels each must decode
to (expect-*.ppm, as pdfimages writes them), broken PNGs and JPEG
headers that PDF cannot show.  Run it from anywhere; it writes beside
itself."""
import os, struct, zlib

HERE = os.path.dirname(os.path.abspath(__file__))
W = H = 16

def chunk(kind, data):
    c = struct.pack(">I", len(data)) + kind + data
    return c + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

def pack_row(samples, depth):
    if depth == 8:
        return bytes(samples)
    if depth == 16:
        return b"".join(struct.pack(">H", s) for s in samples)
    out, acc, n = bytearray(), 0, 0
    for s in samples:
        acc = (acc << depth) | s
        n += depth
        if n == 8:
            out.append(acc); acc = n = 0
    if n:
        out.append(acc << (8 - n))
    return bytes(out)

ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4),
         (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]

def png(pixels, ctype, depth, interlace=False, extra=b"", plte=None, w=W, h=H):
    """pixels[y][x] is a tuple of samples for the colour type."""
    raw = bytearray()
    if interlace:
        for x0, y0, dx, dy in ADAM7:
            for y in range(y0, h, dy):
                xs = list(range(x0, w, dx))
                if not xs:
                    continue
                raw.append(0)
                raw += pack_row([s for x in xs for s in pixels[y][x]], depth)
    else:
        for y in range(h):
            raw.append(0)
            raw += pack_row([s for x in range(w) for s in pixels[y][x]], depth)
    ihdr = struct.pack(">IIBBBBB", w, h, depth, ctype, 0, 0, 1 if interlace else 0)
    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
    if plte is not None:
        out += chunk(b"PLTE", b"".join(bytes(c) for c in plte))
    out += extra + chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b"")
    return out

def quad(x, y):
    return (0 if y < H // 2 else 2) + (0 if x < W // 2 else 1)

COLOURS = [(200, 30, 30), (30, 200, 30), (30, 30, 200), (250, 250, 250)]
GREYS = [0, 85, 170, 255]
ALPHAS = [255, 128, 0, 64]

def grid(f):
    return [[f(x, y) for x in range(W)] for y in range(H)]

def write(name, data):
    with open(os.path.join(HERE, name), "wb") as fp:
        fp.write(data)

def ppm(f, kind):
    """As pdfimages writes it: P6, grey samples repeated three times."""
    if kind == "P6":
        body = bytes(s for y in range(H) for x in range(W) for s in f(x, y))
    else:
        body = bytes(f(x, y) for y in range(H) for x in range(W) for _ in "rgb")
    return ("P6\n%d %d\n255\n" % (W, H)).encode() + body

colour = lambda x, y: COLOURS[quad(x, y)]
grey = lambda x, y: GREYS[quad(x, y)]
alpha = lambda x, y: ALPHAS[quad(x, y)]

# colour: every layout decodes to expect-colour.ppm
write("rgb8.png", png(grid(lambda x, y: colour(x, y)), 2, 8))
write("rgb16.png", png(grid(lambda x, y: tuple(c * 257 for c in colour(x, y))), 2, 16))
write("rgb8-interlaced.png", png(grid(lambda x, y: colour(x, y)), 2, 8, True))
write("rgb16-interlaced.png", png(grid(lambda x, y: tuple(c * 257 for c in colour(x, y))), 2, 16, True))
for depth in (2, 4, 8):
    write("palette%d.png" % depth, png(grid(lambda x, y: (quad(x, y),)), 3, depth, plte=COLOURS))
write("palette4-interlaced.png", png(grid(lambda x, y: (quad(x, y),)), 3, 4, True, plte=COLOURS))
write("rgba8-opaque.png", png(grid(lambda x, y: colour(x, y) + (255,)), 6, 8))
write("expect-colour.ppm", ppm(colour, "P6"))

# grey: every layout decodes to expect-grey.ppm
write("grey8.png", png(grid(lambda x, y: (grey(x, y),)), 0, 8))
write("grey2.png", png(grid(lambda x, y: (grey(x, y) // 85,)), 0, 2))
write("grey4.png", png(grid(lambda x, y: (grey(x, y) // 17,)), 0, 4))
write("grey16.png", png(grid(lambda x, y: (grey(x, y) * 257,)), 0, 16))
write("grey8-interlaced.png", png(grid(lambda x, y: (grey(x, y),)), 0, 8, True))
write("expect-grey.ppm", ppm(grey, "P5"))
bw = lambda x, y: 255 if quad(x, y) % 2 else 0
write("grey1.png", png(grid(lambda x, y: (bw(x, y) // 255,)), 0, 1))
write("expect-bw.ppm", ppm(bw, "P5"))

# alpha: colour plus expect-alpha.ppm as the soft mask
write("rgba8.png", png(grid(lambda x, y: colour(x, y) + (alpha(x, y),)), 6, 8))
write("rgba16.png", png(grid(lambda x, y: tuple(c * 257 for c in colour(x, y) + (alpha(x, y),))), 6, 16))
write("rgba8-interlaced.png", png(grid(lambda x, y: colour(x, y) + (alpha(x, y),)), 6, 8, True))
write("palette8-trns.png", png(grid(lambda x, y: (quad(x, y),)), 3, 8, plte=COLOURS,
      extra=chunk(b"tRNS", bytes(ALPHAS))))
write("expect-alpha.ppm", ppm(alpha, "P5"))
write("greya8.png", png(grid(lambda x, y: (grey(x, y), alpha(x, y))), 4, 8))
write("greya16.png", png(grid(lambda x, y: (grey(x, y) * 257, alpha(x, y) * 257)), 4, 16))

# broken PNGs
good = png(grid(lambda x, y: colour(x, y)), 2, 8)
i = good.index(b"IDAT")
n = struct.unpack(">I", good[i - 4:i])[0]
bad = bytearray(good); bad[i + 4 + n] ^= 0xFF        # the IDAT's CRC is wrong
write("bad-crc.png", bytes(bad))
write("bad-truncated.png", good[:i + 20])
bad = bytearray(good)
n = struct.unpack(">I", good[i - 4:i])[0]
bad[i + 4:i + 4 + n] = bytes([0x78, 0x9c]) + b"\xff" * (n - 2)  # not zlib
crc = zlib.crc32(bytes(bad[i:i + 4 + n])) & 0xFFFFFFFF
bad[i + 4 + n:i + 8 + n] = struct.pack(">I", crc)
write("bad-zlib.png", bytes(bad))
# 69 bytes that claim a million by a million pixels
ihdr = struct.pack(">IIBBBBB", 1000000, 1000000, 8, 2, 0, 0, 0)
write("bad-million.png", b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) +
      chunk(b"IDAT", zlib.compress(b"\0" * 8)) + chunk(b"IEND", b""))
# valid, 30000 x 30000 grey 1-bit: refused by its header
row = b"\0" * (1 + 30000 // 8)
co = zlib.compressobj(9)
data = b"".join(co.compress(row) for _ in range(30000)) + co.flush()
ihdr = struct.pack(">IIBBBBB", 30000, 30000, 1, 0, 0, 0, 0)
write("huge-30000.png", b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) +
      chunk(b"IDAT", data) + chunk(b"IEND", b""))
# valid, 2400 x 2400 RGBA (22 MB decoded, over the paper's limit alone),
# and 1500 x 1500 RGBA (9 MB): two of them are over it together
for side, name in ((2400, "big-rgba-2400.png"), (1500, "big-rgba-1500.png")):
    co = zlib.compressobj(9)
    row = b"\0" + bytes([10, 120, 200, 128]) * side
    data = b"".join(co.compress(row) for _ in range(side)) + co.flush()
    ihdr = struct.pack(">IIBBBBB", side, side, 8, 6, 0, 0, 0)
    write(name, b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) +
          chunk(b"IDAT", data) + chunk(b"IEND", b""))
# a second, different file of the same size (its own inode, its own bytes)
side = 1500
co = zlib.compressobj(9)
row = b"\0" + bytes([200, 20, 20, 200]) * side
data = b"".join(co.compress(row) for _ in range(side)) + co.flush()
ihdr = struct.pack(">IIBBBBB", side, side, 8, 6, 0, 0, 0)
write("big-rgba-1500b.png", b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) +
      chunk(b"IDAT", data) + chunk(b"IEND", b""))
# an alpha gradient over 600 x 600: small as PNG, and must stay small in PDF
side = 600
raw = bytearray()
for y in range(side):
    raw.append(0)
    for x in range(side):
        raw += bytes([30, 90, 160, (x * 255) // (side - 1)])
ihdr = struct.pack(">IIBBBBB", side, side, 8, 6, 0, 0, 0)
write("alpha-gradient.png", b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) +
      chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b""))

# JPEG headers: SOI, one SOF, SOS.  PDF shows 8-bit baseline/progressive
# grey, RGB or CMYK; the rest must be refused before libharu sees them.
def jpeg(sof, precision, w, h, ncomp):
    comps = b"".join(bytes([i + 1, 0x11, 0]) for i in range(ncomp))
    seg = struct.pack(">BHHB", precision, h, w, ncomp) + comps
    return (b"\xff\xd8" + b"\xff" + bytes([sof]) + struct.pack(">H", len(seg) + 2) +
            seg + b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00" + b"\x00" * 16 + b"\xff\xd9")
write("jpeg-9-components.jpg", jpeg(0xC0, 8, 16, 16, 9))
write("jpeg-60000.jpg", jpeg(0xC0, 8, 60000, 60000, 3))
write("jpeg-12-bit.jpg", jpeg(0xC1, 12, 16, 16, 3))
write("jpeg-arithmetic.jpg", jpeg(0xC9, 8, 16, 16, 3))
write("jpeg-lossless.jpg", jpeg(0xC3, 8, 16, 16, 3))
write("jpeg-no-frame.jpg", b"\xff\xd8\xff\xda\x00\x02\xff\xd9")
