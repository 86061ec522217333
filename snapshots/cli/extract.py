"""``python -m snapshots extract [--url URL] [--timezone TZ] FILE...``

Runs the extractor and the normalizers the pipeline applies on saved pages
and prints one JSON object per file and line. A file that cannot be read or
is not HTML gives ``{"file": ..., "error": ...}``; the others still run, and
the exit status says whether any failed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import datetime, timezone
from pathlib import Path

HELP = "extract one or more saved pages to JSON lines"

# Any of these tags: the file is markup, whatever its extension.
_MARKUP = re.compile(rb"<(?:html|head|body|title|p|div|article|table|meta)[\s>/]", re.I)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="saved HTML page(s)")
    parser.add_argument("--url", help="the URL the page(s) came from (default: file:// URL)")
    parser.add_argument("--timezone", default=None,
                        help="zone for page times without an offset (default: DEFAULT_TIMEZONE)")


def _default_timezone() -> str:
    from snapshots import settings

    return getattr(settings, "DEFAULT_TIMEZONE", "Asia/Shanghai")


def extract_file(path: Path, *, url: str | None, tz: str, now: datetime) -> dict:
    from snapshots.extract import extract_article
    from snapshots.normalize import normalize_fields

    data = path.read_bytes()
    if not data.strip():
        raise ValueError("empty file")
    if not _MARKUP.search(data[:200_000]):
        raise ValueError("not an HTML document")
    page_url = url or path.resolve().as_uri()
    extracted = extract_article(data, page_url)
    fields = normalize_fields(
        title=extracted.title, published_at_raw=extracted.published_at_raw,
        source=extracted.source, authors=extracted.authors, editor=extracted.editor,
        page_category=extracted.page_category, body=extracted.body, now=now, tz=tz,
        site_names=tuple(extracted.site_names), published_not_after=extracted.published_not_after,
    )
    published = fields.published_at
    return {
        "file": str(path),
        "url": page_url,
        "title": fields.title,
        "published_at": published.isoformat() if published else None,
        "published_at_raw": extracted.published_at_raw,
        "source": fields.source,
        "authors": fields.authors,
        "editor": fields.editor,
        "category": fields.page_category,
        "body": "\n".join(fields.body),
        "related": extracted.related,
    }


def run(args: argparse.Namespace) -> int:
    tz = args.timezone or _default_timezone()
    try:
        from zoneinfo import ZoneInfo

        ZoneInfo(tz)
    except Exception:
        print(f"unknown time zone: {tz}", file=sys.stderr)
        return 2
    now = datetime.now(timezone.utc)
    failed = 0
    for name in args.files:
        path = Path(name)
        try:
            record = extract_file(path, url=args.url, tz=tz, now=now)
        except (OSError, ValueError) as exc:
            failed += 1
            record = {"file": name, "error": f"{type(exc).__name__}: {exc}" if isinstance(exc, OSError)
                      else str(exc)}
        print(json.dumps(record, ensure_ascii=False), flush=True)
    return 1 if failed else 0
