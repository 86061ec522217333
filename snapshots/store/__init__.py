"""The MongoDB store: articles, their snapshots, and crawl runs.

- :mod:`.connection`: ``ping``, ``mask_uri``, ``StoreUnavailable``
- :mod:`.schema`: collections, validators, indexes
- :mod:`.documents`: item -> stored documents
- :mod:`.writer`: the batch write path (pipeline, replay, benchmark)
- :mod:`.known`: ``KnownArticles`` for incremental crawls
- :mod:`.spill`: the spill file format
- :mod:`.commandline`: the project settings and the database for a command
"""

from .connection import StoreUnavailable, mask_uri, ping
from .summary import summary

__all__ = ["StoreUnavailable", "mask_uri", "ping", "summary"]
