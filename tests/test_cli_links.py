"""``python -m snapshots links``: what the generic rules choose on one
listing, fetched over HTTP from the demo site or read from a saved file."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.helpers import ROOT
from tests.listing_layouts import all_layouts


def _links(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "snapshots", "links", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_links_of_a_listing_url(demo_site):
    listing = demo_site.catalog.listings["portal-a"]
    url = demo_site.url + listing.paths[0]
    result = _links(url)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert f"listing   {url}" in out
    assert "articles  20, from div.w1000 > div.left-col > ul.list01 > li (score " in out
    for article in listing.pages[0]:
        assert f"  {article.date}  {demo_site.url}{article.path}  {article.title}" in out
    assert f"next page {demo_site.url}{listing.paths[1]}" in out
    assert "runner-up groups: 2" in out
    assert "div.right-col > div.side-box > ul.rank > li" in out and "lost: score" in out


def test_links_json_of_a_gbk_listing(demo_site):
    listing = demo_site.catalog.listings["portal-c"]
    result = _links(demo_site.url + listing.paths[1], "--page", "2", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [a["text"] for a in data["articles"]] == [a.title for a in listing.pages[1]]
    assert data["next_page"] == demo_site.url + listing.paths[2]
    assert data["groups"][0]["chosen"] and not data["groups"][1]["chosen"]
    assert all(g["reason"] for g in data["groups"] if not g["chosen"])


def test_links_of_a_saved_file(tmp_path):
    layout = next(layout for layout in all_layouts() if layout.name == "sibling-hosts")
    page = tmp_path / "listing.html"
    page.write_text(layout.html, encoding="utf-8")
    result = _links(str(page), "--url", layout.url, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [a["url"] for a in data["articles"]] == layout.items
    assert data["next_page"] == layout.next_page


def test_links_errors_are_one_line_and_exit_1(tmp_path, demo_site):
    page = tmp_path / "listing.html"
    page.write_text("<html><body><a href='/a/1.html'>x</a></body></html>", encoding="utf-8")
    no_base = _links(str(page))
    assert no_base.returncode == 1 and "--url BASE" in no_base.stderr
    missing = _links(str(tmp_path / "nope.html"), "--url", "http://x.example.com/")
    assert missing.returncode == 1 and "cannot read" in missing.stderr
    assert "Traceback" not in missing.stderr + no_base.stderr
    image = _links(demo_site.url + "/portal-b/img/1.jpg")
    assert image.returncode == 1 and "not an HTML page (Content-Type: image/gif)" in image.stderr
    gone = _links(demo_site.url + "/no/such/listing/")
    assert gone.returncode == 1 and "HTTP Error 404" in gone.stderr
    ftp = _links("ftp://x.example.com/list.html")
    assert ftp.returncode == 1 and "only http and https" in ftp.stderr
