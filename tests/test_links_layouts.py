"""Recall and precision of the generic listing rules on main-list items:
the self-written layouts of tests/listing_layouts.py and every listing page
of the demo site (its four portals, the main site's categories and the
mirror), each judged as the spider judges it (the page decoded by Scrapy's
HtmlResponse, the rules of snapshots.links)."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from snapshots.cli.links import response_for
from snapshots.links import choose_article_links, find_next_page
from tests.listing_layouts import all_layouts

PORTALS = ("portal-a", "portal-b", "portal-c", "portal-d")


def _judge(response, page_no: int = 1):
    tree = response.selector.root
    return choose_article_links(tree, response.url), find_next_page(tree, response.url, page_no)


def _layout_pages():
    for layout in all_layouts():
        response = response_for(layout.html.encode("utf-8"), layout.url, "text/html; charset=utf-8")
        yield layout.name, response, 1, layout.items, layout.next_page


def _demo_pages(site):
    assert set(PORTALS) <= set(site.catalog.listings)
    for name, listing in site.catalog.listings.items():
        for number, path in enumerate(listing.paths, 1):
            page = site.site.get(path)
            url = site.url + path
            items = [urljoin(url, a.listing_href) for a in listing.pages[number - 1]]
            following = site.url + listing.paths[number] if number < len(listing.paths) else None
            yield f"{name} page {number}", response_for(page.body, url, page.content_type), number, items, following


@pytest.fixture(scope="module")
def judged(demo_site):
    rows = []
    for name, response, page_no, items, following in [*_layout_pages(), *_demo_pages(demo_site)]:
        choice, next_page = _judge(response, page_no)
        rows.append((name, items, [link.url for link in choice.links], following, next_page))
    return rows


def test_recall_and_precision_of_main_list_items(judged):
    expected = found = right = 0
    report = []
    for name, items, links, _, _ in judged:
        hits = len(set(links) & set(items))
        expected, found, right = expected + len(items), found + len(links), right + hits
        report.append(f"{name}: {hits}/{len(items)} found, {len(links) - hits} wrong")
    recall, precision = right / expected, right / found
    assert expected > 300  # the layouts and every portal page were judged
    assert recall >= 0.95 and precision >= 0.98, "\n".join(report)


@pytest.mark.parametrize("layout", [layout.name for layout in all_layouts()])
def test_each_layout_keeps_its_whole_main_list(judged, layout):
    name, items, links, _, _ = next(row for row in judged if row[0] == layout)
    assert links == items


def test_next_page_of_every_layout_and_portal_page(judged):
    wrong = [(name, following, got) for name, _, _, following, got in judged if got != following]
    assert wrong == []


def test_dates_read_from_urls():
    layout = next(layout for layout in all_layouts() if layout.name == "url-dates")
    response = response_for(layout.html.encode("utf-8"), layout.url, "text/html; charset=utf-8")
    links = choose_article_links(response.selector.root, response.url).links
    assert {link.url: link.date for link in links} == layout.dates


def test_runner_up_groups_say_why_they_lost():
    layout = next(layout for layout in all_layouts() if layout.name == "sibling-hosts")
    response = response_for(layout.html.encode("utf-8"), layout.url, "text/html; charset=utf-8")
    choice = choose_article_links(response.selector.root, response.url)
    best, *others = choice.groups
    assert best.chosen and best.where.endswith("ul.news-list > li") and not best.hints
    hot = next(g for g in others if "hot-list" in g.where)
    assert not hot.chosen and "under half" in hot.reason and "'hot'" in hot.hints
    assert all(g.reason for g in others)
