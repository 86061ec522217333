"""``python -m snapshots extract [--url URL] [--now TIME] [--site NAME] FILE...``

Runs the crawl's own extraction entry point (:func:`snapshots.page.article_item`:
extraction, normalization, item assembly) on saved pages and prints one JSON
object per file and line. ``--now`` is the snapshot time relative page times
(``3小时前``) are read against; by default each file's modification time, so
re-extracting an old page never uses today's clock. ``--site`` applies a site
profile (its name, time zone and selectors) as the crawl does. A file that
cannot be read or is not HTML gives ``{"file": ..., "error": ...}``; the
others still run, and the exit status says whether any failed.
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
    parser.add_argument("--now", type=_snapshot_time, default=None,
                        help="snapshot time, ISO 8601 (naive: UTC); default: the file's mtime")
    parser.add_argument("--site", default=None,
                        help="site profile to apply (name, time zone, selectors)")
    parser.add_argument("--category", default="", help="category slug recorded on the item")
    parser.add_argument("--timezone", default=None,
                        help="zone for page times without an offset "
                             "(default: the profile's, else DEFAULT_TIMEZONE)")


def _snapshot_time(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def record(item, file: str | None = None) -> dict:
    """What the command prints of an item (also used to compare it with
    what a crawl stored)."""
    published = item.published_at
    return {
        **({"file": file} if file is not None else {}),
        "url": item.url,
        "title": item.title,
        "published_at": published.isoformat() if published else None,
        "published_at_raw": item.published_at_raw,
        "source": item.source,
        "authors": item.authors,
        "editor": item.editor,
        "category": item.page_category,
        "body": "\n".join(item.body),
        "related": item.related,
    }


def extract_file(path: Path, *, url: str | None, site, now: datetime | None) -> dict:
    from snapshots.page import article_item

    data = path.read_bytes()
    if not data.strip():
        raise ValueError("empty file")
    if not _MARKUP.search(data[:200_000]):
        raise ValueError("not an HTML document")
    fetched_at = now or datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
    item = article_item(data, url or path.resolve().as_uri(), fetched_at, site)
    return record(item, str(path))


def site_context(args: argparse.Namespace):
    """The entry point's site context for the command's options, from the
    project settings and the named profile."""
    from dataclasses import replace
    from zoneinfo import ZoneInfo

    from snapshots.page import SiteContext
    from snapshots.sites import ProfileError, load_profiles
    from snapshots.store.commandline import project_settings

    settings = project_settings()
    profile = None
    if args.site:
        profiles = load_profiles(settings.get("SITE_PROFILES_DIR"))
        if args.site not in profiles:
            raise ProfileError(f"unknown site profile '{args.site}' (known: {', '.join(sorted(profiles))})")
        profile = profiles[args.site]
    context = SiteContext.from_settings(settings, profile, args.category)
    if args.timezone:
        context = replace(context, timezone=args.timezone)
    try:
        ZoneInfo(context.timezone)
    except Exception:
        raise ValueError(f"unknown time zone: {context.timezone}") from None
    return context


def run(args: argparse.Namespace) -> int:
    try:
        site = site_context(args)
    except ValueError as exc:  # ProfileError too
        print(exc, file=sys.stderr)
        return 2
    failed = 0
    for name in args.files:
        path = Path(name)
        try:
            line = extract_file(path, url=args.url, site=site, now=args.now)
        except (OSError, ValueError) as exc:
            failed += 1
            line = {"file": name, "error": f"{type(exc).__name__}: {exc}" if isinstance(exc, OSError)
                    else str(exc)}
        print(json.dumps(line, ensure_ascii=False), flush=True)
    return 1 if failed else 0
