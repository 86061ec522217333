"""The scrapyd job a crawl runs as, if any."""

from __future__ import annotations

import os


def job_id(spider) -> str | None:
    """scrapyd passes ``-a _job=ID`` and sets ``SCRAPY_JOB``; a crawl by
    hand has neither."""
    return getattr(spider, "_job", None) or os.environ.get("SCRAPY_JOB") or None
