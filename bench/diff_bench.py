"""Benchmark `kpversion diff --format json` against `git diff --no-index --word-diff=porcelain`.

Every pair runs both tools as whole processes in the same run, so each figure is a ratio to git
measured under the same load:

- (a) the seed statement against an edited copy: the cold diff (a fresh process, bytecode
  written, as a normal install runs), against git and against `python -c pass`;
- (b) a ~1 MB pair of consecutive GitHub privacy statement revisions, concatenated;
- (c) a pathological pair: shuffled paragraphs and thousands of repeated lines;
- (p40), (p160): a single 40 KB and 160 KB paragraph of real policy prose, a word replaced
  every 150 and a sentence inserted every 1,500, with the growth exponent from one to the other.

Each pair's time is split into the diff engine, the classifier and the JSON rendering (each
timed once in a fresh process, so no cache of a previous pass flatters them) and the rest
(start-up: imports, the rules, reading the files). A cold diff's
start-up is split further, from marks taken inside fresh processes. Targets (issue 11): (b)
within 5x git; the cold seed diff under 150 ms; (p160) within 20x git; the diff engine within
3x git on (b) and (c).

    .venv/bin/python bench/diff_bench.py [--runs N] [--skip-long]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from shared_paths import CORPUS as SHARED_CORPUS

REPO = Path(__file__).resolve().parents[1]
CORPUS = SHARED_CORPUS / "github-site-policy" / "privacy-statement"
DATA = REPO / "tests" / "data" / "diff"
KPVERSION = Path(sys.executable).with_name("kpversion")
TARGET_BYTES = 1_000_000
# Bytecode written, as after a normal install (the test environment turns it off).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def seed_pair() -> tuple[str, str]:
    return (DATA / "privacy-old.md").read_text("utf-8"), (DATA / "privacy-new.md").read_text(
        "utf-8"
    )


def corpus_texts() -> list[str]:
    manifest = json.loads((CORPUS / "manifest.json").read_text("utf-8"))
    return [(CORPUS / entry["file"]).read_text("utf-8") for entry in manifest]


def corpus_pair() -> tuple[str, str]:
    """old = revisions 1..k, new = revisions 2..k+1, concatenated until about 1 MB."""
    texts = corpus_texts()
    count = 1
    while count < len(texts) - 1 and sum(len(t) for t in texts[:count]) < TARGET_BYTES:
        count += 1
    return "\n\n".join(texts[:count]), "\n\n".join(texts[1 : count + 1])


def pathological_pair() -> tuple[str, str]:
    """Shuffled paragraphs of the corpus, then thousands of lines drawn from six."""
    rng = random.Random(42)
    paragraphs = [p for p in corpus_pair()[0].split("\n\n") if p.strip()][:2500]
    shuffled = paragraphs[:]
    rng.shuffle(shuffled)
    boiler = [
        f"We may share information with partner number {n} for the purposes above."
        for n in range(6)
    ]
    lines = [rng.choice(boiler) for _ in range(6000)]
    edited = lines[:]
    for _ in range(30):
        edited[rng.randrange(len(edited))] = rng.choice(boiler).replace("may", "will")
    old = "\n\n".join(paragraphs + lines)
    new = "\n\n".join(shuffled + edited)
    return old, new


def paragraph_pair(size: int) -> tuple[str, str]:
    """One paragraph of about `size` characters of the latest GitHub statement's prose, and a
    copy with a word replaced every 150 words and a sentence inserted every 1,500."""
    latest = corpus_texts()[-1]
    prose = [" ".join(p.split()) for p in latest.split("\n\n")]
    prose = [p for p in prose if p[:1].isalpha() and len(p) > 80]
    parts: list[str] = []
    while sum(len(p) + 1 for p in parts) < size:
        parts.extend(prose)
    old = " ".join(parts)[:size]
    old = old[: old.rfind(". ") + 1]
    rng = random.Random(size)
    words = old.split(" ")
    for _ in range(len(words) // 150):
        words[rng.randrange(len(words))] = "changed"
    for _ in range(len(words) // 1500):
        words.insert(rng.randrange(len(words)), "We added this sentence.")
    return old + "\n", " ".join(words) + "\n"


def median_seconds(run: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def process(args: list[str], cwd: Path) -> Callable[[], object]:
    def run() -> object:
        done = subprocess.run(args, cwd=cwd, capture_output=True, check=False, env=ENV)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{args[0]} failed: {done.stderr.decode()}")
        return done

    return run


@dataclass
class Timing:
    """Medians, in seconds, of one pair."""

    name: str
    kb: float
    git: float
    kpversion: float
    engine: float
    classify: float
    render: float

    @property
    def ratio(self) -> float:
        return self.kpversion / self.git

    @property
    def rest(self) -> float:
        """Whole process less the timed stages: start-up, imports, rules, reading the files."""
        return max(self.kpversion - self.engine - self.classify - self.render, 0.0)


STAGES = """
import time
from kpversion.change import DiffResult, Side
from kpversion.compare import rules_for
from kpversion.diff import diff_texts
from kpversion.diff.redline import to_json
from kpversion.materiality import classify
from kpversion.workflows.operands import resolve_pair

