"""Generic listing rules on small self-written pages in the styles of real portals."""

from datetime import date

import pytest

from snapshots.links import find_article_links, find_next_page, parse, url_looks_like_article

CHROME = """
<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/tech/">科技</a></li>
<li><a href="/finance/">财经频道首页</a></li></ul></div>
<div class="sidebar"><h3>热门排行</h3><ul class="rank">
<li><a href="/sports/20250301/111111.shtml">体育热门新闻标题一则很长很长</a></li>
<li><a href="/sports/20250302/222222.shtml">体育热门新闻标题二则很长很长</a></li></ul></div>
<div class="footer"><a href="/about/">关于我们</a><a href="/copyright.html">版权声明</a></div>
"""


def _page(main: str) -> str:
    return f"<html><body>{CHROME}<div class='main'>{main}</div></body></html>"


def test_li_list_with_dates():
    items = "".join(
        f"<li><a href='/a/202503{d:02d}/{1000 + d}.shtml'>第{d}条科技新闻的标题写得比较长</a>"
        f"<span>2025-03-{d:02d}</span></li>" for d in range(1, 11))
    links = find_article_links(parse(_page(f"<ul class='list'>{items}</ul>")), "http://x.cn/tech/")
    assert [l.url for l in links] == [f"http://x.cn/a/202503{d:02d}/{1000 + d}.shtml" for d in range(1, 11)]
    assert links[0].date == date(2025, 3, 1)
    assert links[0].text == "第1条科技新闻的标题写得比较长"


def test_card_grid_with_numeric_ids():
    cards = "".join(
        f"<div class='card'><a href='/article/{900000 + i}'><img src='x.jpg'></a>"
        f"<h3><a href='/article/{900000 + i}'>卡片新闻标题第{i}条内容丰富</a></h3><p>摘要</p></div>"
        for i in range(8))
    links = find_article_links(parse(_page(f"<div class='grid'>{cards}</div>")), "http://x.cn/tech/")
    assert [l.url for l in links] == [f"http://x.cn/article/{900000 + i}" for i in range(8)]


def test_table_listing_with_query_ids():
    rows = "".join(
        f"<tr><td><a href='show.php?id={2300 + i}'>表格里的新闻标题第{i}条</a></td><td>来源</td>"
        f"<td>2025/03/{10 + i}</td></tr>" for i in range(6))
    links = find_article_links(parse(_page(f"<table>{rows}</table>")), "http://x.cn/c/list.php")
    assert [l.url for l in links] == [f"http://x.cn/c/show.php?id={2300 + i}" for i in range(6)]
    assert links[2].date == date(2025, 3, 12)


def test_offsite_and_javascript_links_are_ignored():
    items = "".join(f"<li><a href='http://other.cn/a/2025030{i}/1{i}000.html'>别的网站的新闻标题很长</a></li>"
                    f"<li><a href='javascript:void(0)'>点击展开更多内容</a></li>" for i in range(1, 6))
    links = find_article_links(parse(_page(f"<ul>{items}</ul>")), "http://x.cn/tech/")
    assert all(l.url.startswith("http://x.cn/") for l in links)


@pytest.mark.parametrize("url, likely", [
    ("http://x.cn/tech/2025/03/23/1001.html", True),
    ("http://x.cn/a/20250321/123456.shtml", True),
    ("http://x.cn/news/2025-03/21/content_556677.htm", True),
    ("http://x.cn/article/987654", True),
    ("http://x.cn/show.php?id=2345", True),
    ("http://x.cn/tech/", False),
    ("http://x.cn/tech/index_2.html", False),
    ("http://x.cn/about.html", False),
])
def test_article_url_shapes(url, likely):
    assert (url_looks_like_article(url) >= 0.5) is likely


