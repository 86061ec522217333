"""``python -m snapshots reextract [--since DATE] [--site NAME] [--dry-run]``

Re-runs the current extraction over the stored raw pages of every snapshot
an older extractor version read, in batches, in worker processes
(``WORKER_PROCESSES``), and updates the snapshots and articles whose fields
changed, keeping the previous values in their ``history``. Prints progress
on stderr and a table of what changed; a second run finds nothing to do.
Exits 1 when a page could not be re-extracted (it is left as it was).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, timezone

HELP = "re-extract stored pages with the current rules, updating what changed"


def _day(text: str) -> datetime:
    try:
        return datetime.combine(date.fromisoformat(text), datetime.min.time(), tzinfo=timezone.utc)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from snapshots.store.commandline import add_store_arguments

    parser.add_argument("--since", type=_day, metavar="DATE", help="only snapshots fetched on or after DATE")
    parser.add_argument("--site", metavar="NAME", help="only snapshots of this site")
    parser.add_argument("--dry-run", action="store_true", help="report what would change, write nothing")
    parser.add_argument("--all", action="store_true", dest="everything",
                        help="also snapshots the current extractor version read")
    parser.add_argument("--batch-size", type=int, default=50, help="snapshots read and written at a time")
    parser.add_argument("--workers", type=int, default=None,
                        help="worker processes (default: WORKER_PROCESSES; 0: in this process)")
    add_store_arguments(parser)


def _progress(report, total: int) -> None:
    share = f" ({report.seen * 100 // total}%)" if total else ""
    print(f"re-extracted {report.seen}/{total}{share}: {report.changed} changed", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    from snapshots.page import SiteContext
    from snapshots.processes import default_processes
    from snapshots.sites import ProfileError, load_profiles
    from snapshots.store.reextract import run_reextraction
    from snapshots.store.commandline import command_database

    with command_database(args) as (db, settings):
        try:
            profiles = load_profiles(settings.get("SITE_PROFILES_DIR"))
        except ProfileError as exc:
            print(exc, file=sys.stderr)
            return 2
        workers = args.workers
        if workers is None:
            setting = settings.get("WORKER_PROCESSES")
            workers = default_processes() if setting in (None, "") else int(setting)
        report = run_reextraction(
            db, workers=workers, worker_timeout=settings.getfloat("WORKER_TIMEOUT"),
            default_site=SiteContext.from_settings(settings),
            sites={name: SiteContext.from_settings(settings, profile) for name, profile in profiles.items()},
            since=args.since, site=args.site, everything=args.everything, dry_run=args.dry_run,
            batch_size=args.batch_size, progress=_progress)
    print(report.table())
    return 1 if report.failed else 0
