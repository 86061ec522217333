"""Listing pages written in the shapes real portals use and the generic
rules once got wrong, with their known main-list items and next page.

Every page has its site's chrome: a navigation bar, a "hot" sidebar of
other sections' articles, a footer. The shapes:

- ``sibling-hosts``: a listing on news.example.com whose articles are on
  new.example.com and www.example.com;
- ``ranking``: a ranking table whose every entry is on www.example.com;
- ``forum``: a Discuz-style thread list (``boardnav``, ``normalthread_…``)
  with author and last-post links in each row;
- ``search``: site-search results, some with a picture and an excerpt,
  some without (two item layouts in one list);
- ``flash``: a rolling-news list of very short and emoji headlines, each
  entry with a tag link;
- ``url-dates``: dates in URLs with single-digit months (``2020-7-2``) and
  digits running on into a time (``20200429175329_3226.html``), inside
  boxes whose classes contain "ad" as a substring (``headlines``,
  ``thread_list``), beside a real ad box;
- ``calendar``: numbered-only pagination after an archive calendar whose
  day links lead to snapshot.example.com;
- ``weak-hint``: the main list inside a ``tab-menu-content`` box;

and three more written once the rules were settled (``HELD_OUT``): a
rolling-news page in blocks, a card feed with author links and a focus
carousel, a definition-list listing with a same-shaped sidebar list.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date

COMPANIES = ("星河科技", "云帆智能", "蓝鲸半导体", "极光汽车", "锐思电子", "天枢芯片", "北辰通信",
             "青禾软件", "磐石存储", "曜石手机", "远航机器人", "灵犀互联")
EVENTS = ("发布新一代旗舰芯片", "完成新一轮融资", "季度营收同比增长两成", "推出自研大模型",
          "宣布进入欧洲市场", "新工厂正式投产", "与车企签署合作协议", "回应产品召回传闻")


def headline(i: int) -> str:
    return f"{COMPANIES[i % len(COMPANIES)]}{EVENTS[(i * 5 + i // 12) % len(EVENTS)]}"


def esc(text: str) -> str:
    return html.escape(text, quote=True)


@dataclass
class Layout:
    name: str
    url: str  # where the listing is served
    html: str
    items: list[str]  # absolute URLs of the main list's entries, in order
    next_page: str | None  # absolute URL
    dates: dict[str, date] = field(default_factory=dict)  # item URL -> date the rules should read


def _chrome(site: str, content: str, *, head: str = "", side: str = "") -> str:
    nav = "".join(f'<li><a href="http://{h}.example.com/">{t}</a></li>'
                  for h, t in (("www", "首页"), ("news", "新闻"), ("finance", "财经"), ("tech", "科技"),
                               ("auto", "汽车"), ("bbs", "论坛")))
    hot = "".join(f'<li><a href="http://www.example.com/sports/2025/0{1 + i % 9}/1{i}/{700000 + i}.html">'
                  f'{esc("热议：" + headline(100 + i))}</a></li>' for i in range(10))
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{site}</title>{head}</head>
<body><div class="header"><div class="logo"><a href="http://www.example.com/">示例网</a></div>
<ul class="nav">{nav}</ul></div>
<div class="wrap"><div class="main-col">{content}</div>
<div class="side-col">{side}<div class="box hot-list"><h3>热门排行</h3><ol>{hot}</ol></div></div></div>
<div class="footer"><a href="http://www.example.com/about/">关于我们</a> <a href="http://www.example.com/contact.html">联系我们</a>
<a href="http://www.example.com/about/copyright.html">版权声明</a><p>示例网 版权所有</p></div></body></html>"""


def sibling_hosts() -> Layout:
    base = "http://news.example.com/tech/"
    items, rows = [], []
    for i in range(24):
        host = ("new", "www", "news")[i % 3]
        url = f"http://{host}.example.com/tech/2025-03-{1 + i % 28:02d}/doc-ihx{i:03d}kq{900 + i}.shtml"
        items.append(url)
        rows.append(f'<li><a href="{url}" target="_blank">{esc(headline(i))}</a><span class="time">03-{1 + i % 28:02d} 10:{i:02d}</span></li>')
    content = (f'<div class="blk"><h2>科技要闻</h2><ul class="news-list">{"".join(rows)}</ul></div>'
               '<div class="pages"><a href="index_2.shtml">下一页</a></div>')
    return Layout("sibling-hosts", base, _chrome("科技新闻", content), items,
                  "http://news.example.com/tech/index_2.shtml")


