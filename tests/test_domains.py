"""The site of a URL: one registrable domain, from the bundled public
suffix list, with no network."""

import pytest

from snapshots.domains import allowed_domains, on_domains, same_site, site_domain, site_of


@pytest.mark.parametrize("host, site", [
    ("news.example.com", "example.com"),
    ("www.example.com", "example.com"),
    ("example.com", "example.com"),
    ("tech.sina.com.cn", "sina.com.cn"),
    ("news.163.com", "163.com"),
    ("www.gov.cn", "www.gov.cn"),  # gov.cn is a public suffix
    ("NEWS.Example.COM.", "example.com"),
    ("127.0.0.1", "127.0.0.1"),
    ("::1", "::1"),
    ("localhost", "localhost"),
    ("intranet", "intranet"),
    ("", ""),
])
def test_site_domain(host, site):
    assert site_domain(host) == site


def test_site_of_url_ignores_port_and_userinfo():
    assert site_of("http://news.example.com:8080/a") == "example.com"
    assert site_of("http://user@new.example.com/a") == "example.com"
    assert site_of("not a url") == ""
    assert site_of("http://[::1/") == ""  # unparseable: no site, no crash


@pytest.mark.parametrize("url, base, domains, same", [
    ("http://new.example.com/a/1.html", "http://news.example.com/tech/", (), True),
    ("http://www.example.com/a/1.html", "http://news.example.com/tech/", (), True),
    ("http://example.org/a/1.html", "http://news.example.com/tech/", (), False),
    ("http://badexample.com/a", "http://example.com/", (), False),
    ("http://news.sina.com.cn/a", "http://tech.sina.com.cn/", (), True),
    ("http://news.other.com.cn/a", "http://tech.sina.com.cn/", (), False),
    ("http://127.0.0.1:9/a", "http://127.0.0.1:8/", (), True),
    ("http://127.0.0.2/a", "http://127.0.0.1/", (), False),
    ("http://img.example-cdn.net/a", "http://news.example.com/", ("example.com", "example-cdn.net"), True),
    ("http://news.example.com/a", "http://news.example.com/", ("example.com", "example-cdn.net"), True),
    ("http://www.sina.com.cn/a", "http://tech.sina.com.cn/", ("tech.sina.com.cn",), False),
    ("javascript:void(0)", "http://news.example.com/", (), False),
])
def test_same_site(url, base, domains, same):
    assert same_site(url, base, domains) is same


def test_on_domains_matches_like_the_offsite_middleware():
    assert on_domains("a.example.com", ("example.com",))
    assert on_domains("example.com", ("example.com",))
    assert not on_domains("badexample.com", ("example.com",))
    assert not on_domains("x.com", ("",))


def test_allowed_domains_of_start_urls_are_their_sites():
    urls = ["http://news.example.com:8001/tech/", "https://www.example.com/it/",
            "http://tech.sina.com.cn/roll/", "http://127.0.0.1:8765/tech/"]
    assert allowed_domains(urls) == ["127.0.0.1", "example.com", "sina.com.cn"]
