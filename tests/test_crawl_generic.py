"""``-a start_url=``: listings of sites with no profile, found by the
generic rules, on the demo's portal layouts (li list with dates, card grid,
table, numbered-only pagination)."""

from __future__ import annotations

import pytest

from snapshots.demo import server
from tests.helpers import FAST, scrapy_crawl

PORTALS = ("portal-a", "portal-b", "portal-c", "portal-d")
NO_STORE = {"STORE_ENABLED": False}


@pytest.fixture(scope="module")
def generic_crawl(tmp_path_factory):
    site = server.start(port=0)
    urls = ",".join(f"{site.url}/{p}/tech/" for p in PORTALS)
    result = scrapy_crawl(tmp_path_factory.mktemp("generic"),
                          settings={**FAST, **NO_STORE, "RELATED_DEPTH": 0},
                          args={"start_url": urls})
    yield site, result
    site.stop()


def test_generic_crawl_succeeds_without_a_browser(generic_crawl):
    site, result = generic_crawl
    assert result.returncode == 0, result.log[-3000:]
    assert result.stat("log_count/ERROR") == 0, result.log_lines("ERROR")
    # No listing asked for a browser: the playwright driver never started.
    assert not [k for k in result.stats if k.startswith("playwright/")]
    assert "scrapy-playwright" not in result.log


@pytest.mark.parametrize("portal", PORTALS)
def test_generic_rules_find_every_page_and_article(generic_crawl, portal):
    site, result = generic_crawl
    listing = site.catalog.listings[portal]
    assert len(listing.paths) >= 2
    pages = {path.split("?")[0]: 0 for path in listing.paths}
    # Every listing page once (portal-c pages differ only by query).
    for path in listing.paths:
        assert site.target_hits[path] == 1 or site.hits[path] >= 1, path
    articles = listing.articles
    assert articles
    missed = [a.path for a in articles if site.hits[a.path.split("?")[0]] == 0
              and site.target_hits[a.path] == 0]
    assert missed == []
    del pages


def test_generic_crawl_items_are_the_portal_articles(generic_crawl):
    site, result = generic_crawl
    expected = sum(len(site.catalog.listings[p].articles) for p in PORTALS)
    # RELATED_DEPTH=0: exactly the listed articles, minus validation drops.
    dropped = result.stat("snapshots/dropped/total")
    assert result.stat("item_scraped_count") + dropped >= expected
    assert result.stat("item_scraped_count") >= expected * 0.95
    sidebar = [p for p in site.hits if p.startswith("/tech/2")]
    assert sidebar == [], "main-site links in portal sidebars are not articles of the listing"


def test_since_window_and_article_limit(tmp_path):
    """``-a since=``: older listing entries are skipped and pagination stops
    at the first page whose dated entries are all older; MAX_ARTICLES caps
    the article requests of a run."""
    with server.start(port=0) as site:
        listing = site.catalog.listings["tech"]
        cutoff_page = 3  # the window reaches into the third listing page
        since = listing.pages[cutoff_page - 1][10].published.date()
        result = scrapy_crawl(tmp_path, settings={**FAST, **NO_STORE, "RELATED_DEPTH": 0},
                              args={"start_url": f"{site.url}/tech/", "since": since.isoformat()})
        assert result.returncode == 0, result.log[-2000:]
        fetched = [a for a in listing.articles if site.hits[a.path]]
        assert fetched and all(a.published.date() >= since for a in fetched)
        assert result.stat("snapshots/skipped/older_than_since") > 0
        assert site.hits[listing.paths[cutoff_page]] <= 1  # at most one page past the window
        assert all(site.hits[p] == 0 for p in listing.paths[cutoff_page + 1:])

        site.reset()
        limited = scrapy_crawl(tmp_path, settings={**FAST, **NO_STORE, "MAX_ARTICLES": 15},
                               args={"start_url": f"{site.url}/tech/"})
        assert limited.returncode == 0
        article_hits = [p for p in site.hits if p.startswith(("/tech/2", "/m/tech/", "/tech/vip/"))]
        assert 0 < len(article_hits) <= 15
        assert limited.stat("snapshots/skipped/max_articles") > 0
