"""The one item of the project: what an article page said when it was fetched.

Every component reads and writes it through :class:`itemadapter.ItemAdapter`,
so the field names below are the contract between spider, pipelines and store.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass
class ArticleItem:
    # Where and when: 信息原文地址 and 快照生成时间 of the seed page.
    url: str = ""  # the URL the page was fetched from
    canonical_url: str | None = None  # rel=canonical / og:url, when the page gives one
    site: str = ""  # site profile name, or host name for profile-less crawls
    category: str = ""  # category slug the crawl walked (e.g. "tech")
    fetched_at: datetime | None = None  # snapshot time, timezone-aware UTC

    # Extracted fields, raw as the page shows them; the normalize pipeline
    # rewrites them in place and fills the parsed forms.
    title: str | None = None
    published_at_raw: str | None = None  # the page's own string (or epoch)
    published_at: datetime | None = None  # aware UTC, set by normalization
    timezone: str | None = None  # zone used to read a naive page time
    source: str | None = None  # 来源: the publisher
    authors: list[str] = field(default_factory=list)  # 作者/记者/文
    editor: str | None = None  # 责任编辑
    page_category: str | None = None  # 类别 as the page states it
    body: list[str] = field(default_factory=list)  # paragraphs
    related: list[dict[str, str]] = field(default_factory=list)  # {url, title}
    language: str | None = None
    extractor_version: str | None = None  # the rules that read these fields

    # The page itself, so it can be re-extracted without re-crawling.
    # Feeds (-o items.jsonl, scrapyd's items_dir) get it as base64 text.
    html: bytes = field(default=b"", metadata={"serializer": lambda raw: base64.b64encode(raw).decode("ascii")})
    encoding: str | None = None
    status: int = 200

    # Free-form diagnostics (e.g. which extraction rule won); never a query key.
    extras: dict[str, Any] = field(default_factory=dict)
