"""Spidermon monitors run at the end of every crawl.

Each reads the numbers of :func:`snapshots.stats.accounting` (the same the
closing summary, the ``runs`` document and ``report`` show) and compares
them with a threshold setting (``MONITOR_*`` in ``snapshots/settings.py``).
A failed monitor fails the run: ``scrapy crawl`` exits non-zero, the
``runs`` document says ``failed`` and lists it, and a line is appended to
``MONITOR_REPORT_FILE``. ``MONITOR_FAILED_ACTIONS`` adds Spidermon's own
notification actions (e-mail, Slack, Telegram, Sentry ...); none by default.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, timezone
from pathlib import Path

from scrapy.utils.misc import load_object
from spidermon import Monitor, MonitorSuite, monitors
from spidermon import settings as spidermon_settings
from spidermon.contrib.scrapy.extensions import Spidermon
from spidermon.contrib.scrapy.runners import SpiderMonitorResult, SpiderMonitorRunner
from spidermon.core.actions import Action

from snapshots import stats as S
from snapshots.jobs import job_id

logger = logging.getLogger(__name__)


class _CrawlMonitor(Monitor):
    longMessage = False  # our messages only, not unittest's "x not less than y"

    def setUp(self):
        # Ctrl-C, or scrapyd's cancel: a run stopped by hand is not judged.
        reason = self.data.stats.get("finish_reason")
        if reason == "shutdown":
            self.skipTest("stopped by hand")
        if reason in self.data.crawler.settings.getlist("FAILED_FINISH_REASONS"):
            self.skipTest(f"failed before it crawled ({reason})")

    @property
    def numbers(self) -> dict:
        return S.accounting(self.data.stats)

    def setting(self, name: str) -> float:
        return self.data.crawler.settings.getfloat(name)


@monitors.name("min_articles")
class MinArticlesMonitor(_CrawlMonitor):
    """At least MONITOR_MIN_ARTICLES articles stored, counting those skipped
    as stored recently (an incremental run that finds nothing new passes)."""

    @monitors.name("stored")
    def test_min_articles(self):
        n = self.numbers
        stored = sum(n["stored"].values()) + n["spilled"] + n["skipped"].get("known", 0)
        if n["scraped"] is not None:
            stored += n["scraped"]
        minimum = self.setting("MONITOR_MIN_ARTICLES")
        self.assertGreaterEqual(stored, minimum,
                                f"{stored} articles stored or known, fewer than {minimum:g}")


@monitors.name("error_drop_ratio")
class ErrorDropRatioMonitor(_CrawlMonitor):
    """Errors and drops, as shares of the pages seen, under their limits."""

    @monitors.name("errors")
    def test_error_ratio(self):
        n = self.numbers
        ratio = n["errors"] / max(n["seen"], 1)
        limit = self.setting("MONITOR_MAX_ERROR_RATIO")
        self.assertLessEqual(ratio, limit, f"{n['errors']} errors in {n['seen']} pages "
                                           f"({ratio:.1%}), more than {limit:.1%}")

    @monitors.name("drops")
    def test_drop_ratio(self):
        n = self.numbers
        ratio = n["dropped_total"] / max(n["seen"], 1)
        limit = self.setting("MONITOR_MAX_DROP_RATIO")
        self.assertLessEqual(ratio, limit, f"{n['dropped_total']} dropped of {n['seen']} pages "
                                           f"({ratio:.1%}), more than {limit:.1%}: "
                                           f"{S.format_counts(n['dropped'])}")


@monitors.name("field_coverage")
class FieldCoverageMonitor(_CrawlMonitor):
    """Shares of stored articles with each field of MONITOR_MIN_FIELD_COVERAGE."""

    @monitors.name("fields")
    def test_field_coverage(self):
        items = self.data.stats.get(S.ITEMS_SCRAPED, 0)
        if not items:
            self.skipTest("no article stored")
        low = []
        for name, minimum in self.data.crawler.settings.getdict("MONITOR_MIN_FIELD_COVERAGE").items():
            share = self.data.stats.get(S.COVERAGE + name, 0) / items
            if share < float(minimum):
                low.append(f"{name} {share:.1%} < {float(minimum):.0%}")
        self.assertFalse(low, f"field coverage of {items} articles: " + ", ".join(low))


@monitors.name("start_urls")
class StartUrlsMonitor(_CrawlMonitor):
    """No more than MONITOR_MAX_UNREACHABLE_START_URLS listing start URLs
    failed (an error, or an HTTP status of 400 or more)."""

    @monitors.name("reachable")
    def test_start_urls(self):
        failed = self.data.stats.get(S.START_URLS_FAILED, 0)
        started = self.data.stats.get(S.START_URLS_REQUESTED, 0)
        limit = self.setting("MONITOR_MAX_UNREACHABLE_START_URLS")
        self.assertLessEqual(failed, limit, f"{failed} of {started} start URLs unreachable")


@monitors.name("store")
class StoreWritesMonitor(_CrawlMonitor):
    """Every item that reached the store was stored or spilled, and no more
    than MONITOR_MAX_SPILLED were spilled (they wait for ``replay``)."""

    @monitors.name("writes")
    def test_store_writes(self):
        stats = self.data.stats
        if S.STORE_ITEMS not in stats:
            self.skipTest("no store pipeline")
        n = self.numbers
        self.assertFalse(stats.get(S.STORE + "unavailable"), "MongoDB was unavailable")
        written = sum(n["stored"].values()) + n["spilled"]
        items = stats.get(S.STORE_ITEMS, 0)
        self.assertEqual(written, items, f"{items} items reached the store, "
                                         f"{written} were stored or spilled")
        limit = self.setting("MONITOR_MAX_SPILLED")
        self.assertLessEqual(n["spilled"], limit, f"{n['spilled']} items spilled to the spill "
                                                  "file (run `python -m snapshots replay`)")


@monitors.name("accounting")
class AccountingMonitor(_CrawlMonitor):
    """Every page seen is accounted for exactly once."""

    @monitors.name("identity")
    def test_accounting(self):
        n = self.numbers
        self.assertEqual(n["unaccounted"], 0, f"{n['seen']} pages seen, {n['accounted']} "
                                              "accounted for")


class RecordMonitors(Action):
    """Records the monitors' outcome in the crawl stats (so in the closing
    summary, the stats file and the ``runs`` document), fails the run when
    one failed, and appends the failures to ``MONITOR_REPORT_FILE``."""

    def run_action(self):
        crawler = self.data.crawler
        stats = crawler.stats
        failed = {r.item.name: failure_message(r) for r in self.result.monitors_failed_results}
        results = self.result.monitors_passed_results
        skipped = sum(1 for r in results if r.status == spidermon_settings.MONITOR.STATUS.SKIPPED)
        stats.set_value(S.MONITORS_PASSED, len(results) - skipped)
        stats.set_value(S.MONITORS_SKIPPED, skipped)
        stats.set_value(S.MONITORS_FAILED, len(failed))
        if not failed:
            return
        for name, message in failed.items():
            stats.set_value(f"{S.MONITORS_FAILED}/{name}", message)
        S.fail_run(stats, "monitors")
        path = crawler.settings.get("MONITOR_REPORT_FILE")
        if path:
            line = {"at": datetime.now(timezone.utc).isoformat(), "spider": crawler.spider.name,
                    "job": job_id(crawler.spider), "failed": failed,
                    "accounting": S.accounting(stats.get_stats())}
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            with open(path, "a", encoding="utf-8") as out:
                out.write(json.dumps(line, ensure_ascii=False, default=str) + "\n")
            logger.info("Monitor report appended to %s", path)


def failure_message(result) -> str:
    """A failed monitor's assertion message (its last line for an error)."""
    if result.reason:
        return str(result.reason)
    lines = (result.error or "").strip().splitlines()
    return lines[-1] if lines else "failed"


