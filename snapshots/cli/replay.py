"""``python -m snapshots replay FILE``: write a spill file's items to MongoDB.

Idempotent: every write is an upsert or a unique-index-guarded insert, so
replaying a file twice, or a file whose items were partly stored, stores
each article and version once. Items MongoDB refuses are written to
FILE.refused.jsonl and make the command exit with 1.
"""

from __future__ import annotations

import sys
from collections import Counter

HELP = "write items from a spill file into MongoDB, idempotently"


def add_arguments(parser) -> None:
    from snapshots.store.commandline import add_store_arguments

    parser.add_argument("file", help="spill file (JSON lines) written by the store pipeline")
    add_store_arguments(parser)
    parser.add_argument("--batch-size", type=int, default=200)


def run(args) -> int:
    from snapshots.store.commandline import command_database
    from snapshots.store.spill import SpillFile, read
    from snapshots.store.writer import StoreWriter

    with command_database(args) as (db, settings):
        params = settings.getlist("TRACKING_QUERY_PARAMETERS")
        writer = StoreWriter(db, params) if params else StoreWriter(db)
        counts: Counter = Counter()
        refused = SpillFile(f"{args.file}.refused.jsonl")
        batch: list[dict] = []

        def flush() -> None:
            result = writer.write(batch)
            counts.update(result.counts)
            counts["refused"] += refused.append([item for item, _ in result.failed])
            for _, message in result.failed[:3]:
                print(f"refused: {message}", file=sys.stderr)
            batch.clear()

        try:
            for _, item in read(args.file):
                counts["items"] += 1
                batch.append(item)
                if len(batch) >= max(1, args.batch_size):
                    flush()
            if batch:
                flush()
        except (OSError, ValueError) as exc:
            print(f"cannot read {args.file}: {exc}", file=sys.stderr)
            return 2
        finally:
            writer.close()
    print(f"{args.file}: {counts['items']} items: {counts['articles/new']} new articles, "
          f"{counts['versions/new']} new versions, {counts['unchanged']} already stored, "
          f"{counts['refused']} refused")
    return 1 if counts["refused"] else 0
