"""The extractor version: it changes whenever a rule's source does, or the
selectors of the site profile an item was read with."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from snapshots import __version__
from snapshots import page as page_module
from snapshots.extract import extract_article
from snapshots.extract.version import (
    RULES_REVISION, extractor_version, rule_sources, rules_hash, selectors_digest, with_selectors,
)
from snapshots.page import SiteContext, article_item


def test_version_names_package_revision_and_rules_hash():
    version = extractor_version()
    assert version == f"{__version__}+r{RULES_REVISION}.{rules_hash(rule_sources())}"


def test_every_rule_module_is_hashed():
    names = {name for name, _ in rule_sources()}
    for module in ("snapshots.extract.byline.py", "snapshots.extract.article.py",
                   "snapshots.normalize.people.py", "snapshots.normalize.labels.py",
                   "snapshots.normalize.timestamp.py"):
        assert module in names
    assert "snapshots.extract.version.py" not in names


def test_editing_any_rule_changes_the_hash():
    sources = rule_sources()
    base = rules_hash(sources)
    for index in (0, len(sources) // 2, len(sources) - 1):
        edited = list(sources)
        name, data = edited[index]
        edited[index] = (name, data + b"\n# a changed rule\n")
        assert rules_hash(edited) != base, name
    assert rules_hash(list(reversed(sources))) == base  # order of listing does not matter


def test_extraction_records_the_version():
    html = "<html><head><title>标题</title></head><body><h1>标题</h1><p>正文。</p></body></html>"
    assert extract_article(html, "https://e.com/a").extractor_version == extractor_version()


# --- a site profile's selectors are rules too ------------------------------------------

PAGE = ("<html><head><title>全市新开公交线路</title></head><body><div class='nav'><a href='/'>首页</a></div>"
        "<h1 class='art-title'>全市新开公交线路</h1><div class='info'>2025-03-23 09:12 来源：某某日报</div>"
        "<div class='content'><p>记者从市交通运输局获悉，今年全市将新开和优化调整公交线路三十条。</p>"
        "<p>新开线路将优先覆盖轨道交通站点周边，实现最后一公里接驳。</p></div></body></html>").encode()
NOW = datetime(2025, 3, 23, 12, 0, tzinfo=timezone.utc)


def _site(selectors=None) -> SiteContext:
    return SiteContext(timezone="Asia/Shanghai", max_future_skew=timedelta(minutes=10), name="profiled",
                       selectors=selectors or {})


def test_selectors_digest_names_the_selectors_extraction_uses():
    base = selectors_digest({"title": "h1.art-title", "body": "div.content"})
    assert base and len(base) == 12
    assert selectors_digest({"body": " div.content ", "title": "h1.art-title"}) == base  # order, spaces
    assert selectors_digest({"title": "h1.art-title", "body": "div.content p"}) != base
    assert selectors_digest({"title": "h1.art-title", "body": "div.content", "unknown": "x"}) == base
    assert selectors_digest({}) is None and selectors_digest(None) is None
    assert selectors_digest({"title": ""}) is None
    assert with_selectors("0.1.0+r2.abc", base) == f"0.1.0+r2.abc.s{base}"
    assert with_selectors("0.1.0+r2.abc", None) == "0.1.0+r2.abc"


def test_items_read_with_a_profile_record_its_selectors_in_the_version():
    plain = article_item(PAGE, "https://news.example.com/a.html", NOW, _site())
    assert plain.extractor_version == extractor_version()
    selectors = {"title": "h1.art-title", "body": "div.content p:first-of-type"}
    profiled = article_item(PAGE, "https://news.example.com/a.html", NOW, _site(selectors))
    assert profiled.extractor_version == f"{extractor_version()}.s{selectors_digest(selectors)}"
    assert profiled.body == ["记者从市交通运输局获悉，今年全市将新开和优化调整公交线路三十条。"]
    changed = article_item(PAGE, "https://news.example.com/a.html", NOW, _site({"title": "h1"}))
    assert changed.extractor_version not in (plain.extractor_version, profiled.extractor_version)


def test_selectors_are_hashed_once_per_profile_not_per_page(monkeypatch):
    calls = []
    real = page_module.selectors_digest
    monkeypatch.setattr(page_module, "selectors_digest", lambda s: calls.append(s) or real(s))
    site = _site({"title": "h1.art-title"})
    versions = {article_item(PAGE, f"https://news.example.com/{n}.html", NOW, site).extractor_version
                for n in range(5)}
    assert len(calls) == 1 and len(versions) == 1