class CrawlMonitors(MonitorSuite):
    """The monitors of every crawl, with the notification actions of
    ``MONITOR_FAILED_ACTIONS``."""

    monitors = [MinArticlesMonitor, ErrorDropRatioMonitor, FieldCoverageMonitor,
                StartUrlsMonitor, StoreWritesMonitor, AccountingMonitor]
    monitors_finished_actions = [RecordMonitors]

    def __init__(self, *args, crawler=None, **kwargs):
        extra = [load_object(path) for path in _paths(crawler.settings, "MONITOR_FAILED_ACTIONS")
                 ] if crawler is not None else []
        kwargs["monitors_failed_actions"] = list(kwargs.get("monitors_failed_actions") or []) + extra
        super().__init__(*args, crawler=crawler, **kwargs)


def _paths(settings, name: str) -> list[str]:
    """A list setting, also given as a JSON list (``-s NAME='["a.B"]'``)."""
    value = settings.get(name)
    if isinstance(value, str) and value.lstrip().startswith("["):
        return [str(v) for v in json.loads(value)]
    return settings.getlist(name)


class _QuietResult(SpiderMonitorResult):
    # Spidermon writes a dozen INFO lines per run; the closing summary says
    # how many passed. Failures still come at ERROR, with their messages.
    def log_info(self, msg):
        self.log(msg, level=logging.DEBUG)

    def log(self, msg, level=logging.DEBUG):
        # Spidermon calls Spider.log(), deprecated since Scrapy 2.13.
        self.spider.logger.log(level, "[Spidermon] %s", msg)

    def write_errors(self):
        # One line per failure instead of a framed traceback.
        for status in self.step.error_statuses:
            for result in self.step.items_for_status(status):
                self.log_error(f"{result.name.capitalize()} {result.item.name} failed: "
                               f"{failure_message(result)}")


class _QuietRunner(SpiderMonitorRunner):
    def create_result(self):
        return _QuietResult(self.spider)


class MonitorsExtension(Spidermon):
    """Spidermon's extension, with its per-monitor lines at DEBUG."""

    def _run_suites(self, spider, suites):
        data = self._generate_data_for_spider(spider)
        for suite in suites:
            _QuietRunner(spider=spider).run(suite, **data)
