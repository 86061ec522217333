"""The viewer's WSGI application (Flask): routes, pages, error pages.

Handlers read only through :mod:`snapshots.store.queries`; templates and the
stylesheet are package data of :mod:`snapshots.web`. Flask's Jinja2
environment escapes every value printed in an ``.html`` template, and no
template marks anything ``|safe``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from flask import Flask, abort, redirect, render_template, request, url_for
from pymongo import MongoClient
from pymongo.errors import PyMongoError
from werkzeug.exceptions import HTTPException

from snapshots.store import queries
from snapshots.store.connection import client as mongo_client
from snapshots.store.connection import mask_uri

from . import present

logger = logging.getLogger(__name__)

RELATED_SHOWN = 10
MORE_NEWS_SHOWN = 15
MAX_QUERY_CHARS = 200


def snapshot_query(key: str, version: str | None = None) -> str:
    """The query string of an article's (or one version's) stable address,
    ``/snapshot?url=<key>[&version=<content hash>]``."""
    return urlencode({"url": key, **({"version": version} if version else {})})


@dataclass
class ViewerConfig:
    """What the viewer needs to know, from the project settings
    (:func:`snapshots.web.config_from_settings`): no defaults here, they are
    the settings' (``MONGO_CONNECT_TIMEOUT``, ``DEFAULT_TIMEZONE``,
    ``VIEWER_PAGE_SIZE``)."""

    mongo_uri: str
    database: str
    timeout: float
    default_timezone: str
    page_size: int
    category_names: dict[str, str] = field(default_factory=dict)  # slug -> 科技
    site_names: dict[str, str] = field(default_factory=dict)  # profile -> 演示科技网


def create_app(config: ViewerConfig, mongo: MongoClient | None = None) -> Flask:
    """The viewer over ``config``'s store, through ``mongo`` if given (a
    benchmark passes one that counts its commands)."""
    app = Flask(__name__)
    # One client for the process; pymongo connects lazily and pools.
    mongo = mongo or mongo_client(config.mongo_uri, config.timeout)
    db = mongo[config.database]
    default_tz = present.zone(None, config.default_timezone)
    app.extensions["snapshots.mongo"] = mongo

    def category_name(slug: str | None) -> str:
        return config.category_names.get(slug or "", slug or "")

    def snapshot_url(key: str, version: str | None = None) -> str:
        return f"{url_for('snapshot')}?{snapshot_query(key, version)}"

    def entry_view(doc: dict[str, Any], tz, words=()) -> dict[str, Any]:
        return {"title": doc.get("title") or "", "href": snapshot_url(doc["key"]),
                "excerpt": present.excerpt(doc.get("body") or (), words),
                "time": present.local_time(doc.get("published_at") or doc.get("first_seen"), tz),
                "site": config.site_names.get(doc.get("site") or "", doc.get("site") or ""),
                "source": doc.get("source") or "", "same_story": doc.get("same_story", False)}

    @app.context_processor
    def helpers():
        return {"category_name": category_name, "query_text": request.args.get("q", "")}

    @app.get("/")
    def home():
        # The profiles' categories when known: `distinct` reads a whole
        # index (or, on some servers, the whole collection).
        slugs = sorted(config.category_names) or queries.categories(db)
        sections = [(slug, [entry_view(d, default_tz) for d in queries.latest_in_category(db, slug, 8)])
                    for slug in slugs]
        return render_template("home.html", sections=[s for s in sections if s[1]])

    @app.get("/category/<slug>")
    def category(slug: str):
        cursor = queries.Cursor.decode(request.args.get("after"))
        page = queries.category_page(db, slug, config.page_size, cursor)
        if not page.entries and cursor is None:
            abort(404)
        return render_template(
            "listing.html", title=category_name(slug), slug=slug,
            entries=[entry_view(d, default_tz) for d in page.entries],
            next_href=(url_for("category", slug=slug, after=page.next.encode())
                       if page.next else None),
            first_href=url_for("category", slug=slug) if cursor else None)

    @app.get("/search")
    def search():
        text = " ".join(request.args.get("q", "").split())[:MAX_QUERY_CHARS]
        cursor = queries.Cursor.decode(request.args.get("after"))
        page = queries.search_page(db, text, config.page_size, cursor) if text else None
        words = text.split()
        return render_template(
            "search.html", text=text,
            entries=[entry_view(d, default_tz, words) for d in page.entries] if page else [],
            next_href=(url_for("search", q=text, after=page.next.encode())
                       if page and page.next else None),
            first_href=url_for("search", q=text) if cursor else None)

    @app.get("/snapshot")
    def snapshot():
        asked = request.args.get("url", "")
        doc = queries.article(db, asked) if asked else None
        if doc is None:
            abort(404)
        wanted = request.args.get("version")
        if doc["key"] != asked:
            # A URL variant or alias: the article's own address is the stable one.
            return redirect(snapshot_url(doc["key"], wanted), code=301)
        history = queries.versions(db, doc["key"])
        if wanted:
            shown = next((v for v in history if v["content_hash"] == wanted), None)
            if shown is None:
                abort(404)
        else:
            shown = next((v for v in history if v["content_hash"] == doc["content_hash"]),
                         history[0] if history else None)
        if shown is None:
            abort(404)  # an article whose snapshots are gone
        tz = present.zone(shown.get("timezone"), config.default_timezone)
        related = [entry_view(d, tz) for d in queries.related(db, doc, RELATED_SHOWN)]
        more = [entry_view(d, tz) for d in queries.latest_in_category(
            db, doc.get("category") or "", MORE_NEWS_SHOWN, exclude=doc["key"])]
        return render_template(
            "snapshot.html", doc=doc, version=shown, tz=tz,
            category_label=shown.get("page_category") or category_name(doc.get("category")),
            published=(present.local_time(shown.get("published_at"), tz)
                       or shown.get("published_at_raw") or ""),
            fetched=present.local_time(shown.get("fetched_at"), tz),
            original_url=shown.get("url") or doc["key"],
            related=related, more=more,
            history=_history(history, shown, tz, snapshot_url),
            local_time=present.local_time)

    @app.errorhandler(PyMongoError)
    def store_down(exc: PyMongoError):
        logger.error("MongoDB unavailable at %s: %s", mask_uri(config.mongo_uri), exc)
        return render_template("error.html", status=503, heading="快照库暂时无法访问",
                               message="数据库没有响应，请稍后再试。"), 503

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        if exc.code == 404:
            return render_template("error.html", status=404, heading="没有找到这篇快照",
                                   message="这个地址没有对应的资讯快照。"), 404
        return render_template("error.html", status=exc.code, heading=exc.name,
                               message=exc.description or ""), exc.code

    @app.errorhandler(Exception)
    def server_error(exc: Exception):
        logger.exception("error while serving %s", request.path)
        return render_template("error.html", status=500, heading="页面出错了",
                               message="服务器处理这个页面时出错，错误已记录。"), 500

    return app


@dataclass
class HistoryEntry:
    hash: str
    time: str
    href: str
    current: bool
    diff: present.VersionDiff | None  # from the version before, None for the first


def _history(history: list[dict[str, Any]], shown: dict[str, Any], tz,
             snapshot_url) -> list[HistoryEntry]:
    """Versions newest first, each with the diff from the one before it;
    empty when there is only one version."""
    if len(history) < 2:
        return []
    oldest_first = sorted(history, key=lambda v: v["fetched_at"])
    entries = []
    for before, version in zip([None, *oldest_first], oldest_first):
        diff = None
        if before is not None:
            diff = present.diff_versions(before.get("title") or "", before.get("body") or [],
                                         version.get("title") or "", version.get("body") or [])
        entries.append(HistoryEntry(
            version["content_hash"], present.local_time(version.get("fetched_at"), tz),
            snapshot_url(version["key"], version["content_hash"]),
            version["content_hash"] == shown["content_hash"], diff))
    return entries[::-1]
