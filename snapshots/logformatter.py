"""Log lines that name a page instead of printing the whole item.

Scrapy's default formatter writes the item's repr, which here includes the
raw page: one dropped item would put 50 KB of bytes into the log.
"""

from __future__ import annotations

from itemadapter import ItemAdapter
from scrapy import logformatter


def _describe(item) -> str:
    try:
        adapter = ItemAdapter(item)
        return f"{adapter.get('url')} ({adapter.get('title') or 'no title'})"
    except TypeError:
        return repr(item)[:300]


class SnapshotsLogFormatter(logformatter.LogFormatter):
    def scraped(self, item, response, spider):
        entry = super().scraped(item, response, spider)
        entry["args"] = {**entry["args"], "item": _describe(item)}
        return entry

    def dropped(self, item, exception, response, spider):
        entry = super().dropped(item, exception, response, spider)
        entry["args"] = {**entry["args"], "item": _describe(item)}
        return entry

    def item_error(self, item, exception, response, spider):
        entry = super().item_error(item, exception, response, spider)
        entry["args"] = {**entry["args"], "item": _describe(item)}
        return entry
