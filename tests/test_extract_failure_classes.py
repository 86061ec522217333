"""Pages in the styles of real portals, one or more per failure class the
extractor had on pages it was never tuned on (dates without a year, shown
time against metadata time, 来源 forms, polluted author lists, channel and
SEO titles, body boilerplate and dropped captions), and the classes found
after them on the development set: pages of several posts, and a shown time
whose zone only the page states.

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
        published_not_after=extracted.published_not_after, published_offset=extracted.published_offset,
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


# --- 7. several posts on one page -----------------------------------------------------
# A forum thread, a blog's front page, an article page that appends the next
# story: the page is about its first post, whose time is the one read.

POSTS = [
    ("周末带娃去了新开的湿地公园", "2025-03-22 21:40", [
        "周末带孩子去了城东新开的湿地公园，停车场很大，入口处有免费的寄存柜，工作人员也很热情。",
        "园里的木栈道一直通到湖心岛，孩子最喜欢观鸟台，看到了好几种叫不出名字的水鸟，回家还缠着要买望远镜。",
    ]),
    ("老房子装修踩过的坑", "2025-03-18 09:05", [
        "去年把父母住了二十多年的老房子重新装修了一遍，前后折腾了四个多月，总结几条经验给大家参考。",
        "第一是水电一定要全部重走，老房子的线路普遍老化，表面看着能用，埋在墙里的隐患却不少。",
        "第二是防水要做闭水试验，卫生间和厨房至少放水四十八小时，请楼下邻居帮忙看看有没有渗漏。",
        "第三是预算要留出两成余量，拆开墙面之后总会发现计划之外的问题，临时加项是常有的事。",
        "第四是材料尽量自己去市场比价，同一款瓷砖在不同店里能差出三成价格，多跑几家不吃亏。",
        "最后是和施工队把工期、付款节点写进合同，每一步验收合格再付款，避免后期扯皮。",
    ]),
    ("春天的第一碗荠菜馄饨", "2025-03-10 18:30", [
        "菜市场里终于有荠菜卖了，买了一大把回来，焯水切碎，和猪肉末拌在一起，包了满满两盖帘馄饨。",
        "煮好盛在碗里，撒一点虾皮和葱花，喝一口汤，觉得春天是真的来了。",
    ]),
]


def blog_front_page() -> str:
    """A blog's front page on an old table layout: one row per post."""
    rows = "".join(
        f'<tr><td><table class="post-box" width="100%"><tr><td class="post-title">{title}</td>'
        f'<td class="post-date">{time}</td></tr>'
        f'<tr><td class="post-body" colspan="2">{"<br><br>".join(lines)}</td></tr>'
        f'<tr><td class="post-footer" colspan="2">由 小城阿敏 发表于 {time} | 阅读全文 | <a href="/c/{i}">评论</a></td></tr>'
        '</table></td></tr>'
        for i, (title, time, lines) in enumerate(POSTS))
    return f"""<html><head><meta charset="utf-8"><title>小城阿敏的博客</title></head><body>{nav()}
<table width="960"><tr><td class="blog-side" width="200"><div class="profile">小城阿敏<br>
<a href="/rss">订阅</a> | <a href="/msg">留言</a></div>{hot("最新评论", "side-list")}</td>
<td width="760"><div class="blog-head">2025年3月23日 星期日 10:00 欢迎光临</div>
<table class="post-list" width="100%">{rows}</table></td></tr></table>{footer("某某博客")}</body></html>"""


def test_blog_front_page_is_read_as_its_first_post():
    extracted, fields, shown = run(blog_front_page(), url="https://blog.example.com.cn/u/xiaochengamin")
    title, time, lines = POSTS[0]
    assert fields.body == lines  # not the longest post, the second
    assert shown == time
    assert fields.title == title


