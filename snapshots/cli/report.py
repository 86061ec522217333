"""``python -m snapshots report``: what is stored, per site, per day, per source."""

from __future__ import annotations

import unicodedata

HELP = "print a summary of what is stored"


def add_arguments(parser) -> None:
    from snapshots.store.commandline import add_store_arguments

    add_store_arguments(parser)
    parser.add_argument("--days", type=int, default=14, help="days shown in the per-day table")
    parser.add_argument("--top", type=int, default=20, help="sources shown")


def table(title: str, header: list[str], rows: list[list]) -> str:
    cells = [header] + [["" if v is None else str(v) for v in row] for row in rows]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(header))]
    lines = [title]
    for n, row in enumerate(cells):
        lines.append("  ".join(_pad(v, w, i) for i, (v, w) in enumerate(zip(row, widths))).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    if not rows:
        lines.append("(none)")
    return "\n".join(lines)


def _width(text: str) -> int:
    """Terminal columns of ``text``, as wcwidth counts them: wide and
    full-width characters (汉字, ，（）) take two, combining marks and
    zero-width characters none."""
    return sum(0 if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf")
               else 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def _pad(text: str, width: int, column: int) -> str:
    fill = " " * (width - _width(text))
    return text + fill if column == 0 else fill + text


def build(db, days: int = 14, top: int = 20) -> str:
    from snapshots.store import summary
    from snapshots.store.schema import ARTICLES, SNAPSHOTS

    totals = summary(db)
    per_site = {d["_id"]: d for d in db[ARTICLES].aggregate([
        {"$group": {"_id": "$site", "articles": {"$sum": 1}, "versions": {"$sum": "$versions"},
                    "last_seen": {"$max": "$last_seen"}}}, {"$sort": {"_id": 1}}])}
    per_day = list(db[SNAPSHOTS].aggregate([
        {"$group": {"_id": {"$dateToString": {"format": "%Y-%m-%d", "date": "$fetched_at"}},
                    "snapshots": {"$sum": 1}, "articles": {"$addToSet": "$key"}}},
        {"$project": {"snapshots": 1, "articles": {"$size": "$articles"}}},
        {"$sort": {"_id": -1}}, {"$limit": days}]))
    per_source = list(db[ARTICLES].aggregate([
        {"$group": {"_id": "$source", "articles": {"$sum": 1}, "sites": {"$addToSet": "$site"}}},
        {"$sort": {"articles": -1, "_id": 1}}, {"$limit": top}]))
    head = (f"{totals['articles']} articles, {totals['snapshots']} snapshots, "
            f"{totals['clusters']} clusters of republished stories, {totals['runs']} runs")
    latest = totals["latest_run"]
    if latest:
        stored = latest.get("stored") or {}
        head += (f"\nlatest run: {latest['spider']} started {latest['started_at']:%Y-%m-%d %H:%M} UTC, "
                 f"{latest.get('status') or 'running'} ({latest['reason'] or 'running'}), "
                 + (f"{stored.get('new', 0)} new, {stored.get('version', 0)} new versions, "
                    f"{stored.get('unchanged', 0)} unchanged, " if stored else "")
                 + f"{latest['dropped']} dropped, {latest['skipped']} skipped, {latest['errors']} errors")
    return "\n\n".join([
        head,
        table("per site", ["site", "articles", "versions", "last seen (UTC)"],
              [[s, d["articles"], d["versions"], f"{d['last_seen']:%Y-%m-%d %H:%M}"]
               for s, d in per_site.items()]),
        table(f"per day (snapshot time, last {days} days with data)", ["day", "snapshots", "articles"],
              [[d["_id"], d["snapshots"], d["articles"]] for d in per_day]),
        table(f"per source (top {top})", ["source", "articles", "sites"],
              [[d["_id"] or "(none)", d["articles"], ", ".join(sorted(d["sites"]))] for d in per_source]),
    ])


def run(args) -> int:
    from snapshots.store.commandline import command_database

    with command_database(args) as (db, _):
        print(build(db, args.days, args.top))
    return 0
