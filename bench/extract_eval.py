"""Evaluate article extraction on a hand-labelled folder (CWCED layout).

    python bench/extract_eval.py [DATASET_DIR] [--json] [--tools ours,trafilatura,gne]

The folder holds ``original/NAME.html`` with labels under the same base name
in ``cleaned/`` (body text), ``date/`` (``YYYY-MM-DD HH:MM:SS``, fields may be
missing, ``UNKNOWN`` if none) and ``author/`` (names separated by blanks,
``UNKNOWN`` if none). Metrics:

- body: character 4-gram precision/recall/F1 (whitespace removed, multiset
  overlap), averaged over pages;
- time: pages whose date label has at least hour:minute, counted right when
  the extracted time has the same date, hour and minute as written on the
  page (wall clock; no zone conversion);
- author: pages whose label is not UNKNOWN, counted right when the set of
  names is equal;
- source as author: pages where an extracted author is what the page
  labels as its 来源 (a publisher reported as a person);
- speed: median and total CPU seconds per page (this process's CPU time,
  so that other work on a shared machine does not count), decoding
  included; every tool is imported and warmed up before any is timed.

trafilatura and GNE run where installed (see requirements-bench.txt), on
the same decoded text.
"""

from __future__ import annotations

import argparse
import gc
import json
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from snapshots.extract import decode_html  # noqa: E402
from snapshots.items import ArticleItem  # noqa: E402
from snapshots.normalize import parse_published  # noqa: E402
from snapshots.page import SiteContext, article_item  # noqa: E402
from snapshots.store.commandline import project_settings  # noqa: E402

DEFAULT_DATASET = ROOT.parent / "shared" / "datasets" / "cwced"
_MINUTE = re.compile(r"(\d{4})\D{1,3}(\d{1,2})\D{1,3}(\d{1,2})\D{1,12}?(\d{1,2})[:：时](\d{1,2})")
_NAME_SPLIT = re.compile(r"[\s、，,;；/|]+")
_SOURCE_LABEL = re.compile(r"(?:来\s*源|稿\s*源|出\s*处)\s*[:：]\s*[\[【]?\s*([^\s\]】|｜丨:：]{2,30})")
_NOW = datetime.now(timezone.utc)
# What the crawl uses for a site without a profile: the project's settings.
SITE = SiteContext.from_settings(project_settings())


@dataclass
class Result:
    body: str = ""
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    error: str | None = None


@dataclass
class Page:
    name: str
    html: bytes
    body: str
    date: str
    author: str


def load(dataset: Path) -> list[Page]:
    pages = []
    for path in sorted((dataset / "original").glob("*.html")):
        def label(folder: str) -> str:
            file = dataset / folder / f"{path.stem}.txt"
            return file.read_bytes().decode("utf-8", "replace").strip() if file.exists() else ""

        pages.append(Page(path.stem, path.read_bytes(), label("cleaned"), label("date"),
                          label("author")))
    return pages


# --- tools --------------------------------------------------------------

def ours(html: bytes, url: str, now: datetime, site: SiteContext = SITE) -> ArticleItem:
    """The crawl's own entry point: what is measured is what is stored."""
    return article_item(html, url, now, site)


def run_ours(page: Page) -> Result:
    item = ours(page.html, f"http://example.invalid/{page.name}.html", _NOW)
    return Result("\n".join(item.body), item.published_at_raw, item.authors)


def run_trafilatura(page: Page) -> Result:
    import trafilatura

    text, _ = decode_html(page.html, None)
    doc = trafilatura.bare_extraction(
        text, with_metadata=True,
        date_extraction_params={"outputformat": "%Y-%m-%d %H:%M:%S", "extensive_search": True,
                                "original_date": True},
    )
    if doc is None:
        return Result()
    authors = [a for a in re.split(r";\s*", doc.author or "") if a]
    return Result(doc.text or "", doc.date, authors)


def run_gne(page: Page) -> Result:
    from gne import GeneralNewsExtractor

    text, _ = decode_html(page.html, None)
    try:
        doc = GeneralNewsExtractor().extract(text)
    except Exception as exc:  # GNE raises on pages it finds no body in
        return Result(error=str(exc))
    authors = [doc["author"]] if doc.get("author") else []
    return Result(doc.get("content") or "", doc.get("publish_time") or None, authors)


TOOLS: dict[str, Callable[[Page], Result]] = {
    "ours": run_ours, "trafilatura": run_trafilatura, "gne": run_gne,
}


def available(name: str) -> bool:
    if name == "ours":
        return True
    try:
        __import__(name)
    except ImportError:
        return False
    return True


# --- metrics ------------------------------------------------------------

def ngrams(text: str, n: int = 4) -> Counter:
    text = "".join(text.split())
    return Counter(text[i:i + n] for i in range(len(text) - n + 1))


