#!/usr/bin/env python3
"""Prints a paper's JSON model (boardpaper build -f json) in a form two
papers can be compared in: without source lines, file names and label
names, with cross-references read as the numbers they print, adjacent runs of
the same style merged, list tightness ignored.  With --numbers, prints only
the paragraph numbers in order, one a line; with --words, only the
front-matter values and each block's kind, number and words (what a
round trip through plain text can keep); with --cover, only the front
matter, in full."""
import json
import sys

DROP = {"line", "file", "label", "ref", "tight", "version"}


def merge_runs(runs):
    out = []
    for r in runs:
        r = dict(r)
        if r.get("type") == "ref":
            # a number printed in place of a reference: the same words
            # whether the import made it a reference or left it typed
            r["type"] = "text"
            r.pop("target", None)
        if out and {k: v for k, v in out[-1].items() if k != "text"} == \
                {k: v for k, v in r.items() if k != "text"}:
            out[-1]["text"] += r["text"]
        else:
            out.append(r)
    return out


def clean(x):
    if isinstance(x, dict):
        y = {k: clean(v) for k, v in x.items() if k not in DROP}
        if "runs" in y:
            y["runs"] = merge_runs(y["runs"])
        return y
    if isinstance(x, list):
        return [clean(v) for v in x]
    return x


def numbers(x, out):
    if isinstance(x, dict):
        if "number" in x and x.get("type") in ("paragraph", "item"):
            out.append(x["number"])
        for v in x.values():
            numbers(v, out)
    elif isinstance(x, list):
        for v in x:
            numbers(v, out)
    return out


def plain(t):
    return None if t is None else "".join(r["text"] for r in t["runs"])


def words(model):
    """Front-matter values, then each block's kind, number and words."""
    m = model["meta"]
    out = {k: plain(m[k]) for k in ("title", "board", "purpose", "summary",
                                      "action", "confidential_reason")}
    out.update({k: m[k] for k in ("item", "confidential", "numbering",
                                  "recommendations_list", "contacts")})
    out["meeting"] = m["meeting"]
    out["recommendations"] = [plain(r) for r in m["recommendations"]]
    out["background_papers"] = None if m["background_papers"] is None \
        else [plain(b) for b in m["background_papers"]]
    for c in out["contacts"]:
        c.pop("line", None)
    out["fields"] = [(f["key"], f.get("value"), [plain(t) for t in f["text"]])
                     for f in m.get("fields") or []]
    body = []

    def walk(x):
        if isinstance(x, dict):
            if x.get("type") in ("heading", "paragraph", "item"):
                text = plain(x["content"]) if "content" in x else ""
                body.append("%s %s %s" % (x["type"], x.get("number", "-"),
                                          text))
            if x.get("type") == "table":
                for row in x["rows"]:
                    body.append("row " + " | ".join(plain(c) for c in row))
            for k, v in x.items():
                if k not in ("content",):
                    walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
    walk(model["sections"])
    out["body"] = body
    return out


model = json.load(open(sys.argv[-1]) if sys.argv[-1] != "-" else sys.stdin)
if "--words" in sys.argv:
    print(json.dumps(words(model), indent=1, sort_keys=True,
                     ensure_ascii=False))
elif "--cover" in sys.argv:
    print(json.dumps(clean(model["meta"]), indent=1, sort_keys=True,
                     ensure_ascii=False))
elif "--numbers" in sys.argv:
    print("\n".join(numbers(model.get("sections", []), [])))
else:
    print(json.dumps(clean(model), indent=1, sort_keys=True,
                     ensure_ascii=False))
