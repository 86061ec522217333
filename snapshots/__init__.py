"""snapshots: a Scrapy project that keeps a deduplicated record of online news.

The package holds the shared model: settings, the item, site profiles,
extraction and normalization (free of Scrapy), and the MongoDB store.
"""

__version__ = "0.1.0"
