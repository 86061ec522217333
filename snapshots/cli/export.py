"""``python -m snapshots export``: stored articles as jsonl, csv or parquet.

One row per article (its latest snapshot), seen since ``--since``. Lists
(authors, body paragraphs) stay lists in jsonl and parquet; csv joins them
("; " and newlines).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from datetime import datetime, timedelta, timezone

HELP = "write stored articles as jsonl, csv or parquet"

COLUMNS = ["key", "url", "site", "category", "title", "published_at", "source", "authors",
           "editor", "page_category", "language", "body", "content_hash", "versions",
           "first_seen", "last_seen", "latest_at", "cluster"]


def add_arguments(parser) -> None:
    from snapshots.store.commandline import add_store_arguments

    add_store_arguments(parser)
    parser.add_argument("--since", required=True, type=since,
                        help="articles last seen on or after this date: YYYY-MM-DD (UTC), an ISO "
                             "time, today, yesterday, or a number of days such as 7d")
    parser.add_argument("--format", choices=["jsonl", "csv", "parquet"], default="jsonl")
    parser.add_argument("--out", help="output file; default: standard output (not for parquet)")


def since(text: str, now: datetime | None = None) -> datetime:
    """``--since``: a date or time (UTC unless it has an offset), ``today``,
    ``yesterday`` (UTC midnights), or ``7d`` (seven days before now)."""
    now = now or datetime.now(timezone.utc)
    word = text.strip().lower()
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    if word in ("today", "yesterday"):
        return midnight - timedelta(days=1 if word == "yesterday" else 0)
    days = re.fullmatch(r"(\d+)\s*d(ays?)?", word)
    if days:
        return now - timedelta(days=int(days.group(1)))
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date: use YYYY-MM-DD, an ISO time, today, yesterday or 7d") from None
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def rows(db, since: datetime):
    from snapshots.store.schema import ARTICLES

    projection = {name: 1 for name in COLUMNS} | {"_id": 0}
    for doc in db[ARTICLES].find({"last_seen": {"$gte": since}}, projection).sort("last_seen", 1):
        yield {name: doc.get(name) for name in COLUMNS}


def _iso(value):
    return value.isoformat() if isinstance(value, datetime) else value


def write_jsonl(records, out) -> int:
    n = 0
    for n, row in enumerate(records, 1):
        out.write(json.dumps({k: _iso(v) for k, v in row.items()}, ensure_ascii=False) + "\n")
    return n


def write_csv(records, out) -> int:
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    n = 0
    for n, row in enumerate(records, 1):
        row = {k: _iso(v) for k, v in row.items()}
        row["authors"] = "; ".join(row["authors"] or ())
        row["body"] = "\n".join(row["body"] or ())
        writer.writerow(row)
    return n


def write_parquet(records, path: str) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise SystemExit("parquet export needs pyarrow: pip install -r requirements-dev.txt "
                         "(or pip install pyarrow)") from None
    ts = pa.timestamp("ms", tz="UTC")
    schema = pa.schema([
        ("key", pa.string()), ("url", pa.string()), ("site", pa.string()), ("category", pa.string()),
        ("title", pa.string()), ("published_at", ts), ("source", pa.string()),
        ("authors", pa.list_(pa.string())), ("editor", pa.string()), ("page_category", pa.string()),
        ("language", pa.string()), ("body", pa.list_(pa.string())), ("content_hash", pa.string()),
        ("versions", pa.int64()), ("first_seen", ts), ("last_seen", ts), ("latest_at", ts),
        ("cluster", pa.string()),
    ])
    table = pa.Table.from_pylist(list(records), schema=schema)
    pq.write_table(table, path)
    return table.num_rows


def run(args) -> int:
    from snapshots.store.commandline import command_database

    if args.format == "parquet" and not args.out:
        print("parquet export needs --out FILE", file=sys.stderr)
        return 2
    with command_database(args) as (db, _):
        records = rows(db, args.since)
        if args.format == "parquet":
            count = write_parquet(records, args.out)
        else:
            write = write_jsonl if args.format == "jsonl" else write_csv
            if args.out:
                with open(args.out, "w", encoding="utf-8", newline="") as out:
                    count = write(records, out)
            else:
                count = write(records, sys.stdout)
    print(f"exported {count} articles", file=sys.stderr)
    return 0