def ranking() -> Layout:
    base = "http://news.example.com/rank/"
    items, rows = [], []
    for i in range(30):
        url = f"http://www.example.com/a/202503{1 + i % 28:02d}/{4100000 + i}.html"
        items.append(url)
        title = ("突发！", "5G来了", "AI", "🔥🔥🔥")[i % 4] if i % 7 == 3 else headline(i + 3)
        rows.append(f'<tr><td class="num">{i + 1}</td><td class="title"><a href="{url}">{esc(title)}</a></td>'
                    f'<td class="click">{90000 - i * 1000}</td></tr>')
    side = "".join(f'<li><a href="http://news.example.com/roll/2025/03/{i + 1:02d}/{i}55{i}.html">{esc(headline(50 + i))}</a></li>'
                   for i in range(6))
    content = f'<h1>点击排行</h1><table class="rank-table"><tr><th>排名</th><th>标题</th><th>点击</th></tr>{"".join(rows)}</table>'
    return Layout("ranking", base, _chrome("排行榜", content, side=f'<div class="box"><h3>今日要闻</h3><ul>{side}</ul></div>'),
                  items, None)


def forum() -> Layout:
    base = "http://bbs.example.com/forum-12-1.html"
    items, bodies = [], []
    for i in range(26):
        tid = 50100 + i
        url = f"http://bbs.example.com/thread-{tid}-1-1.html"
        items.append(url)
        kind = "stickthread" if i < 2 else "normalthread"
        title = ("求助", "晒图", "👍") [i % 3] if i % 9 == 4 else f"【讨论】{headline(i + 7)}，大家怎么看"
        bodies.append(
            f'<tbody id="{kind}_{tid}"><tr><td class="icn"><a href="thread-{tid}-1-1.html" title="新窗口打开">'
            f'<img src="folder_new.gif"></a></td><th class="new"><a href="forum.php?mod=forumdisplay&amp;fid=12&amp;filter=typeid&amp;typeid=3">[讨论]</a> '
            f'<a href="thread-{tid}-1-1.html" onclick="atarget(this)" class="s xst">{esc(title)}</a></th>'
            f'<td class="by"><cite><a href="home.php?mod=space&amp;uid={30000 + i}">用户{i}</a></cite><em><span>2025-3-{1 + i % 28}</span></em></td>'
            f'<td class="num"><a href="thread-{tid}-1-1.html" class="xi2">{i * 3}</a><em>{i * 40}</em></td>'
            f'<td class="by"><cite><a href="home.php?mod=space&amp;username=u{i}">回复者{i}</a></cite>'
            f'<em><a href="forum.php?mod=redirect&amp;tid={tid}&amp;goto=lastpost#lastpost">2025-3-{1 + i % 28} 10:{i:02d}</a></em></td></tr></tbody>')
        if i == 1:
            bodies.append('<tbody id="separatorline"><tr class="ts"><td></td><th>版块主题</th></tr></tbody>')
    content = f"""<div id="pt" class="bm cl"><div class="z"><a href="./">论坛</a> <em>›</em> <a href="forum-12-1.html">数码讨论</a></div></div>
<div class="boardnav"><div id="ct" class="wp cl"><div class="mn"><div class="bm bml pbn"><h1>数码讨论</h1></div>
<div id="threadlist" class="tl bm bmw"><div class="bm_c"><form id="moderate"><table summary="forum_12" id="threadlisttableid">{"".join(bodies)}</table></form></div></div>
<div class="pgs cl"><div class="pg"><strong>1</strong><a href="forum-12-2.html">2</a><a href="forum-12-3.html">3</a><a href="forum-12-2.html" class="nxt">下一页</a></div></div></div></div></div>"""
    return Layout("forum", base, _chrome("数码讨论", content), items, "http://bbs.example.com/forum-12-2.html")


def search() -> Layout:
    base = "http://news.example.com/search?q=%E8%8A%AF%E7%89%87"
    items, results = [], []
    for i in range(20):
        url = f"http://www.example.com/tech/2025/03/{1 + i:02d}/{800000 + i * 7}.html"
        items.append(url)
        title = esc(headline(i + 20))
        if i % 3 == 0:  # a picture and an excerpt
            results.append(f'<div class="result has-pic"><div class="pic"><a href="{url}"><img src="/p/{i}.jpg"></a></div>'
                           f'<div class="txt"><h3><a href="{url}">{title}</a></h3><p class="abs">据报道，{title}。业内人士认为……</p>'
                           f'<span class="src">示例网 2025-03-{1 + i:02d}</span></div></div>')
        else:
            results.append(f'<div class="result"><h3><a href="{url}">{title}</a></h3><span class="src">示例网 2025-03-{1 + i:02d}</span></div>')
    content = (f'<div class="search-box"><form><input name="q" value="芯片"></form></div><div class="results">{"".join(results)}</div>'
               '<div class="page"><span>1</span><a href="/search?q=%E8%8A%AF%E7%89%87&amp;page=2">2</a>'
               '<a href="/search?q=%E8%8A%AF%E7%89%87&amp;page=2">下一页</a></div>')
    return Layout("search", base, _chrome("搜索：芯片", content), items,
                  "http://news.example.com/search?q=%E8%8A%AF%E7%89%87&page=2")


