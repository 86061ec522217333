"""The accounting helpers of snapshots.stats, one function at a time."""

from __future__ import annotations

import logging

from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from snapshots import stats as S


def collector() -> MemoryStatsCollector:
    return MemoryStatsCollector(get_crawler())


def test_drops_and_skips_keep_their_totals():
    stats = collector()
    S.count_drop(stats, "http_404")
    S.count_drop(stats, "short_body", 2)
    S.count_drop(stats, "no_title", 0)
    S.count_skip(stats, "known", 3)
    S.count_skip(stats, "duplicate_request")
    values = stats.get_stats()
    assert values[S.DROPPED_TOTAL] == 3 and values[S.SKIPPED_TOTAL] == 4
    assert "snapshots/dropped/no_title" not in values
    # Link decisions are pages seen without a request; the others are not.
    assert values[S.UNREQUESTED] == 3


def test_reasons_of_a_family_and_unknown_reasons():
    assert S.drop_reason("http_503").name == "http_"
    assert S.drop_reason("callback_error/KeyError").level == logging.ERROR
    unknown = S.drop_reason("some_new_reason")  # a reason a component counts unregistered
    assert unknown.level == logging.INFO and not unknown.unrequested


def test_a_drop_with_its_page_is_logged_once_at_its_level(caplog):
    stats = collector()
    with caplog.at_level(logging.DEBUG, logger="snapshots.dropped"):
        S.count_drop(stats, "duplicate_url", url="http://a/m/1", detail="canonical http://a/1")
        S.count_drop(stats, "extract_timeout", url="http://a/2")
        S.count_drop(stats, "callback_error/KeyError", url="http://a/3")  # its middleware logs it
        S.count_drop(stats, "not_html")  # no page named: counted only
    assert [(r.levelno, r.getMessage()) for r in caplog.records] == [
        (logging.DEBUG, "Dropped http://a/m/1 (duplicate_url): canonical http://a/1"),
        (logging.WARNING, "Dropped http://a/2 (extract_timeout)"),
    ]


def test_accounting_identity_and_its_gap():
    stats = {S.YIELDED: 10, S.UNREQUESTED: 2, S.LISTING_PAGES: 2, S.STORE_ITEMS: 5,
             S.STORED_NEW: 3, S.STORED_UNCHANGED: 1, S.SPILLED: 1,
             S.DROPPED + "http_404": 1, S.DROPPED_TOTAL: 1,
             S.SKIPPED + "known": 2, S.SKIPPED + "duplicate_request": 1, S.SKIPPED_TOTAL: 3}
    n = S.accounting(stats)
    assert n["seen"] == 12 and n["accounted"] == 11 and n["unaccounted"] == 1
    assert n["dropped"] == {"http_404": 1} and n["skipped_total"] == 3
    n = S.accounting({**stats, S.DROPPED + "short_body": 1})
    assert n["unaccounted"] == 0 and n["dropped_total"] == 2


def test_without_the_store_scraped_items_are_the_outcome():
    n = S.accounting({S.YIELDED: 3, S.LISTING_PAGES: 1, S.ITEMS_SCRAPED: 2})
    assert n["scraped"] == 2 and n["unaccounted"] == 0


def test_failed_runs():
    stats = collector()
    assert S.failures(stats.get_stats()) == []
    S.fail_run(stats, "monitors")
    S.fail_run(stats, "store_unavailable")
    assert S.failures(stats.get_stats()) == ["monitors", "store_unavailable"]


def test_drop_item_is_counted_and_names_its_level():
    stats = collector()
    exc = S.drop_item(stats, "short_body", "http://a/1", "body has 3 characters")
    assert exc.log_level == "INFO" and exc.counted
    assert "http://a/1" in str(exc) and stats.get_value(S.DROPPED_TOTAL) == 1


def test_a_failing_finish_reason_fails_the_run():
    from snapshots.extensions import Accounting

    crawler = get_crawler(settings_dict={"FAILED_FINISH_REASONS": ["store_unavailable"],
                                         "MONITOR_MIN_FIELD_COVERAGE": {}})
    crawler.stats = collector()
    Accounting(crawler).spider_closed(None, "store_unavailable")
    assert S.failures(crawler.stats.get_stats()) == ["store_unavailable"]
    crawler.stats = collector()
    Accounting(crawler).spider_closed(None, "finished")
    assert S.failures(crawler.stats.get_stats()) == []
