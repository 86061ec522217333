"""``python -m snapshots links URL|FILE [--url BASE] [--page N] [--json]``

Shows what the generic listing rules choose on one listing page, as a
``-a start_url=`` crawl would: the article links with their group's score,
the next page, and every runner-up group with the reason it lost. The page
is decoded by Scrapy's ``HtmlResponse`` and judged by the spider's own
functions (:mod:`snapshots.links`), so what it prints is what the crawl does.

A URL is fetched once (the project's ``USER_AGENT``, no robots.txt: one page
an operator asked for). A saved FILE needs the address it came from: ``--url``,
else the page's ``<base href>`` or ``rel=canonical``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HELP = "show the article links, next page and runner-up groups the generic rules find on a listing"
FETCH_TIMEOUT = 30  # seconds
SHOWN_PER_GROUP = 3  # sample links printed for each runner-up group


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("page", metavar="URL|FILE", help="a listing URL, or a saved listing page")
    parser.add_argument("--url", help="the address a saved page came from (its links resolve against it)")
    parser.add_argument("--page", type=int, default=1, dest="page_no",
                        help="which page of the listing this is, for the numbered next-page link (default 1)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of text")


def response_for(body: bytes, url: str, content_type: str | None = None):
    """The page as the spider sees it: Scrapy's HtmlResponse, whose encoding
    rules (header, BOM, meta, detection) decode it."""
    from scrapy.http import HtmlResponse

    headers = {"Content-Type": content_type} if content_type else {}
    return HtmlResponse(url, body=body, headers=headers)


def fetch(url: str) -> tuple[bytes, str | None, str]:
    """Body, Content-Type and final URL (after redirects) of ``url``."""
    from urllib.request import Request, urlopen

    from snapshots import settings

    request = Request(url, headers={"User-Agent": settings.USER_AGENT, "Accept": "text/html,*/*;q=0.5"})
    with urlopen(request, timeout=FETCH_TIMEOUT) as answer:  # noqa: S310 - http(s) only, checked by the caller
        return answer.read(), answer.headers.get("Content-Type"), answer.geturl()


def _declared_url(body: bytes) -> str | None:
    from snapshots.links import parse

    tree = parse(body)
    for xpath in ("//base/@href", "//link[@rel='canonical']/@href"):
        found = [v for v in tree.xpath(xpath) if v.startswith(("http://", "https://"))]
        if found:
            return found[0]
    return None


def load(page: str, url: str | None) -> tuple[object, str]:
    """The response for ``page`` (a URL or a file) and where it came from;
    ``ValueError`` or ``OSError`` with a message otherwise."""
    if page.startswith(("http://", "https://")):
        body, content_type, final_url = fetch(page)
        if content_type and not any(t in content_type.lower() for t in ("html", "xml", "text/plain")):
            raise ValueError(f"not an HTML page (Content-Type: {content_type})")
        return response_for(body, url or final_url, content_type), page
    if "://" in page:
        raise ValueError(f"{page}: only http and https URLs can be fetched")
    body = Path(page).read_bytes()
    if not body.strip():
        raise ValueError(f"{page}: empty file")
    base = url or _declared_url(body)
    if not base:
        raise ValueError(f"{page}: say where the page came from with --url BASE "
                         "(it has no <base href> or rel=canonical)")
    if not base.startswith(("http://", "https://")):
        raise ValueError(f"--url {base}: expected an http or https URL")
    return response_for(body, base), page


def choose(response, page_no: int = 1) -> dict:
    """What the spider's generic rules choose on ``response``, as data."""
    from snapshots.links import choose_article_links, find_next_page

    tree = response.selector.root
    choice = choose_article_links(tree, response.url)
    return {
        "url": response.url,
        "articles": [{"url": l.url, "text": l.text, "date": l.date.isoformat() if l.date else None}
                     for l in choice.links],
        "next_page": find_next_page(tree, response.url, page_no),
        "groups": [{"where": g.where, "score": round(g.score, 2), "links": len(g.links),
                    "chosen": g.chosen, "reason": g.reason, "hints": list(g.hints),
                    "sample": [{"url": l.url, "text": l.text} for l in g.links[:SHOWN_PER_GROUP]]}
                   for g in choice.groups],
    }


def render(result: dict) -> str:
    chosen = [g for g in result["groups"] if g["chosen"]]
    lost = [g for g in result["groups"] if not g["chosen"]]
    lines = [f"listing   {result['url']}"]
    if chosen:
        lines.append(f"articles  {len(result['articles'])}, from "
                     + "; ".join(f"{g['where']} (score {g['score']:.2f}, {g['links']} links)" for g in chosen))
    else:
        lines.append("articles  none: no group of article-like links")
    for article in result["articles"]:
        lines.append(f"  {article['date'] or '-':10}  {article['url']}  {article['text']}")
    lines.append(f"next page {result['next_page'] or 'none'}")
    lines.append(f"runner-up groups: {len(lost)}" if lost else "runner-up groups: none")
    for group in lost:
        plural = "" if group["links"] == 1 else "s"
        lines.append(f"  {group['score']:7.2f}  {group['links']:3d} link{plural}  {group['where']}")
        lines.append(f"           lost: {group['reason']}")
        if group["hints"]:
            lines.append(f"           marked: {', '.join(group['hints'])}")
        for link in group["sample"]:
            lines.append(f"           e.g. {link['url']}  {link['text']}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from urllib.error import URLError

    try:
        response, _ = load(args.page, args.url)
    except (ValueError, OSError, URLError) as exc:
        print(f"cannot read {args.page}: {exc}", file=sys.stderr)
        return 1
    result = choose(response, args.page_no)
    print(json.dumps(result, ensure_ascii=False) if args.json else render(result))
    return 0
