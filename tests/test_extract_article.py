"""Extraction on small pages shaped like Chinese news sites."""

import json

from snapshots.extract import Extracted, extract_article

PARAGRAPHS = [
    "快科技3月23日消息，有网友爆料称，某公司高管访问了小米汽车工厂，由雷军等高层接见，并放出人员合照。",
    "有网友表示，此一时彼一时。谁能记得，小米手机曾遭断供屏幕，创始人亲自赔罪的往事呢？",
    "当年供应链团队与供应商发生争执，供应商直接宣布断供，最终在两年之后才恢复供货，这段往事广为流传。",
]
NAV = "".join(f'<li><a href="/c/{i}.html">频道{i}</a></li>' for i in range(20))


def page(byline: str = "", *, head: str = "", body_extra: str = "", after: str = "",
         title: str = "三星高管造访小米工厂_快科技") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<html><head><title>{title}</title>{head}</head><body>
    <div class="nav"><ul>{NAV}</ul></div>
    <div class="main"><h1>三星高管造访小米工厂</h1>
    <div class="info">{byline}</div>
    <div class="news_content">{paragraphs}{body_extra}</div>{after}</div>
    <div class="footer"><a href="/about">关于我们</a> Copyright © 2025 某网 版权所有</div>
    </body></html>"""


def test_seed_shaped_page():
    html = page("类别:科技 发布时间:2025-03-23 17:01:00 来源:浅语科技",
                body_extra="<p>责任编辑：雪花</p><p>【本文结束】如需转载请务必注明出处：快科技</p>"
                           "<p>文章内容举报</p>")
    result = extract_article(html.encode("utf-8"), "https://news.example.com/1/1.htm")
    assert isinstance(result, Extracted)
    assert result.title == "三星高管造访小米工厂"
    assert result.published_at_raw == "2025-03-23 17:01:00"
    assert result.source == "浅语科技"
    assert result.authors == []  # 来源 is not an author
    assert result.editor == "雪花"
    assert result.page_category == "科技"
    assert result.body[:3] == PARAGRAPHS
    assert result.language == "zh"
    assert result.encoding == "utf_8"


def test_body_excludes_navigation_footer_and_byline():
    result = extract_article(page("作者：张三 发布时间：2025-03-23 17:01"), "https://e.com/a")
    text = "\n".join(result.body)
    assert "频道1" not in text and "关于我们" not in text and "发布时间" not in text
    assert result.body == PARAGRAPHS
    assert result.authors == ["张三"]


def test_json_ld_beats_visible_byline():
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "结构化标题",
            "datePublished": "2025-03-23T09:01:00Z",
            "author": [{"@type": "Person", "name": "李四"}, {"@type": "Organization", "name": "某网"}]}
    head = f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'
    result = extract_article(page("发布时间：2025-03-20 08:00", head=head), "https://e.com/a")
    assert result.published_at_raw == "2025-03-23T09:01:00Z"
    assert result.authors == ["李四"]
    assert result.origin["published_at"] == "json-ld"


def test_json_ld_graph_and_unix_timestamp():
    data = {"@graph": [{"@type": "WebSite", "name": "某网"},
                       {"@type": ["NewsArticle"], "datePublished": 1742720460}]}
    head = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    assert extract_article(page(head=head), "https://e.com/a").published_at_raw == "1742720460"


def test_meta_time_and_opengraph():
    head = ('<meta property="article:published_time" content="2025-03-23T17:01:00+08:00">'
            '<meta property="og:url" content="/news/1.html">'
            '<meta property="article:section" content="数码">')
    result = extract_article(page(head=head), "https://e.com/a?utm_source=x")
    assert result.published_at_raw == "2025-03-23T17:01:00+08:00"
    assert result.canonical_url == "https://e.com/news/1.html"
    assert result.page_category == "数码"


def test_date_only_meta_takes_the_clock_from_the_byline():
    head = '<meta name="publishdate" content="2025-03-23">'
    result = extract_article(page("发布时间：2025-03-23 17:01", head=head), "https://e.com/a")
    assert result.published_at_raw == "2025-03-23 17:01"


def test_canonical_link_is_absolute():
    head = '<link rel="canonical" href="//www.e.com/1.html">'
    assert extract_article(page(head=head), "https://m.e.com/1.html").canonical_url == \
        "https://www.e.com/1.html"


def test_organisation_in_meta_author_is_not_an_author():
    head = '<meta name="author" content="www.example.cn,某日报报业集团,某网">'
    assert extract_article(page(head=head), "https://e.com/a").authors == []


def test_reporter_byline_and_signature():
    result = extract_article(page("2025-03-23 17:01 来源：光明日报 光明日报记者 王建宏 张文攀"),
                             "https://e.com/a")
    assert result.authors == ["王建宏 张文攀"]
    assert result.source == "光明日报"
    signed = page(body_extra="<p>最后一段的内容在这里结束。（常书香 马丹阳）</p>")
    assert extract_article(signed, "https://e.com/a").authors == ["常书香 马丹阳"]


def test_reporter_in_running_text_is_not_an_author():
    prose = "<p>宝洁公关总监向本报记者透露，目前产品销售并未受到影响。</p>"
    assert extract_article(page(body_extra=prose), "https://e.com/a").authors == []


def test_selectors_override_generic_rules():
    html = page("发布时间：2025-03-23 17:01") + ""
    html = html.replace('<div class="info">', '<div class="info"><span class="when">2025-01-02 03:04</span>'
                                              '<span class="who">王五</span>')
    selectors = {"title": "h1::text", "published_at": "span.when", "authors": "span.who",
                 "body": "//div[@class='news_content']/p[1]", "category": "xpath://div[@class='nav']//li[2]"}
    result = extract_article(html, "https://e.com/a", selectors=selectors)
    assert result.published_at_raw == "2025-01-02 03:04"
    assert result.authors == ["王五"]
    assert result.body == PARAGRAPHS[:1]
    assert result.page_category == "频道1"
    assert result.origin["body"] == "selector"


def test_related_block_found_by_heading_not_navigation():
    related = ('<div class="box"><h3>相关阅读</h3><ul>'
               '<li><a href="/1/2.htm">小米汽车交付量再创新高</a></li>'
               '<li><a href="https://other.example.com/3.htm">雷军谈供应链管理经验</a></li>'
               '<li><a href="javascript:void(0)">不是链接的链接标题</a></li></ul></div>')
    result = extract_article(page(after=related), "https://news.example.com/1/1.htm")
    assert result.related == [
        {"url": "https://news.example.com/1/2.htm", "title": "小米汽车交付量再创新高"},
        {"url": "https://other.example.com/3.htm", "title": "雷军谈供应链管理经验"},
    ]
    assert extract_article(page(), "https://e.com/a").related == []


def test_reader_comments_are_not_body():
    comments = "".join(f"<p>网友{i}说：这篇文章写得很好，我很同意作者的观点，希望以后多多发表这样的文章。</p>"
                       for i in range(15))
    result = extract_article(page(after=f'<div id="comments">{comments}</div>'), "https://e.com/a")
    assert result.body == PARAGRAPHS


def test_hidden_and_script_text_is_ignored():
    extra = ('<script>var x = "脚本里的文字不应出现，。";</script>'
             '<p style="display: none">隐藏的文字不应出现。</p>')
    result = extract_article(page(body_extra=extra), "https://e.com/a")
    assert result.body == PARAGRAPHS


def test_br_separated_old_page():
    text = "<br>".join(PARAGRAPHS)
    html = (f"<html><head><title>旧版新闻页面标题 - 某某网</title></head><body><table><tr>"
            f"<td>首页 | 新闻 | 体育</td></tr><tr><td><font>旧版新闻页面标题</font></td></tr>"
            f"<tr><td>2005-04-05 06:40 来源：新华网</td></tr><tr><td>{text}</td></tr></table></body></html>")
    result = extract_article(html.encode("gb18030"), "http://old.example.com/a.htm")
    assert result.body == PARAGRAPHS
    assert result.published_at_raw == "2005-04-05 06:40"
    assert result.source == "新华网"
    assert result.title == "旧版新闻页面标题"


import pytest


@pytest.mark.parametrize("shown", ["3小时前", "刚刚", "昨天 14:05", "前天 09:30", "03-23 17:01", "25分钟前"])
def test_labelled_time_without_a_year_is_the_published_time(shown):
    html = page(f"类别:科技 发布时间:{shown} 来源:浅语科技",
                after="<ul class='more'><li><a href='/x/1.html'>另一条新闻的标题比较长</a>"
                      "<span>2025-03-20 10:00:00</span></li></ul>")
    result = extract_article(html, "https://news.example.com/1/1.htm")
    assert result.published_at_raw == shown
    assert result.source == "浅语科技"
