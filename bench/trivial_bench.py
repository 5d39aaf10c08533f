"""Benchmark the trivial-edit proofs and the contact channels.

1. Import time of `kpversion.materiality.trivial` and `channels` with their dependencies, and
   of the first English word list, lemma and phone parse, each as a fresh process with
   bytecode written (as a normal install runs), beside `python -c pass`.
2. Time per `prove_trivial` call on real corpus changes (every change of consecutive revisions
   of the corpus documents, the seven locked evaluation documents left out), with the count of
   each proof kind; and `channels` per changed block.
3. Accuracy on the word pairs in tests/data/trivial: typos proven, real-word swaps refused,
   inflections proven, tense/degree/modal changes refused.

    .venv/bin/python bench/trivial_bench.py [--documents N]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from shared_paths import CORPUS

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data" / "trivial"
LOCKED = frozenset(
    {
        "basecamp-policies/terms-of-service",
        "ota-contrib-versions/gitlab-privacy-policy",
        "ota-contrib-versions/disqus-privacy-policy",
        "ota-contrib-versions/bitwarden-privacy-policy",
        "ota-contrib-versions/xfinity-privacy-policy",
        "ota-contrib-versions/donkey-republic-privacy-policy",
        "ota-contrib-versions/quora-privacy-policy",
    }
)
"""The locked evaluation set of issue 11: never read, not even to time it."""
IMPORTS = {
    "python -c pass": "pass",
    "import kpversion.materiality": "import kpversion.materiality",
    "import trivial, channels": "import kpversion.materiality.trivial",
    "+ first word list": (
        "from kpversion.materiality.trivial import english_words; english_words()"
    ),
    "+ first lemma": ("from kpversion.materiality.trivial import _lemma; _lemma('transferring')"),
    "+ first phone": (
        "from kpversion.materiality.channels import channels; channels('(800) 555-1234')"
    ),
    "a whole spelling proof": (
        "from kpversion.materiality.trivial import prove_trivial;"
        "prove_trivial('We recieve it.', 'We receive it.')"
    ),
}


def import_times(runs: int) -> dict[str, float]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    times = {}
    for label, code in IMPORTS.items():
        subprocess.run([sys.executable, "-c", code], env=env, check=True)  # write bytecode
        samples = []
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], env=env, check=True)
            samples.append(time.perf_counter() - started)
        times[label] = min(samples)
    return times


def corpus_pairs(limit: int) -> list[tuple[str, str, str]]:
    """(document, old, new) for consecutive revisions of each corpus document."""
    found = []
    manifests = sorted(CORPUS.glob("*/*/manifest.json"))
    for manifest in manifests[:limit]:
        document = f"{manifest.parent.parent.name}/{manifest.parent.name}"
        if document in LOCKED:
            continue
        entries = json.loads(manifest.read_text("utf-8"))
        texts = [(manifest.parent / e["file"]).read_text("utf-8", "replace") for e in entries]
        found += [(document, a, b) for a, b in itertools.pairwise(texts)]
    return found


def corpus_run(limit: int) -> None:
    from kpversion.diff.engine import diff_texts
    from kpversion.materiality.channels import channels
    from kpversion.materiality.trivial import Context, prove_trivial

    kinds: Counter[str] = Counter()
    proof_times, channel_times = [], []
    for _, old_text, new_text in corpus_pairs(limit):
        for change in diff_texts(old_text, new_text).changes:
            if change.kind.value == "moved":
                continue
            heading = change.old.lstrip()[:1] == "#" or change.new.lstrip()[:1] == "#"
            context = Context(old_text, new_text, heading=heading)
            started = time.perf_counter()
            proof = prove_trivial(change.old, change.new, context)
            proof_times.append(time.perf_counter() - started)
            kinds[proof.kind if proof else "(none)"] += 1
            started = time.perf_counter()
            channels(change.new)
            channel_times.append(time.perf_counter() - started)
    calls = len(proof_times)
    print(f"corpus changes: {calls:,} (locked documents left out)")
    print(
        f"  prove_trivial: mean {1000 * statistics.mean(proof_times):.2f} ms, median "
        f"{1000 * statistics.median(proof_times):.3f} ms, max {1000 * max(proof_times):.0f} ms"
        f" (the first calls load the word list, lemmas and each document's index)"
    )
    print(
        f"  channels:      mean {1000 * statistics.mean(channel_times):.3f} ms, max "
        f"{1000 * max(channel_times):.1f} ms"
    )
    for kind, count in kinds.most_common():
        print(f"  {kind:20} {count:6,}  {100 * count / calls:5.1f}%")


def pairs(name: str) -> list[tuple[str, str]]:
    lines = (DATA / name).read_text("utf-8").splitlines()
    return [(a, b) for a, b in (line.split() for line in lines if line and line[0] != "#")]


def accuracy() -> None:
    from kpversion.materiality.trivial import prove_trivial

    def kind(a: str, b: str) -> str | None:
        proof = prove_trivial(f"we {a} it", f"we {b} it")
        return proof.kind if proof else None

    rows = (
        ("typo pairs proven as spelling", "typo-pairs.txt", "spelling"),
        ("real-word pairs proven as spelling", "real-word-pairs.txt", "spelling"),
        ("inflection pairs proven", "inflection-pairs.txt", "inflection"),
        ("tense/degree/modal pairs proven", "not-inflection-pairs.txt", None),
    )
    for label, name, expected in rows:
        found = pairs(name)
        hits = sum(1 for a, b in found if (kind(a, b) == expected if expected else kind(a, b)))
        print(f"  {label:36} {hits:4} / {len(found)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--documents", type=int, default=1000, help="corpus documents to use")
    args = parser.parse_args()
    times = import_times(args.runs)
    floor = times["python -c pass"]
    print("import and first use, fresh process, best of", args.runs)
    for label, seconds in times.items():
        print(f"  {label:26} {1000 * seconds:7.0f} ms  {seconds / floor:5.1f}x python -c pass")
    print("accuracy on tests/data/trivial")
    accuracy()
    if CORPUS.exists():
        corpus_run(args.documents)
    else:
        print(f"{CORPUS} is absent: no corpus timing")


if __name__ == "__main__":
    main()
