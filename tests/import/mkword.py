#!/usr/bin/env python3
"""Writes a paper the way an officer's Word file holds it, for the import
round trips: from PAPER.md and its model (PAPER.json, from
`boardpaper build -f json`) it writes into OUTDIR

  pandoc.md   for pandoc: the title as a Title, the masthead lines, the
              cover block as label paragraphs each followed by its value,
              then the body as written (labels as bookmarks, ordered lists
              as Word numbering);
  word.html   for LibreOffice: the cover block as a table of label and
              value cells, typed paragraph numbers, headings, lists,
              tables;
  word.txt    the text Word saves: "Label:<TAB>value" lines, typed
              numbers and a tab, bullets as "•<TAB>".

usage: mkword.py PAPER.md PAPER.json OUTDIR"""
import html
import json
import os
import re
import sys

src_path, json_path, outdir = sys.argv[1:4]
model = json.load(open(json_path))
meta = model["meta"]
source = open(src_path).read()
body_md = source.split("\n---\n", 1)[1]
sections_mode = meta.get("numbering") == "sections"


def runs_text(t):
    return "" if t is None else "".join(r["text"] for r in t["runs"])


def runs_html(t):
    out = []
    for r in t["runs"]:
        s = html.escape(r["text"])
        st = r.get("style", [])
        if "strong" in st:
            s = "<strong>%s</strong>" % s
        if "emph" in st:
            s = "<em>%s</em>" % s
        if "strike" in st:
            s = "<del>%s</del>" % s
        if "code" in st:
            s = "<code>%s</code>" % s
        if "url" in r:
            s = '<a href="%s">%s</a>' % (html.escape(r["url"]), s)
        elif "ref" in r and r["type"] != "ref":
            s = '<a href="#%s">%s</a>' % (html.escape(r["ref"]), s)
        out.append(s)
    return "".join(out)


def anchor(b):
    return ' id="%s"' % html.escape(b["label"]) if b.get("label") else ""


def md_escape(s):
    return re.sub(r"([\\`*_\[\]<>#])", r"\\\1", s)


def runs_md(t):
    out = []
    for r in t["runs"]:
        if r["type"] == "ref" and "ref" in r:
            out.append("[](#%s)" % r["ref"])
            continue
        s = md_escape(r["text"])
        st = r.get("style", [])
        if "strong" in st:
            s = "**%s**" % s
        if "emph" in st:
            s = "*%s*" % s
        if "strike" in st:
            s = "~~%s~~" % s
        if "url" in r:
            s = "[%s](%s)" % (s, r["url"])
        elif "ref" in r:
            s = "[%s](#%s)" % (s, r["ref"])
        out.append(s)
    return "".join(out)


def masthead():
    lines = []
    if meta.get("board"):
        lines.append(runs_text(meta["board"]))
    if meta.get("meeting"):
        lines.append(meta["meeting"]["text"])
    if meta.get("item"):
        lines.append("Item %s" % meta["item"])
    return lines


def cover(fmt):
    """(label, [values]) pairs; values formatted by fmt(text)."""
    rows = []
    if meta.get("confidential"):
        reason = meta.get("confidential_reason")
        rows.append(("Confidential", [fmt(reason) if reason else "Yes"]))
    rows.append(("Purpose of report", [fmt(meta["purpose"])]))
    rows.append(("Summary", [fmt(meta["summary"])]))
    recs = meta["recommendations"]
    if meta["recommendations_list"]:
        rows.append(("Recommendations", [fmt(r) for r in recs]))
    else:
        rows.append(("Recommendation", [fmt(recs[0])]))
    rows.append(("Action", [fmt(meta["action"])]))
    # the house style's fields, after the built-in ones
    for f in meta.get("fields") or []:
        rows.append((f["label"], [fmt(t) for t in f["text"]]))
    for c in meta["contacts"]:
        rows.append(("Contact officer", [c["name"]]))
        if c.get("position"):
            rows.append(("Position", [c["position"]]))
        if c.get("phone"):
            rows.append(("Phone no", [c["phone"]]))
        if c.get("email"):
            rows.append(("Email", [c["email"]]))
    return rows


def background():
    if meta.get("background_papers") is None:
        return None
    return [runs_text(b) for b in meta["background_papers"]]


# --- pandoc ---------------------------------------------------------------
def write_pandoc():
    out = ["---", 'title: "%s"' % runs_text(meta["title"]).replace('"', '\\"'),
           "---", ""]
    for line in masthead():
        out += [md_escape(line), ""]
    for label, values in cover(runs_md):
        out += ["**%s**" % label, ""]
        if label == "Recommendations":
            out += ["%d. %s" % (i + 1, v) for i, v in enumerate(values)]
            out.append("")
        else:
            for v in values:
                out += [v, ""]
    # labels at a paragraph's start become bookmarks (pandoc spans)
    body = body_md
    if sections_mode:
        # numbered headings, typed as Word papers type them
        numbers = iter(b[1] for b in blocks(model["sections"])
                       if b[0] == "heading" and b[1])
        body = re.sub(r"(?m)^(#{1,2}) ", lambda m: "%s %s " % (
            m.group(1), next(numbers)), body)
    body = re.sub(r"(?m)^(\s*(?:\d+\.|[-*+])?\s*)\{#([\w.:-]+)\}",
                  r"\1[]{#\2}", body)
    out.append(body)
    bg = background()
    if bg is not None:
        out += ["", "## Background papers", ""]
        out += ["%d. %s" % (i + 1, b) for i, b in enumerate(bg)] or ["None"]
    open(os.path.join(outdir, "pandoc.md"), "w").write("\n".join(out) + "\n")


