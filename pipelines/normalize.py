"""Rewrite an item's extracted fields into their stored form.

Thin wrapper over :mod:`snapshots.normalize`: the rules live there, pure and
tested alone; this pipeline only reads settings, applies them through
``ItemAdapter`` and counts rejected publication times.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone
from typing import Any

from itemadapter import ItemAdapter

from snapshots.normalize import normalize_fields

logger = logging.getLogger(__name__)

REJECTED_STAT = "snapshots/published_at/rejected/{reason}"
# A field value cut or dropped (title_truncated, structured_not_string/section ...).
FIELD_STAT = "snapshots/fields/{reason}"


class NormalizePipeline:
    def __init__(self, stats, *, default_timezone: str, max_future_skew: timedelta) -> None:
        self.stats = stats
        self.default_timezone = default_timezone
        self.max_future_skew = max_future_skew

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        return cls(
            crawler.stats,
            default_timezone=settings.get("DEFAULT_TIMEZONE") or "Asia/Shanghai",
            max_future_skew=timedelta(minutes=settings.getint("MAX_FUTURE_SKEW_MINUTES", 10)),
        )

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        # The spider sets the zone from the site profile; otherwise the default.
        tz = adapter.get("timezone") or self.default_timezone
        adapter["timezone"] = tz
        fields = normalize_fields(
            title=adapter.get("title"),
            published_at_raw=adapter.get("published_at_raw"),
            source=adapter.get("source"),
            authors=adapter.get("authors"),
            editor=adapter.get("editor"),
            page_category=adapter.get("page_category"),
            body=adapter.get("body"),
            now=adapter.get("fetched_at") or datetime.now(timezone.utc),  # the snapshot time
            tz=tz,
            max_future_skew=self.max_future_skew,
            published_not_after=(adapter.get("extras") or {}).get("published_not_after"),
        )
        adapter["title"] = fields.title
        adapter["source"] = fields.source
        adapter["authors"] = fields.authors
        adapter["editor"] = fields.editor
        adapter["page_category"] = fields.page_category
        adapter["body"] = fields.body
        adapter["published_at"] = fields.published_at
        for reason in [*(adapter.get("extras") or {}).get("dropped", ()), *fields.drops]:
            self.stats.inc_value(FIELD_STAT.format(reason=reason))
        if fields.published_at_rejected:
            # The raw string stays on the item, for a later re-parse.
            self.stats.inc_value(REJECTED_STAT.format(reason=fields.published_at_rejected))
            logger.debug("Publication time %r rejected (%s): %s",
                         adapter.get("published_at_raw"), fields.published_at_rejected,
                         adapter.get("url"))
        return item
