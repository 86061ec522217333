from datetime import datetime, timedelta, timezone

import pytest

from snapshots.normalize.timestamp import (
    FUTURE, TOO_OLD, UNPARSED, find_dates, format_offset, parse_published, read_published, stated_time,
)

# 2025-03-24 10:00 in Shanghai.
NOW = datetime(2025, 3, 24, 2, 0, tzinfo=timezone.utc)
SHANGHAI = "Asia/Shanghai"  # the zone of times without an offset, unless a test says


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


@pytest.mark.parametrize("raw, expected", [
    ("2025-03-23 17:01:00", utc(2025, 3, 23, 9, 1)),
    ("2025-03-23 17:01", utc(2025, 3, 23, 9, 1)),
    ("2025-3-23 7:01", utc(2025, 3, 22, 23, 1)),
    ("2025年3月23日 17:01", utc(2025, 3, 23, 9, 1)),
    ("2025年03月23日17:01", utc(2025, 3, 23, 9, 1)),
    ("2025年3月23日17时01分", utc(2025, 3, 23, 9, 1)),
    ("2005年08月30日, 星期二 13:22", utc(2005, 8, 30, 5, 22)),
    ("2025/03/23", utc(2025, 3, 22, 16, 0)),
    ("2025.03.23", utc(2025, 3, 22, 16, 0)),
    ("2025.01.20 16:31", utc(2025, 1, 20, 8, 31)),
    ("2025 03/23 08:35", utc(2025, 3, 23, 0, 35)),  # year and day in separate elements
    ("发布时间：2025-03-23 17:01:00 来源：某网", utc(2025, 3, 23, 9, 1)),
    ("2005-04-05 06:40更新", utc(2005, 4, 4, 22, 40)),
    ("2005-04-27 06:03PM", utc(2005, 4, 27, 10, 3)),
    ("9/17/2004 5:54:13 AM", utc(2004, 9, 16, 21, 54, 13)),
    ("2025-03-23T17:01:00+08:00", utc(2025, 3, 23, 9, 1)),
    ("2025-03-23T09:01:00Z", utc(2025, 3, 23, 9, 1)),
    ("2025-03-23T09:01:00.123+00:00", utc(2025, 3, 23, 9, 1, 0, 123000)),
    ("1742720460", utc(2025, 3, 23, 9, 1)),
    ("1742720460000", utc(2025, 3, 23, 9, 1)),
    ("03-23 17:01", utc(2025, 3, 23, 9, 1)),
    ("3月23日 17:01", utc(2025, 3, 23, 9, 1)),
    # No year and later in the year than now: last year's date.
    ("12-31 23:00", utc(2024, 12, 31, 15, 0)),
    ("3小时前", NOW - timedelta(hours=3)),
    ("5分钟前", NOW - timedelta(minutes=5)),
    ("30秒前", NOW - timedelta(seconds=30)),
    ("2天前", NOW - timedelta(days=2)),
    ("半小时前", NOW - timedelta(minutes=30)),
    ("刚刚", NOW),
    ("今天 09:12", utc(2025, 3, 24, 1, 12)),
    ("昨天 14:05", utc(2025, 3, 23, 6, 5)),
    ("前天", utc(2025, 3, 21, 16, 0)),
    ("ＡＢ ２０２５－０３－２３ １７：０１", utc(2025, 3, 23, 9, 1)),
])
def test_parse_published(raw, expected):
    assert parse_published(raw, now=NOW, tz=SHANGHAI) == expected


def test_result_is_aware_utc():
    value = parse_published("2025-03-23 17:01", now=NOW, tz=SHANGHAI)
    assert value.tzinfo is not None and value.utcoffset() == timedelta(0)


def test_zone_is_used_for_naive_times():
    assert parse_published("2025-03-23 17:01", now=NOW, tz="Europe/Paris") == utc(2025, 3, 23, 16, 1)
    # An explicit offset wins over the zone.
    assert parse_published("2025-03-23T17:01:00+08:00", now=NOW, tz="Europe/Paris") == utc(2025, 3, 23, 9, 1)


@pytest.mark.parametrize("raw, reason", [
    ("2025-03-24 10:30", FUTURE),  # 30 minutes after now
    ("2026-01-01", FUTURE),
    ("1989-12-31 23:00", TOO_OLD),
    ("1985年1月1日", TOO_OLD),
    ("no date here", UNPARSED),
    ("", UNPARSED),
    ("2025-02-30 10:00", UNPARSED),
])
def test_rejections_say_why(raw, reason):
    result = read_published(raw, now=NOW, tz=SHANGHAI)
    assert result.value is None and not result
    assert result.reason == reason
    assert parse_published(raw, now=NOW, tz=SHANGHAI) is None


def test_small_future_skew_is_accepted():
    assert read_published("2025-03-24 10:05", now=NOW, tz=SHANGHAI).value == utc(2025, 3, 24, 2, 5)
    assert read_published("2025-03-24 10:05", now=NOW, tz=SHANGHAI, max_future_skew=timedelta(0)).reason == FUTURE


def test_find_dates_marks_clock():
    found = list(find_dates("更新于2025-03-22，发布时间：2025年3月23日 17:01"))
    assert [d.has_clock for d in found] == [False, True]
    assert found[1].raw == "2025年3月23日 17:01"


@pytest.mark.parametrize("raw, expected", [
    ("23/03/2025 - 09:15", (datetime(2025, 3, 23, 9, 15), None)),
    ("2025-03-23T08:15:06+00:00", (datetime(2025, 3, 23, 8, 15, 6), timezone.utc)),
    ("2025-03-23T01:05:00.000-04:00", (datetime(2025, 3, 23, 1, 5), timezone(timedelta(hours=-4)))),
    ("2025年3月22日 21:05", (datetime(2025, 3, 22, 21, 5), None)),
    ("2025-03-23", None),  # no clock
    ("3小时前", None),
    ("2025-02-30 10:00", None),  # no such day
])
def test_stated_time_is_what_the_string_says(raw, expected):
    assert stated_time(raw) == expected


@pytest.mark.parametrize("offset, text", [
    (timedelta(hours=1), "+01:00"), (timedelta(hours=-4), "-04:00"),
    (timedelta(hours=5, minutes=30), "+05:30"), (timedelta(0), "+00:00"),
    (timedelta(hours=-9, minutes=-30), "-09:30"),
])
def test_format_offset(offset, text):
    assert format_offset(offset) == text


def test_fixed_offset_is_a_zone_for_times_without_one():
    assert read_published("2025-03-23 09:15", now=NOW, tz="+01:00").value == utc(2025, 3, 23, 8, 15)
    assert read_published("2025-03-23 09:15", now=NOW, tz="-05:30").value == utc(2025, 3, 23, 14, 45)
    # an offset in the string itself still wins
    assert read_published("2025-03-23 09:15+08:00", now=NOW, tz="+01:00").value == utc(2025, 3, 23, 1, 15)
