"""The materiality evaluation: every labelled set apart, its confusion matrix and its misses.

Sets (tests/data/materiality/):
- seed, heldout, hunt: the team's edits of the seed statement (tuned on; regression tests);
- corpus: pairs of real revisions the team labelled (tuned on);
- labelled: consecutive real pairs labelled blind by two independent labellers, tuning half;
- direction: edits to real sentences whose direction a writer and two labellers agree on,
  tuning half;
- labelled-tuning2, labelled-tuning3: the second and fourth rounds' tuning pairs, of other
  documents, labelled the same way;
- labelled-roundN (N = 1 to 4), direction-roundN (N = 1 to 6), edits-round6: earlier rounds'
  locked halves, run once and reported (docs/materiality.md), spent since: read like the
  tuning halves;
- with --locked, the current locked halves of labelled and direction (those there are): run
  once, at the end of a round, and report as it came.

Run: python bench/materiality_report.py [--set NAME ...] [--locked] [--verbose]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tomllib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
        verdict = self.result.verdict  # once: each reading walks every change
        strongest = [c for c in self.result.changes if c.verdict is verdict]
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


def labelled_cases(corpus: Path, half: str) -> Iterator[Case]:
    """Consecutive real pairs labelled blind (labelled_<half>.toml)."""
    spec = tomllib.loads((DATA / f"labelled_{half}.toml").read_text(encoding="utf-8"))
    for pair in spec["pair"]:
        folder = corpus / pair["document"]
        case_id = f"{pair['document']}:{pair['old']}->{pair['new']}"
        old, new = _corpus_text(folder, pair["old"]), _corpus_text(folder, pair["new"])
        yield Case(case_id, f"labelled-{half}", "", pair["expect"], old, new, pair["why"])


def direction_cases(half: str) -> Iterator[Case]:
    """Single edits whose direction is known (direction_edits.toml); `expect` is the direction."""
    spec = tomllib.loads((DATA / "direction_edits.toml").read_text(encoding="utf-8"))
    for edit in spec["edit"]:
        if edit["half"] == half:
            yield Case(edit["id"], f"direction-{half}", edit["class"], edit["expect"],
                       edit["old"], edit["new"], edit["why"])  # fmt: skip


def written_cases(name: str) -> Iterator[Case]:
    """The sixth round's written edits (edits_round6.toml): `edits-round6` by verdict, and
    `direction-round6` the material ones by direction."""
    spec = tomllib.loads((DATA / "edits_round6.toml").read_text(encoding="utf-8"))
    for edit in spec["edit"]:
        if name.startswith("direction"):
            if edit["expect"] != "material":
                continue
            expect = edit["direction"]
        else:
            expect = edit["expect"]
        yield Case(edit["id"], name, edit["class"], expect, edit["old"], edit["new"],
                   edit["why"])  # fmt: skip


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


def direction_of(result: DiffResult) -> str:
    """The direction of a result's material changes: one direction, "mixed" or "none"."""
    found = {
        c.direction.value
        for c in result.changes
        if c.verdict is Verdict.MATERIAL
        and c.direction.value in ("more_permissive", "more_protective")
    }
    if len(found) == 1:
        return found.pop()
    return "mixed" if found else "none"


def confusion(outcomes: list[Outcome]) -> Counter[tuple[str, str]]:
    return Counter((o.case.expect, o.verdict) for o in outcomes)


def recall(outcomes: list[Outcome], label: str) -> tuple[int, int]:
    """How many cases labelled `label` got exactly that verdict, out of how many."""
    labelled = [o for o in outcomes if o.case.expect == label]
    return sum(o.verdict == label for o in labelled), len(labelled)


def verdict_report(name: str, outcomes: list[Outcome], verbose: bool = False) -> str:
    matrix = confusion(outcomes)
    lines = [f"## {name}: {len(outcomes)} cases", ""]
    lines += ["expected \\ got | " + " | ".join(VERDICTS), "---|---|---|---"]
    for expected in VERDICTS:
        if any(o.case.expect == expected for o in outcomes):
            cells = " | ".join(str(matrix[(expected, got)]) for got in VERDICTS)
            lines.append(f"{expected} | {cells}")
    for label in ("material", "non-material"):
        hit, total = recall(outcomes, label)
        if total:
            lines.append(f"- {label}: {hit}/{total} called {label} ({_percent(hit, total)})")
    missed = matrix[("material", "non-material")]
    review = sum(o.verdict == "review" for o in outcomes)
    lines.append(f"- material called non-material: {missed}")
    lines.append(f"- review: {review}/{len(outcomes)} ({_percent(review, len(outcomes))})")
    lines += _misses(outcomes, [o for o in outcomes if not o.ok], verbose)
    return "\n".join(lines)


