#!/usr/bin/env python3
"""Prints a paper's JSON model (boardpaper build -f json) in a form two
papers can be compared in: without source lines, file names and label
names, with cross-references read as the text they print, adjacent runs of
the same style merged, list tightness ignored.  With --numbers, prints only
the paragraph numbers in order, one a line."""
import json
import sys

DROP = {"line", "file", "label", "ref", "tight", "version"}


def merge_runs(runs):
    out = []
    for r in runs:
        r = dict(r)
        if r.get("type") == "ref":
            r["type"] = "text"
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


model = json.load(open(sys.argv[-1]) if sys.argv[-1] != "-" else sys.stdin)
if "--numbers" in sys.argv:
    print("\n".join(numbers(model.get("sections", []), [])))
else:
    print(json.dumps(clean(model), indent=1, sort_keys=True,
                     ensure_ascii=False))
