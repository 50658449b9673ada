"""Checks that the subset tags of the embedded fonts of one or more PDFs
name their subsets (ISO 32000-1 9.6.4): every embedded font's /BaseFont is
six capital letters, "+" and the PostScript name of its font program (as
fc-scan reads it from the embedded file), with no ",Bold" or ",Italic"
(libharu's names of TrueType fonts not embedded, 9.6.3, which pre-flight
tools flag as a name apart from the program's); its font descriptor's
/FontName is the same; and, over all the PDFs given together, one name is
one font file's bytes and one font file's bytes have one name.  Two PDFs
whose different subsets share a name (every paper's regular face named
HPDFAA+LiberationSans) fail, also when combined into one by pdfunite,
where readers take the two for one font.

usage: python3 subset_tags.py PDF...

The font files are read with qpdf (--json for the objects, their streams
with --filtered-stream-data).  Prints each problem, exits 1 on any."""
import json
import os
import re
import subprocess
import sys
import tempfile

TAGGED = re.compile(r"^[A-Z]{6}\+.+$")


def run(*cmd):
    return subprocess.run(cmd, check=True, capture_output=True).stdout


def fonts(pdf):
    """(BaseFont, FontName, FontFile2 object number) of each font with a
    font file (a CID font's by its descendant's descriptor)."""
    # pdfunite's files draw warnings (the trailer's /Size)
    objs = json.loads(run("qpdf", "--warning-exit-0", "--json",
                          pdf))["qpdf"][1]

    def value(ref):
        return objs.get("obj:" + ref, {}).get("value") or {}

    out = []
    for v in objs.values():
        d = v.get("value")
        if not isinstance(d, dict) or d.get("/Type") != "/Font":
            continue
        desc = d.get("/FontDescriptor")
        if d.get("/DescendantFonts"):
            desc = value(d["/DescendantFonts"][0]).get("/FontDescriptor")
        ff = desc and value(desc).get("/FontFile2")
        if ff:
            out.append((d.get("/BaseFont", "")[1:],
                        value(desc).get("/FontName", "")[1:],
                        int(ff.split()[0])))
    return out


def ps_name(data):
    """The PostScript name of the font file `data`, as fc-scan (FreeType)
    reads it."""
    with tempfile.NamedTemporaryFile(suffix=".ttf", delete=False) as f:
        f.write(data)
    try:
        return run("fc-scan", "--format", "%{postscriptname}",
                   f.name).decode("utf-8", "replace")
    finally:
        os.unlink(f.name)


def main():
    bad = False
    name_to = {}  # BaseFont -> font file bytes, with where it was seen
    bytes_to = {}  # font file bytes -> BaseFont names
    told = set()
    names = {}  # font file bytes -> its PostScript name
    for pdf in sys.argv[1:]:
        got = fonts(pdf)
        if not got:
            print("  %s: no embedded font" % pdf)
            bad = True
        files = {}
        for base, font_name, ff in got:
            if not TAGGED.match(base):
                print("  %s: %s: not TAG+name" % (pdf, base))
                bad = True
            if font_name != base:
                print("  %s: %s: its descriptor names it %s" %
                      (pdf, base, font_name))
                bad = True
            if ff not in files:
                files[ff] = run("qpdf", "--warning-exit-0",
                                "--show-object=%d" % ff,
                                "--filtered-stream-data", pdf)
            data = files[ff]
            if data not in names:
                names[data] = ps_name(data)
            want = names[data]
            if "," in base or not want or base[7:] != want:
                print("  %s: %s: not TAG+%s, its font program's PostScript "
                      "name" % (pdf, base, want or "(none)"))
                bad = True
            seen = name_to.setdefault(base, (data, pdf, ff))
            if seen[0] != data and (base, pdf, ff) not in told:
                told.add((base, pdf, ff))
                print("  %s names two font files: %s object %d, %s object "
                      "%d" % (base, seen[1], seen[2], pdf, ff))
                bad = True
            bytes_to.setdefault(data, set()).add(base)
    for names in bytes_to.values():
        if len(names) > 1:
            print("  one font file named %s" % " and ".join(sorted(names)))
            bad = True
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
