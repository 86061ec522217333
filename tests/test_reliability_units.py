"""Unit tests of the pure parts behind the hostile-page defences: false
UTF-8 declarations, deep nesting, Retry-After values, redirect reasons."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

from scrapy.exceptions import DownloadCancelledError, IgnoreRequest
from scrapy.http import Request
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from snapshots.extract import extract_article
from snapshots.extract.dom import MAX_DEPTH, flatten_nesting, parse_html
from snapshots.extract.encoding import FALSE_ENCODING, decode_page
from snapshots.redirects import REDIRECT_DUPLICATE, REDIRECT_LOOP, duplicate_reason
from snapshots.retryafter import retry_after_seconds
from snapshots.stats import failure_reason
from tests.helpers import project_settings_dict

PARAGRAPHS = [f"第{i}段正文，这是一段足够长的中文文字，用来检验正文抽取与编码识别是否可靠。" for i in range(6)]
PAGE = ('<html><head><meta charset="utf-8"><title>编码说谎的页面</title></head><body>'
        '<h1>编码说谎的页面</h1><div>' + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</div></body></html>")


def test_gbk_bytes_behind_a_utf8_declaration_are_read_as_gb18030():
    decoded = decode_page(PAGE.encode("gbk"))
    assert decoded.encoding == "gb18030" and decoded.false_declaration == "utf-8"
    assert "\ufffd" not in decoded.text and PARAGRAPHS[0] in decoded.text
    # The header may lie the same way.
    assert decode_page(PAGE.encode("gbk"), "text/html; charset=UTF-8").encoding == "gb18030"


def test_utf8_with_a_stray_bad_byte_stays_utf8():
    data = PAGE.encode("utf-8")
    data = data[:200] + b"\xff" + data[200:]
    decoded = decode_page(data)
    assert decoded.encoding == "utf_8" and decoded.false_declaration is None


def test_false_declaration_is_recorded_in_extras():
    fields = extract_article(PAGE.encode("gbk"), "http://news.example.com/a/1.html")
    assert fields.extras[FALSE_ENCODING] == "utf-8"
    assert fields.title == "编码说谎的页面" and fields.body == PARAGRAPHS
    assert FALSE_ENCODING not in extract_article(PAGE.encode("utf-8"), "http://x.com/a/1.html").extras


def test_deep_nesting_is_flattened_and_keeps_every_paragraph():
    deep = "<div>" * 20_000 + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</div>" * 20_000
    html = f"<html><head><title>深层嵌套</title></head><body><h1>深层嵌套</h1>{deep}<p>页尾</p></body></html>"
    root = parse_html(html)
    text = "".join(root.itertext())
    assert all(p in text for p in PARAGRAPHS) and "页尾" in text
    assert extract_article(html.encode(), "http://news.example.com/a/2.html").body == PARAGRAPHS


def test_flatten_nesting_leaves_shallow_markup_alone():
    html = "<div><p>一</p><br><img src=x.png/><div><p>二</p></div></div>"
    assert flatten_nesting(html) == html
    flat = flatten_nesting("<div>" * (MAX_DEPTH + 50) + "文字" + "</div>" * (MAX_DEPTH + 50))
    assert flat == "<div>" * MAX_DEPTH + "文字" + "</div>" * MAX_DEPTH


def test_retry_after_values():
    assert retry_after_seconds(b"2") == 2.0
    assert retry_after_seconds(" 120 ") == 120.0
    now = datetime(2026, 12, 3, 12, 0, tzinfo=timezone.utc)
    assert retry_after_seconds(format_datetime(now + timedelta(seconds=30), usegmt=True), now) == 30.0
    assert retry_after_seconds(format_datetime(now - timedelta(seconds=30), usegmt=True), now) == 0.0
    assert retry_after_seconds(None) is None and retry_after_seconds(b"soon") is None


def test_redirect_reasons_of_duplicate_filter_drops():
    fingerprinter = get_crawler(settings_dict=project_settings_dict(
        REQUEST_FINGERPRINTER_CLASS="snapshots.fingerprint.CanonicalRequestFingerprinter",
    )).request_fingerprinter
    loop = Request("http://x.com/a.html?spm=1", meta={"redirect_urls": ["http://x.com/a.html", "http://x.com/b.html"]})
    assert duplicate_reason(loop, fingerprinter) == REDIRECT_LOOP
    moved = Request("http://x.com/c.html", meta={"redirect_urls": ["http://x.com/a.html"]})
    assert duplicate_reason(moved, fingerprinter) == REDIRECT_DUPLICATE
    assert duplicate_reason(Request("http://x.com/c.html"), fingerprinter) is None


def _ignored(message: str, request: Request) -> Failure:
    failure = Failure(IgnoreRequest(message))
    failure.request = request
    return failure


def test_failure_reasons_of_redirect_limits_and_sizes():
    loop = Request("http://x.com/a.html", meta={"redirect_urls": ["http://x.com/a.html", "http://x.com/b.html"]})
    chain = Request("http://x.com/z.html", meta={"redirect_urls": [f"http://x.com/{i}.html" for i in range(20)]})
    assert failure_reason(_ignored("max redirections reached", loop)) == "redirect_loop"
    assert failure_reason(_ignored("max redirections reached", chain)) == "too_many_redirects"
    assert failure_reason(_ignored("Ignored response <200 http://x.com/a.html> because its body "
                                   "(1 B compressed, 9 B decompressed so far) exceeded DOWNLOAD_MAXSIZE "
                                   "(8 B) during decompression.", loop)) == "too_large"
    cancelled = Failure(DownloadCancelledError(
        "Expected to receive 9 bytes which is larger than download max size (8) in request <GET x>."))
    assert failure_reason(cancelled) == "too_large"