old, new = resolve_pair(["old.md", "new.md"], ".")
rules = rules_for()
# Warm on a small pair: imports, the sentence model, the compiled rules.
classify(diff_texts("We sell data. We keep logs.", "We never sell data. We keep logs."), rules)
start = time.perf_counter()
result = diff_texts(old.text, new.text)
diffed = time.perf_counter()
result = classify(result, rules)
classified = time.perf_counter()
sides = Side(result.old.label, old.text), Side(result.new.label, new.text)
to_json(DiffResult(*sides, result.changes))
rendered = time.perf_counter()
print(diffed - start, classified - diffed, rendered - classified)
"""


def stages(folder: Path, runs: int) -> tuple[float, float, float]:
    """Medians of the diff engine, the classifier and the JSON (with its hashes), each timed
    once in a fresh process, as the whole process meets them: a second pass over the same
    texts in one process would find its sentences and tokens cached, and flatter. (The caches
    on disk, the compiled rules and the stored lemmas, are warm, as after a first run; the
    classifier's time holds the first look-up of the lemmas.)"""
    samples = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", STAGES], cwd=folder, capture_output=True, text=True, env=ENV
        )
        if done.returncode:
            raise SystemExit(f"the stages script failed: {done.stderr}")
        times = [float(t) for t in done.stdout.split()]
        if len(times) != 3:
            raise SystemExit(f"the stages script printed {done.stdout!r}, not three times")
        samples.append(times)
    engine, classified, render = zip(*samples, strict=True)
    return statistics.median(engine), statistics.median(classified), statistics.median(render)


def bench(name: str, old: str, new: str, folder: Path, runs: int) -> Timing:
    (folder / "old.md").write_text(old, "utf-8")
    (folder / "new.md").write_text(new, "utf-8")
    git = ["git", "diff", "--no-index", "--word-diff=porcelain", "old.md", "new.md"]
    ours = [str(KPVERSION), "diff", "old.md", "new.md", "--format", "json"]
    process(ours, folder)()  # bytecode written, files in the page cache
    timing = Timing(
        name,
        len(old.encode()) / 1000,
        median_seconds(process(git, folder), runs),
        median_seconds(process(ours, folder), runs),
        *stages(folder, runs),
    )
    ms = {k: getattr(timing, k) * 1000 for k in ("git", "kpversion", "engine", "classify")}
    print(
        f"{name:<18} {timing.kb:>6.0f} KB  git {ms['git']:7.1f}  kpversion {ms['kpversion']:8.1f}"
        f" ({timing.ratio:6.1f}x)  engine {ms['engine']:7.1f} ({timing.engine / timing.git:5.1f}x)"
        f"  classify {ms['classify']:8.1f}  json {timing.render * 1000:6.1f}"
        f"  start-up etc. {timing.rest * 1000:6.1f}",
        flush=True,
    )
    return timing


STARTUP = """
import sys, time
marks = [("python", time.perf_counter())]
def mark(name): marks.append((name, time.perf_counter()))
import click; mark("click")
import kpversion.cli.diff_commands; mark("the CLI and the diff engine")
from kpversion.workflows.operands import resolve_pair
old, new = resolve_pair(["old.md", "new.md"], "."); mark("the operands (read, convert)")
import rapidfuzz; mark("rapidfuzz")
import nupunkt; nupunkt.sent_spans("One. Two."); mark("nupunkt and its model")
from kpversion.compare import rules_for
rules = rules_for(); mark("materiality and its rules")
from kpversion.diff import diff_texts
from kpversion.materiality import classify
from kpversion.diff.redline import to_json
result = diff_texts(old.text, new.text); mark("diff engine")
result = classify(result, rules); mark("classify")
to_json(result); mark("json")
print(" ".join(f"{b[1] - a[1]:.6f}" for a, b in zip(marks, marks[1:])))
print("|".join(name for name, _ in marks[1:]))
"""