def forum_thread(replies: list[tuple[str, str, list[str]]]) -> str:
    """A Discuz-style thread: the opening post, then replies of the same template."""
    posts = "".join(
        f'<div id="post_{100 + i}" class="post-item"><table class="plhin"><tr>'
        f'<td class="pls"><div class="authi"><a class="xw1" href="/space/{i}">{author}</a></div></td>'
        f'<td class="plc"><div class="pi"><em id="authorposton{100 + i}">发表于 {time}</em>\n'
        f'<span class="pipe">|</span>\n<strong>{"楼主" if i == 0 else f"{i + 1}#"}</strong></div>'
        f'<div class="t_fsz"><table cellspacing="0" cellpadding="0"><tr><td class="t_f" id="postmessage_{100 + i}">'
        f'{"<br>".join(lines)}</td></tr></table></div>'
        '<div class="po"><a href="javascript:;">回复</a> <a href="javascript:;">支持</a></div></td></tr></table></div>'
        for i, (author, time, lines) in enumerate(replies))
    return f"""<html><head><meta charset="utf-8"><title>小区门口的公交站要迁走了？ - 本地生活 - 某某论坛</title></head>
<body>{nav()}<div id="wp" class="wp"><div id="pt" class="bm cl"><a href="/">论坛</a> &gt; <a href="/f/12">本地生活</a></div>
<div class="ts"><h1><span id="thread_subject">小区门口的公交站要迁走了？</span></h1></div>
<div id="postlist" class="pl bm">{posts}</div></div>{footer("某某论坛")}</body></html>"""


def test_forum_thread_is_read_as_its_opening_post_not_its_longest_reply():
    opening = ("城南老王", "2025-03-20 08:12", [
        "今天早上看到站牌上贴了通知，说小区门口的公交站下个月要往北挪三百米，有没有邻居知道是怎么回事？",
        "老人孩子每天都在这里坐车，挪远了很不方便，想问问大家的意见，看看能不能一起向有关部门反映。",
    ])
    reply = ("热心市民小陈", "2025-03-20 11:47", [
        "我专门打了市民热线问过，答复是路口要改造成信号灯控制，原来的站台离路口太近，公交车进出站会堵住右转车道。",
        "新站台会建在超市门口，有候车亭和电子站牌，施工期间原站点照常使用，等新站建好再撤。",
        "热线还说方案在交通运输局网站公示到月底，对位置有意见可以在网上留言，也可以打电话反映。",
        "我看了公示的图纸，新站台离小区北门其实更近，从南门出来的住户要多走两三分钟，大家可以根据自己的情况提意见。",
        "另外路口改造以后会加一条人行横道，以后去对面菜市场就不用绕到天桥了，总体来说我觉得是好事。",
    ])
    extracted, fields, shown = run(forum_thread([opening, reply, ("路人甲", "2025-03-20 12:03", ["谢谢楼上，涨知识了。"])]),
                                   url="https://bbs.example.com.cn/thread-12345-1-1.html")
    assert fields.body == opening[2]
    assert shown == "2025-03-20 08:12"


def test_article_page_appending_the_next_story_is_read_as_the_first():
    nxt = ["相邻城市的地铁线网规划也在本周获批，新规划包括五条新线和两条延长线，总长约一百八十公里，"
           "预计分三期建设，首期工程将于明年开工，建成后两市之间将实现地铁直连。"] * 4
    stories = "".join(
        f'<article class="story"><h1 class="story-title">{title}</h1>'
        f'<div class="story-meta"><span class="time">{time}</span><span>来源：某某日报</span></div>'
        f'<div class="story-body">{ps(lines)}</div>{share()}</article>'
        for title, time, lines in (("全市今年将新开优化公交线路三十条", "2025-03-23 09:12", BODY),
                                   ("邻市地铁线网规划获批", "2025-03-22 16:40", nxt)))
    html = f"""<html><head><meta charset="utf-8"><title>全市今年将新开优化公交线路三十条_某某网</title></head>
<body>{nav()}<div class="wrap"><div class="main-left">{stories}</div><div class="main-right">{hot()}</div></div>{footer()}</body></html>"""
    _, fields, shown = run(html)
    assert (fields.title, fields.body, shown) == ("全市今年将新开优化公交线路三十条", BODY, "2025-03-23 09:12")


