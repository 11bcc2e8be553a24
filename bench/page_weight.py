#!/usr/bin/env python3
"""Page weight of a built module page: builds the bundled course, then counts the page's HTML
and every script, stylesheet, image and font it references (CSS url() included), raw and gzip,
and the number of requests.

    python3 bench/page_weight.py [--bin target/release/ingroup] [--page group-context/index.html]
"""
import argparse
import gzip
import os
import re
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# src/href of <script>, <link> and <img>, quoted or not (the HTML is minified).
REF = re.compile(r"""<(?:script|link|img)\b[^>]*?\b(?:src|href)=("[^"]*"|'[^']*'|[^\s>]+)""", re.I)
CSS_URL = re.compile(r"""url\(\s*("[^"]*"|'[^']*'|[^)]*)\s*\)""")


def unquote(value):
    return value.strip().strip("\"'")


def local(base, ref):
    """The file a reference names, or None for data:, external and fragment references."""
    ref = ref.split("#", 1)[0].split("?", 1)[0]
    if not ref or re.match(r"^[a-z][a-z0-9+.-]*:", ref, re.I):
        return None
    return os.path.normpath(os.path.join(os.path.dirname(base), ref))


def references(path):
    """Every file `path` (an HTML page or a stylesheet) loads, in order, without repeats."""
    with open(path, encoding="utf-8", errors="replace") as file:
        text = file.read()
    pattern = CSS_URL if path.endswith(".css") else REF
    found = []
    for match in pattern.finditer(text):
        target = local(path, unquote(match.group(1)))
        if target and os.path.isfile(target) and target not in found:
            found.append(target)
    return found


def loads(page):
    files, queue = [page], [page]
    while queue:
        for target in references(queue.pop(0)):
            if target not in files:
                files.append(target)
                if target.endswith(".css"):
                    queue.append(target)
    return files


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default=os.path.join(REPO, "target", "release", "ingroup"))
    parser.add_argument("--page", default="group-context/index.html", help="module page, relative to the site")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        site = os.path.join(work, "site")
        subprocess.run([args.bin, "build", "--root", REPO, "--out", site], check=True, capture_output=True)
        page = os.path.join(site, args.page)
        if not os.path.isfile(page):
            sys.exit(f"no page {args.page} in the built site: pass --page")
        total_raw = total_gz = 0
        for path in loads(page):
            with open(path, "rb") as file:
                data = file.read()
            raw, gz = len(data), len(gzip.compress(data, 9, mtime=0))
            total_raw, total_gz = total_raw + raw, total_gz + gz
            print(f"{raw:>9,} {gz:>9,}  {os.path.relpath(path, site)}")
        print(f"{total_raw:>9,} {total_gz:>9,}  total raw / gzip bytes, {len(loads(page))} requests")


if __name__ == "__main__":
    main()
