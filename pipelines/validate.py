"""Drop items that are not articles: no headline, or almost no text."""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from snapshots.stats import drop_item


class ValidatePipeline:
    def __init__(self, stats, *, min_body_chars: int) -> None:
        self.stats = stats
        self.min_body_chars = min_body_chars

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats, min_body_chars=crawler.settings.getint("MIN_BODY_CHARS"))

    def _drop(self, reason: str, adapter: ItemAdapter, detail: str) -> DropItem:
        return drop_item(self.stats, reason, adapter.get("url"), detail)

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        title = (adapter.get("title") or "").strip()
        if not title:
            raise self._drop("no_title", adapter, "no headline")
        chars = sum(len("".join(p.split())) for p in adapter.get("body") or [])
        if chars < self.min_body_chars:
            raise self._drop("short_body", adapter,
                             f"body has {chars} characters, fewer than {self.min_body_chars}")
        return item