def startup(folder: Path, seed: tuple[str, str], runs: int) -> None:
    """Where a cold seed diff's time goes, from marks inside fresh processes (medians)."""
    (folder / "old.md").write_text(seed[0], "utf-8")
    (folder / "new.md").write_text(seed[1], "utf-8")
    floor = median_seconds(process([sys.executable, "-c", "pass"], folder), runs)
    samples: list[list[float]] = []
    names: list[str] = []
    for _ in range(max(runs, 3)):
        done = subprocess.run(
            [sys.executable, "-c", STARTUP], cwd=folder, capture_output=True, text=True, env=ENV
        )
        times, labels = done.stdout.strip().splitlines()
        samples.append([float(t) for t in times.split()])
        names = labels.split("|")
    medians = [statistics.median(column) for column in zip(*samples, strict=True)]
    parts = [f"python -c pass {floor * 1000:.0f}"]
    parts += [f"{name} {ms * 1000:.0f}" for name, ms in zip(names, medians, strict=True)]
    print("cold seed diff, ms (fresh processes, medians): " + "; ".join(parts))


def exponent(small: float, large: float, ratio: float) -> float:
    return math.log(large / small) / math.log(ratio)


def verdict(ok: bool) -> str:
    return "ok" if ok else "OVER"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--skip-long", action="store_true", help="leave out the single-paragraph pairs"
    )
    args = parser.parse_args()
    runs = args.runs
    if runs < 1:
        raise SystemExit("--runs must be at least 1")
    if not CORPUS.exists():
        raise SystemExit(f"{CORPUS} is absent; set KPVERSION_SHARED")
    load = os.getloadavg()[0]
    print(f"load average {load:.1f} on {os.cpu_count()} cores; medians of {runs} runs; ms")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        seed = bench("(a) seed", *seed_pair(), folder, runs)
        corpus = bench("(b) 1 MB corpus", *corpus_pair(), folder, runs)
        patho = bench("(c) pathological", *pathological_pair(), folder, runs)
        long: dict[int, Timing] = {}
        if not args.skip_long:
            for size in (40_000, 160_000):
                name = f"(p{size // 1000}) paragraph"
                long[size] = bench(name, *paragraph_pair(size), folder, runs)
        startup(folder, seed_pair(), runs)
    print()
    print(
        f"(b) whole process / git: {corpus.ratio:.1f}x (target <= 5x) {verdict(corpus.ratio <= 5)}"
    )
    cold = seed.kpversion * 1000
    print(f"cold seed diff: {cold:.0f} ms (target < 150 ms) {verdict(cold < 150)}")
    if long:
        p40, p160 = long[40_000], long[160_000]
        print(
            f"(p160) whole process / git: {p160.ratio:.1f}x (target <= 20x) "
            f"{verdict(p160.ratio <= 20)}"
        )
        print(
            "growth, single paragraph 40 -> 160 KB: "
            f"kpversion n^{exponent(p40.kpversion, p160.kpversion, 4):.2f}, "
            f"engine n^{exponent(p40.engine, p160.engine, 4):.2f}, "
            f"classify n^{exponent(p40.classify, p160.classify, 4):.2f}, "
            f"git n^{exponent(p40.git, p160.git, 4):.2f}"
        )
    for name, timing in (("(b)", corpus), ("(c)", patho)):
        ratio = timing.engine / timing.git
        print(f"engine / git on {name}: {ratio:.2f}x (target <= 3x) {verdict(ratio <= 3)}")
    print("share of each whole process: engine / classify / json / start-up etc.")
    for timing in (seed, corpus, patho, *long.values()):
        shares = [timing.engine, timing.classify, timing.render, timing.rest]
        total = sum(shares) or 1.0
        print(f"  {timing.name:<18} " + " / ".join(f"{100 * s / total:4.0f}%" for s in shares))


if __name__ == "__main__":
    main()
