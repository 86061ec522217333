"""Pages in the styles of real portals, one or more per failure class the
extractor had on pages it was never tuned on (dates without a year, shown
time against metadata time, 来源 forms, polluted author lists, channel and
SEO titles, body boilerplate and dropped captions).

Every page and sentence is made up; the markup follows what portals serve.
Each case goes through the whole extract-then-normalize path.
"""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from snapshots.extract import extract_article
from snapshots.normalize import normalize_fields
from tests.test_extract_portals import footer, hot, nav, share

NOW = datetime(2025, 3, 23, 12, 0, tzinfo=timezone.utc)  # 20:00 in Beijing
ZONE = "Asia/Shanghai"

BODY = [
    "记者从市交通运输局获悉，今年全市将新开和优化调整公交线路三十条，重点解决新建小区和产业园区的出行难题。",
    "据介绍，新开线路将优先覆盖轨道交通站点周边，实现“最后一公里”接驳；部分客流较少的线路将合并调整，提高运营效率。",
    "市交通运输局相关负责人表示，线路调整方案已在官方网站公示，市民可通过热线电话或网上留言提出意见和建议。",
]


def ps(lines: list[str]) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


def page(head: str, top: str, byline: str, body: str, after: str = "", title: str = "全市今年将新开优化公交线路三十条") -> str:
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>{head}</head>
<body>{nav()}<div class="wrap"><div class="main-left">{top}
<div class="article-info">{byline}</div>
<div class="article-content" id="content">{body}</div>{after}</div>
<div class="main-right">{hot()}</div></div>{footer()}</body></html>"""


def run(html: str, url: str = "https://news.example.com.cn/a/2025/0323/12345.html", now: datetime = NOW):
    extracted = extract_article(html, url)
    fields = normalize_fields(
        title=extracted.title, published_at_raw=extracted.published_at_raw, source=extracted.source,
        authors=extracted.authors, editor=extracted.editor, page_category=extracted.page_category,
        body=extracted.body, now=now, tz=ZONE, site_names=tuple(extracted.site_names),
        published_not_after=extracted.published_not_after,
    )
    shown = fields.published_at.astimezone(ZoneInfo(ZONE)).strftime("%Y-%m-%d %H:%M") \
        if fields.published_at else None
    return extracted, fields, shown


H1 = "<h1>全市今年将新开优化公交线路三十条</h1>"


# --- 1. dates without a year --------------------------------------------------


def test_month_day_with_clock_in_sibling_takes_year_from_url():
    html = page("", H1, '<span class="date">发布时间：03-20</span><span class="time">09:30</span>'
                '<span class="src">来源：某某日报</span>', ps(BODY))
    _, _, shown = run(html, url="https://news.example.com.cn/a/2023/0320/12345.html")
    assert shown == "2023-03-20 09:30"


def test_month_day_takes_year_from_metadata_update_time():
    html = page('<meta name="dateUpdate" content="2023-03-11 09:00:00">', H1,
                '<span>时间：03-10 08:00</span>', ps(BODY))
    extracted, _, shown = run(html, url="https://news.example.com.cn/content/12345.html")
    assert shown == "2023-03-10 08:00"
    assert extracted.extras["published_at_shown"] == "03-10 08:00"
    assert extracted.origin["published_at"].endswith("year:meta")


def test_month_day_across_new_year_is_not_after_the_evidence():
    html = page('<meta name="dateUpdate" content="2024-01-02 10:00:00">', H1,
                '<span>发布时间：12-31 18:05</span>', ps(BODY))
    _, _, shown = run(html, url="https://news.example.com.cn/content/12345.html")
    assert shown == "2023-12-31 18:05"


def test_month_day_takes_year_from_copyright_line():
    html = page("", H1, '<div class="time">发布时间：11-02 10:15</div>', ps(BODY)).replace(
        "Copyright © 1997-2025", "Copyright © 2008-2022")
    _, _, shown = run(html, url="https://news.example.com.cn/content/12345.html")
    assert shown == "2022-11-02 10:15"


def test_month_day_without_evidence_is_never_in_the_future():
    html = page("", H1, '<span>发布时间：12-28 09:00</span>', ps(BODY)).replace("Copyright © 1997-2025", "")
    _, _, shown = run(html, url="https://news.example.com.cn/content/12345.html")
    assert shown == "2024-12-28 09:00"


# --- 2. shown byline time against metadata time ----------------------------------


def test_shown_time_beats_metadata_time_and_keeps_it_in_extras():
    html = page('<meta property="article:published_time" content="2025-03-23T08:00:00+08:00">', H1,
                '<span class="time">2025-03-23 10:47</span><span>来源：某某日报</span>', ps(BODY))
    extracted, _, shown = run(html)
    assert shown == "2025-03-23 10:47"
    assert extracted.extras["published_at_metadata"] == {
        "value": "2025-03-23T08:00:00+08:00", "origin": "meta:article:published_time"}


def test_shown_time_beats_json_ld_hours_off():
    ld = '{"@context":"https://schema.org","@type":"NewsArticle","headline":"全市今年将新开优化公交线路三十条",' \
         '"datePublished":"2025-03-23T02:10:00Z"}'
    html = page(f'<script type="application/ld+json">{ld}</script>', H1,
                '<span>发布时间：2025年03月23日 14:32</span>', ps(BODY))
    extracted, _, shown = run(html)
    assert shown == "2025-03-23 14:32"
    assert extracted.extras["published_at_metadata"]["origin"] == "json-ld"


def test_metadata_time_stays_when_the_page_shows_only_a_date():
    html = page('<meta property="article:published_time" content="2025-03-23T08:05:00+08:00">', H1,
                '<span>2025-03-23</span>', ps(BODY))
    extracted, _, shown = run(html)
    assert shown == "2025-03-23 08:05"
    assert "published_at_metadata" not in extracted.extras


# --- 3. 来源 forms ------------------------------------------------------------------


@pytest.mark.parametrize("byline, source", [
    # a linked 来源 in a box of its own (mostly link text)
    ('<span>2025-03-23 09:12</span></div><div class="source">来源：<a href="http://www.example.gov.cn/">'
     '国家市场监督管理总局新闻宣传司官方网站</a>', "国家市场监督管理总局新闻宣传司官方网站"),
    ('<span>2025-03-23 09:12</span> <span>文章来源：<a href="http://www.example.cn/">中国青年报</a></span>', "中国青年报"),
    ('<span>2025-03-23 09:12</span> <span>稿源：快科技</span>', "快科技"),
    ('<span>2025-03-23 09:12</span> <span>本文来源于 经济参考报</span>', "经济参考报"),
    # a publisher beside the time, no label
    ('<span class="time">2025-03-23 09:12</span>　<span>潇湘晨报</span>', "潇湘晨报"),
    ('<p class="date">中国新闻网 2025-03-23 09:12</p>', "中国新闻网"),
])
def test_source_forms(byline, source):
    extracted, fields, shown = run(page("", H1, byline, ps(BODY)))
    assert (fields.source, shown) == (source, "2025-03-23 09:12")
    assert fields.body == BODY


def test_republished_from_names_the_original_publisher():
    body = ps(BODY) + "<p>本文转载自微信公众号「城市交通观察」，原标题《今年新开三十条公交线》。</p>"
    _, fields, _ = run(page("", H1, "<span>2025-03-23 09:12</span>", body))
    assert fields.source == "城市交通观察"
    assert fields.body == BODY


def test_wechat_account_is_the_source():
    html = f"""<html><head><meta charset="utf-8"><title>全市今年将新开优化公交线路三十条</title>
