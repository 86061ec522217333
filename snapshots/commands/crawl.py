"""``scrapy crawl``, with the project's start-up check and exit code.

- A crawl whose items cannot be stored does not start: instead of a wall of
  tracebacks it logs one line naming the URI (password masked) and how to
  start the local server, and exits 1. The line goes through logging, so
  under scrapyd it is in the job's own log.
- A spider that cannot start (an unknown category, a bad argument) is one
  line and exit 1.
- A run that failed (:func:`snapshots.stats.fail_run`: a failed monitor, no
  start URL reachable, the store unavailable) exits 1 too; Scrapy's own
  command exits 0 whatever happened.
"""

from __future__ import annotations

import logging
import sys

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError

from snapshots.logformatter import quiet_network_tracebacks
from snapshots.sites import ProfileError
from snapshots.stats import failures

logger = logging.getLogger(__name__)

def _not_overridden_settings(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith("Overridden settings")


class Command(ScrapyCrawlCommand):
    def run(self, args, opts) -> None:
        if len(args) != 1:
            raise UsageError
        settings = self.settings
        quiet_network_tracebacks()
        if settings.get("LOG_LEVEL") != "DEBUG":
            # "Enabled extensions/middlewares/pipelines/addons: [...]" and
            # "Overridden settings: {...}", 70 lines: at DEBUG only.
            for name in ("scrapy.middleware", "scrapy.addons"):
                logging.getLogger(name).setLevel(logging.WARNING)
            logging.getLogger("scrapy.crawler").addFilter(_not_overridden_settings)
        if settings.getbool("STORE_ENABLED"):
            from snapshots.store.connection import StoreUnavailable, ping

            try:
                ping(settings.get("MONGO_URI"), settings.getfloat("MONGO_CONNECT_TIMEOUT"))
            except StoreUnavailable as exc:
                self._fail(str(exc))
                return
        crawler = self._create_crawler(args[0])
        started = self.crawler_process.crawl(crawler, **opts.spargs)
        if hasattr(started, "addErrback"):  # a Deferred (Twisted's reactor)
            started.addErrback(lambda failure: self._not_started(failure.value) or None)
        else:  # an asyncio task
            started.add_done_callback(
                lambda task: task.cancelled() or task.exception() is None
                or self._not_started(task.exception()))
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
        elif crawler.stats is not None and failures(crawler.stats.get_stats()):
            self.exitcode = 1

    def _not_started(self, exc: BaseException) -> None:
        # A spider that refuses its arguments: one line, not a traceback.
        if isinstance(exc, (ProfileError, ValueError)):
            self._fail(str(exc))
        else:
            logger.error("The crawl could not start: %r", exc, exc_info=exc)
            self.exitcode = 1

    def _fail(self, message: str) -> None:
        logger.error("%s", message)
        if self.settings.get("LOG_FILE"):
            # The operator's terminal, when the log goes to a file.
            print(f"ERROR: {message}", file=sys.stderr)
        self.exitcode = 1
