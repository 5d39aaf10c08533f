"""Classify every consecutive pair of revisions in ../shared/corpus and report.

Prints the verdict distribution (per source and overall), the slowest pairs and the total time.
Usage: python bench/corpus_run.py [--workers 2] [--jsonl out.jsonl] [--only SUBSTRING]

`--jsonl` writes every pair's changes with their verdict, direction, category, rules and
reason; with `--no-seconds` two runs' files are equal when no verdict moved.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing import Pool
from pathlib import Path

from shared_paths import CORPUS

from kpversion.change import Change
from kpversion.diff import diff_texts
from kpversion.materiality import classify


@dataclass(frozen=True)
class Pair:
    document: str
    old: str
    new: str
    ota_kind: str
    flip_back: bool = False
    """The new text is byte-identical to an earlier revision: a page flipping between states."""


@dataclass(frozen=True)
class Outcome:
    pair: Pair
    verdict: str
    rules: tuple[str, ...]
    changes: int
    seconds: float
    reason: str
    error: str = ""
    classified: tuple[dict[str, object], ...] = ()
    """Every change's verdict, direction, category, rules, block and reason, in order: the
    regression check of a change that must not move a verdict compares these."""


def pairs(corpus: Path, only: str = "") -> Iterator[Pair]:
    for manifest in sorted(corpus.glob("*/*/manifest.json")):
        folder = manifest.parent
        document = f"{folder.parent.name}/{folder.name}"
        if only and only not in document:
            continue
        entries = json.loads(manifest.read_text(encoding="utf-8"))
        seen: set[str] = set()
        for before, after in itertools.pairwise(entries):
            seen.add(before["sha256"])
            flip = after["sha256"] in seen
            yield Pair(document, before["file"], after["file"], after.get("ota_kind", ""), flip)


def run(pair: Pair, corpus: Path) -> Outcome:
    folder = corpus / pair.document
    old = (folder / pair.old).read_text(encoding="utf-8")
    new = (folder / pair.new).read_text(encoding="utf-8")
    start = time.perf_counter()
    try:
        result = classify(diff_texts(old, new, pair.old, pair.new))
    except Exception as exc:  # the report lists crashes instead of stopping at the first
        return Outcome(pair, "error", (), 0, time.perf_counter() - start, "", repr(exc))
    seconds = time.perf_counter() - start
    verdict = result.verdict  # once: it is the strongest of every change's verdict
    strongest = [c for c in result.changes if c.verdict is verdict]
    rules = tuple(sorted({r for c in strongest for r in c.rules[:1]}))
    reason = strongest[0].reason if strongest else ""
    classified = tuple(_classified(change) for change in result.changes)
    return Outcome(pair, verdict.value, rules, len(result.changes), seconds, reason, "", classified)


def _classified(change: Change) -> dict[str, object]:
    return {
        "kind": change.kind.value,
        "verdict": change.verdict.value,
        "direction": change.direction.value,
        "category": change.category,
        "rules": list(change.rules),
        "block": change.block,
        "reason": change.reason,
    }


def _run_star(args: tuple[Pair, Path]) -> Outcome:
    return run(*args)


def report(outcomes: list[Outcome], wall: float) -> str:
    lines = ["## Verdicts by source", ""]
    lines.append("| source | pairs | material | review | non-material | errors |")
    lines.append("|---|---|---|---|---|---|")
    by_source: dict[str, Counter[str]] = {}
    for outcome in outcomes:
        source = outcome.pair.document.split("/")[0]
        by_source.setdefault(source, Counter())[outcome.verdict] += 1
    total: Counter[str] = Counter(o.verdict for o in outcomes)
    for source, counts in [*sorted(by_source.items()), ("**all**", total)]:
        n = sum(counts.values())
        cells = " | ".join(str(counts[v]) for v in ("material", "review", "non-material", "error"))
        lines.append(f"| {source} | {n} | {cells} |")
    flips: Counter[str] = Counter(o.verdict for o in outcomes if o.pair.flip_back)
    lines += ["", "## Flip-backs (new text identical to an earlier revision)", ""]
    lines.append(", ".join(f"{v}: {flips[v]}" for v in ("material", "review", "non-material")))
    lines += ["", "## Slowest pairs", ""]
    for outcome in sorted(outcomes, key=lambda o: o.seconds, reverse=True)[:10]:
        p, ms = outcome.pair, outcome.seconds * 1000
        lines.append(f"- {ms:.0f} ms  {p.document} {p.old}->{p.new} ({outcome.changes} changes)")
    errors = [o for o in outcomes if o.error]
    if errors:
        lines += ["", "## Errors", ""]
        lines += [f"- {o.pair.document} {o.pair.old}->{o.pair.new}: {o.error}" for o in errors]
    cpu = sum(o.seconds for o in outcomes)
    lines += [
        "",
        f"{len(outcomes)} pairs; wall time {wall:.1f} s; time in diff+classify {cpu:.1f} s",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--jsonl", type=Path, help="write one JSON line per pair here")
    parser.add_argument(
        "--no-seconds",
        action="store_true",
        help="leave the timings out of the JSON lines, so two runs' files can be compared",
    )
    parser.add_argument("--only", default="", help="only documents whose path contains this")
    args = parser.parse_args(argv)
    corpus = CORPUS
    if not corpus.is_dir():
        print(f"{corpus}: corpus not found (set KPVERSION_SHARED)", file=sys.stderr)
        return 1
    start = time.perf_counter()
    work = [(pair, corpus) for pair in pairs(corpus, args.only)]
    with Pool(args.workers) as pool:
        outcomes = pool.map(_run_star, work, chunksize=4)
    wall = time.perf_counter() - start
    if args.jsonl:
        with args.jsonl.open("w", encoding="utf-8") as out:
            for o in outcomes:
                row = {**o.pair.__dict__, **{k: v for k, v in o.__dict__.items() if k != "pair"}}
                if args.no_seconds:
                    del row["seconds"]
                out.write(json.dumps(row) + "\n")
    print(report(outcomes, wall))
    return 1 if any(o.error for o in outcomes) else 0


if __name__ == "__main__":
    raise SystemExit(main())
