"""``scrapy check``: with no spider named, the spiders that run without
arguments.

``category`` needs ``-a category=SLUG`` and cannot start without it, so
Scrapy's own command would print "OK" for the others and exit 1. Its
callbacks are those of ``tech``, which is checked.
"""

from __future__ import annotations

import sys

from scrapy.commands.check import Command as ScrapyCheckCommand


class Command(ScrapyCheckCommand):
    def process_options(self, args, opts) -> None:
        super().process_options(args, opts)
        # A contract run fetches a page per callback: the end-of-crawl
        # monitors would fail it and write their report file.
        self.settings.set("SPIDERMON_ENABLED", False, priority="cmdline")

    def run(self, args, opts) -> None:
        if not args and not opts.spargs:
            loader = self.crawler_process.spider_loader
            args = [name for name in loader.list()
                    if getattr(loader.load(name), "category", "") is not None]
            skipped = sorted(set(loader.list()) - set(args))
            if skipped:
                print(f"Not checked without -a category=SLUG: {', '.join(skipped)}", file=sys.stderr)
        super().run(args, opts)