@pytest.mark.parametrize("pager, page_no, expected", [
    ("<a href='/t/index_2.html' rel='next'>更多</a>", 1, "/t/index_2.html"),
    ("<a href='/t/1.html'>上一页</a><a href='/t/3.html'>下一页</a>", 2, "/t/3.html"),
    ("<a href='/t/p3'>下页</a>", 2, "/t/p3"),
    ("<a href='/t/?page=2'>&gt;</a><a href='/t/?page=9'>末页</a>", 1, "/t/?page=2"),
    ("<span>1</span><a href='/t/list_2.htm'>2</a><a href='/t/list_3.htm'>3</a>", 1, "/t/list_2.htm"),
    ("<a href='/t/list_1.htm'>1</a><span>2</span><a href='/t/list_3.htm'>3</a>", 2, "/t/list_3.htm"),
    ("<a href='/t/list_1.htm'>1</a><span>2</span>", 2, None),
    ("<a href='javascript:next()'>下一页</a>", 1, None),
])
def test_next_page(pager, page_no, expected):
    tree = parse(f"<html><head></head><body><div class='pages'>{pager}</div></body></html>")
    found = find_next_page(tree, "http://x.cn/t/", page_no)
    assert found == (f"http://x.cn{expected}" if expected else None)


def test_next_page_link_element_and_profile_selector():
    tree = parse("<html><head><link rel='next' href='/p/2'></head><body>"
                 "<a class='more' href='/p/x2'>more</a></body></html>")
    assert find_next_page(tree, "http://x.cn/p/1", 1) == "http://x.cn/p/2"
    assert find_next_page(tree, "http://x.cn/p/1", 1, selector="a.more") == "http://x.cn/p/x2"


def test_articles_on_sibling_hosts_are_the_sites_own():
    items = "".join(f"<li><a href='http://{host}.example.com/a/2025030{i}/1{i}000.html'>"
                    f"同一网站另一个子域名上的新闻标题{i}</a></li>"
                    for i, host in enumerate(("new", "www", "new", "www", "new"), 1))
    items += "<li><a href='http://example.org/a/20250301/19000.html'>另一个网站的新闻标题很长很长</a></li>"
    links = find_article_links(parse(_page(f"<ul>{items}</ul>")), "http://news.example.com/tech/")
    assert [l.url.split("/")[2] for l in links] == ["new.example.com", "www.example.com"] * 2 + ["new.example.com"]


def test_profile_domains_add_hosts_to_the_site():
    items = "".join(f"<li><a href='http://cdn.example-news.net/a/2025030{i}/1{i}000.html'>"
                    f"合作域名上的本站新闻标题第{i}条</a></li>" for i in range(1, 6))
    tree = parse(_page(f"<ul>{items}</ul>"))
    hosts = {l.url.split("/")[2] for l in find_article_links(tree, "http://news.example.com/tech/")}
    assert "cdn.example-news.net" not in hosts
    links = find_article_links(tree, "http://news.example.com/tech/", domains=("example.com", "example-news.net"))
    assert [l.url.split("/")[2] for l in links] == ["cdn.example-news.net"] * 5


def test_numbered_next_page_stays_on_the_listing_host_and_path():
    calendar = ("<table class='calendar'><tr>" + "".join(
        f"<td><a href='http://snapshot.example.com/2025/03/{d:02d}/'>{d}</a></td>" for d in range(1, 8))
        + "</tr></table>")
    pager = "<div class='pages'><span>1</span><a href='/tech/index_2.html'>2</a></div>"
    tree = parse(f"<html><body>{calendar}{pager}</body></html>")
    assert find_next_page(tree, "http://news.example.com/tech/", 1) == "http://news.example.com/tech/index_2.html"
    tree = parse(f"<html><body>{calendar}</body></html>")
    assert find_next_page(tree, "http://news.example.com/tech/", 1) is None
    # rel=next and 下一页 may lead to another host of the site.
    tree = parse(f"<html><body>{calendar}<a href='http://www.example.com/tech/2.html'>下一页</a></body></html>")
    assert find_next_page(tree, "http://news.example.com/tech/", 1) == "http://www.example.com/tech/2.html"
