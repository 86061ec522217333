"""``python -m snapshots COMMAND``: the project's command-line tools.

Each command is a module in :mod:`snapshots.cli` with ``HELP``,
``add_arguments(parser)`` and ``run(args) -> int``; modules are imported only
when their command runs, so one command's dependencies never slow another.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

COMMANDS = {
    "extract": "extract one or more saved pages to JSON lines",
    "links": "show the article links, next page and runner-up groups the generic rules find on a listing",
    "demo": "serve the bundled demo news site on 127.0.0.1",
    "localdb": "run the local MongoDB-protocol server for development",
    "demo-crawl": "serve the demo site and local server, crawl, print a summary",
    "replay": "write items from a spill file into MongoDB, idempotently",
    "reextract": "re-extract stored pages with the current rules, updating what changed",
    "report": "print a summary of what is stored",
    "export": "write stored articles as jsonl, csv or parquet",
    "schedule": "run a spider on scrapyd at fixed intervals, never overlapping",
    "deploy": "build and upload the egg to scrapyd, failing on an error answer",
    "web": "serve the read-only snapshot viewer on 127.0.0.1",
}


def _module(name: str):
    return importlib.import_module(f"snapshots.cli.{name.replace('-', '_')}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m snapshots")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    wanted = (argv if argv is not None else sys.argv[1:])[:1]
    for name, help_text in COMMANDS.items():
        cmd = sub.add_parser(name, help=help_text, description=help_text)
        if wanted == [name]:
            _module(name).add_arguments(cmd)
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    try:
        return int(_module(args.command).run(args) or 0)
    except BrokenPipeError:
        # The reader went away (``export | head``): stop quietly. Python
        # would otherwise print a traceback flushing stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
