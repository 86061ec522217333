"""The extraction entry point (snapshots.page): page bytes, URL and snapshot
time to the stored item."""

from __future__ import annotations

import pickle
from datetime import datetime, timedelta, timezone

import pytest
from scrapy.settings import Settings

from snapshots import settings as project_settings_module
from snapshots.page import REJECTED_TIME, ArticlePage, SiteContext, article_item
from snapshots.sites import load_profiles

URL = "https://news.example.com/1/1.htm"
SNAPSHOT = datetime(2025, 3, 24, 8, 0, tzinfo=timezone.utc)
PAGE = """<html><head><meta charset="utf-8"><title>三星高管造访小米工厂_快科技</title>
<meta property="og:site_name" content="快科技"></head><body>
<h1>三星高管造访小米工厂_快科技</h1>
<div class="info">{time} 来源：浅语科技 作者：王建宏 张文攀</div>
<div class="content"><p>快科技3月23日消息，有网友爆料称，某公司高管访问了小米汽车工厂，并参观了生产线。</p>
<p>第二段正文，继续描述事件的经过和各方的反应，以及后续的发展。</p><p>责任编辑：雪花</p></div>
</body></html>"""


def page(time: str = "2025-03-23 17:01:00") -> bytes:
    return PAGE.replace("{time}", time).encode("utf-8")


def settings(**values) -> Settings:
    s = Settings()
    s.setmodule(project_settings_module, priority="project")
    s.setdict(values, priority="cmdline")
    return s


def context(**values) -> SiteContext:
    return SiteContext.from_settings(settings(**values))


def test_an_item_is_extracted_normalized_and_assembled():
    item = article_item(page(), URL, SNAPSHOT, context(), status=203)
    assert item.title == "三星高管造访小米工厂"  # the site name is stripped
    assert item.source == "浅语科技"
    assert item.authors == ["王建宏", "张文攀"]
    assert item.editor == "雪花"
    assert item.published_at == datetime(2025, 3, 23, 9, 1, tzinfo=timezone.utc)
    assert item.published_at_raw == "2025-03-23 17:01:00"
    assert item.timezone == "Asia/Shanghai"  # DEFAULT_TIMEZONE
    assert item.fetched_at == SNAPSHOT and item.url == URL and item.status == 203
    assert item.site == "example.com"  # no profile: the registrable domain
    assert item.html == page() and item.encoding == "utf_8"
    assert item.body[0].startswith("快科技3月23日消息")
    assert item.extractor_version and "published_at_rejected" not in item.extras
    assert item.extras["origin"]["body"] == "density"  # which rule produced each field


def test_the_profile_names_the_site_and_sets_its_zone_and_selectors():
    demo = load_profiles()["demo"]
    s = settings(DEFAULT_TIMEZONE="UTC")
    assert SiteContext.from_settings(s).timezone == "UTC"
    tokyo = SiteContext.from_settings(s, demo.__class__(**{**demo.__dict__, "timezone": "Asia/Tokyo",
                                                           "selectors": {"source": "h1"}}), "tech")
    item = article_item(page(), URL, SNAPSHOT, tokyo)
    assert (item.site, item.category, item.timezone) == ("demo", "tech", "Asia/Tokyo")
    assert item.published_at == datetime(2025, 3, 23, 8, 1, tzinfo=timezone.utc)
    assert item.source == "三星高管造访小米工厂_快科技"  # the selector's text, normalized


def test_relative_times_resolve_against_the_snapshot_time():
    item = article_item(page("发布时间：3小时前"), URL, SNAPSHOT, context())
    assert item.published_at == SNAPSHOT - timedelta(hours=3)
    later = article_item(page("发布时间：3小时前"), URL, SNAPSHOT + timedelta(days=30), context())
    assert later.published_at == SNAPSHOT + timedelta(days=30, hours=-3)


@pytest.mark.parametrize("raw, reason", [
    ("2025-03-26 10:00", "future"),
    ("1985-06-01 10:00", "too_old"),
])
def test_a_rejected_time_is_recorded_and_the_raw_string_kept(raw, reason):
    item = article_item(page(raw), URL, SNAPSHOT, context())
    assert item.published_at is None and item.published_at_raw == raw
    assert item.extras[REJECTED_TIME] == reason


def test_future_skew_is_read_from_the_settings():
    soon = (SNAPSHOT + timedelta(minutes=30)).astimezone(timezone(timedelta(hours=8)))
    raw = soon.strftime("%Y-%m-%d %H:%M")
    assert article_item(page(raw), URL, SNAPSHOT, context(MAX_FUTURE_SKEW_MINUTES="60")).published_at
    item = article_item(page(raw), URL, SNAPSHOT, context(MAX_FUTURE_SKEW_MINUTES="5"))
    assert item.published_at is None and item.extras[REJECTED_TIME] == "future"


def test_same_inputs_same_item_and_it_crosses_a_process_boundary():
    one = article_item(page(), URL, SNAPSHOT, context())
    assert pickle.loads(pickle.dumps(one)) == one == article_item(page(), URL, SNAPSHOT, context())


def test_stages_are_computed_once_and_bad_input_is_a_value_error():
    p = ArticlePage(page(), URL, SNAPSHOT, context())
    assert p.extracted is p.extracted and p.normalized is p.normalized
    with pytest.raises(ValueError):
        article_item(b"", URL, SNAPSHOT, context())
    with pytest.raises(ValueError, match="timezone-aware"):
        ArticlePage(page(), URL, datetime(2025, 3, 24), context())