def test_one_article_beside_boxes_of_its_own_class_stays_itself():
    # Boxes of the article's own class above it, one with a clock and prose
    # but another template, one with prose and no time: not earlier posts.
    notice = ('<div class="box"><div class="box-hd">公告</div><div class="box-bd">2025-03-23 08:00 起本站系统升级，'
              '部分栏目暂停更新，升级期间给您带来的不便，敬请谅解。升级完成后，评论和收藏功能将恢复正常使用。</div></div>')
    intro = ('<div class="box"><p>本栏目关注城市交通、公共出行和社区生活，欢迎读者来信来电，反映身边的出行难题，'
             '我们将联系有关部门进行核实和回应，并在栏目中刊发处理结果，请留下您的联系方式。</p></div>')
    article = (f'<div class="box">{H1}<div class="article-info"><span>2025-03-23 09:12</span><span>来源：某某日报</span></div>'
               f'<div class="article-content">{ps(BODY)}</div></div>')
    html = f"""<html><head><meta charset="utf-8"><title>全市今年将新开优化公交线路三十条</title></head>
<body>{nav()}<div class="wrap">{notice}{intro}{article}</div>{footer()}</body></html>"""
    _, fields, shown = run(html)
    assert (fields.body, shown) == (BODY, "2025-03-23 09:12")


def test_timeline_entries_inside_one_article_stay_one_body():
    # Dated entries of one template, one much longer: still one story.
    entries = [("2024-11-02 10:00", "线路优化方案启动编制，交通部门开展全市公交客流调查，收集市民意见一万余条。"),
               ("2025-01-15 15:30", "方案初稿完成，组织专家论证，对三十条线路的走向和站点设置逐条进行了评估和调整，"
                                    "其中五条线路根据居民建议增设了社区站点，两条线路缩短了发车间隔。" * 3),
               ("2025-03-20 09:00", "方案在官方网站公示，公示期十五天，市民可通过热线电话或网上留言提出意见。")]
    body = ps(BODY[:1]) + "".join(
        f'<div class="tl-item"><p class="tl-time">{time}</p><p>{text}</p></div>' for time, text in entries)
    _, fields, _ = run(page("", H1, "<span>2025-03-23 09:12</span>", body))
    assert fields.body == [BODY[0]] + [x for entry in entries for x in entry]


# --- 8. a shown time whose zone only the page states -----------------------------------
# A <time datetime> around the shown time is the same instant: the
# difference is the offset of the zone the page shows its times in.


@pytest.mark.parametrize("shown, machine, offset, instant", [
    # an international broadcaster's Chinese service in Paris, day first
    ("23/03/2025 - 09:15", "2025-03-23T08:15:00+00:00", "+01:00", "2025-03-23T08:15:00+00:00"),
    # a New York paper's Chinese edition, in daylight-saving time
    ("2025年3月22日 21:05", "2025-03-23T01:05:42Z", "-04:00", "2025-03-23T01:05:00+00:00"),
    # an outlet in India: half an hour
    ("2025-03-23 13:45", "2025-03-23T08:15:00.000Z", "+05:30", "2025-03-23T08:15:00+00:00"),
    # shown in UTC, and the page says so
    ("2025-03-23 08:15", "2025-03-23T08:15:00Z", "+00:00", "2025-03-23T08:15:00+00:00"),
])
def test_shown_time_takes_the_offset_its_time_element_states(shown, machine, offset, instant):
    byline = f'<p class="pub-dates"><span>发表时间： <time datetime="{machine}">{shown}</time></span></p>'
    extracted, fields, _ = run(page(f'<meta property="article:published_time" content="{machine}">', H1, byline, ps(BODY)))
    assert (extracted.published_at_raw, extracted.published_offset) == (shown, offset)
    assert fields.published_at == datetime.fromisoformat(instant)
    assert extracted.origin["published_at"] == "byline+offset:time"


@pytest.mark.parametrize("machine", [
    "2025-03-23T08:15:00",  # no offset: says no more than the text
    "2025-03-23T09:08:00+08:00",  # minutes apart: another time, not another zone
])
def test_time_element_without_a_zone_difference_leaves_the_site_zone(machine):
    byline = f'<span>发布时间：<time datetime="{machine}">2025-03-23 09:15</time></span>'
    extracted, fields, shown = run(page("", H1, byline, ps(BODY)))
    assert extracted.published_offset is None
    assert shown == "2025-03-23 09:15"  # read in the site's zone


def test_day_first_shown_time_is_dated_and_beats_metadata():
    html = page('<meta property="article:published_time" content="2025-03-23T01:00:00Z">', H1,
                '<span class="date">23/03/2025 09:15</span>', ps(BODY))
    extracted, _, shown = run(html)
    assert shown == "2025-03-23 09:15"
    assert extracted.extras["published_at_metadata"]["value"] == "2025-03-23T01:00:00Z"
