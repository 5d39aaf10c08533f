"""Benchmark `kpversion build`: a full build, a no-change build, and one new revision.

Two trees, each built in a temporary folder: a synthetic one (50 statements x 40 revisions, every
fifth revision material with a notice and a record) and the real corpus histories
(../shared/corpus, imported with Store.add_revision; nothing is copied into the repository).
Reports pages per second of the full build and the incremental/full time ratio. Target: the
incremental build of one new revision takes at most 5% of the full build.

    .venv/bin/python bench/site_bench.py [--statements 50] [--revisions 40] [--corpus-limit N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from shared_paths import CORPUS as SHARED_CORPUS

from kpversion import Store
from kpversion.dates import DateVersion
from kpversion.site.build import BuildReport, build_site

REPO = Path(__file__).resolve().parents[1]
CORPUS = SHARED_CORPUS
TODAY = dt.date(2026, 11, 23)
TARGET = 0.05
VOCABULARY = (
    "information personal data we may share collect use service partners cookies account "
    "security access request delete retain process provide third parties law purposes site"
)
WORDS = VOCABULARY.split()


# --- the synthetic tree ------------------------------------------------------------------


def paragraph(rng: random.Random, sentences: int = 4) -> str:
    out = []
    for _ in range(sentences):
        words = [rng.choice(WORDS) for _ in range(rng.randint(10, 22))]
        out.append(" ".join(words).capitalize() + ".")
    return " ".join(out)


def first_text(rng: random.Random, title: str) -> list[str]:
    """A statement as a list of blocks: headings and paragraphs, about 6 KB."""
    blocks = [f"# {title}"]
    for section in range(8):
        blocks.append(f"## Section {section + 1}")
        blocks += [paragraph(rng) for _ in range(3)]
    return blocks


def edit(rng: random.Random, blocks: list[str]) -> list[str]:
    """A few word edits, sometimes a new paragraph or a removed one."""
    blocks = list(blocks)
    for _ in range(rng.randint(1, 4)):
        index = rng.randrange(1, len(blocks))
        if blocks[index].startswith("#"):
            continue
        words = blocks[index].split(" ")
        words[rng.randrange(len(words))] = rng.choice(WORDS)
        blocks[index] = " ".join(words)
    if rng.random() < 0.3:
        blocks.insert(rng.randrange(2, len(blocks)), paragraph(rng, 2))
    if rng.random() < 0.2 and len(blocks) > 10:
        del blocks[rng.randrange(2, len(blocks))]
    return blocks


def add(store: Store, slug: str, version: dt.date, previous: dt.date | None, text: str) -> None:
    fields: dict[str, object] = {"published_at": version.isoformat()}
    if previous is not None and version.toordinal() % 5 == 0:
        effective = (version + dt.timedelta(days=30)).isoformat()
        fields |= {
            "verdict": "material",
            "effective": effective,
            "notice": {
                "title": f"Changes effective {effective}",
                "summary": "We changed how we share personal information.",
                "published": version.isoformat(),
                "effective": effective,
                "compare": f"{previous}...{version}",
            },
        }
    store.add_revision(slug, DateVersion(version), text, fields, update_draft=False)
    if "notice" in fields and previous is not None:
        write_record(store, slug, previous, version, dt.date.fromisoformat(effective))


def write_record(
    store: Store, slug: str, previous: dt.date, version: dt.date, effective: dt.date
) -> None:
    """The retroactivity record publish would write, for one hand-classified material change."""
    from kpversion.change import Change, ChangeKind, DiffResult, Side, Verdict
    from kpversion.records.retroactivity import RecordInput, build_record

    old, new = store.revision(slug, str(previous)), store.revision(slug, str(version))
    change = Change(
        ChangeKind.MODIFIED, (), (), "We do not share", "We may share", verdict=Verdict.MATERIAL
    )
    source = RecordInput(
        slug=slug,
        title=slug,
        url="",
        regimes=("FTC", "CCPA"),
        entities=(),
        previous=(str(previous), old.entry.sha256, old.text()),
        version=str(version),
        sha256=new.entry.sha256,
        text=new.text(),
        published=version,
        effective=effective,
        notice_days=30,
        review_months=12,
        history=((str(previous), old.entry.effective),),
        editor="Bench",
        now=dt.datetime.combine(version, dt.time(9), dt.UTC),
    )
    result = DiffResult(Side(f"{slug}@{previous}", ""), Side(f"{slug}@{version}", ""), (change,))
    path = store.folder / slug / "records" / f"{version}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(build_record(source, result).to_json(), encoding="utf-8")


def synthetic_tree(root: Path, statements: int, revisions: int) -> Store:
    rng = random.Random(6)
    store = Store.init(root, site_title="Synthetic policies")
    for number in range(statements):
        slug = f"statement-{number:02d}"
        store.create_statement(slug, {"title": f"Statement {number}"})
        blocks = first_text(rng, f"Statement {number}")
        day, previous = dt.date(2020, 1, 1), None
        for _ in range(revisions):
            add(store, slug, day, previous, "\n\n".join(blocks) + "\n")
            previous, day = day, day + dt.timedelta(days=rng.randint(20, 40))
            blocks = edit(rng, blocks)
    return store


def one_more_revision(store: Store, rng: random.Random) -> None:
    slug = store.slugs()[len(store.slugs()) // 2]
    latest = store.latest(slug)
    assert latest is not None
    blocks = edit(rng, latest.text().rstrip("\n").split("\n\n"))
    day = latest.version.date + dt.timedelta(days=30)
    add(store, slug, day, latest.version.date, "\n\n".join(blocks) + "\n")


# --- the corpus --------------------------------------------------------------------------


def corpus_documents(limit: int | None) -> Iterator[Path]:
    folders = sorted(p.parent for p in CORPUS.glob("*/*/manifest.json"))
    yield from folders[:limit]


def slug_of(folder: Path) -> str:
    slug = re.sub(r"[^a-z0-9-]+", "-", f"{folder.parent.name}-{folder.name}".lower())
    return slug.strip("-")[:64].rstrip("-")


def corpus_tree(root: Path, limit: int | None) -> Store:
    """Every corpus history as a statement; a revision's version is its commit date, kept
    strictly increasing (same-day commits move to the next free day)."""
    store = Store.init(root, site_title="Corpus policies")
    for folder in corpus_documents(limit):
        slug = slug_of(folder)
        store.create_statement(slug, {"title": folder.name.replace("-", " ").title()})
        last: dt.date | None = None
        for entry in json.loads((folder / "manifest.json").read_text("utf-8")):
            day = dt.date.fromisoformat(entry["committer_date"][:10])
            day = max(day, last + dt.timedelta(days=1)) if last else day
            text = (folder / entry["file"]).read_bytes().decode("utf-8", "replace")
            store.add_revision(slug, DateVersion(day), text, {}, update_draft=False)
            last = day
    return store


# --- measuring ---------------------------------------------------------------------------


def timed_build(store: Store, out: Path) -> tuple[float, BuildReport]:
    start = time.perf_counter()
    report = build_site(Store(store.root), out, TODAY)
    return time.perf_counter() - start, report


def measure(name: str, store: Store, out: Path) -> dict[str, float]:
    full, report = timed_build(store, out)
    print(
        f"{name}: full build      {report.pages:6d} pages in {full:7.2f} s "
        f"= {report.pages / full:7.1f} pages/s"
    )
    again, second = timed_build(store, out)
    print(
        f"{name}: no-change build {len(second.written):6d} written, "
        f"{second.rendered} rendered in {again:6.2f} s"
    )
    one_more_revision(store, random.Random(7))
    incremental, third = timed_build(store, out)
    ratio = incremental / full
    print(
        f"{name}: one new revision {len(third.written):5d} written, "
        f"{third.rendered} rendered in {incremental:6.2f} s "
        f"= {ratio:.1%} of the full build (target <= {TARGET:.0%})"
    )
    return {
        "pages_per_second": report.pages / full,
        "ratio": ratio,
        "unchanged_written": len(second.written),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=50)
    parser.add_argument("--revisions", type=int, default=40)
    parser.add_argument(
        "--corpus-limit", type=int, default=None, help="Only the first N documents."
    )
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory(prefix="kpversion-site-bench-") as tmp:
        work = Path(tmp)
        start = time.perf_counter()
        store = synthetic_tree(work / "synthetic", args.statements, args.revisions)
        seconds = time.perf_counter() - start
        print(f"synthetic tree: {args.statements} x {args.revisions} in {seconds:.1f} s")
        results["synthetic"] = measure("synthetic", store, work / "synthetic-site")
        if CORPUS.is_dir() and args.corpus_limit != 0:
            start = time.perf_counter()
            corpus = corpus_tree(work / "corpus", args.corpus_limit)
            count = sum(len(corpus.revisions(s)) for s in corpus.slugs())
            print(
                f"corpus tree: {len(corpus.slugs())} statements, {count} revisions "
                f"in {time.perf_counter() - start:.1f} s"
            )
            results["corpus"] = measure("corpus", corpus, work / "corpus-site")
        else:
            print(f"corpus: skipped ({CORPUS} is absent)")
    failed = [k for k, r in results.items() if r["ratio"] > TARGET or r["unchanged_written"]]
    print("ok" if not failed else f"over target: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
