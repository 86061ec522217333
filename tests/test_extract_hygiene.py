"""Field hygiene: titles of sane length, never repeated as the body's first
paragraph, and only strings taken from structured data; each cut counted."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from snapshots.extract import extract_article
from snapshots.normalize import normalize_fields
from snapshots.normalize.article import MAX_TITLE_CHARS
from snapshots.page import SiteContext, article_item

NOW = datetime(2025, 3, 23, 12, 0, tzinfo=timezone.utc)
BODY = ["第一段正文，讲述事情的经过和各方的说法。" * 3, "第二段正文，补充了更多细节。" * 3]


def normalized(extracted):
    return normalize_fields(
        title=extracted.title, published_at_raw=extracted.published_at_raw, source=extracted.source,
        authors=extracted.authors, editor=extracted.editor, page_category=extracted.page_category,
        body=extracted.body, now=NOW, tz="Asia/Shanghai", site_names=tuple(extracted.site_names))


def test_huge_title_is_capped_counted_and_not_repeated_in_the_body():
    huge = "超长标题" * 25_000  # 100,000 characters
    html = f"<html><head><title>{huge}</title></head><body><div class='content'><p>{huge}</p>" \
           + "".join(f"<p>{p}</p>" for p in BODY) + "</div></body></html>"
    fields = normalized(extract_article(html, "https://e.com/a"))
    assert fields.title == huge[:MAX_TITLE_CHARS]
    assert fields.body == BODY
    assert fields.drops == ["title_truncated", "title_in_body"]


def test_title_repeated_as_first_paragraph_is_dropped():
    fields = normalize_fields(title="某地新开三十条公交线", published_at_raw=None, source=None, authors=[],
                              editor=None, page_category=None, body=["某地新开三十条公交线", *BODY],
                              now=NOW, tz="Asia/Shanghai")
    assert fields.body == BODY and fields.drops == ["title_in_body"]


def test_structured_data_gives_only_strings():
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": {"$gt": ""},
          "articleSection": {"$gt": ""}, "datePublished": {"$ne": None}}
    html = (f'<html><head><title>正常标题</title><script type="application/ld+json">{json.dumps(ld)}</script>'
            '<meta name="category" content="科技"></head><body><h1>正常标题</h1>'
            + "".join(f"<p>{p}</p>" for p in BODY) + "</body></html>")
    extracted = extract_article(html, "https://e.com/a")
    assert extracted.title == "正常标题"
    assert extracted.page_category == "科技"  # the next source, not "{'$gt': ''}"
    assert sorted(extracted.drops) == ["structured_not_string/published", "structured_not_string/section",
                                       "structured_not_string/title"]
    assert extracted.published_at_raw is None


def test_the_entry_point_records_what_was_cut():
    """The crawl counts these as snapshots/fields/<reason> (spiders/category.py)."""
    html = ("<html><head><title>" + "标" * 1000 + "</title><meta name='category' content='科技'>"
            '<script type="application/ld+json">{"@type": "NewsArticle", "articleSection": {"$gt": ""}}'
            "</script></head><body><div class='content'><p>" + "标" * 1000 + "</p>"
            + "".join(f"<p>{p}</p>" for p in BODY) + "</div></body></html>")
    site = SiteContext(timezone="Asia/Shanghai", max_future_skew=timedelta(minutes=10))
    item = article_item(html.encode("utf-8"), "https://e.com/a", NOW, site)
    assert len(item.title) == MAX_TITLE_CHARS and item.body == BODY
    assert sorted(item.extras["dropped"]) == ["structured_not_string/section", "title_in_body",
                                              "title_truncated"]
