"""Checks a PDF's embedded fonts one font file at a time: the code points
its cmap holds against the text drawn in the fonts that use it; and that
every character a simple font shows has its width in the font's /Widths
(through its /ToUnicode; a font name that also has a CID font, whose /W
holds every glyph, is left out of that, as which of the two drew a
character is not known here).

usage: python3 subsets.py PDF [all]

Each font file must hold no character that its own fonts do not show;
with "all", it must also hold every character they show.  The text of each
font comes from poppler's pdftohtml -xml, which names the font of every
stretch of text; the fonts' files from qpdf --json; their characters from
fc-scan.  A check over all the files at once cannot see a face whose
characters landed in another face's file (two faces sharing one font
definition: the Mono house style).  Spaces are left out: a line's words
are drawn one by one, and the extractors put in the spaces between them,
in whichever font is at hand; pdftohtml also shows U+00A0 as one.  So are
the direction marks pdftotext adds to right-to-left text.  Prints each
problem, exits 1 on any."""
import html
import json
import re
import subprocess
import sys


# space, no-break space, and the direction marks and embeddings
IGNORED = {0x20, 0xA0, 0x200E, 0x200F} | set(range(0x202A, 0x202F)) | \
    set(range(0x2066, 0x206A))


def run(*cmd):
    return subprocess.run(cmd, check=True, capture_output=True).stdout


def ref_num(ref):
    return int(ref.split()[0])


def font_files(pdf, objs):
    """BaseFont name -> set of FontFile2 object numbers."""

    def value(ref):
        return objs.get("obj:" + ref, {}).get("value")

    files = {}
    for v in objs.values():
        d = v.get("value")
        if not isinstance(d, dict) or d.get("/Type") != "/Font":
            continue
        if d.get("/Subtype") == "/CIDFontType2":
            continue  # its Type0 parent is the font text is drawn in
        desc = d.get("/FontDescriptor")
        if d.get("/DescendantFonts"):
            desc = value(d["/DescendantFonts"][0]).get("/FontDescriptor")
        ff = desc and value(desc).get("/FontFile2")
        name = d.get("/BaseFont", "")[1:]
        files.setdefault(name, set())
        if ff:
            files[name].add(ref_num(ff))
    return files


def tounicode(pdf, obj):
    """A ToUnicode CMap's code -> code point (bfchar and bfrange lines)."""
    cmap = run("qpdf", "--show-object=%d" % obj, "--filtered-stream-data",
               pdf).decode("latin-1")
    codes = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for c, u in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            codes[int(c, 16)] = int(u, 16)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for lo, hi, u in re.findall(
                r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>",
                block):
            for c in range(int(lo, 16), int(hi, 16) + 1):
                codes[c] = int(u, 16) + c - int(lo, 16)
    return codes


def widths(pdf, objs):
    """BaseFont name -> the code points its simple fonts give a width
    (/Widths, through /ToUnicode); None for a name with a CID font, whose
    /W holds every glyph of the font."""
    out = {}
    for v in objs.values():
        d = v.get("value")
        if not isinstance(d, dict) or d.get("/Type") != "/Font":
            continue
        name = d.get("/BaseFont", "")[1:]
        if d.get("/Subtype") in ("/Type0", "/CIDFontType2"):
            out[name] = None
            continue
        if d.get("/Subtype") != "/TrueType" or out.get(name, 0) is None:
            continue
        cmap = tounicode(pdf, ref_num(d["/ToUnicode"]))
        first = d.get("/FirstChar", 0)
        have = out.setdefault(name, set())
        for i, w in enumerate(d.get("/Widths", [])):
            if w and first + i in cmap:
                have.add(cmap[first + i])
    return out


def charset(pdf, obj):
    data = run("qpdf", "--show-object=%d" % obj, "--filtered-stream-data",
               pdf)
    with open(pdf + ".ttf", "wb") as f:
        f.write(data)
    cs = run("fc-scan", "--format", "%{charset}", pdf + ".ttf").decode()
    cps = set()
    for r in cs.split():
        lo, _, hi = r.partition("-")
        cps.update(range(int(lo, 16), int(hi or lo, 16) + 1))
    return cps - IGNORED


def text_by_font(pdf):
    """BaseFont name -> code points drawn in it; and all of them."""
    xml = run("pdftohtml", "-xml", "-i", "-q", "-stdout", "-fontfullname",
              pdf).decode()
    family = dict(re.findall(r'<fontspec id="(\d+)"[^>]* family="([^"]*)"',
                             xml))
    text = {}
    for fid, body in re.findall(r'<text [^>]*font="(\d+)"[^>]*>(.*?)</text>',
                                xml):
        s = html.unescape(re.sub(r"<[^>]*>", "", body))
        text.setdefault(family[fid], set()).update(ord(c) for c in s)
    for cps in text.values():
        cps -= IGNORED
    return text


def names(cps):
    return " ".join("%x" % c for c in sorted(cps))[:200]


def main():
    pdf = sys.argv[1]
    want_all = sys.argv[2:] == ["all"]
    bad = False
    objs = json.loads(run("qpdf", "--json", pdf))["qpdf"][1]
    files = font_files(pdf, objs)
    text = text_by_font(pdf)
    for name, have in sorted(widths(pdf, objs).items()):
        lack = text.get(name, set()) - (have or set())
        if have is not None and lack:
            print("  %s: shown without a width: %s" % (name, names(lack)))
            bad = True
    shown = {ord(c) for c in run("pdftotext", pdf, "-").decode()}
    shown -= IGNORED | {0x0A, 0x0C}
    drawn = set().union(*text.values()) if text else set()
    if drawn != shown:
        print("  pdftohtml's text is not pdftotext's: %s | %s" %
              (names(drawn - shown), names(shown - drawn)))
        bad = True
    if not any(files.values()):
        print("  no FontFile2")
        return 1
    for name in sorted(text):
        if name not in files:
            print("  text in %s, a font the file does not have" % name)
            bad = True
    # the fonts each font file serves (a face's simple and CID fonts share
    # one), and the text drawn in them
    by_file = {}
    for name, ffs in sorted(files.items()):
        if len(ffs) != 1:
            print("  %s: %d font files" % (name, len(ffs)))
            bad = True
        for ff in ffs:
            by_file.setdefault(ff, set()).add(name)
    for ff, fonts in sorted(by_file.items()):
        have = charset(pdf, ff)
        used = set().union(*(text.get(n, set()) for n in fonts))
        label = "/".join(sorted(fonts))
        if have - used:
            print("  %s: glyphs not shown: %s" % (label, names(have - used)))
            bad = True
        if want_all and used - have:
            print("  %s: shown but not embedded: %s" %
                  (label, names(used - have)))
            bad = True
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
