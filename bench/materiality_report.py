"""The materiality evaluation: labelled change pairs, their verdicts and the confusion matrix.

Cases are the team's edits of the seed statement (tests/data/materiality/seed_edits.toml) and
pairs of real revisions referenced by path in ../shared/corpus (corpus_pairs.toml). Run it to
see every miss with its reason: python bench/materiality_report.py [--verbose]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import tomllib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from shared_paths import CORPUS

from kpversion.change import DiffResult, Verdict
from kpversion.diff import diff_texts
from kpversion.materiality import classify

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "materiality"
VERDICTS = ("material", "review", "non-material")


@dataclass(frozen=True)
class Case:
    """One labelled pair: where it comes from, the old and new text, the expected verdict."""

    id: str
    source: str
    rule: str
    expect: str
    old: str
    new: str
    note: str = ""


@dataclass(frozen=True)
class Outcome:
    case: Case
    result: DiffResult

    @property
    def verdict(self) -> str:
        return self.result.verdict.value

    @property
    def ok(self) -> bool:
        if self.case.expect == "review":
            return self.verdict != "non-material"  # review or stronger is what was asked
        return self.verdict == self.case.expect

    def reason(self) -> str:
        strongest = [c for c in self.result.changes if c.verdict is self.result.verdict]
        if not strongest:
            return "(no changes)"
        return f"{','.join(strongest[0].rules)}: {strongest[0].reason}"


class CorpusMismatch(Exception):
    """A referenced corpus file is missing or differs from its manifest entry."""


def seed_cases(name: str = "seed_edits.toml", source: str = "seed") -> Iterator[Case]:
    seed = (DATA / "seed.md").read_text(encoding="utf-8")
    spec = tomllib.loads((DATA / name).read_text(encoding="utf-8"))
    for case in spec["case"]:
        old = _apply(seed, case.get("base", ()), case["id"])
        new = _apply(old, case["edits"], case["id"])
        yield Case(case["id"], source, case["rule"], case["expect"], old, new, case.get("note", ""))


def heldout_cases() -> Iterator[Case]:
    """Edits written blind, after the rules were tuned on seed_edits.toml."""
    return seed_cases("heldout_edits.toml", "heldout")


def hunt_cases() -> Iterator[Case]:
    """Edits written while running the classifier, to hunt for misses (not blind)."""
    return seed_cases("hunt_edits.toml", "hunt")


def _apply(text: str, edits: list[list[str]] | tuple[()], case_id: str) -> str:
    for find, replace in edits:
        if find not in text:
            raise ValueError(f"{case_id}: {find[:60]!r} is not in the text")
        text = text.replace(find, replace, 1)
    return text


def corpus_cases(corpus: Path) -> Iterator[Case]:
    spec = tomllib.loads((DATA / "corpus_pairs.toml").read_text(encoding="utf-8"))
    for pair in spec["pair"]:
        folder = corpus / pair["document"]
        old = _corpus_text(corpus / pair.get("old_document", pair["document"]), pair["old"])
        new = _corpus_text(folder, pair["new"])
        case_id = f"{pair['document']}:{pair['old']}->{pair['new']}"
        yield Case(case_id, "corpus", pair.get("rule", ""), pair["expect"], old, new, pair["why"])


def _corpus_text(folder: Path, name: str) -> str:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    entry = next((e for e in manifest if e["file"] == name), None)
    if entry is None:
        raise CorpusMismatch(f"{folder / name}: not in the manifest")
    data = (folder / name).read_bytes()
    if hashlib.sha256(data).hexdigest() != entry["sha256"]:
        raise CorpusMismatch(f"{folder / name}: sha256 differs from the manifest")
    return data.decode("utf-8")


def evaluate(cases: list[Case]) -> list[Outcome]:
    return [Outcome(case, classify(diff_texts(case.old, case.new, "old", "new"))) for case in cases]


def confusion(outcomes: list[Outcome]) -> Counter[tuple[str, str]]:
    return Counter((o.case.expect, o.verdict) for o in outcomes)


def recall(outcomes: list[Outcome], label: str) -> tuple[int, int]:
    """How many cases labelled `label` got exactly that verdict, out of how many."""
    labelled = [o for o in outcomes if o.case.expect == label]
    return sum(o.verdict == label for o in labelled), len(labelled)


def report(outcomes: list[Outcome], verbose: bool = False) -> str:
    matrix = confusion(outcomes)
    lines = ["expected \\ got | " + " | ".join(VERDICTS), "---|---|---|---"]
    for expected in VERDICTS:
        cells = " | ".join(str(matrix[(expected, got)]) for got in VERDICTS)
        lines.append(f"{expected} | {cells}")
    for label in ("material", "non-material"):
        hit, total = recall(outcomes, label)
        lines.append(f"{label}: {hit}/{total} classified {label}")
    flagged = [o for o in outcomes if o.verdict == "material"]
    right = sum(o.case.expect == "material" for o in flagged)
    lines.append(f"precision of 'material': {right}/{len(flagged)}")
    misses = [o for o in outcomes if not o.ok]
    lines.append(f"\n{len(misses)} misses of {len(outcomes)} cases:")
    for o in misses:
        lines.append(f"- [{o.case.source}] {o.case.id}: expected {o.case.expect}, got {o.verdict}")
        lines.append(f"    {o.reason()}")
    if verbose:
        lines.append("\nall cases:")
        lines += [f"- {o.case.id}: {o.verdict} ({o.reason()[:110]})" for o in outcomes]
    return "\n".join(lines)


def load_cases(heldout_only: bool = False) -> list[Case]:
    if heldout_only:
        return list(heldout_cases())
    cases = list(seed_cases()) + list(heldout_cases()) + list(hunt_cases())
    corpus = CORPUS
    if corpus.is_dir():
        cases += list(corpus_cases(corpus))
    return cases


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list every case")
    parser.add_argument("--heldout", action="store_true", help="only the held-out edits")
    args = parser.parse_args()
    outcomes = evaluate(load_cases(args.heldout))
    print(report(outcomes, args.verbose))
    # Every material edit of the tuned sets must be called material; in the hunt set, at least
    # never non-material (review still stops publish until a person decides).
    material_ok = all(
        o.verdict == Verdict.MATERIAL.value
        or (o.case.source == "hunt" and o.verdict != Verdict.NON_MATERIAL.value)
        for o in outcomes
        if o.case.expect == "material"
    )
    return 0 if material_ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