<meta name="author" content="林小满"><script>var nickname = htmlDecode("城事观察"); var ct = "1742698800";</script></head>
<body><div id="js_article" class="rich_media"><h1 class="rich_media_title" id="activity-name">全市今年将新开优化公交线路三十条</h1>
<div id="meta_content" class="rich_media_meta_list"><span class="rich_media_meta rich_media_meta_text">林小满</span>
<span class="rich_media_meta rich_media_meta_nickname" id="profileBt"><a href="javascript:void(0);" id="js_name">城事观察</a></span>
<em id="publish_time" class="rich_media_meta rich_media_meta_text"></em></div>
<div class="rich_media_content" id="js_content">{ps(BODY)}<p>更多猛料！欢迎扫描下方二维码关注城事观察官方微信公众号</p></div></div>
<div class="qr_code_pc"><p>微信扫一扫<br>关注该公众号</p></div></body></html>"""
    _, fields, _ = run(html, url="https://mp.weixin.qq.com/s/AbCdEf")
    assert (fields.source, fields.authors, fields.body) == ("城事观察", ["林小满"], BODY)


@pytest.mark.parametrize("url, meta", [
    ("https://www.toutiao.com/article/7480000000000000001/",
     '<div class="article-meta"><span>2025-03-23 09:12</span><span class="name"><a href="/c/user/token/abc/">城事观察</a></span></div>'),
    ("https://baijiahao.baidu.com/s?id=1826000000000000001",
     '<div class="index-module_authorTxt"><a class="index-module_authorName" href="https://author.baidu.com/home?id=1">城事观察</a>'
     '<span class="index-module_date">发布时间: 2025-03-23 09:12</span></div>'),
])
def test_self_media_account_is_the_source(url, meta):
    _, fields, shown = run(page("", H1, meta, ps(BODY)), url=url)
    assert (fields.source, fields.authors, shown) == ("城事观察", [], "2025-03-23 09:12")


def test_site_name_is_the_last_resort_and_says_so():
    html = page('<meta property="og:site_name" content="某某新闻网">', H1, "<span>2025-03-23 09:12</span>", ps(BODY))
    extracted, fields, _ = run(html)
    assert fields.source == "某某新闻网"
    assert extracted.origin["source"] == "og:site_name"
    labelled = page('<meta property="og:site_name" content="某某新闻网">', H1,
                    "<span>2025-03-23 09:12</span><span>来源：某某日报</span>", ps(BODY))
    extracted, fields, _ = run(labelled)
    assert fields.source == "某某日报" and extracted.origin["source"] == "byline"


# --- 4. author lists -----------------------------------------------------------------


@pytest.mark.parametrize("byline, authors", [
    ('<span>2025-03-23 09:12</span><span class="author">作者：<a href="/u/1">王磊</a> <a href="/u/1/more">查看更多</a></span>',
     ["王磊"]),
    ('<span>2025-03-23 09:12</span><span>作者：张三、李四&amp;王五</span>', ["张三", "李四", "王五"]),
    ('<span>2025-03-23 09:12</span><span>文/周舟 &amp; 陈晨</span>', ["周舟", "陈晨"]),
    ('<span>2025-03-23 09:12</span><div class="author-box"><span class="author-name">'
     '<a href="/u/9">刘洋</a><a href="/u/9">返回专栏</a></span></div>', ["刘洋"]),
])
def test_author_lists(byline, authors):
    _, fields, _ = run(page("", H1, byline, ps(BODY)))
    assert fields.authors == authors


# --- 5. headline ------------------------------------------------------------------------


def test_channel_heading_is_not_the_headline():
    top = '<h1 class="column-title">新闻动态</h1><div class="crumb"><a href="/">首页</a> &gt; <a href="/news/">新闻动态</a></div>' \
          '<h2 class="art-title">全市今年将新开优化公交线路三十条</h2>'
    _, fields, _ = run(page("", top, "<span>2025-03-23 09:12</span>", ps(BODY), title="某某市交通运输局-新闻动态"))
    assert fields.title == "全市今年将新开优化公交线路三十条"


def test_seo_title_is_not_the_headline():
    top = '<div class="logo"><h1><a href="/">某某财经</a></h1></div><div class="art-title">沪指窄幅震荡 半导体板块午后走强</div>'
    html = page("", top, "<span>2025-03-23 09:12</span>", ps(BODY),
                title="今日股市行情_明日大盘走势_股票行情_某某财经")
    _, fields, _ = run(html)
    assert fields.title == "沪指窄幅震荡 半导体板块午后走强"


def test_a_dated_byline_or_a_prompt_is_not_the_headline():
    top = ('<h2 class="title">公交线路优化方案公示</h2>'
           '<div class="post-title">公交线路优化方案公示 2025-03-23 09:12 楼主</div>'
           '<div class="sub-title">欢迎订阅本站邮件。请在下面填入您的邮件地址：</div>')
    _, fields, _ = run(page("", top, "<span>2025-03-23 09:12</span>", ps(BODY), title="某某论坛_交通版"))
    assert fields.title == "公交线路优化方案公示"


def test_headline_matching_the_title_wins_over_an_earlier_heading():
    top = '<h2 class="lanmu">本地要闻</h2><h1>全市今年将新开优化公交线路三十条</h1>'
    _, fields, _ = run(page("", top, "<span>2025-03-23 09:12</span>", ps(BODY),
                            title="全市今年将新开优化公交线路三十条_本地要闻_某某网"))
    assert fields.title == "全市今年将新开优化公交线路三十条"


# --- 6. body ------------------------------------------------------------------------------


def test_body_boilerplate_is_left_out():
    body = (ps(BODY[:-1]) + f"<p>{BODY[-1]}（责任编辑：孙重远）</p>"
            "<p>免责声明：本文仅代表作者个人观点，与本网无关。其原创性以及文中陈述文字和内容未经本站证实，"
            "对本文以及其中全部或者部分内容、文字的真实性、完整性、及时性本站不作任何保证或承诺，"
            "请读者仅作参考，并请自行核实相关内容。如有侵权，请联系我们删除。本站不承担此类作品侵权行为的直接责任及连带责任。</p>"
            "<p>更多猛料！欢迎扫描左方二维码关注某某日报官方微信公众号（ID：mmrb）</p>"
            "<p>点击关注我们，获取更多本地资讯</p><p>点个“在看”，分享给更多朋友</p>"
            f"{share()}"
            '<p><a href="/a/2025/0322/1.html">地铁三号线二期今日试运行</a></p>'
            '<p><a href="/a/2025/0322/2.html">这些路段将实施交通管制，请提前规划出行</a></p>'
            '<p><a href="/a/2025/0321/3.html">共享单车停放新规下月起施行，违停将被清理</a></p>')
    _, fields, _ = run(page("", H1, "<span>2025-03-23 09:12</span>", body))
    assert fields.body == BODY


def test_disclaimer_heading_and_its_paragraph_are_left_out():
    body = ps(BODY) + "<p><strong>【免责声明】</strong></p><p>本文内容来源于网络，仅供参考，不构成投资建议，据此操作风险自担。</p>"
    _, fields, _ = run(page("", H1, "<span>2025-03-23 09:12</span>", body))
    assert fields.body == BODY


def test_captions_and_short_paragraphs_are_kept():
    lines = [BODY[0], "2025年3月22日，市民在新开通的公交站台候车。", "这是为什么？", BODY[1], "图为调整后的线路示意图。", BODY[2]]
    body = (f"<p>{lines[0]}</p><figure><img src='/a.jpg'><figcaption>{lines[1]}</figcaption></figure>"
            f"<p>{lines[2]}</p><p>{lines[3]}</p><p class='pic-info'>{lines[4]}</p><p>{lines[5]}</p>")
    _, fields, _ = run(page("", H1, "<span>2025-03-23 09:12</span>", body))
    assert fields.body == lines