def body_prf(predicted: str, gold: str) -> tuple[float, float, float]:
    p, g = ngrams(predicted), ngrams(gold)
    overlap = sum((p & g).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(g.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def minute(text: str | None) -> tuple[int, ...] | None:
    """(year, month, day, hour, minute) as written in ``text``, if it has a clock."""
    match = _MINUTE.search(text or "")
    if match:
        return tuple(int(x) for x in match.groups())
    if text and re.search(r"\d[:：]\d\d", text):
        # Other orders ("7/5/2005 9:23:57 PM"): read as written, no zone shift.
        value = parse_published(text, now=_NOW, tz="UTC")
        if value is not None:
            return value.year, value.month, value.day, value.hour, value.minute
    return None


def names(text: str | list[str]) -> frozenset[str]:
    if isinstance(text, list):
        text = " ".join(text)
    return frozenset(t.strip("()（）[]【】") for t in _NAME_SPLIT.split(text) if t.strip("()（）[]【】"))


def page_sources(page: Page) -> set[str]:
    from lxml import html as lxml_html

    text, _ = decode_html(page.html, None)
    try:
        doc = lxml_html.document_fromstring(re.sub(r"^\s*<\?xml[^>]*>", "", text))
    except Exception:
        return set()
    return {m.group(1) for m in _SOURCE_LABEL.finditer(doc.text_content())}


def evaluate(dataset: Path, tools: list[str]) -> dict:
    pages = load(dataset)
    sources = {page.name: page_sources(page) for page in pages}
    timed = [p for p in pages if minute(p.date)]
    authored = [p for p in pages if p.author != "UNKNOWN"]
    report: dict = {"dataset": str(dataset), "pages": len(pages), "timed": len(timed),
                    "authored": len(authored), "tools": {}}
    by_tool: dict[str, dict[str, Result]] = {name: {} for name in tools}
    for name in tools:  # imports and first-call set-up outside the timing
        TOOLS[name](pages[0])
    # Every tool's modules are loaded now: keep them out of the collector's
    # way, as the crawl does (gc.freeze), so that its passes over one tool's
    # objects are not timed against another.
    gc.collect()
    gc.freeze()
    # Each tool over all pages in turn, as a worker process runs one
    # extractor page after page.
    for name in tools:
        for page in pages:
            start = time.process_time()
            try:
                result = TOOLS[name](page)
            except Exception as exc:
                result = Result(error=f"{type(exc).__name__}: {exc}")
            result.seconds = time.process_time() - start
            by_tool[name][page.name] = result
    for name in tools:
        results = by_tool[name]
        prf = [body_prf(results[p.name].body, p.body) for p in pages]
        seconds = [r.seconds for r in results.values()]
        per_page = {
            p.name: {
                "f1": round(prf[i][2], 3), "time": results[p.name].published,
                "time_ok": minute(p.date) is not None and minute(results[p.name].published) == minute(p.date),
                "authors": results[p.name].authors,
                "author_ok": p.author != "UNKNOWN" and names(results[p.name].authors) == names(p.author),
                "error": results[p.name].error,
            }
            for i, p in enumerate(pages)
        }
        report["tools"][name] = {
            "precision": statistics.mean(x[0] for x in prf) if prf else 0.0,
            "recall": statistics.mean(x[1] for x in prf) if prf else 0.0,
            "f1": statistics.mean(x[2] for x in prf) if prf else 0.0,
            "time_ok": sum(per_page[p.name]["time_ok"] for p in timed),
            "author_ok": sum(per_page[p.name]["author_ok"] for p in authored),
            "source_as_author": sum(
                1 for p in pages if set(results[p.name].authors) & sources[p.name]
            ),
            "median_seconds": statistics.median(seconds) if seconds else 0.0,
            "total_seconds": sum(seconds),
            "pages": per_page,
        }
    return report


def table(report: dict) -> str:
    timed, authored = report["timed"], report["authored"]
    head = (f"{'tool':<12} {'body P':>7} {'body R':>7} {'body F1':>7} {'time':>7} "
            f"{'author':>7} {'src→au':>6} {'median s':>9} {'total s':>8}")
    rows = [f"{report['pages']} pages, {report['dataset']}", head, "-" * len(head)]
    for name, m in report["tools"].items():
        rows.append(
            f"{name:<12} {m['precision']:7.3f} {m['recall']:7.3f} {m['f1']:7.3f} "
            f"{m['time_ok']:>3}/{timed:<3} {m['author_ok']:>3}/{authored:<3} "
            f"{m['source_as_author']:>6} {m['median_seconds']:9.4f} {m['total_seconds']:8.2f}"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dataset", nargs="?", type=Path, default=DEFAULT_DATASET)
    parser.add_argument("--json", action="store_true", help="print the full report as JSON")
    parser.add_argument("--tools", default="ours,trafilatura,gne",
                        help="comma-separated: ours, trafilatura, gne (default: all installed)")
    parser.add_argument("--pages", action="store_true", help="also list per-page results")
    args = parser.parse_args(argv)
    if not (args.dataset / "original").is_dir():
        parser.error(f"{args.dataset} has no original/ folder")
    tools = [t for t in args.tools.split(",") if t in TOOLS and available(t)]
    report = evaluate(args.dataset, tools)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2, default=str))
        return 0
    print(table(report))
    if args.pages:
        for name, m in report["tools"].items():
            print(f"\n[{name}]")
            for page, r in m["pages"].items():
                print(f"  {page[:8]} f1={r['f1']:.3f} time={'ok' if r['time_ok'] else '--'} "
                      f"{r['time']!s:<22} author={'ok' if r['author_ok'] else '--'} {r['authors']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