def flash() -> Layout:
    base = "http://news.example.com/flash/"
    shorts = ("5G", "🔥重磅", "AI芯片", "涨停！", "快讯", "🚀🚀", "突发", "降价")
    items, rows = [], []
    for i in range(24):
        url = f"http://news.example.com/flash/2025/03/21/{60000 + i}.html"
        items.append(url)
        title = shorts[i // 3] if i % 3 == 1 else f"快讯：{headline(i + 40)}"
        rows.append(f'<li class="flash-item"><span class="t">09:{59 - i:02d}</span><a href="{url}">{esc(title)}</a>'
                    f'<a class="tag" href="/tag/{1200 + i % 4}">芯片</a></li>')
    content = f'<h2>7×24小时快讯</h2><ul class="flash-list">{"".join(rows)}</ul>'
    head = '<link rel="next" href="http://news.example.com/flash/?page=2">'
    return Layout("flash", base, _chrome("快讯", content, head=head), items,
                  "http://news.example.com/flash/?page=2")


def url_dates() -> Layout:
    base = "http://news.example.com/it/"
    items, rows, dates = [], [], {}
    for i in range(22):
        if i % 2:
            url = f"http://news.example.com/it/2020-{1 + i % 9}-{1 + i % 27}/{1200 + i}.html"
            dates[url] = date(2020, 1 + i % 9, 1 + i % 27)
        else:
            url = f"http://news.example.com/it/202004{10 + i:02d}1753{i:02d}_{3226 + i}.html"
            dates[url] = date(2020, 4, 10 + i)
        items.append(url)
        rows.append(f'<li><a href="{url}">{esc(headline(i + 60))}</a></li>')
    ads = "".join(f'<li><a href="http://news.example.com/promo/2020/04/2{i}/{9000 + i}.html">{esc("推广：" + headline(i + 90))}</a></li>'
                  for i in range(4))
    content = (f'<div class="headlines shadow"><h2>IT资讯</h2><ul class="thread_list">{"".join(rows)}</ul></div>'
               f'<div class="ad"><ul>{ads}</ul></div>'
               '<div class="pages"><a href="/it/list_2.html">下页</a></div>')
    return Layout("url-dates", base, _chrome("IT资讯", content), items, "http://news.example.com/it/list_2.html", dates)


def calendar() -> Layout:
    base = "http://news.example.com/tech/list_1.html"
    items, rows = [], []
    for i in range(20):
        url = f"http://news.example.com/tech/2025/0321/{33000 + i}.html"
        items.append(url)
        rows.append(f'<li><a href="{url}">{esc(headline(i + 80))}</a><em>2025-03-21</em></li>')
    days = "".join(f'<td><a href="http://snapshot.example.com/2025/03/{d:02d}/">{d}</a></td>' for d in range(1, 32))
    side = (f'<div class="box archive"><h3>往期回顾</h3><table class="cal"><tr>{days}</tr></table>'
            '<a href="http://post2.example.com/2025/03/02/">2</a></div>')
    content = (f'<ul class="list">{"".join(rows)}</ul><div class="page"><span>1</span>'
               '<a href="list_2.html">2</a><a href="list_3.html">3</a></div>')
    return Layout("calendar", base, _chrome("科技", content, side=side), items,
                  "http://news.example.com/tech/list_2.html")


def weak_hint() -> Layout:
    base = "http://news.example.com/auto/"
    items, rows = [], []
    for i in range(20):
        url = f"http://news.example.com/auto/2025/03/{1 + i:02d}/{510000 + i}.html"
        items.append(url)
        rows.append(f'<li><a href="{url}">{esc(headline(i + 30))}</a><span>2025-03-{1 + i:02d}</span></li>')
    content = (f'<div class="tab-menu"><a href="/auto/">最新</a><a href="/auto/hot/">最热</a></div>'
               f'<div class="tab-menu-content"><ul>{"".join(rows)}</ul></div>'
               '<div class="pages"><a href="/auto/index_2.html">下一页</a></div>')
    return Layout("weak-hint", base, _chrome("汽车", content), items, "http://news.example.com/auto/index_2.html")


LAYOUTS = (sibling_hosts, ranking, forum, search, flash, url_dates, calendar, weak_hint)


# Written after the rules above were settled, and kept as they were first
# written: a check that the rules were not fitted to the layouts above.


def rolling() -> Layout:
    """A rolling-news page: channel tag, title and time per line, titles on
    several hosts of the site, channel tags linking channel front pages."""
    base = "http://roll.example.com/s_tech_all/index.shtml"
    channels = (("tech", "科技"), ("finance", "财经"), ("auto", "汽车"), ("mobile", "手机"))
    items, rows = [], []
    for i in range(40):
        host, name = channels[i % 4]
        url = f"http://{host}.example.com/{host}/2025-03-21/doc-i{'abcdefgh'[i % 8]}{i:02d}xyz{7000 + i}.shtml"
        items.append(url)
        rows.append(f'<li><span class="c_chl">[<a href="http://{host}.example.com/">{name}</a>]</span>'
                    f'<span class="c_tit"><a href="{url}" target="_blank">{esc(headline(i + 120))}</a></span>'
                    f'<span class="c_time" s="1742536{i:04d}">03-21 {10 + i // 10}:{i % 60:02d}</span></li>')
        if i % 10 == 9:
            rows.append('</ul><div class="line"></div><ul>')
    content = (f'<div class="d_list_txt" id="d_list"><ul>{"".join(rows)}</ul></div>'
               '<div class="pagebox"><span class="pagebox_pre_nolink">上一页</span><span class="pagebox_num_nonce">1</span>'
               '<span class="pagebox_num"><a href="index_2.shtml">2</a></span>'
               '<span class="pagebox_next"><a href="index_2.shtml">下一页</a></span></div>')
    return Layout("rolling", base, _chrome("滚动新闻", content), items,
                  "http://roll.example.com/s_tech_all/index_2.shtml")


def cards_with_authors() -> Layout:
    """A feed of cards: picture, title, author link and comment-count link;
    a focus carousel of three stories above it."""
    base = "http://www.example.com/information/technology/"
    items, cards = [], []
    focus = "".join(f'<div class="swiper-slide"><a href="/p/{990000 + i}.html"><img src="f{i}.jpg">'
                    f'<span>{esc("焦点：" + headline(i + 140))}</span></a></div>' for i in range(3))
    for i in range(18):
        url = f"http://www.example.com/p/{2100000 + i * 13}.html"
        items.append(url)
        cards.append(f'<div class="information-flow-item"><div class="kr-flow-article-item">'
                     f'<a class="article-item-pic" href="/p/{2100000 + i * 13}.html"><img src="c{i}.jpg"></a>'
                     f'<div class="article-item-info"><p class="title-wrapper"><a class="article-item-title weight-bold" href="/p/{2100000 + i * 13}.html">{esc(headline(i + 150))}</a></p>'
                     f'<a class="article-item-description" href="/p/{2100000 + i * 13}.html">{esc("摘要：" + headline(i + 160) + "，详细内容请看正文。")}</a>'
                     f'<div class="kr-flow-bar"><a class="kr-flow-bar-author" href="/user/{5000 + i}">作者{i}</a>'
                     f'<span class="kr-flow-bar-time">{i + 1}小时前</span></div></div></div></div>')
    content = (f'<div class="kr-focus"><div class="swiper-wrapper">{focus}</div></div>'
               f'<div class="information-flow-list">{"".join(cards)}</div>'
               '<div class="kr-loading-more-button"><a href="/information/technology/?page=2" rel="next">查看更多</a></div>')
    return Layout("cards-with-authors", base, _chrome("科技", content), items,
                  "http://www.example.com/information/technology/?page=2")


def dl_list() -> Layout:
    """A definition-list listing (dt title, dd summary and date), with a
    second "editor's picks" list of the same shape in the sidebar."""
    base = "http://it.example.com/list/5/"
    items, entries = [], []
    for i in range(15):
        url = f"http://it.example.com/html/2025/0321/{61000 + i}.html"
        items.append(url)
        entries.append(f'<dl><dt><a href="{url}">{esc(headline(i + 170))}</a></dt>'
                       f'<dd>{esc(headline(i + 180))}。……</dd><dd class="date">2025年03月21日</dd></dl>')
    picks = "".join(f'<dl><dt><a href="http://it.example.com/html/2025/0301/{60100 + i}.html">{esc("精选：" + headline(i + 190))}</a></dt></dl>'
                    for i in range(5))
    content = (f'<div class="listbox">{"".join(entries)}</div>'
               '<div class="pagelist"><a href="/list/5/">首页</a><b>1</b><a href="/list/5/2.html">2</a>'
               '<a href="/list/5/3.html">3</a><a href="/list/5/2.html">下一页</a><a href="/list/5/9.html">末页</a></div>')
    side = f'<div class="box picks"><h3>编辑精选</h3>{picks}</div>'
    return Layout("dl-list", base, _chrome("IT资讯", content, side=side), items, "http://it.example.com/list/5/2.html")


HELD_OUT = (rolling, cards_with_authors, dl_list)


def all_layouts() -> list[Layout]:
    return [make() for make in LAYOUTS + HELD_OUT]
