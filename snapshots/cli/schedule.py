"""``python -m snapshots schedule``: run a spider on scrapyd at fixed times.

A tick is skipped while the spider's last job is pending or running on that
scrapyd; see :mod:`snapshots.scheduling`.
"""

from __future__ import annotations

import argparse
import logging
import os
from zoneinfo import ZoneInfoNotFoundError

from snapshots import scheduling

HELP = "run a spider on scrapyd at fixed intervals, never overlapping"


def add_arguments(parser) -> None:
    parser.add_argument("--scrapyd", required=True, metavar="URL",
                        help="scrapyd URL, e.g. http://127.0.0.1:6800 (credentials: "
                             "SCRAPYD_USERNAME/SCRAPYD_PASSWORD, else ~/.netrc)")
    parser.add_argument("--spider", required=True)
    parser.add_argument("--project", default="snapshots")
    when = parser.add_mutually_exclusive_group(required=True)
    when.add_argument("--every", metavar="DURATION", type=_duration,
                      help="interval such as 30m, 1h30m or 45s; the first tick is immediate")
    when.add_argument("--cron", metavar="EXPR", help='crontab expression, e.g. "*/30 * * * *"')
    parser.add_argument("--timezone", help="zone of --cron times (default: the local zone)")
    parser.add_argument("-d", dest="args", metavar="NAME=VALUE", action="append", default=[],
                        type=_pair, help="spider argument (repeatable); -d setting=NAME=VALUE "
                                         "is the same as --setting NAME=VALUE")
    parser.add_argument("--setting", dest="settings", metavar="NAME=VALUE", action="append",
                        default=[], type=_pair, help="Scrapy setting for the job (repeatable)")
    parser.add_argument("--max-ticks", type=int, metavar="N",
                        help="stop after N ticks, skipped ones included")


def run(args) -> int:
    logging.basicConfig(level=logging.INFO,
                        format="%(asctime)s [%(name)s] %(levelname)s: %(message)s")
    # One "Running job ..." line per tick from APScheduler says nothing ours don't.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    log = logging.getLogger("snapshots.schedule")

    spider_args, settings = {}, dict(args.settings)
    for name, value in args.args:
        if name == "setting":
            settings.update([_pair(value)])
        else:
            spider_args[name] = value
    target = scheduling.ScheduledSpider(args.project, args.spider, spider_args, settings)
    # Without these, requests reads ~/.netrc, as scrapyd-client does.
    username = os.environ.get("SCRAPYD_USERNAME")
    auth = (username, os.environ.get("SCRAPYD_PASSWORD", "")) if username else None
    scrapyd = scheduling.Scrapyd(args.scrapyd, auth=auth)
    try:
        trigger = scheduling.make_trigger(every=args.every, cron=args.cron,
                                          timezone=args.timezone)
        # A wrong project or spider name is a mistake to report now, not at
        # every tick.
        if args.spider not in scrapyd.spiders(args.project):
            log.error("No spider %r in project %r on %s (deployed?)",
                      args.spider, args.project, args.scrapyd)
            return 1
    except ZoneInfoNotFoundError:
        log.error("Unknown time zone: %s", args.timezone)
        return 1
    except (ValueError, scheduling.ScrapydError) as e:
        log.error("%s", e)
        return 1
    ticker = scheduling.run(scrapyd, target, trigger, max_ticks=args.max_ticks)
    log.info("Stopped after %d tick(s): %d job(s) scheduled, %d failed tick(s)",
             ticker.ticks, len(ticker.scheduled), ticker.failures)
    return 1 if ticker.failures else 0


def _pair(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name, value


def _duration(text: str) -> str:
    try:
        scheduling.parse_duration(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None
    return text
