"""Benchmark `kpversion diff` against `git diff --no-index --word-diff=porcelain`.

Three pairs: (a) the seed statement against an edited copy, (b) a ~1 MB pair of consecutive
GitHub privacy statement revisions concatenated, (c) a pathological pair: shuffled paragraphs
and many repeated lines. Both tools run as whole processes; the diff engine is also timed
in-process. Targets: engine within 3x git on (b) and (c); a cold `kpversion diff` of (a) under
300 ms.

    .venv/bin/python bench/diff_bench.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from shared_paths import CORPUS as SHARED_CORPUS

REPO = Path(__file__).resolve().parents[1]
CORPUS = SHARED_CORPUS / "github-site-policy" / "privacy-statement"
DATA = REPO / "tests" / "data" / "diff"
KPVERSION = Path(sys.executable).with_name("kpversion")
TARGET_BYTES = 1_000_000


def seed_pair() -> tuple[str, str]:
    return (DATA / "privacy-old.md").read_text("utf-8"), (DATA / "privacy-new.md").read_text(
        "utf-8"
    )


def corpus_pair() -> tuple[str, str]:
    """old = revisions 1..k, new = revisions 2..k+1, concatenated until about 1 MB."""
    manifest = json.loads((CORPUS / "manifest.json").read_text("utf-8"))
    texts = [(CORPUS / entry["file"]).read_text("utf-8") for entry in manifest]
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


def median_seconds(run: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def process(args: list[str], cwd: Path) -> Callable[[], object]:
    def run() -> object:
        done = subprocess.run(args, cwd=cwd, capture_output=True, check=False)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{args[0]} failed: {done.stderr.decode()}")
        return done

    return run


def engine(old: str, new: str) -> Callable[[], object]:
    from kpversion.diff import diff_texts

    return lambda: diff_texts(old, new)


def engine_with_hashes(old: str, new: str) -> Callable[[], object]:
    """The engine plus the operand hashes, which the JSON report asks for (computed lazily)."""
    from kpversion.diff import diff_texts

    def run() -> object:
        result = diff_texts(old, new)
        return result.old.sha256, result.new.sha256

    return run


def bench(name: str, old: str, new: str, folder: Path, runs: int) -> dict[str, float]:
    (folder / "old.md").write_text(old, "utf-8")
    (folder / "new.md").write_text(new, "utf-8")
    git = ["git", "diff", "--no-index", "--word-diff=porcelain", "old.md", "new.md"]
    ours = [str(KPVERSION), "diff", "old.md", "new.md", "--format", "json"]
    engine(old, new)()  # warm: imports and the sentence model load once
    result = {
        "kb": len(old.encode()) / 1000,
        "git": median_seconds(process(git, folder), runs),
        "kpversion": median_seconds(process(ours, folder), runs),
        "engine": median_seconds(engine(old, new), runs),
        "hashed": median_seconds(engine_with_hashes(old, new), runs),
    }
    git_ms, ours_ms, engine_ms = (result[k] * 1000 for k in ("git", "kpversion", "engine"))
    print(
        f"{name:<16} {result['kb']:>7.0f} KB  git {git_ms:7.1f} ms  "
        f"kpversion {ours_ms:7.1f} ms ({ours_ms / git_ms:4.1f}x)  "
        f"engine {engine_ms:7.1f} ms ({engine_ms / git_ms:4.1f}x)"
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    if not CORPUS.exists():
        raise SystemExit(f"{CORPUS} is absent; set KPVERSION_SHARED")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        seed = bench("(a) seed", *seed_pair(), folder, runs)
        corpus = bench("(b) 1 MB corpus", *corpus_pair(), folder, runs)
        patho = bench("(c) pathological", *pathological_pair(), folder, runs)
    print()
    print(f"cold kpversion diff on (a): {seed['kpversion'] * 1000:.0f} ms (target < 300 ms)")
    for name, result in (("(b)", corpus), ("(c)", patho)):
        ratio = result["engine"] / result["git"]
        verdict = "ok" if ratio <= 3 else "OVER"
        hashed = result["hashed"] / result["git"]
        print(
            f"engine / git on {name}: {ratio:.2f}x (target <= 3x) {verdict}; "
            f"with the JSON's operand hashes {hashed:.2f}x"
        )


if __name__ == "__main__":
    main()
