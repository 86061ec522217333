"""Signals the project adds to Scrapy's."""

# Sent by the store pipeline once a batch of items is written to MongoDB or
# appended to the spill file, with ``items`` (a list). Until then an item
# lives only in the crawl process: the shared frontier keeps the request's
# lease until this signal (snapshots/frontier/leases.py).
items_stored = object()
