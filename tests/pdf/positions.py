#!/usr/bin/env python3
"""Where each string shown (Tj, TJ) in a PDF's content streams starts, as
poppler and as PDF.js compute it: their text-positioning arithmetic
replayed on the numbers as written, in IEEE doubles as theirs are.

  positions.py FILE.pdf          one line a show: page, poppler's x and y,
                                 PDF.js's x and y (17 significant digits)
  positions.py --count-bt FILE   the number of BT operators

poppler (Lexer::getObj) reads a number's digits one at a time, the
fraction as x + 0.1 * d, then 0.01 * d, ...; Gfx::opTextMove adds a Td's
operands to the line matrix's start, TD also setting the leading to
-ty, T* moving by it, Tm setting the matrix and its start to zero, and a
show's position is the text matrix applied to the line's start.  PDF.js
(Lexer.getNumber) reads the digits as a whole number divided by a power
of ten, and TextState.translateTextLineMatrix adds each move to the line
matrix's translation.  Only plain text matrices (1 0 0 1 x y Tm) are
modelled: boardpaper writes no other.
"""
import re
import subprocess
import sys


def poppler_num(t):
    neg = t.startswith('-')
    t = t.lstrip('+-')
    i, _, f = t.partition('.')
    x = float(int(i)) if i else 0.0
    scale = 0.1
    for ch in f:
        x = x + scale * (ord(ch) - 48)
        scale *= 0.1
    return -x if neg else x


def pdfjs_num(t):
    neg = t.startswith('-')
    t = t.lstrip('+-')
    i, _, f = t.partition('.')
    v = int((i + f) or '0') / 10 ** len(f)
    return -v if neg else v


TOKEN = re.compile(r'\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>|\[|\]'
                   r'|/[^\s/\[\]()<>]+|<<|>>|[^\s\[\]()<>/]+')


def content(path):
    """The pages' content streams, uncompressed, in order."""
    return subprocess.run(
        ['qpdf', '--qdf', '--object-streams=disable', path, '-'],
        check=True, capture_output=True).stdout.decode('latin-1')


def positions(path):
    text = content(path)
    out, stack, page, bts = [], [], 0, 0
    # poppler: the line matrix's start and the text matrix's translation
    px = py = ptx = pty = plead = 0.0
    # PDF.js: the line matrix's translation
    jx = jy = jlead = 0.0
    for m in re.finditer(r'%% Contents for page (\d+)|stream\n(.*?)endstream',
                         text, re.S):
        if m.group(1):
            page = int(m.group(1))
            continue
        if page == 0:
            continue
        for t in TOKEN.findall(m.group(2)):
            if t == 'BT':
                bts += 1
                px = py = ptx = pty = 0.0
                jx = jy = 0.0
            elif t in ('Td', 'TD') and len(stack) >= 2:
                a, b = stack[-2], stack[-1]
                px = px + poppler_num(a)
                py = py + poppler_num(b)
                jx = pdfjs_num(a) + jx
                jy = pdfjs_num(b) + jy
                if t == 'TD':
                    plead = -poppler_num(b)
                    jlead = pdfjs_num(b)
            elif t == 'TL' and stack:
                plead = poppler_num(stack[-1])
                jlead = -pdfjs_num(stack[-1])
            elif t == 'T*':
                py = py - plead
                jy = jlead + jy
            elif t == 'Tm' and len(stack) >= 6:
                ptx, pty = poppler_num(stack[-2]), poppler_num(stack[-1])
                px = py = 0.0
                jx, jy = pdfjs_num(stack[-2]), pdfjs_num(stack[-1])
            elif t in ('Tj', 'TJ', "'", '"'):
                out.append('%d %.17g %.17g %.17g %.17g' %
                           (page, px + ptx, py + pty, jx, jy))
            else:
                stack.append(t)
                stack = stack[-8:]
                continue
            stack = []
        page = 0
    return out, bts


def main():
    if len(sys.argv) == 3 and sys.argv[1] == '--count-bt':
        print(positions(sys.argv[2])[1])
        return
    if len(sys.argv) != 2:
        sys.exit('usage: positions.py [--count-bt] FILE.pdf')
    lines, _ = positions(sys.argv[1])
    for line in lines:
        print(line)


if __name__ == '__main__':
    main()
