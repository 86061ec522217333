"""Request fingerprints: tracking-parameter variants are one request."""

import pytest
from scrapy import Request
from scrapy.utils.test import get_crawler

from snapshots.fingerprint import CanonicalRequestFingerprinter


@pytest.fixture
def fingerprinter():
    crawler = get_crawler(settings_dict={"TRACKING_QUERY_PARAMETERS": ["spm", "utm_*", "from"]})
    return CanonicalRequestFingerprinter.from_crawler(crawler)


@pytest.mark.parametrize("variant", [
    "https://x.cn/a/1.html?spm=a.b.c&utm_source=wx&utm_medium=share",
    "https://x.cn/a/1.html?from=timeline",
    "https://x.cn/a/1.html#comments",
    "HTTPS://X.CN/a/1.html",
])
def test_tracking_variants_share_a_fingerprint(fingerprinter, variant):
    plain = fingerprinter.fingerprint(Request("https://x.cn/a/1.html"))
    assert fingerprinter.fingerprint(Request(variant)) == plain


@pytest.mark.parametrize("other", [
    "https://x.cn/a/2.html",
    "https://x.cn/show.php?id=2",
    "https://x.cn/a/1.html?page=2",
    "https://y.cn/a/1.html",
])
def test_different_pages_differ(fingerprinter, other):
    assert fingerprinter.fingerprint(Request(other)) != fingerprinter.fingerprint(
        Request("https://x.cn/a/1.html"))


def test_query_order_and_method_and_body(fingerprinter):
    fp = fingerprinter.fingerprint
    assert fp(Request("https://x.cn/s?b=2&a=1")) == fp(Request("https://x.cn/s?a=1&b=2&spm=x"))
    assert fp(Request("https://x.cn/s", method="POST", body=b"q=1")) != fp(Request("https://x.cn/s"))