def direction_report(name: str, outcomes: list[Outcome], verbose: bool = False) -> str:
    right = [o for o in outcomes if direction_of(o.result) == o.case.expect]
    lines = [f"## {name}: {len(outcomes)} edits", ""]
    lines.append(f"- direction right: {len(right)}/{len(outcomes)}"
                 f" ({_percent(len(right), len(outcomes))})")  # fmt: skip
    material = sum(o.verdict == "material" for o in outcomes)
    lines.append(f"- called material: {material}/{len(outcomes)}")
    wrong = [o for o in outcomes if o not in right]
    lines += _misses(outcomes, wrong, verbose, lambda o: direction_of(o.result))
    return "\n".join(lines)


def _misses(
    outcomes: list[Outcome], misses: list[Outcome], verbose: bool, got: Any = None
) -> list[str]:
    lines = [f"\n{len(misses)} misses:"]
    for o in misses:
        value = got(o) if got else o.verdict
        lines.append(f"- {o.case.id}: expected {o.case.expect}, got {value}")
        lines.append(f"    {o.reason()[:300]}")
    if verbose:
        lines.append("\nall cases:")
        lines += [f"- {o.case.id}: {o.verdict} ({o.reason()[:110]})" for o in outcomes]
    return lines


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


SETS = (
    "seed",
    "heldout",
    "hunt",
    "corpus",
    "labelled",
    "labelled-tuning2",
    "labelled-tuning3",
    "labelled-round1",
    "labelled-round2",
    "labelled-round3",
    "labelled-round4",
    "direction",
    "direction-round1",
    "direction-round2",
    "direction-round3",
    "direction-round4",
    "direction-round5",
    "edits-round6",
    "direction-round6",
)
"""The roundN sets are earlier rounds' locked halves: run once and reported, then spent."""


def load_set(name: str, locked: bool = False) -> list[Case]:
    half = "locked" if locked else "tuning"
    if name == "seed":
        return list(seed_cases())
    if name == "heldout":
        return list(heldout_cases())
    if name == "hunt":
        return list(hunt_cases())
    if name in ("edits-round6", "direction-round6"):
        return list(written_cases(name))
    if name.startswith("direction"):
        return list(direction_cases(_spent(name) or half))
    if not CORPUS.is_dir():
        return []
    if name == "corpus":
        return list(corpus_cases(CORPUS))
    if name in ("labelled-tuning2", "labelled-tuning3"):
        return list(labelled_cases(CORPUS, name.removeprefix("labelled-")))
    return list(labelled_cases(CORPUS, _spent(name) or half))


def _spent(name: str) -> str:
    """The round of a spent locked half ("labelled-round2" is round2), or "" for another set."""
    last = name.rpartition("-")[2]
    return last if last.startswith("round") else ""


def _locked_halves() -> tuple[str, ...]:
    """The sets whose locked half is there to run: "labelled" while labelled_locked.toml
    exists, "direction" while the direction set holds edits of half "locked"."""
    found = []
    if (DATA / "labelled_locked.toml").is_file():
        found.append("labelled")
    if any(True for _ in direction_cases("locked")):
        found.append("direction")
    return tuple(found)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", dest="sets", action="append", choices=SETS, help="only these")
    locked = "the locked halves of labelled and direction (run once, at the end)"
    parser.add_argument("--locked", action="store_true", help=locked)
    parser.add_argument("--verbose", action="store_true", help="list every case")
    args = parser.parse_args()
    names = args.sets or (list(_locked_halves()) if args.locked else list(SETS))
    if args.locked and not _locked_halves():
        print(f"{DATA}: no locked half to run: every round's is spent (docs/labelling.md)",
              file=sys.stderr)  # fmt: skip
        return 2
    for name in names:
        if args.locked and name not in _locked_halves():
            continue
        cases = load_set(name, args.locked)
        label = f"{name} ({'locked' if args.locked else 'tuning'} half)" if name in (
            "labelled", "direction") else name  # fmt: skip
        outcomes = evaluate(cases)
        report = direction_report if name.startswith("direction") else verdict_report
        print(report(label, outcomes, args.verbose), end="\n\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
