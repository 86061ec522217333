"""A spider with a bug that loses pages silently, for the accounting
monitor's failing run: its article callback returns nothing, and counts
nothing, for every page whose URL ends in an odd digit."""

from __future__ import annotations

import re

from spiders.tech import TechSpider


class LossyTechSpider(TechSpider):
    name = "lossy_tech"

    async def parse_article(self, response):
        if re.search(r"[13579]\.html$", response.url):
            return
        async for output in super().parse_article(response):
            yield output
