"""Benchmark HTML import (markdownify over lxml) against the stdlib's HTML tokenizer.

The anchor is `html.parser.HTMLParser().feed()` over the same page: the cost of merely reading
the HTML once in Python. For each page the bench prints the conversion time, the anchor's and
their ratio; for the growing pages it prints the growth exponent between the two sizes (1.0 is
linear; markdownify alone numbers list items by counting previous siblings, exponent about 2).
Also the charset detection of an undeclared windows-1252 page. Medians of --runs runs.

    .venv/bin/python bench/html_bench.py [--runs 5]
"""

from __future__ import annotations

import argparse
import math
import statistics
import time
from collections.abc import Callable
from html.parser import HTMLParser

from shared_paths import CORPUS

from kpversion.text.convert import to_markdown
from kpversion.text.html import decode_html

LEGALMATTIC = CORPUS / "automattic-legalmattic" / "privacy-policy" / "001.html"
GROWING: dict[str, Callable[[int], str]] = {
    "numbered list": lambda n: "<ol>" + "<li>item text</li>" * n + "</ol>",
    "table rows": lambda n: (
        "<table><tr><th>a</th><th>b</th></tr>" + "<tr><td>x</td><td>y</td></tr>" * n + "</table>"
    ),
    "inline spans": lambda n: "<p>" + "<span>word</span> " * n + "</p>",
    "line breaks": lambda n: "<p>" + "line<br>" * n + "</p>",
    "paragraphs": lambda n: "<p>A paragraph of text.</p>" * n,
    "nested 200 deep": lambda n: ("<div>" * 200 + "<p>text</p>" + "</div>" * 200) * (n // 400),
}


def median_ms(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def anchor(html: str) -> None:
    parser = HTMLParser()
    parser.feed(html)
    parser.close()


def row(label: str, html: str, runs: int) -> float:
    ours = median_ms(lambda: to_markdown(html, "html"), runs)
    base = median_ms(lambda: anchor(html), runs)
    size = f"{len(html) / 1000:>8.0f} KB"
    print(f"{label:<28} {size} {ours:>9.1f} ms {base:>8.1f} ms {ours / base:>6.1f}x")
    return ours


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    print(f"{'page':<28} {'size':>11} {'import':>12} {'html.parser':>11} {'ratio':>7}")
    if LEGALMATTIC.exists():
        page = LEGALMATTIC.read_text(encoding="utf-8")
        row("corpus 001.html", page, runs)
        row("corpus 001.html x100", page * 100, max(1, runs // 2))
    for name, make in GROWING.items():
        small, large = 2_000, 8_000
        t_small = row(f"{name} ({small})", make(small), runs)
        t_large = row(f"{name} ({large})", make(large), max(1, runs // 2))
        exponent = math.log(t_large / t_small) / math.log(large / small)
        print(f"{'':<28} growth exponent {exponent:.2f}")
    text = ("We don\u2019t sell your data \u2014 ever. " * 2000).encode("cp1252")
    detect = median_ms(lambda: decode_html(b"<p>" + text + b"</p>", "bench"), runs)
    print(f"charset detection, undeclared windows-1252, {len(text) / 1000:.0f} KB: {detect:.1f} ms")


if __name__ == "__main__":
    main()
