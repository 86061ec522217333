"""Publication times as Chinese news pages write them, read into UTC instants.

Pages mostly print local wall-clock time without an offset, sometimes
without a year (``03-23 17:01``) or relative to the reader (``3小时前``,
``昨天 14:05``). Everything is resolved against ``now`` and the site's zone,
then checked for plausibility: a time far in the future or before the web
carried Chinese news is a wrong pick, not a publication time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from typing import Iterator
from zoneinfo import ZoneInfo

from snapshots import settings as project_settings

from .text import to_halfwidth

EARLIEST_YEAR = 1990
DEFAULT_FUTURE_SKEW = timedelta(minutes=project_settings.MAX_FUTURE_SKEW_MINUTES)

# Reasons a raw string yields no time; the pipeline counts them by name.
UNPARSED = "unparsed"
FUTURE = "future"
TOO_OLD = "too_old"

_AMPM = r"(?:(?P<ampm>上午|下午|晚上|凌晨|中午|早上|傍晚)\s*)?"
_CLOCK = (
    r"(?P<H>[012]?\d)\s*[:：时点]\s*(?P<M>[0-5]?\d)(?!\d)"
    r"(?:\s*[:：分]\s*(?P<S>[0-5]?\d)(?:[.,]\d+)?)?\s*[分秒]?"
    r"\s*(?P<pm>[AaPp]\.?[Mm]\.?(?![a-zA-Z]))?"
    r"(?:\s*(?P<tz>Z|[+-]\d{2}:?\d{2}|UTC|GMT)(?![a-zA-Z]))?"
)
# Separator between date and clock: space, "T", comma, a weekday, " - ".
_GLUE = r"(?:[\sT,，\-–—|｜]|星期[一二三四五六日天]|周[一二三四五六日天]|&nbsp;)*"
# The year may stand apart from a "MM/DD" day when a page sets them in
# separate elements ("2025 03/23 08:35:12").
_YMD = (
    r"(?<!\d)(?P<y>(?:19|20)\d{2})(?:\s*(?P<sep>[-/.年－／．])\s*|\s+(?=[01]?\d/[0-3]?\d(?!\d)))"
    r"(?P<m>[01]?\d)\s*[-/.月－／．]\s*(?P<d>[0-3]?\d)(?!\d)\s*[日号]?"
)
_DMY = r"(?<!\d)(?P<d2>[0-3]?\d)/(?P<m2>[01]?\d)/(?P<y2>(?:19|20)\d{2})(?!\d)"
_MD = r"(?<![\d\-/.])(?P<m3>[01]?\d)\s*[-/月]\s*(?P<d3>[0-3]?\d)(?!\d)\s*[日号]?"

ABSOLUTE = re.compile(
    rf"(?:{_YMD}|{_DMY})(?:{_GLUE}{_AMPM}{_CLOCK})?"
)
# A month-day with a clock but no year: "03-23 17:01", "3月23日 17:01".
NO_YEAR = re.compile(rf"{_MD}{_GLUE}{_AMPM}{_CLOCK}")
RELATIVE = re.compile(
    r"(?P<n>\d+|半|一|两|几)\s*(?P<unit>秒|分钟|分|小时|个小时|天|日|周|星期|个月|月)\s*(?:钟)?前"
    r"|(?P<word>刚刚|刚才|今天|今日|昨天|昨日|前天)(?:{glue}{ampm}{clock})?".format(
        glue=_GLUE, ampm=_AMPM.replace("ampm", "ampm_r"), clock=_CLOCK.replace(
            "(?P<H>", "(?P<H_r>").replace("(?P<M>", "(?P<M_r>").replace(
            "(?P<S>", "(?P<S_r>").replace("(?P<pm>", "(?P<pm_r>").replace("(?P<tz>", "(?P<tz_r>"),
    )
)
_EPOCH = re.compile(r"^\s*(?P<epoch>\d{10}|\d{13})(?:\.\d+)?\s*$")
_ISO_LIKE = re.compile(r"^\s*\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})\s*$")
_UNIT_SECONDS = {"秒": 1, "分钟": 60, "分": 60, "小时": 3600, "个小时": 3600, "天": 86400,
                 "日": 86400, "周": 604800, "星期": 604800, "个月": 2592000, "月": 2592000}
_SMALL_NUMBERS = {"半": 0.5, "一": 1, "两": 2, "几": 3}
_DAYS_AGO = {"今天": 0, "今日": 0, "昨天": 1, "昨日": 1, "前天": 2}


@dataclass(frozen=True)
class PublishedTime:
    """A parse result: ``value`` (aware UTC) or the ``reason`` there is none."""

    value: datetime | None
    reason: str | None = None

    def __bool__(self) -> bool:
        return self.value is not None


_FIXED_OFFSET = re.compile(r"^[+-]\d{2}:\d{2}$")


@lru_cache(maxsize=64)
def _zone(name: str) -> ZoneInfo | timezone:
    if _FIXED_OFFSET.match(name):  # "+01:00": an offset the page itself states
        return _offset(name)
    return ZoneInfo(name)


def _hour(hour: int, ampm: str | None, pm: str | None) -> int:
    if pm:
        is_pm = pm[0] in "Pp"
        if is_pm and hour < 12:
            return hour + 12
        if not is_pm and hour == 12:
            return 0
        return hour
    if ampm in ("下午", "晚上", "傍晚") and hour < 12:
        return hour + 12
    if ampm == "中午" and hour < 11:
        return hour + 12
    return hour


def _clock(match: re.Match, suffix: str = "") -> tuple[time | None, str | None]:
    hour = match.group("H" + suffix)
    if hour is None:
        return None, None
    h = _hour(int(hour), match.group("ampm" + suffix), match.group("pm" + suffix))
    m = int(match.group("M" + suffix))
    s = int(match.group("S" + suffix) or 0)
    if h > 23 or m > 59 or s > 59:
        raise ValueError("clock out of range")
    return time(h, m, s), match.group("tz" + suffix)


def _offset(label: str | None) -> timezone | None:
    if not label:
        return None
    if label in ("Z", "UTC", "GMT"):
        return timezone.utc
    sign = -1 if label[0] == "-" else 1
    digits = label[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _aware(day: date, clock: time | None, offset: str | None, zone: ZoneInfo) -> datetime:
    naive = datetime.combine(day, clock or time(0, 0))
    tzinfo = _offset(offset) or zone
    return naive.replace(tzinfo=tzinfo).astimezone(timezone.utc)


def _day(match: re.Match) -> date:
    if match.group("y"):
        y, m, d = int(match.group("y")), int(match.group("m")), int(match.group("d"))
    else:
        y, m, d = int(match.group("y2")), int(match.group("m2")), int(match.group("d2"))
        if m > 12 >= d:  # "03/23/2025": the first number is the month
            m, d = d, m
    return date(y, m, d)


def _absolute(match: re.Match, zone: ZoneInfo) -> datetime:
    clock, offset = _clock(match)
    return _aware(_day(match), clock, offset, zone)


def _no_year(match: re.Match, now_local: datetime, zone: ZoneInfo,
             not_after: date | None = None) -> datetime:
    m, d = int(match.group("m3")), int(match.group("d3"))
    clock, offset = _clock(match)
    # The most recent such date not after now, nor after the last day the
    # page's own evidence allows (a dated metadata field, the URL).
    bound = now_local.astimezone(timezone.utc) + DEFAULT_FUTURE_SKEW
    last_year = now_local.year
    if not_after is not None and not_after < now_local.date():
        bound = min(bound, _aware(not_after + timedelta(days=1), None, None, zone))
        last_year = not_after.year
    for year in range(last_year, last_year - 5, -1):
        try:
            candidate = _aware(date(year, m, d), clock, offset, zone)
        except ValueError:  # 02-29 outside a leap year
            continue
        if candidate <= bound:
            return candidate
    raise ValueError("no past year for month-day")


def _relative(match: re.Match, now_local: datetime, zone: ZoneInfo) -> datetime:
    now_utc = now_local.astimezone(timezone.utc)
    word = match.group("word")
    if word is None:
        n = match.group("n")
        amount = _SMALL_NUMBERS.get(n) or float(n)
        return now_utc - timedelta(seconds=amount * _UNIT_SECONDS[match.group("unit")])
    if word in ("刚刚", "刚才"):
        return now_utc
    day = now_local.date() - timedelta(days=_DAYS_AGO[word])
    clock, offset = _clock(match, "_r")
    return _aware(day, clock, offset, zone)


def _epoch(value: str) -> datetime:
    seconds = int(value)
    if len(value) == 13:
        seconds //= 1000
    return datetime.fromtimestamp(seconds, tz=timezone.utc)


def _parse(raw: str, now_local: datetime, zone: ZoneInfo,
           not_after: date | None = None) -> datetime | None:
    text = to_halfwidth(raw).strip()
    if not text:
        return None
    if (epoch := _EPOCH.match(text)) is not None:
        return _epoch(epoch.group("epoch"))
    if _ISO_LIKE.match(text):
        value = datetime.fromisoformat(text.replace("Z", "+00:00").replace(" ", "T"))
        return value.astimezone(timezone.utc)
    if (match := ABSOLUTE.search(text)) is not None:
        return _absolute(match, zone)
    if (match := NO_YEAR.search(text)) is not None:
        return _no_year(match, now_local, zone, not_after)
    if (match := RELATIVE.search(text)) is not None:
        return _relative(match, now_local, zone)
    return None


def read_published(
    raw: str | int | float | None,
    *,
    now: datetime,
    tz: str,
    max_future_skew: timedelta = DEFAULT_FUTURE_SKEW,
    not_after: str | date | None = None,
) -> PublishedTime:
    """Parse ``raw`` and check it is plausible; say why when there is no time.

    ``tz`` is the zone of times written without an offset: the site's, else
    the ``DEFAULT_TIMEZONE`` setting (the caller passes it; this module
    reads no settings), or a fixed offset (``+01:00``) when the page states
    the offset it shows.

    A date shown without a year gets the most recent year that puts it
    neither after ``now`` (the snapshot time) nor after ``not_after`` (the
    last day the page's other evidence allows, ``YYYY-MM-DD``).
    """
    if raw is None:
        return PublishedTime(None, UNPARSED)
    zone = _zone(tz)
    if now.tzinfo is None:
        now = now.replace(tzinfo=timezone.utc)
    now_local = now.astimezone(zone)
    try:
        bound = date.fromisoformat(not_after) if isinstance(not_after, str) else not_after
        value = _parse(str(raw), now_local, zone, bound)
    except (ValueError, OverflowError, OSError):
        value = None
    if value is None:
        return PublishedTime(None, UNPARSED)
    if value > now.astimezone(timezone.utc) + max_future_skew:
        return PublishedTime(None, FUTURE)
    if value.year < EARLIEST_YEAR:
        return PublishedTime(None, TOO_OLD)
    return PublishedTime(value)


def parse_published(
    raw: str | int | float | None,
    *,
    now: datetime,
    tz: str,
    max_future_skew: timedelta = DEFAULT_FUTURE_SKEW,
) -> datetime | None:
    """The publication instant (aware, UTC) ``raw`` denotes, or None.

    See :func:`read_published` for the reason a string is rejected.
    """
    return read_published(raw, now=now, tz=tz, max_future_skew=max_future_skew).value


def stated_time(raw: str) -> tuple[datetime, timezone | None] | None:
    """The date and clock an absolute string states, naive, with the UTC
    offset it states if any; None without a dated clock. No zone applied
    and no plausibility check: for comparing two renderings of one time."""
    match = ABSOLUTE.search(to_halfwidth(raw))
    if match is None or match.group("H") is None:
        return None
    try:
        clock, offset = _clock(match)
        return datetime.combine(_day(match), clock), _offset(offset)
    except ValueError:
        return None


def format_offset(offset: timedelta) -> str:
    """``+01:00``, ``-05:30``: the form ``read_published(tz=)`` accepts."""
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(offset) // timedelta(minutes=1)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True)
class DateMention:
    """An absolute date found in running text, as the extractor sees it."""

    start: int
    end: int
    raw: str
    has_clock: bool


def find_dates(text: str) -> Iterator[DateMention]:
    """Absolute dates (with a year) in ``text``, in order."""
    for match in ABSOLUTE.finditer(text):
        yield DateMention(match.start(), match.end(), match.group(0).strip(),
                          match.group("H") is not None)