# --- the typed forms --------------------------------------------------------
def blocks(children, depth=0):
    """Yields (kind, number, level, node) in reading order."""
    for b in children:
        t = b["type"]
        if t == "section":
            yield from blocks(b.get("children", []), depth)
        elif t == "quote":
            yield (t, None, depth, b)
        elif t in ("heading", "paragraph", "table", "figure"):
            yield (t, b.get("number"), b.get("level", depth), b)
            yield from blocks(b.get("children", []), depth)
        elif t == "list":
            for item in b["children"]:
                kind = b["kind"]
                first = True
                for c in item.get("children", []):
                    if c["type"] == "paragraph" and first:
                        node = dict(c, label=item.get("label"))
                        yield ("item-" + kind, item.get("number"), depth,
                               node)
                        first = False
                    elif c["type"] == "list":
                        yield from blocks([c], depth + 1)
                    else:
                        yield from blocks([c], depth + 1)


def heading_text(b):
    text = runs_text(b["content"])
    if sections_mode and b.get("number"):
        text = "%s %s" % (b["number"], text)
    return text


def write_text():
    out = masthead() + ["", runs_text(meta["title"]), "", ""]
    for label, values in cover(runs_text):
        if label == "Recommendations":
            out.append(label)
            out += ["%d.\t%s" % (i + 1, v) for i, v in enumerate(values)]
        elif len(values) > 1:
            out += [label] + values
        elif label in ("Contact officer", "Position", "Phone no", "Email"):
            out.append("%s:\t\t%s  " % (label, values[0]))
        else:
            out.append("%s:\t%s" % (label, values[0]))
        out.append("")
    out += ["", ""]
    for kind, number, level, b in blocks(model["sections"]):
        if kind == "heading":
            out += [heading_text(b), ""]
        elif kind == "paragraph":
            text = runs_text(b["content"])
            out += [("%s.\t%s" % (number, text)) if number and
                    "." not in number else ("%s\t%s" % (number, text))
                    if number else text, ""]
        elif kind == "item-subparagraphs":
            out.append("%s\t%s" % (number, runs_text(b["content"])))
        elif kind == "item-bullet":
            out.append("\t" * level + "\u2022\t" + runs_text(b["content"]))
        elif kind == "item-ordered":
            out.append("%s.\t%s" % (number or "1", runs_text(b["content"])))
        elif kind == "quote":
            # a quotation: indented by a tab
            for c in b.get("children", []):
                if c["type"] == "paragraph":
                    out += ["\t" + runs_text(c["content"]), ""]
        elif kind == "table":
            if b.get("caption"):
                out.append("Table: " + runs_text(b["caption"]))
            for row in b["rows"]:
                out.append("\t".join(runs_text(c) for c in row))
    bg = background()
    if bg is not None:
        out += ["", "Background papers", ""] + (bg or ["None"])
    open(os.path.join(outdir, "word.txt"), "w").write("\n".join(out) + "\n")


def write_html():
    out = ['<!DOCTYPE html><html><head><meta charset="utf-8">',
           "<title>%s</title></head><body>" %
           html.escape(runs_text(meta["title"]))]
    out += ["<p>%s</p>" % html.escape(line) for line in masthead()]
    out.append("<h1>%s</h1>" % html.escape(runs_text(meta["title"])))
    out.append('<table border="1">')
    for label, values in cover(runs_html):
        if label == "Recommendations":
            values = ["%d.&nbsp;%s" % (i + 1, v) for i, v in
                      enumerate(values)]
        cells = "".join("<p>%s</p>" % v for v in values)
        out.append("<tr><td><p>%s</p></td><td>%s</td></tr>" %
                   (label, cells))
    out.append("</table>")
    open_list = None
    for kind, number, level, b in blocks(model["sections"]):
        want = "ul" if kind == "item-bullet" else None
        if open_list and open_list != want:
            out.append("</%s>" % open_list)
            open_list = None
        if want and not open_list:
            out.append("<ul>")
            open_list = want
        if kind == "heading":
            out.append("<h%d%s>%s</h%d>" % (b["level"], anchor(b),
                       html.escape(heading_text(b)), b["level"]))
        elif kind == "paragraph":
            num = (number + ("." if "." not in number else "") + "&nbsp;"
                   if number else "")
            out.append("<p%s>%s%s</p>" % (anchor(b), num,
                                          runs_html(b["content"])))
        elif kind in ("item-subparagraphs", "item-ordered"):
            out.append("<p%s>%s&nbsp;%s</p>" % (anchor(b),
                number if kind == "item-subparagraphs" else
                (number or "1") + ".", runs_html(b["content"])))
        elif kind == "item-bullet":
            out.append("<li>%s</li>" % runs_html(b["content"]))
        elif kind == "quote":
            for c in b.get("children", []):
                if c["type"] == "paragraph":
                    out.append("<blockquote><p>%s</p></blockquote>" %
                               runs_html(c["content"]))
        elif kind == "table":
            if b.get("caption"):
                out.append("<p>Table: %s</p>" % runs_html(b["caption"]))
            out.append('<table border="1">')
            align = b.get("align") or []
            for i, row in enumerate(b["rows"]):
                tag = "th" if i == 0 else "td"
                out.append("<tr>%s</tr>" % "".join(
                    '<%s align="%s">%s</%s>' % (
                        tag, align[k] if k < len(align) and align[k] !=
                        "none" else "left", runs_html(c), tag)
                    for k, c in enumerate(row)))
            out.append("</table>")
    if open_list:
        out.append("</%s>" % open_list)
    bg = background()
    if bg is not None:
        out.append("<h2>Background papers</h2>")
        out += ["<p>%s</p>" % html.escape(x) for x in (bg or ["None"])]
    out.append("</body></html>")
    open(os.path.join(outdir, "word.html"), "w").write("\n".join(out) + "\n")


write_pandoc()
write_text()
write_html()
