"""Held-out check: pages built in the layouts of today's major Chinese portals.

Every page and every sentence here is made up; only the structure follows
what the portals serve (their container names, byline forms, furniture).
Each case records what a reader would call the article's title, publication
time (local wall clock, to the minute), 来源, authors, editor and body
paragraphs, and the whole extract-then-normalize path must reproduce them.
The generic rules are tuned on another corpus, so these cases measure how
well they carry over.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from snapshots.extract import extract_article
from snapshots.normalize import normalize_fields

NOW = datetime(2025, 3, 23, 12, 0, tzinfo=timezone.utc)  # 20:00 in Beijing
ZONE = "Asia/Shanghai"


@dataclass
class Case:
    id: str
    url: str
    html: str | bytes
    title: str
    time: str | None  # "YYYY-MM-DD HH:MM", Beijing wall clock
    source: str | None
    authors: list[str]
    editor: str | None
    body: list[str]


# --- page furniture shared by the layouts ---------------------------------

HOT = [
    "多地发布春季旅游消费券，最高可减200元",
    "这款国产大飞机新航线今日开通",
    "央行：保持流动性合理充裕",
    "高校毕业生就业季来临，这些岗位最抢手",
    "气象台发布大风蓝色预警",
    "一季度外贸数据出炉：进出口稳中有升",
    "专家解读：个人养老金新政有何变化",
    "某地地铁新线试运行，沿线居民出行更方便",
]


def nav(items: str = "首页 新闻 财经 科技 体育 娱乐 汽车 房产 教育 健康 旅游 视频 图片 军事 国际") -> str:
    links = "".join(f'<li><a href="/{i}/">{name}</a></li>' for i, name in enumerate(items.split()))
    return f'<div class="top-nav"><div class="w1200"><ul class="nav-list">{links}</ul>' \
           '<div class="login"><a href="/login">登录</a> | <a href="/reg">注册</a></div></div></div>'


def hot(heading: str = "热门推荐", cls: str = "side-hot", start: int = 0) -> str:
    items = "".join(
        f'<li><span class="num">{i + 1}</span><a href="/2025/0323/{start + i:04d}.shtml">{t}</a></li>'
        for i, t in enumerate(HOT[start:] + HOT[:start]))
    return f'<div class="{cls}"><h3 class="side-title">{heading}</h3><ul>{items}</ul></div>'


def share(label: str = "分享到：") -> str:
    return (f'<div class="share-bar"><span>{label}</span><a class="wx" href="javascript:;">微信</a>'
            '<a class="wb" href="javascript:;">微博</a><a class="qz" href="javascript:;">QQ空间</a></div>')


def footer(site: str = "某某网") -> str:
    return ('<div class="footer"><p><a href="/about/">关于我们</a> | <a href="/contact/">联系我们</a> | '
            '<a href="/ad/">广告服务</a> | <a href="/jobs/">招聘信息</a> | <a href="/law/">法律声明</a></p>'
            f'<p>Copyright © 1997-2025 {site} All Rights Reserved 版权所有</p>'
            '<p>京ICP证000000号 京公网安备11000000000000号 违法和不良信息举报电话：010-00000000</p></div>')


AD = ('<div class="ad ad-300x250" id="ad_slot_1"><script>(window.slotbydup = window.slotbydup || [])'
      '.push({id: "u000000", container: "ad_slot_1"});</script><a href="https://ad.example.com/c">'
      '<img src="//img.example.com/ad.jpg" alt="广告"></a></div>')


def ps(paragraphs: list[str], indent: str = "　　", cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return "".join(f"<p{attr}>{indent}{p}</p>" for p in paragraphs)


CASES: list[Case] = []


def case(**kwargs) -> None:
    CASES.append(Case(**kwargs))


# --- 新浪: div#artibody / .article, .date-source, 责任编辑 at the end --------

SINA_BODY = [
    "中新网北京3月23日电（记者 刘晓明）随着气温回升，全国多地春耕生产陆续进入高峰期。记者从农业农村部门了解到，"
    "今年春播面积预计与去年基本持平，智能农机装备的使用比例明显提高。",
    "在河南周口的一处高标准农田里，几台装有北斗导航系统的播种机正在作业。合作社负责人介绍，过去需要十几个人忙活一周的活，"
    "如今两三天就能干完，而且播得更匀、更直。",
    "业内人士表示，农机作业数据接入统一平台后，农户可以实时查看墒情和作业进度，农技人员也能据此给出更精准的田间管理建议。",
    "据了解，今年各地还将继续加大农机购置补贴力度，重点支持丘陵山区适用的小型机械和育秧、烘干等薄弱环节装备。",
]
case(
    id="sina", url="https://news.sina.com.cn/c/2025-03-23/doc-inaabcde1234567.shtml",
    html=f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>多地春耕进入高峰 智能农机助力提质增效|农机|春耕_新浪新闻</title>
<meta name="keywords" content="农机,春耕">
<meta property="og:type" content="news"><meta property="og:title" content="多地春耕进入高峰 智能农机助力提质增效">
<meta property="article:published_time" content="2025-03-23T08:35:12+08:00">
<meta property="article:author" content="新浪网">
<meta name="mediaid" content="中国新闻网">
<script>var ARTICLE_DATA = {{"docid":"inaabcde1234567","channel":"news"}};</script>
<link rel="stylesheet" href="//n.sinaimg.cn/news/css/article.css"></head>
<body>{nav()}
<div class="main-content w1240"><div class="path"><a href="https://news.sina.com.cn/">新闻中心</a> &gt; <a href="/china/">国内新闻</a> &gt; 正文</div>
<h1 class="main-title">多地春耕进入高峰 智能农机助力提质增效</h1>
<div class="top-bar-wrap"><div class="top-bar"><div class="date-source"><span class="date">2025年03月23日 08:35</span>
<a href="https://www.chinanews.com.cn/" class="source ent-source" target="_blank" rel="nofollow">中国新闻网</a></div>
<div class="top-bar-inner">{share("")}<a class="comment-num" href="#comment">评论</a></div></div></div>
<div class="article-content clearfix"><div class="article-content-left">
<div class="article" id="artibody" data-sudaclick="blk_content">
<div class="img_wrapper"><img src="//n.sinaimg.cn/news/crawl/0/w550h300/20250323/abc.jpg" alt=""></div>
{ps(SINA_BODY)}
<div id="left_hzh_ad"><script>window.sinaAds = window.sinaAds || [];</script></div>
<p class="show_author">责任编辑：李思阳 </p></div>
<div class="keywords" id="keywords"><i>文章关键词：</i><a href="/tag/1">农机</a><a href="/tag/2">春耕</a></div>
<div class="article-bottom">{share()}</div>
<div class="feed-card" id="feedCard"><h2>新浪新闻推荐</h2><ul>
{"".join(f'<li><a href="/feed/{i}.shtml">{t}</a><span>{i + 1}小时前</span></li>' for i, t in enumerate(HOT))}</ul></div>
</div><div class="article-content-right">{hot("24小时排行", "side-rank")}{AD}</div></div></div>
{footer("Sina Corporation")}</body></html>""",
    title="多地春耕进入高峰 智能农机助力提质增效", time="2025-03-23 08:35", source="中国新闻网",
    authors=["刘晓明"], editor="李思阳", body=SINA_BODY,
)

# --- 网易: post_info with time and 来源, post_body, 跟贴 ---------------------

NETEASE_BODY = [
    "今年以来，多个城市公布了新一轮城市更新计划，老旧小区改造被放在突出位置。其中，加装电梯、完善无障碍设施和补齐社区养老服务短板，"
    "成为居民最关心的内容。",
    "在杭州一处建成于上世纪九十年代的小区，第一部加装电梯已经投入使用。住在六楼的张阿姨说，以前下楼买菜要歇好几次，现在出门方便多了。",
    "记者注意到，一些地方还探索由居民、产权单位和政府按比例共同出资的模式，并引入专业机构负责后续维护，以解决“装得上、管得好”的问题。",
    "专家认为，城市更新不是简单的拆旧建新，而要在尊重居民意愿的基础上，兼顾历史风貌保护与公共服务提升。",
]
NETEASE_TIE = "".join(
    f'<div class="tie-item"><div class="tie-user"><a href="/u/{i}">网易{["浙江","广东","北京"][i % 3]}网友</a>'
    f'<span class="tie-time">2025-03-23 1{i % 10}:2{i % 6}</span></div>'
    f'<div class="tie-cnt">{t}</div><div class="tie-op"><a>顶[{i * 7}]</a><a>回复</a></div></div>'
    for i, t in enumerate([
        "我们小区也在装，就是低楼层的邻居意见大，协调了快一年了，希望早点落实。",
        "出资比例怎么算才公平，这个才是关键，建议出个统一标准。",
        "装了电梯之后老人下楼方便多了，这是实实在在的好事。",
    ]))
case(
    id="netease", url="https://www.163.com/dy/article/JQ1A2B3C0519QIKK.html",
    html=f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>城市更新试点扩围 老旧小区加装电梯提速|电梯|小区_网易订阅</title>
<meta name="keywords" content="电梯,小区"><meta property="og:title" content="城市更新试点扩围 老旧小区加装电梯提速">
<meta property="article:published_time" content="2025-03-23T10:12:45+08:00">
<script>window.NTES = {{}};var config = {{"docid":"JQ1A2B3C0519QIKK","category":"news"}};</script></head>
<body><div class="ntes-nav"><div class="ntes-nav-main"><a href="https://www.163.com/">网易首页</a> <a href="https://news.163.com/">新闻</a>
<a href="https://sports.163.com/">体育</a> <a href="https://money.163.com/">财经</a> <a href="https://tech.163.com/">科技</a>
<a href="https://mail.163.com/">免费邮箱</a> <a href="https://u.163.com/">网易会员</a></div></div>
<div class="container clearfix"><div class="post_main">
<h1 class="post_title">城市更新试点扩围 老旧小区加装电梯提速</h1>
<div class="post_info">2025-03-23 10:12:45　来源: <a href="https://www.thepaper.cn/" target="_blank">澎湃新闻</a>
<img src="//static.ws.126.net/cnews/css13/img/end_news.png" alt="">　广东
<a href="#post_comment_area" class="post_top_tie_count">1286</a>跟贴</div>
<div class="post_content" id="content"><div class="post_body">
{ps(NETEASE_BODY, indent="")}
<p class="f_center"><img src="https://nimg.ws.126.net/?url=abc.jpg&amp;thumbnail=660x2147483647"></p>
</div>
<div class="post_statement"><span class="bg"></span>特别声明：以上内容为网易号用户上传并发布，本平台仅提供信息存储服务。</div>
<div class="post_author"><a href="https://www.163.com/"><img src="//static.ws.126.net/logo.png" alt="王晓雪" width="13" height="12"></a>
本文来源：澎湃新闻 <br>责任编辑：王晓雪_NN1234</div>
<div class="post_next"><a href="/dy/article/next.html">下一篇：多城推出购房新政</a></div></div>
<div class="post_comment" id="post_comment_area"><div class="tie-titlebar"><span class="tie-title">热门跟贴</span></div>
<div class="tie-list">{NETEASE_TIE}</div><a class="tie-more">查看全部跟贴</a></div>
</div><div class="post_side">{hot("热点新闻", "post_side_mod")}{AD}</div></div>
{footer("网易公司")}</body></html>""",
    title="城市更新试点扩围 老旧小区加装电梯提速", time="2025-03-23 10:12", source="澎湃新闻",
    authors=[], editor="王晓雪", body=NETEASE_BODY,
)

# --- 腾讯: JS-heavy page, content in div.content-article ------------------

QQ_BODY = [
    "3月22日，2025年新能源汽车下乡活动在山东潍坊启动。本次活动由多部门联合组织，首批参与车型超过九十款，价格覆盖从几万元到二十多万元的多个区间。",
    "活动现场，不少县城和乡镇居民专程赶来看车、试驾。一位来自寿光的菜农说，家里想换一辆能拉货又能接送孩子的车，今天一口气看了好几个品牌。",
    "主办方介绍，今年的下乡活动将持续到年底，覆盖全国多个省份，并联合金融机构推出低首付、长周期的购车贷款方案。",
    "业内人士指出，农村地区充电基础设施仍是短板，下一步需加快县域公共充电网络建设，让农民买得起、用得好。",
]
case(
    id="tencent", url="https://news.qq.com/rain/a/20250323A01ABC00",
    html=f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>新能源汽车下乡活动启动 首批车型覆盖多个价位_腾讯新闻</title>
<meta name="keywords" content="新能源汽车,下乡"><meta name="description" content="本次活动首批参与车型超过九十款。">
<meta property="article:published_time" content="2025-03-23T09:12:30+08:00">
<meta name="apub:time" content="2025-03-23 09:12:30">
<script>window.DATA = {{"article_id":"20250323A01ABC00","title":"新能源汽车下乡活动启动 首批车型覆盖多个价位",
"media":"经济日报","pubtime":"2025-03-23 09:12:30","catalog1":"auto","tags":["新能源","汽车下乡"]}};</script>
<script src="//mat1.gtimg.com/libs/jquery.min.js"></script><script>!function(){{var a=document.createElement("script");a.src="//pingjs.qq.com/h5/stats.js";document.head.appendChild(a)}}();</script>
</head><body><div id="root"><div class="qq-header"><a class="logo" href="https://www.qq.com/">腾讯网</a>
<ul class="qq-nav"><li><a href="/">要闻</a></li><li><a href="/ent">娱乐</a></li><li><a href="/sports">体育</a></li><li><a href="/finance">财经</a></li><li><a href="/tech">科技</a></li></ul></div>
<div class="content-left"><div class="content-title"><h1>新能源汽车下乡活动启动 首批车型覆盖多个价位</h1></div>
<div class="article-info"><div class="media-info"><a class="media-name" href="/omn/author/8QMd">经济日报</a>
<p class="media-desc">经济日报官方账号</p></div><p class="time">2025-03-23 09:12</p><p class="ip">发布于山东</p>
<a class="follow-btn" href="javascript:;">+关注</a></div>
<div class="content-article" id="ArticleContent">
<div class="qnt-video"><span class="tips">视频加载中...</span></div>
{ps(QQ_BODY, indent="", cls="one-p")}
<p class="one-p"><img class="content-picture" src="https://inews.gtimg.com/om_bt/abc/1000"></p></div>
<div class="article-statement">举报/反馈</div>
<div class="article-related"><h3>相关推荐</h3><ul>
{"".join(f'<li><a href="/rain/a/2025032{i}A0000000">{t}</a><span class="src">腾讯新闻</span></li>' for i, t in enumerate(HOT[:5]))}</ul></div>
<div id="commentWrap"><div class="comment-title">评论 <span>32</span></div></div></div>
<div class="content-right">{hot("24小时热文", "right-hot")}</div></div>
<div class="qq-footer"><p>Copyright © 1998 - 2025 Tencent. All Rights Reserved.</p><p>腾讯公司 版权所有</p></div></body></html>""",
    title="新能源汽车下乡活动启动 首批车型覆盖多个价位", time="2025-03-23 09:12", source="经济日报",
    authors=[], editor=None, body=QQ_BODY,
)

# --- 搜狐: article#mp-editor, time#news-time, 来源 in .article-info --------

SOHU_BODY = [
    "新京报讯（记者 周明）3月22日，本市今年首场大型春季招聘会在国家会议中心举行，三百余家用人单位提供了近万个岗位。",
    "记者在现场看到，数据分析、工业软件、智能制造等数字化岗位的展位前排起了长队。一家汽车零部件企业的招聘负责人说，他们今年计划招收八十名应届生，其中一半是软件相关岗位。",
    "不少求职者表示，今年企业对实习经历和项目经验更加看重。“简历上写得再好，面试官还是会追问你具体做了什么。”一位计算机专业的毕业生说。",
    "据介绍，春季招聘期间，本市还将陆续举办线上线下招聘活动五十余场，并为离校未就业毕业生提供一对一就业指导。",
]
case(
    id="sohu", url="https://www.sohu.com/a/867123456_114988",
    html=f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>春季招聘会现场直击：数字化岗位需求旺盛_搜狐网</title>
<meta name="keywords" content="招聘会,岗位"><meta property="og:type" content="news">
<meta property="og:title" content="春季招聘会现场直击：数字化岗位需求旺盛">
<meta name="mediaid" content="新京报"><meta property="og:release_date" content="2025-03-23 16:40">
<script>var article = {{ title: "春季招聘会现场直击", channelId: 8 }};</script></head>
<body><div class="head-container"><div class="sohu-nav"><a href="https://www.sohu.com/">搜狐首页</a><a href="/c/8">新闻</a><a href="/c/10">体育</a>
<a href="/c/15">财经</a><a href="/c/30">科技</a><a href="/c/19">汽车</a><a href="/c/24">教育</a></div></div>
<div class="area clearfix" id="article-container"><div class="left main">
<div class="user-info" id="user-info"><div class="user-pic"><img src="//p.sohu.com/head.png"></div>
<h4><a href="https://mp.sohu.com/profile?xpt=abc">新京报</a></h4><ul class="user-more"><li>文章 <em>120万</em></li><li>总阅读 <em>48亿</em></li></ul></div>
<div class="text"><div class="text-title"><h1>春季招聘会现场直击：数字化岗位需求旺盛 <span class="article-tag"></span></h1>
<div class="article-info"><span class="time" id="news-time" data-val="1742719200000">2025-03-23 16:40</span>
<span data-role="original-link">来源: <a href="https://www.bjnews.com.cn/">新京报</a></span></div></div>
<article class="article" id="mp-editor">
<p>原标题：春招现场：这些岗位最抢手</p>
{ps(SOHU_BODY, indent="")}
<p><a href="//www.sohu.com/?strategyid=00001" target="_blank" title="点击进入搜狐首页" id="backsohucom"><span class="backword"><i class="backsohu"></i>返回搜狐，查看更多</span></a></p>
<p data-role="editor-name">责任编辑：<span></span></p></article>
<div class="statement">平台声明：该文观点仅代表作者本人，搜狐号系信息发布平台，搜狐仅提供信息存储空间服务。</div>
<div class="bottom-relate-wrap"><div class="title">推荐阅读</div><ul>
{"".join(f'<li><a href="/a/86700{i}_1">{t}</a></li>' for i, t in enumerate(HOT[2:7]))}</ul></div>
<div id="comment_area"><div class="comment-header">我来说两句</div></div></div>
<div class="sidebar right">{hot("24小时热文", "hot-article")}{AD}</div></div>
{footer("Sohu.com Inc.")}</body></html>""",
    title="春季招聘会现场直击：数字化岗位需求旺盛", time="2025-03-23 16:40", source="新京报",
    # "原标题" is kept as text, as normalize_body does everywhere.
    authors=["周明"], editor=None, body=["原标题：春招现场：这些岗位最抢手"] + SOHU_BODY,
)

# --- 凤凰: data in a script, visible text with hashed class names ---------

IFENG_BODY = [
    "随着各地气温回升，油菜花、樱花、桃花次第开放，赏花游迎来热潮。多地文旅部门近日推出春季赏花线路，并配套推出门票优惠和特色演出。",
    "在江西婺源，连片的油菜花田吸引了大批游客。当地一家民宿经营者告诉记者，三月份的周末房间基本提前两周就已订满，比去年同期明显增加。",
    "在线旅游平台数据显示，近一周“赏花”相关搜索量环比上涨超过一倍，短途自驾和周边游产品预订量增长明显。",
    "业内人士建议，游客出行前关注景区限流信息，错峰出游，文明赏花，不要攀折花枝、踩踏花田。",
]
case(
    id="ifeng", url="https://news.ifeng.com/c/8abcDEF1234",
    html=f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>文旅消费持续升温 多地推出春季赏花线路_凤凰网</title>
<meta name="keywords" content="赏花,文旅"><meta name="og:time " content="2025-03-23 07:40:12">
<meta property="og:title" content="文旅消费持续升温 多地推出春季赏花线路">
<script>var allData = {{"docData":{{"docId":"8abcDEF1234","title":"文旅消费持续升温 多地推出春季赏花线路",
"newsTime":"2025-03-23 07:40:12","source":"中国经济网","editorName":"张彤 NF","contentData":{{"contentList":[{{"type":"text","data":"<p>随着各地气温回升……</p>"}}]}}}},
"nav":[{{"title":"资讯","url":"//news.ifeng.com/"}}]}};
var adKeys = ["ad_1","ad_2"];</script></head>
<body><div class="index_header_2qAsL"><div class="index_nav_3DzAq"><a href="//www.ifeng.com/">凤凰网首页</a><a href="//news.ifeng.com/">资讯</a>
<a href="//finance.ifeng.com/">财经</a><a href="//ent.ifeng.com/">娱乐</a><a href="//tech.ifeng.com/">科技</a><a href="//travel.ifeng.com/">旅游</a></div></div>
<div class="index_content_3Mz9a"><div class="index_leftContent_1u1Xd">
<div class="index_artical_3vm5N"><div class="index_titleBox_2u8ew"><h1 class="index_topic_1O2Nc">文旅消费持续升温 多地推出春季赏花线路</h1>
<div class="index_info_2cSmC"><p class="index_time_3fD0k"><span>2025年03月23日 07:40:12</span><span class="index_source_1IWaz">来源：<a href="http://www.ce.cn/">中国经济网</a></span></p>
<div class="index_share_1Kp4Y"><span>分享</span><a>微博</a><a>微信</a></div></div></div>
<div class="index_main_content_j-HoG"><div class="index_text_D0U1y">
{ps(IFENG_BODY, indent="")}
<p class="index_editor"><!-- editor -->责任编辑：张彤 NF</p></div></div>
<div class="index_statement_2uB9K">*文章内容不代表本网观点，如有侵权请联系删除。</div></div>
<div class="index_comment_3Bxwd"><h3>网友评论</h3><p>说两句吧...</p></div>
<div class="index_related_news"><h3>大家都在看</h3><ul>{"".join(f'<li><a href="/c/8x{i}">{t}</a></li>' for i, t in enumerate(HOT))}</ul></div></div>
<div class="index_rightContent_2wQ7b">{hot("热点新闻", "index_hotNews")}{AD}</div></div>
{footer("凤凰新媒体")}</body></html>""",
    title="文旅消费持续升温 多地推出春季赏花线路", time="2025-03-23 07:40", source="中国经济网",
    authors=[], editor="张彤", body=IFENG_BODY,
)

# --- 人民网 (2020s): rm_txt_con, "2025年03月23日08:35 | 来源：人民网－人民日报" --

PEOPLE_BODY = [
    "本报北京3月22日电（记者吴月辉）记者从中国科学院获悉：我国科研团队近日研制出一种新型固态电解质材料，在室温下的离子电导率达到国际先进水平，相关成果已在国际学术期刊发表。",
    "研究团队负责人介绍，固态电池被认为是下一代储能技术的重要方向，但电解质材料的导电性能和稳定性一直是难点。团队通过调整材料的晶体结构，使锂离子的迁移通道更加通畅。",
    "据悉，基于该材料制作的实验电池在循环充放电一千次后，容量保持率仍在百分之九十以上。团队正与相关企业合作，推进材料的规模化制备。",
    "《 人民日报 》（ 2025年03月23日 06 版）",
]
case(
    id="people-rm", url="http://scitech.people.com.cn/n1/2025/0323/c1007-40000001.html",
    html=f"""<!DOCTYPE html><html><head><meta http-equiv="content-type" content="text/html;charset=UTF-8">
<title>我国科研团队在新型储能材料领域取得突破--科技--人民网</title>
<meta name="keywords" content="储能 材料"><meta name="description" content="我国科研团队近日研制出一种新型固态电解质材料">
<meta name="publishdate" content="2025-03-23"><meta name="author" content="吴月辉">
<meta name="source" content="来源：人民网－人民日报" ><meta name="contentid" content="40000001">
<meta name="catalogs" content="1007"><meta name="filetype" content="0"></head>
<body><div class="header"><div class="w1000"><a href="http://www.people.com.cn/">人民网</a> &gt;&gt; <a href="http://scitech.people.com.cn/">科技</a></div>
<div class="nav">{nav("首页 时政 国际 经济 社会 科技 教育 文化 体育 健康")}</div></div>
<div class="main"><div class="layout rm_txt cf"><div class="col col-1 fl">
<div class="channel cf"><a href="http://www.people.com.cn/" target="_blank">人民网</a>&gt;&gt;<a href="http://scitech.people.com.cn/" target="_blank">科技</a></div>
<h3 class="pre">创新驱动发展</h3>
<h1>我国科研团队在新型储能材料领域取得突破</h1>
<h4 class="sub"></h4>
<p class="author">本报记者　吴月辉</p>
<div class="col-1-1 fl">2025年03月23日08:35 | 来源：<a href="http://paper.people.com.cn/rmrb/" target="_blank">人民网－人民日报</a></div>
<div class="col-1-2 fr"><span>分享到：</span><a class="wx">微信</a><a class="wb">微博</a></div>
<div class="rm_txt_con cf">
{ps(PEOPLE_BODY)}
<div class="edit cf"><div class="paper_num">分享让更多人看到</div></div>
<div class="edit cf">(责编：赵欣悦、牛镛)</div></div>
<div class="rm_relevant cf"><div class="title">相关新闻</div><ul>{"".join(f'<li><a href="/n1/2025/0322/c1007-4000{i}.html">{t}</a></li>' for i, t in enumerate(HOT[:4]))}</ul></div>
</div><div class="col col-2 fr">{hot("热点排行", "rm_ranking")}</div></div></div>
{footer("人民网")}</body></html>""",
    title="我国科研团队在新型储能材料领域取得突破", time="2025-03-23 08:35", source="人民网－人民日报",
    authors=["吴月辉"], editor="赵欣悦 牛镛", body=PEOPLE_BODY,
)

# --- 人民网 (2015): .box01 .fl with the date and 来源 ----------------------

PEOPLE_OLD_BODY = [
    "昨天上午，本市第一座社区书房在东城区一处老胡同里开放。书房面积不大，却收藏了三千多册图书，并为老人和孩子专门设置了阅读区。",
    "街道工作人员介绍，书房由一间闲置的仓库改造而成，日常管理由社区志愿者承担，居民凭借书证可以免费借阅，每周还会举办一次读书分享会。",
    "“以前想看书要坐好几站公交去图书馆，现在下楼走几步就到了。”住在附近的退休教师王大爷说，他已经报名成为书房的志愿者。",
]
case(
    id="people-box01", url="http://bj.people.com.cn/n/2015/0323/c82840-24000001.html",
    html=f"""<html><head><meta http-equiv="content-type" content="text/html;charset=GB2312">
<title>本市首座社区书房在胡同里开放--北京频道--人民网</title>
<meta name="publishdate" content="2015-03-23"></head>
<body><div class="w1000 clearfix"><div class="fl"><a href="http://www.people.com.cn/">人民网</a>&gt;&gt;<a href="http://bj.people.com.cn/">北京频道</a>&gt;&gt;<a href="/GB/82840/">社会</a></div></div>
<div class="clearfix w1000_320 text_title"><h1>本市首座社区书房在胡同里开放</h1>
<div class="box01"><div class="fl">2015年03月23日08:35&nbsp;&nbsp;来源：<a href="http://paper.people.com.cn/" target="_blank">人民网－北京日报</a></div>
<div class="fr"><div class="bdsharebuttonbox"><a class="bds_more">分享到：</a><a class="bds_weixin" title="分享到微信"></a><a class="bds_tsina" title="分享到新浪微博"></a></div></div></div></div>
<div class="clearfix w1000_320 text_con"><div class="fl text_con_left">
<div class="box_con">
{ps(PEOPLE_OLD_BODY)}
<div class="edit clearfix">(责编：王倩、李霞)</div></div>
<div class="box_news"><h2>相关新闻</h2><ul>{"".join(f'<li><a href="/n/2015/0322/c82840-2400{i}.html">{t}</a></li>' for i, t in enumerate(HOT[:4]))}</ul></div></div>
<div class="fr text_con_right">{hot("北京频道热点", "ph_list")}</div></div>
<div class="copyright">人民日报社概况 | 关于人民网 | 报社招聘 | 招聘英才 | 广告服务 | 合作加盟 | 供稿服务 | 网站声明 | 网站律师 | 信息保护 | 联系我们<br>
人 民 网 股 份 有 限 公 司 版 权 所 有 ，未 经 书 面 授 权 禁 止 使 用<br>Copyright © 1997-2015 by www.people.com.cn. all rights reserved</div></body></html>""".encode("gb18030"),
    title="本市首座社区书房在胡同里开放", time="2015-03-23 08:35", source="人民网－北京日报",
    authors=[], editor="王倩 李霞", body=PEOPLE_OLD_BODY,
)

# --- 新华网: the date split over span.year / .day / .time, div#detail -----

XINHUA_BODY = [
    "新华社北京3月23日电（记者王小川、陈静）记者23日从国家铁路集团获悉，今年以来全国铁路发送旅客人数同比增长超过一成，创历史同期新高。",
    "据介绍，为满足春季出行需求，铁路部门优化列车开行方案，在热门方向增开夜间高铁和旅游专列，并在部分车站试点“静音车厢”和“儿童友好车厢”服务。",
    "货运方面，铁路部门持续推进大宗货物“公转铁”，煤炭、粮食等重点物资运输保持平稳有序，集装箱多式联运量同比明显增长。",
]
case(
    id="xinhua", url="http://www.news.cn/politics/20250323/abcdef0123456789/c.html",
    html=f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>今年以来全国铁路旅客发送量创同期新高-新华网</title>
<meta name="keywords" content="铁路,旅客"><meta name="description" content="今年以来全国铁路旅客发送量创同期新高">
<meta name="source" content="新华网"></head>
<body><div class="topBar"><div class="widthMain"><a href="http://www.news.cn/">新华网</a> | <a href="/politics/">时政</a> | <a href="/fortune/">财经</a> | <a href="/world/">国际</a> | <a href="/tech/">科技</a></div></div>
<div class="header domPC"><div class="header-top clearfix"><div class="header-cont clearfix">
<div class="header-time left"><span class="year"><em> 2025</em></span><span class="day"><em> 03</em>/<em>23</em></span><span class="time"> 08:35:12</span></div>
<div class="source">来源：新华网</div><div class="head-share"><a class="wx">微信</a><a class="wb">微博</a></div></div>
<div class="head-line clearfix"><h1><span class="title">今年以来全国铁路旅客发送量创同期新高</span></h1><div class="pageShare"></div></div></div></div>
<div class="main clearfix"><div class="main-left left"><div id="detail"><span id="detailContent">
{ps(XINHUA_BODY)}
<p style="text-align:center"><img src="20250323abc.jpg" id="{{abc}}"></p></span></div>
<div id="articleEdit"><span class="tiyi1"><a href="javascript:void(0);" class="advise">【纠错】</a></span><span class="editor">【责任编辑:刘阳】</span></div>
<div class="xgtj"><h3>相关推荐</h3><ul>{"".join(f'<li><a href="/2025032{i}/x/c.html">{t}</a></li>' for i, t in enumerate(HOT[:5]))}</ul></div></div>
<div class="main-right right">{hot("热点推荐", "hot-news")}</div></div>
{footer("新华网")}</body></html>""",
    title="今年以来全国铁路旅客发送量创同期新高", time="2025-03-23 08:35", source="新华网",
    authors=["王小川", "陈静"], editor="刘阳", body=XINHUA_BODY,
)

# --- 澎湃: Next.js with __NEXT_DATA__ and the visible index_cententWrap ----

PAPER_BODY = [
    "3月21日，一场关于城市夜间经济的座谈会在上海举行，来自商务部门、商圈运营方和餐饮企业的代表围绕“夜上海”品牌建设展开讨论。",
    "澎湃新闻记者了解到，今年上海将在部分商圈试点延长营业时间，鼓励书店、博物馆、美术馆等开设夜场，并优化夜间公共交通接驳。",
    "一家连锁餐饮企业负责人表示，夜间消费已占门店营业额的四成左右，但也面临人力成本上升、周边停车难等问题，希望相关配套能进一步完善。",
    "有学者指出，夜间经济不只是“吃吃喝喝”，更应注重文化内容供给和城市治理精细化，在繁荣与安宁之间找到平衡。",
]
PAPER_DATA = ('{"props":{"pageProps":{"detailData":{"contentDetail":{"contId":30000001,'
              '"name":"上海试点商圈延时营业，夜间经济如何更有“文化味”","pubTime":"2025-03-23 11:02",'
              '"author":"澎湃新闻记者 沈佳 实习生 高远","source":"澎湃新闻","responsibleEditor":"李慧",'
              '"content":"<p>3月21日，一场关于城市夜间经济的座谈会……</p>"}}}},"page":"/newsDetail_forward/[id]"}')
case(
    id="thepaper", url="https://www.thepaper.cn/newsDetail_forward_30000001",
    html=f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>上海试点商圈延时营业，夜间经济如何更有“文化味”_澎湃新闻-The Paper</title>
<meta name="Keywords" content="夜间经济"><meta name="Description" content="今年上海将在部分商圈试点延长营业时间">
<meta property="og:title" content="上海试点商圈延时营业，夜间经济如何更有“文化味”">
<link rel="preload" href="/_next/static/css/abc.css" as="style"></head>
<body><div id="__next"><div class="index_header__dnY6e"><a href="/" class="index_logo__0m0Hc">澎湃新闻</a>
<ul><li><a href="/channel_25950">时事</a></li><li><a href="/channel_25951">财经</a></li><li><a href="/channel_36079">澎湃号</a></li><li><a href="/channel_119908">科技</a></li></ul>
<a href="/login">登录</a></div>
<div class="index_wrapper__L_zqV"><div class="index_leftcontent__ZxTPJ">
<div class="index_headerContent__sASF4"><h1 class="index_title__B8mhI">上海试点商圈延时营业，夜间经济如何更有“文化味”</h1>
<div class="ant-space ant-space-vertical"><div class="ant-space-item"><div>澎湃新闻记者 沈佳 实习生 高远</div></div>
<div class="ant-space-item"><div class="ant-space ant-space-horizontal"><div class="ant-space-item"><span>2025-03-23 11:02</span></div>
<div class="ant-space-item"><span>来源：澎湃新闻</span></div></div></div></div></div>
<div class="index_cententWrap__Jv8jK">
{ps(PAPER_BODY, indent="")}
<p class="index_copyright__9ns1V">责任编辑：李慧</p><p>校对：张亮</p></div>
<div class="index_shareBar__kF8bX"><span>分享到</span><a>微信</a><a>微博</a></div>
<div class="index_commentArea__x6KTl"><h3>热议</h3>
{"".join(f'<div class="index_commentItem"><a class="user">澎友{i}号</a><p>{t}</p><span>2025-03-23 12:0{i}</span><a>回复</a></div>' for i, t in enumerate(["夜市开到几点都行，关键是地铁要跟上。", "希望多一些书店和展览的夜场，别只有烧烤。"]))}</div>
<div class="index_relatedNews"><h3>相关推荐</h3><ul>{"".join(f'<li><a href="/newsDetail_forward_3000000{i}">{t}</a></li>' for i, t in enumerate(HOT[:5]))}</ul></div></div>
<div class="index_rightcontent">{hot("热新闻", "index_hotNews__abc")}</div></div></div>
<script id="__NEXT_DATA__" type="application/json">{PAPER_DATA}</script>
<script src="/_next/static/chunks/main-abc.js" defer></script></body></html>""",
    title="上海试点商圈延时营业，夜间经济如何更有“文化味”", time="2025-03-23 11:02", source="澎湃新闻",
    authors=["沈佳", "高远"], editor="李慧", body=PAPER_BODY,
)

# --- 36氪: articleDetailContent, span.item-time "3小时前" -----------------

KR_BODY = [
    "36氪获悉，智能硬件公司「星图智联」近日完成数亿元B轮融资，由某产业基金领投，老股东继续跟投，本轮资金将主要用于产品研发和海外市场拓展。",
    "星图智联成立于2019年，主要为中小型工厂提供视觉检测设备和配套软件。创始人陈默告诉36氪，公司产品已进入三百多家工厂，覆盖电子、汽车零部件等行业。",
    "与传统方案相比，星图智联的设备采用小样本训练方式，工厂只需提供少量缺陷样本即可完成部署，部署周期从数周缩短到几天。",
    "陈默表示，今年公司计划在东南亚设立服务中心，并推出面向食品包装行业的新产品线。",
]
case(
    id="36kr", url="https://36kr.com/p/3200000000000001",
    html=f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>36氪首发｜「星图智联」完成数亿元B轮融资，加码海外市场-36氪</title>
<meta name="keywords" content="融资,智能硬件"><meta name="description" content="36氪获悉，智能硬件公司「星图智联」近日完成数亿元B轮融资">
<meta name="author" content="36氪"></head>
<body><div id="app"><div class="kr-header"><a class="logo" href="/">36氪</a><ul class="kr-header-nav">
<li><a href="/information/web_news/">最新</a></li><li><a href="/information/web_recommend/">推荐</a></li><li><a href="/information/contact/">创投</a></li><li><a href="/information/technology/">科技</a></li></ul></div>
<div class="kr-layout-main clearfloat"><div class="main-right">
<div class="article-detail-wrapper-box"><div class="article-title-icon common-width margin-bottom-20"><h1 class="article-title margin-bottom-20 common-width">36氪首发｜「星图智联」完成数亿元B轮融资，加码海外市场</h1>
<div class="article-title-icon common-width margin-bottom-40"><a class="title-icon-item item-a" href="/user/5000001">周小舟</a>
<span class="title-icon-item item-time">·3小时前</span></div></div>
<div class="summary">摘要：该公司产品已进入三百多家工厂。</div>
<div class="common-width content articleDetailContent kr-rich-text-wrapper">
<p>文｜周小舟</p><p>编辑｜孟蕾</p>
{ps(KR_BODY, indent="")}
</div>
<div class="common-width"><div class="copyright">本文由「36氪」原创出品，转载请注明出处。</div></div>
<div class="article-footer-txt"><p>该文观点仅代表作者本人，36氪平台仅提供信息存储空间服务。</p></div></div>
<div class="kr-article-comment"><h3>评论</h3><p>暂无评论</p></div></div>
<div class="main-left">{hot("热榜", "hotlist-main")}</div></div></div>
<script>window.initialState={{"articleDetail":{{"articleDetailData":{{"data":{{"widgetTitle":"36氪首发","publishTime":1742720280000,"author":"周小舟"}}}}}}}}</script>
</body></html>""",
    title="36氪首发｜「星图智联」完成数亿元B轮融资，加码海外市场", time="2025-03-23 16:58", source=None,
    authors=["周小舟"], editor="孟蕾", body=KR_BODY,
)

# --- IT之家: div#paragraph, span#pubtime_baidu, 责编 --------------------

ITHOME_BODY = [
    "IT之家 3 月 23 日消息，据官方消息，某品牌今日正式发布新款轻薄笔记本，搭载新一代处理器和 2.8K OLED 屏幕，首发价 5999 元起。",
    "IT之家了解到，新机机身重量约 1.2 千克，厚度 14.9 毫米，提供 32GB 内存和 1TB 固态硬盘选项，电池容量为 70Wh，支持 100W 快充。",
    "接口方面，新机配备两个全功能 Type-C 接口、一个 USB-A 接口和 HDMI 接口，并保留了 3.5 毫米耳机孔。",
    "新机将于 3 月 28 日正式开售，首批用户可享受两年上门保修服务。",
]
case(
    id="ithome", url="https://www.ithome.com/0/800/123.htm",
    html=f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>某品牌新款轻薄笔记本发布：2.8K OLED 屏，5999 元起 - IT之家</title>
<meta name="keywords" content="笔记本"><meta name="description" content="某品牌今日正式发布新款轻薄笔记本"></head>
<body><div id="nav"><div class="nav_con"><a href="https://www.ithome.com/">IT之家</a><a href="/it/">资讯</a><a href="/soft/">软件</a><a href="/win/">Win10/11</a><a href="/iphone/">苹果</a><a href="/android/">安卓</a></div></div>
<div id="wrapper"><div class="content fl"><div class="post_title"><h1>某品牌新款轻薄笔记本发布：2.8K OLED 屏，5999 元起</h1>
<div class="cv"><span id="pubtime_baidu">2025/3/23 17:01:12</span><span id="source_baidu">来源：<a href="https://www.ithome.com/">IT之家</a></span>
<span id="author_baidu">作者：<strong>汪淼</strong></span><span id="editor_baidu">责编：<strong>汪淼</strong></span>
<span>评论：<a href="#comment" id="commentcount">88</a></span></div></div>
<div class="post_content" id="paragraph">
{ps(ITHOME_BODY, indent="")}
<p class="ad-tips" style="color:#999">广告声明：文内含有的对外跳转链接（包括不限于超链接、二维码、口令等形式），用于传递更多信息，节省甄选时间，结果仅供参考，IT之家所有文章均包含本声明。</p></div>
<div class="related_post"><div class="hd">相关文章</div><ul>{"".join(f'<li><a href="/0/799/{i}.htm">{t}</a></li>' for i, t in enumerate(HOT[:5]))}</ul></div>
<div id="post_comm"><div class="comm_title">软媒旗下网站：IT之家 最会买</div></div></div>
<div class="sidebar fr">{hot("24小时阅读榜", "bx")}{AD}</div></div>
{footer("IT之家")}</body></html>""",
    title="某品牌新款轻薄笔记本发布：2.8K OLED 屏，5999 元起", time="2025-03-23 17:01", source="IT之家",
    authors=["汪淼"], editor="汪淼", body=ITHOME_BODY,
)

# --- 快科技: div.news_info "2025-03-23 17:01:00 出处：快科技 作者：雪花 编辑：朝晖"

MYDRIVERS_BODY = [
    "快科技3月23日消息，某国产手机品牌今天公布了新机的外观设计，新机采用居中挖孔直屏，后置圆形镜头模组，提供四种配色。",
    "官方表示，新机首发搭载自研影像芯片，夜景拍摄速度提升约三成，同时内置 6000mAh 电池，支持 90W 有线快充。",
    "从目前的消息来看，新机将于下周正式发布，定位中端市场，起售价有望控制在两千元以内。",
]
case(
    id="mydrivers", url="https://news.mydrivers.com/1/1030/1030123.htm",
    html=f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>国产新机外观公布：居中挖孔直屏 6000mAh电池_快科技</title>
<meta name="keywords" content="手机"></head>
<body><div class="top_nav"><a href="https://www.mydrivers.com/">快科技首页</a> <a href="https://news.mydrivers.com/">资讯</a> <a href="https://m.mydrivers.com/">手机</a> <a href="https://www.mydrivers.com/zhuanti/">专题</a></div>
<div class="main"><div class="news_bt1"><div class="news_bt1_left"><h1>国产新机外观公布：居中挖孔直屏 6000mAh电池</h1>
<div class="news_info">2025-03-23 17:01:00 出处：快科技 作者：雪花 编辑：朝晖 人气：<span id="Hits">2345</span> <a href="#comment">评论(<span>12</span>)</a></div></div></div>
<div class="news_info1" id="thread_subject"><div class="news_n" id="content">
{ps(MYDRIVERS_BODY, indent="")}
<p class="news_bq">【本文结束】如需转载请务必注明出处：快科技</p>
<p class="news_bq">责任编辑：朝晖</p>
<div class="news_bq">文章内容举报</div></div></div>
<div class="xgxw"><h3>相关新闻</h3><ul>{"".join(f'<li><a href="/1/1029/10290{i}.htm">{t}</a></li>' for i, t in enumerate(HOT[:5]))}</ul></div>
<div class="hot_news">{hot("热门文章", "news_hot")}</div></div>
{footer("快科技")}</body></html>""".encode("gb18030"),
    title="国产新机外观公布：居中挖孔直屏 6000mAh电池", time="2025-03-23 17:01", source="快科技",
    authors=["雪花"], editor="朝晖", body=MYDRIVERS_BODY,
)

# --- CSDN-like blog: "于 … 首次发布" / "已于 … 修改", comments below -------

CSDN_BODY = [
    "最近在项目里需要把一个同步的爬虫改成异步，记录一下踩过的坑。原来的代码用 requests 逐个请求，一千个页面要跑十几分钟。",
    "一、为什么选择 asyncio",
    "异步 IO 适合网络请求这类等待时间长、计算量小的任务。改用 aiohttp 之后，同样的页面数量只需要不到一分钟。",
    "二、控制并发数量",
    "一开始没有限制并发，结果对方服务器直接返回了 429。后来用 asyncio.Semaphore 把并发数控制在 20 以内，问题就解决了。",
    "三、总结",
    "异步改造并不复杂，关键是要处理好超时、重试和并发限制。完整代码我放在文末，有问题欢迎在评论区交流。",
]
CSDN_COMMENTS = "".join(
    f'<li class="comment-line-box"><div class="comment-list-item"><a class="nick-name">user_{i}abc</a>'
    f'<span class="date">2025.03.2{i}</span><span class="comment">{t}</span><a class="btn-reply">回复</a></div></li>'
    for i, t in enumerate(["写得很清楚，学习了，请问超时重试是怎么做的？", "信号量那里正好解决了我的问题，感谢博主分享！",
                           "aiohttp 的 session 最好复用，不要每个请求都新建一个。"]))
case(
    id="csdn", url="https://blog.csdn.net/coder_li/article/details/146000001",
    html=f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>Python 爬虫从同步改成异步的踩坑记录_asyncio 并发-CSDN博客</title>
<meta name="keywords" content="asyncio,aiohttp"><meta name="description" content="最近在项目里需要把一个同步的爬虫改成异步">
<script>var username = "coder_li"; var nickName = "码农小李"; var articleId = "146000001";</script></head>
<body><div id="csdn-toolbar"><ul><li><a href="https://www.csdn.net/">首页</a></li><li><a href="https://blog.csdn.net/">博客</a></li>
<li><a href="https://edu.csdn.net/">程序员学院</a></li><li><a href="https://download.csdn.net/">下载</a></li><li><a href="https://ask.csdn.net/">问答</a></li></ul></div>
<div class="main_father clearfix"><main><div class="blog-content-box"><div class="article-header-box"><div class="article-header">
<div class="article-title-box"><h1 class="title-article" id="articleContentId">Python 爬虫从同步改成异步的踩坑记录</h1></div>
<div class="article-info-box"><div class="article-bar-top"><div class="bar-content">
<img class="article-type-img" src="original.png" alt=""><a class="follow-nickName" href="https://blog.csdn.net/coder_li">码农小李</a>
<img class="article-time-img" src="newUpTime2.png" alt=""><span class="time">已于&nbsp;2025-03-23 17:01:00&nbsp;修改</span>
<span class="read-count">阅读量1.2k</span><a class="un-collection">收藏</a><span class="get-collection">32</span>
<img class="article-read-img" src="tobarThumbUpactive.png"><span id="blog-digg-num">点赞数 18</span></div>
<div class="blog-tags-box"><div class="tags-box artic-tag-box"><span class="label">文章标签：</span><a class="tag-link" href="/tag/python">python</a><a class="tag-link" href="/tag/asyncio">asyncio</a></div></div>
<div class="up-time"><span>于&nbsp;2025-03-20 09:12:33&nbsp;首次发布</span></div>
<div class="slide-content-box"><div class="article-copyright"><div class="creativecommons">版权声明：本文为博主原创文章，遵循 CC 4.0 BY-SA 版权协议，转载请附上原文出处链接和本声明。</div></div></div></div></div></div></div>
<article class="baidu_pl"><div id="article_content" class="article_content clearfix"><div id="content_views" class="markdown_views prism-atom-one-dark">
<p>{CSDN_BODY[0]}</p><h2>{CSDN_BODY[1]}</h2><p>{CSDN_BODY[2]}</p>
<pre><code class="language-python">sem = asyncio.Semaphore(20)
async with sem:
    resp = await session.get(url)</code></pre>
<h2>{CSDN_BODY[3]}</h2><p>{CSDN_BODY[4]}</p><h2>{CSDN_BODY[5]}</h2><p>{CSDN_BODY[6]}</p></div></div></article>
<div class="recommend-box"><div class="recommend-item-box"><a href="/x/article/details/1">asyncio 入门教程</a><p>异步编程基础知识整理……</p></div></div>
</div><div id="pcCommentBox" class="comment-box"><h3>评论 3</h3><ul class="comment-list">{CSDN_COMMENTS}</ul></div></main>
<aside class="blog_container_aside"><div id="asideProfile"><a class="profile-name">码农小李</a><dl><dt>原创</dt><dd>56</dd><dt>粉丝</dt><dd>1024</dd></dl></div>
<div id="asideHotArticle"><h3>热门文章</h3><ul>{"".join(f'<li><a href="/coder_li/article/details/{i}">{t}</a><span class="read">阅读 {i}万</span></li>' for i, t in enumerate(HOT[:5]))}</ul></div></aside></div>
<div class="public_pc_right_ad">{AD}</div></body></html>""",
    title="Python 爬虫从同步改成异步的踩坑记录", time="2025-03-20 09:12", source=None,
    authors=["码农小李"], editor=None,
    body=CSDN_BODY[:3] + ["sem = asyncio.Semaphore(20)", "async with sem:", "resp = await session.get(url)"]
    + CSDN_BODY[3:],
)

# --- WeChat-like article: js_content, the time only in `var ct` ----------

WECHAT_BODY = [
    "上周，我们走访了三家正在做数字化改造的纺织厂，想看看“机器换人”之后，车间里到底发生了哪些变化。",
    "第一家工厂在前年引进了自动验布系统。厂长说，过去一个熟练工一天只能检验几百米布，现在一台设备就能顶好几个人，漏检率也降下来了。",
    "但并不是所有改造都一帆风顺。第二家工厂的负责人坦言，系统上线头三个月，工人不适应、数据对不上，生产一度比改造前还慢。",
    "在我们看来，数字化改造的关键不在于买了多少设备，而在于有没有人真正把数据用起来。",
]
case(
    id="wechat", url="https://mp.weixin.qq.com/s/AbCdEfGhIjKlMnOpQrStUv",
    html=f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1.0,maximum-scale=1.0,user-scalable=0,viewport-fit=cover">
<title>走访三家纺织厂：数字化改造之后，车间里发生了什么</title>
<meta property="og:title" content="走访三家纺织厂：数字化改造之后，车间里发生了什么">
<meta property="og:type" content="article"><meta name="author" content="林小满">
<meta property="og:description" content="我们走访了三家正在做数字化改造的纺织厂">
<script>var biz = "MzA5NTAwMDAwMA==" || ""; var sn = "abc" || "";
var nickname = htmlDecode("科技前哨"); var ct = "1711184460"; var user_name = "gh_0123456789ab";
var msg_title = "走访三家纺织厂：数字化改造之后，车间里发生了什么".html(false);</script>
<style>.rich_media_content{{overflow:hidden}}</style></head>
<body id="activity-detail" class="zh_CN wx_wap_page"><div id="js_article" class="rich_media"><div class="rich_media_inner">
<div id="page-content" class="rich_media_area_primary"><div class="rich_media_area_primary_inner">
<div id="img-content" class="rich_media_wrp"><h1 class="rich_media_title" id="activity-name">走访三家纺织厂：数字化改造之后，车间里发生了什么</h1>
<div id="meta_content" class="rich_media_meta_list"><span id="copyright_logo" class="wx_tap_link js_wx_tap_highlight rich_media_meta icon_appmsg_tag appmsg_title_tag weui-wa-hotarea">原创</span>
<span class="rich_media_meta rich_media_meta_text">林小满</span>
<span class="rich_media_meta rich_media_meta_nickname" id="profileBt"><a href="javascript:void(0);" class="wx_tap_link js_wx_tap_highlight weui-wa-hotarea" id="js_name">科技前哨</a></span>
<span class="rich_media_meta rich_media_meta_text"><em id="publish_time" class="rich_media_meta rich_media_meta_text"></em></span>
<em id="js_ip_wording_wrp" class="rich_media_meta rich_media_meta_text" style="display: none;">发表于<span id="js_ip_wording"></span></em></div>
<div class="rich_media_content js_underline_content autoTypeSetting24psection" id="js_content" style="visibility: hidden;">
<section style="margin-bottom: 16px;"><span style="font-size: 15px;">{WECHAT_BODY[0]}</span></section>
<section style="margin-bottom: 16px;"><img data-src="https://mmbiz.qpic.cn/abc/640" class="rich_pages wxw-img"></section>
{"".join(f'<p style="margin-bottom: 16px;"><span style="font-size: 15px;letter-spacing: 1px;">{p}</span></p>' for p in WECHAT_BODY[1:])}
<p style="text-align:center;"><span style="color:#888">- END -</span></p>
<p><span style="font-size: 12px;color:#888">本文为“科技前哨”原创，转载请联系授权。</span></p></div>
<div class="rich_media_tool"><a id="js_view_source" href="##">阅读原文</a><span class="media_tool_meta">阅读 <span id="readNum3">1.2万</span></span></div></div></div></div></div></div>
<div class="qr_code_pc"><p>微信扫一扫<br>关注该公众号</p></div></body></html>""",
    title="走访三家纺织厂：数字化改造之后，车间里发生了什么", time="2024-03-23 17:01", source="科技前哨",
    authors=["林小满"], editor=None, body=WECHAT_BODY,
)

# --- a body paginated over several pages (第1页 下一页) -----------------------

PAGED_BODY = [
    "编者从多位业内人士处了解到，今年一季度动力电池装车量同比增长约四成，其中磷酸铁锂电池占比继续提升，已超过七成。",
    "分析人士认为，磷酸铁锂电池成本较低、安全性较好，在中低端车型和储能领域优势明显；而三元电池则在高端长续航车型中保持一定份额。",
    "值得注意的是，电池原材料价格在经历前两年的大幅波动后趋于平稳，电池企业的利润率有所修复，但行业整体产能利用率仍然不高。",
    "多家企业表示，下一阶段的竞争将更多集中在快充性能、低温表现和回收利用等方面，单纯依靠扩产抢占市场的时代已经过去。",
]
case(
    id="paged", url="https://auto.example.com.cn/news/2025/0323/1234.html",
    html=f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>一季度动力电池装车量同比增长四成 磷酸铁锂占比超七成_汽车频道_某某汽车网</title>
<meta name="keywords" content="动力电池"></head>
<body>{nav("首页 新车 导购 评测 行情 用车 新能源 论坛 二手车")}
<div class="crumbs"><a href="/">首页</a> &gt; <a href="/news/">新闻</a> &gt; <a href="/news/ny/">新能源</a> &gt; 正文</div>
<div class="wrap clearfix"><div class="left-box"><div class="article-box">
<h1 class="article-title">一季度动力电池装车量同比增长四成 磷酸铁锂占比超七成</h1>
<div class="article-meta"><span class="pubtime">2025-03-23 14:26</span><span class="source">来源：某某汽车网</span><span class="author">作者：韩冬</span>
<span class="views">阅读：3562</span></div>
<div class="article-content" id="articleContent">
{ps(PAGED_BODY)}
<div class="page-box" id="pageBox"><span class="cur">1</span><a href="1234_2.html">2</a><a href="1234_3.html">3</a>
<a href="1234_2.html" class="next">下一页</a><a href="1234_3.html">尾页</a></div>
<p class="page-tip">第1页 / 共3页</p></div>
<div class="article-tags"><span>标签：</span><a href="/tag/battery">动力电池</a><a href="/tag/lfp">磷酸铁锂</a></div>
{share()}</div></div>
<div class="right-box">{hot("热门推荐", "hot-box")}{AD}{hot("热门车型", "hot-car", 3)}</div></div>
{footer("某某汽车网")}</body></html>""",
    title="一季度动力电池装车量同比增长四成 磷酸铁锂占比超七成", time="2025-03-23 14:26", source="某某汽车网",
    authors=["韩冬"], editor=None, body=PAGED_BODY,
)

# --- image captions and 原标题 -----------------------------------------------

CAPTION_BODY = [
    "3月22日，游客在湖北武汉东湖樱园赏樱。当日正值周末，东湖樱园迎来赏花客流高峰。",
    "据景区介绍，园内种植樱花树一万余株，今年花期比往年提前约一周。为缓解客流压力，景区实行分时段预约入园，并增开了多条接驳公交线路。",
    "图为游客在樱花树下拍照留念。（记者 方芳 摄）",
    "景区工作人员提醒，赏花期间游客应遵守园区规定，不要攀爬树木、摇落花瓣，携带儿童的游客注意看护。",
]
case(
    id="captions", url="https://news.example.cn/hb/2025-03/23/c_1130000001.htm",
    html=f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>东湖樱园迎赏花高峰 景区实行分时段预约_湖北频道_某某新闻网</title>
<meta name="publishdate" content="2025-03-23"></head>
<body>{nav("首页 时政 湖北 武汉 经济 社会 文旅 图片 视频")}
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/hb/">湖北</a></div>
<div class="con-main"><div class="con-left"><h1>东湖樱园迎赏花高峰 景区实行分时段预约</h1>
<div class="info"><span>2025-03-23 09:18:20</span>　<span>来源：湖北日报</span></div>
<div class="con-text" id="text">
<p>　　原标题：周末赏樱人从四面八方来</p>
<p>　　{CAPTION_BODY[0]}</p>
<p align="center"><img src="/images/2025-03/23/abc.jpg" border="0"></p>
<p>　　{CAPTION_BODY[1]}</p>
<p align="center"><img src="/images/2025-03/23/def.jpg" border="0"></p>
<p align="center">{CAPTION_BODY[2]}</p>
<p>　　{CAPTION_BODY[3]}</p>
<p class="editor">【责任编辑：严星】</p></div>
<div class="xgxw"><div class="tit">相关新闻</div>{"".join(f'<p><a href="/hb/2025-03/2{i}/c_11{i}.htm">{t}</a></p>' for i, t in enumerate(HOT[:4]))}</div>
</div><div class="con-right">{hot("图片新闻", "pic-news")}{hot("排行", "rank", 4)}</div></div>
{footer("某某新闻网")}</body></html>""",
    title="东湖樱园迎赏花高峰 景区实行分时段预约", time="2025-03-23 09:18", source="湖北日报",
    authors=[], editor="严星", body=["原标题：周末赏樱人从四面八方来"] + CAPTION_BODY,
)

# --- reader comments larger than the article ---------------------------------

COMMENTED_BODY = [
    "近日，一则关于“小区快递柜超时收费”的帖子在本地论坛引发热议。发帖网友称，快递放进柜子超过十二小时就要收费，自己上班时间长，常常来不及取。",
    "记者联系到快递柜运营方，对方表示，超时收费是为了提高格口周转率，用户可以通过关注公众号等方式获得免费时长。",
    "律师认为，快递员未经收件人同意将快递放入快递柜，本身就可能违反相关规定，超时费用不应由收件人无条件承担。",
]
LONG_COMMENTS = [
    "我家楼下的快递柜也是这样，每天加班到九点多，回去一看又要交钱，感觉特别不合理，快递员也不打电话就直接放进去了。",
    "其实可以跟快递员说好放驿站，驿站免费而且能放好几天，就是离得远一点，周末一起去取就行了，没必要吵。",
    "超时收费本身可以理解，但是十二小时太短了，很多上班族早上出门晚上回家，根本来不及，建议改成二十四小时。",
    "律师说得对，快递员没经过我同意就放柜子，这个钱凭什么让我出？应该谁放的谁付钱，我已经投诉过好几次了。",
    "我们小区物业和快递柜公司签了合同，物业还有分成，所以大家投诉给物业根本没用，只能打邮政管理部门的电话。",
    "上个月我投诉过一次，邮政管理局很快就回电了，后来快递员每次都先打电话问放哪里，大家遇到问题还是要积极投诉。",
    "收费就收费吧，几毛钱的事情，大家时间都很宝贵，没必要为这点钱跟人家较真，实在不行就买个会员。",
    "不是几毛钱的问题，是规则合不合理的问题，今天多收几毛，明天就可能多收几块，消费者的权利要自己争取。",
]
case(
    id="comments-heavy", url="https://www.example-daily.com/society/2025/0323/56789.html",
    html=f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>小区快递柜超时收费引争议 律师：未经同意放柜不应由收件人买单-某某日报网</title></head>
<body>{nav("首页 本地 社会 民生 政务 财经 文体 评论 专题")}
<div class="container"><div class="article-main">
<h1>小区快递柜超时收费引争议 律师：未经同意放柜不应由收件人买单</h1>
<p class="meta">发布时间：2025-03-23 15:36　来源：某某日报　记者：吕佳宁</p>
<div class="article-txt">{ps(COMMENTED_BODY)}<p>　　编辑：冯雪</p></div>
{share()}
<div class="discuss-box" id="SOHUCS"><div class="discuss-title">网友评论（{len(LONG_COMMENTS)}）</div>
{"".join(f'<div class="discuss-item"><div class="user"><a href="/u/{i}">网友{i:03d}</a> <span>2025-03-23 1{6 + i % 3}:{10 + i}</span></div><div class="txt">{t}</div><div class="op"><a>支持({i * 3})</a> <a>回复</a></div></div>' for i, t in enumerate(LONG_COMMENTS))}
</div></div><div class="aside">{hot("本地热点", "local-hot")}</div></div>
{footer("某某日报网")}</body></html>""",
    title="小区快递柜超时收费引争议 律师：未经同意放柜不应由收件人买单", time="2025-03-23 15:36", source="某某日报",
    authors=["吕佳宁"], editor="冯雪", body=COMMENTED_BODY,
)

# --- an editor's note box and a related-reading list inside the body --------

NOTE_BODY = [
    "编者按：家门口的“小修小补”关系居民生活品质。本报今起推出“社区便民服务点”系列报道，记录城市街巷里的温暖服务。",
    "早上七点，老周的修鞋摊就在菜市场门口支了起来。这个摊位他已经摆了二十多年，修鞋、配钥匙、换拉链，街坊邻居有什么小东西坏了都来找他。",
    "去年，街道把几个散落在路边的便民摊点统一搬进了新建的便民服务点，有了遮风挡雨的小屋，还接通了水电。",
    "“以前下雨天就得收摊，现在能天天开门了。”老周说，搬进来之后，来找他的人反倒更多了。",
    "街道负责人表示，下一步将在辖区内再建设三处便民服务点，把理发、家电维修等服务也纳入进来。",
]
case(
    id="editor-note-related", url="https://www.example-evening.cn/content/2025-03/23/content_778899.html",
    html=f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>修鞋摊搬进便民服务点：老手艺有了新“家”_某某晚报</title>
<meta property="article:published_time" content="2025-03-23T07:00:00+08:00"></head>
<body>{nav("首页 要闻 城事 民生 文化 体育 图片 数字报")}
<div class="main"><div class="left"><div class="bread"><a href="/">首页</a> &gt; <a href="/cs/">城事</a></div>
<h1 class="title">修鞋摊搬进便民服务点：老手艺有了新“家”</h1>
<div class="info">来源：某某晚报 | 作者：丁一鸣 | 2025-03-23 07:00</div>
<div class="article-content">
<div class="editor-note" style="border:1px solid #ddd;background:#f6f6f6"><p>{NOTE_BODY[0]}</p></div>
{ps(NOTE_BODY[1:3])}
<div class="related-reading"><h4>相关阅读</h4><ul>
<li><a href="/content/2025-03/20/content_778001.html">社区食堂开到家门口，老人吃饭不发愁</a></li>
<li><a href="/content/2025-03/18/content_777123.html">这家开了三十年的理发店，见证了一条街的变迁</a></li>
<li><a href="/content/2025-03/15/content_776543.html">家电维修上门服务有了“价目表”</a></li></ul></div>
{ps(NOTE_BODY[3:])}
<p class="zebian">编辑：刘畅</p></div>
<div class="prev-next"><p>上一篇：<a href="/content/2025-03/22/content_778800.html">地铁新线站名公布</a></p><p>下一篇：<a href="/content/2025-03/23/content_778900.html">春季花卉市场开市</a></p></div>
</div><div class="right">{hot("热门推荐", "hot")}{AD}</div></div>
{footer("某某晚报社")}</body></html>""",
    title="修鞋摊搬进便民服务点：老手艺有了新“家”", time="2025-03-23 07:00", source="某某晚报",
    authors=["丁一鸣"], editor="刘畅", body=NOTE_BODY,
)

# --- 2005-era table layout, GBK, <font>, <br> paragraphs ------------------------

OLD_BODY = [
    "本报讯 昨日，市教育局召开新闻发布会，公布了今年中考招生政策。今年全市中考报名人数约为八万人，比去年增加三千人左右。",
    "据介绍，今年中考继续实行网上填报志愿，考生可在考试结束后根据估分情况填报。普通高中招生计划比去年增加两千个名额。",
    "市教育局有关负责人提醒，考生和家长应通过官方渠道获取招生信息，谨防各类虚假宣传。",
]
case(
    id="table-2005", url="http://www.example-news.com.cn/news/2005-06/12/content_123456.htm",
    html=f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>今年中考报名人数约八万 普高招生增两千名额--某某新闻网</title>
<style>td{{font-size:12px}} .title{{font-size:20px}}</style><script language="javascript">function doZoom(size){{document.getElementById('zoom').style.fontSize=size+'px'}}</script></head>
<body topmargin="0"><table width="778" border="0" align="center" cellpadding="0" cellspacing="0"><tr><td><img src="/images/logo.gif" width="200" height="60"></td>
<td><a href="/">首页</a> | <a href="/news/">新闻</a> | <a href="/edu/">教育</a> | <a href="/sports/">体育</a> | <a href="/bbs/">论坛</a> | <a href="/blog/">博客</a></td></tr></table>
<table width="778" border="0" align="center" cellpadding="0" cellspacing="0"><tr><td width="560" valign="top">
<table width="100%" border="0" cellspacing="0" cellpadding="0"><tr><td height="25">&nbsp;您现在的位置：<a href="/">首页</a> &gt;&gt; <a href="/edu/">教育</a> &gt;&gt; 正文</td></tr>
<tr><td align="center" class="title"><font color="#003399"><b>今年中考报名人数约八万 普高招生增两千名额</b></font></td></tr>
<tr><td align="center"><font color="#666666">2005-06-12 14:23:05　来源：某某晚报　作者：孙立新</font></td></tr>
<tr><td align="center">【字体：<a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a> <a href="javascript:doZoom(12)">小</a>】</td></tr>
<tr><td id="zoom" class="content"><font style="font-size:14px">　　{OLD_BODY[0]}<br><br>　　{OLD_BODY[1]}<br><br>　　{OLD_BODY[2]}<br><br></font></td></tr>
<tr><td align="right">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</td></tr>
<tr><td><b>相关文章</b><br>{"".join(f'·<a href="/news/2005-06/1{i}/content_12{i}.htm">{t}</a><br>' for i, t in enumerate(["去年中考录取分数线公布", "中考体育测试下月开始", "教育局：严禁中小学违规补课"]))}</td></tr></table></td>
<td width="218" valign="top"><table width="100%"><tr><td><b>新闻排行</b></td></tr>{"".join(f'<tr><td>·<a href="/news/{i}.htm">{t}</a></td></tr>' for i, t in enumerate(HOT[:6]))}</table></td></tr></table>
<table width="778" align="center"><tr><td align="center">关于我们 | 广告服务 | 联系方式<br>Copyright &copy; 2005 某某新闻网 All Rights Reserved</td></tr></table></body></html>""".encode("gb18030"),
    title="今年中考报名人数约八万 普高招生增两千名额", time="2005-06-12 14:23", source="某某晚报",
    authors=["孙立新"], editor=None, body=OLD_BODY,
)

# --- 中国新闻网 style: left-t, left_zw, 【编辑:...】 ----------------------------

CNS_BODY = [
    "中新网上海3月23日电（记者 许婧）第二十届某某国际车展筹备工作已进入冲刺阶段，组委会23日在上海介绍，本届车展将有超过一千家企业参展。",
    "组委会介绍，本届车展新能源和智能网联汽车的展出面积占比超过六成，多家企业将在展会期间发布新车型和自动驾驶技术。",
    "为方便观众参观，本届车展将首次实行全程实名电子票，并开通多条免费接驳巴士线路。",
]
case(
    id="chinanews", url="https://www.chinanews.com.cn/cj/2025/03-23/10000001.shtml",
    html=f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>第二十届某某国际车展筹备进入冲刺阶段-中新网</title>
<meta name="keywords" content="车展"><meta name="author" content="许婧"></head>
<body><div class="top_nav">{nav("首页 滚动 时政 国际 社会 财经 金融 产经 汽车 体育 文娱 华人")}</div>
<div class="w1280"><div class="content_maincontent_more"><div class="content_left_top"><div class="nav_navcon">
<a href="/">首页</a> &gt; <a href="/cj/">财经</a> &gt; <a href="/cj/gd.shtml">财经滚动</a></div></div>
<div class="content_maincontent_content"><h1 class="content_left_title">第二十届某某国际车展筹备进入冲刺阶段</h1>
<div class="content_left_time">2025年03月23日 16:52　来源：中国新闻网<div class="share">{share("")}</div></div>
<div class="left_zw" style="position:relative">
{ps(CNS_BODY)}
<div id="function_code_page"></div><table border="0" cellspacing="0" cellpadding="0" align="left" class="adInContent"><tr><td>{AD}</td></tr></table>
<div class="adEditor"><div class="left_name"><div class="left_name">【编辑:李岩】</div></div></div></div>
<div class="content_share">{share()}</div>
<div class="more_list"><div class="title">更多精彩</div><ul>{"".join(f'<li><a href="/cj/2025/03-22/1000{i}.shtml">{t}</a></li>' for i, t in enumerate(HOT[:5]))}</ul></div></div></div>
<div class="content_right">{hot("精彩推荐", "jctj")}{hot("热门排行", "rmph", 2)}</div></div>
{footer("中国新闻社")}</body></html>""",
    title="第二十届某某国际车展筹备进入冲刺阶段", time="2025-03-23 16:52", source="中国新闻网",
    authors=["许婧"], editor="李岩", body=CNS_BODY,
)

# --- 百家号-like: Baidu "cambrian" JSON-LD (no @type), pubDate ----------------

BJH_BODY = [
    "最近不少朋友问我，家里的老人用智能手机总是被各种弹窗广告困扰，有没有什么好办法。今天就把我自己给父母手机做的几项设置分享出来。",
    "第一，关闭不必要的通知权限。很多应用默认允许推送通知，老人看到就容易误点，进入系统设置逐个关掉即可。",
    "第二，开启长辈模式或简易模式。现在大多数手机都有这个功能，字体更大、图标更少，操作起来也不容易出错。",
    "第三，定期帮老人检查手机里安装的应用，卸载来路不明的软件，尽量只从官方应用商店下载。",
]
BJH_LD = ('{"@context":"https://ziyuan.baidu.com/contexts/cambrian.jsonld","@id":"https://baijiahao.baidu.com/s?id=1826000000000000001",'
          '"appid":"1570000000000001","title":"老人手机总弹广告？这三项设置一定要打开",'
          '"images":["https://pics.example.com/abc.jpeg"],"description":"分享给父母手机做的几项设置",'
          '"pubDate":"2025-03-22T21:15:00","upDate":"2025-03-22T21:15:00"}')
case(
    id="baijiahao", url="https://baijiahao.baidu.com/s?id=1826000000000000001",
    html=f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>老人手机总弹广告？这三项设置一定要打开</title>
<script type="application/ld+json">{BJH_LD}</script>
<script>window.jsonData = {{"bsData":{{"superlanding":[{{"itemType":"article"}}]}}}};</script></head>
<body><div id="ssr-content"><div class="index-module_header"><a href="https://www.baidu.com/">百度首页</a><a href="/login">登录</a></div>
<div class="index-module_articleWrap_2Zphx"><div class="index-module_articleTitle_28fPT"><h1>老人手机总弹广告？这三项设置一定要打开</h1></div>
<div class="index-module_articleSource_2dw16"><div class="index-module_authorTxt_V2Zg9"><a class="index-module_authorName_7y5nA" href="https://author.baidu.com/home?id=1">数码老张说</a>
<div class="index-module_time_3JZqz"><span class="index-module_date_Q9PzX">发布时间: 03-22</span><span class="index-module_time_10s4U">21:15</span><span class="index-module_ip">广东</span></div></div>
<a class="index-module_followBtn">关注</a></div>
<div data-testid="article" class="_18p7x"><div class="dpu8C _2kCxD">
{"".join(f'<div data-testid="article-text"><p><span class="bjh-p">{p}</span></p></div>' for p in BJH_BODY)}
</div></div>
<div class="index-module_statement">举报/反馈</div></div>
<div class="index-module_recommend"><h3>为你推荐</h3>{"".join(f'<div class="rec-item"><a href="/s?id=18{i}">{t}</a><span>{i + 1}万阅读</span></div>' for i, t in enumerate(HOT))}</div></div></body></html>""",
    title="老人手机总弹广告？这三项设置一定要打开", time="2025-03-22 21:15", source="数码老张说",
    authors=[], editor=None, body=BJH_BODY,
)

# --- 新京报 style: "编辑 张三 校对 李四" without colons ------------------------------

BJNEWS_BODY = [
    "新京报讯（记者张璐 实习生李想）3月23日，北京市园林绿化局发布消息，今年春季全市将新增和改造提升公园绿地一百余公顷，建设口袋公园和小微绿地五十处。",
    "据介绍，新建的口袋公园多选址于老旧小区周边和街角空地，面积虽小，但配备了座椅、健身器材和儿童游乐设施，满足居民就近休闲需求。",
    "此外，今年还将继续推进“公园无界”改造，拆除部分公园的围墙和栏杆，让公园与城市街道更好地融合。",
    "编辑 杨海 校对 刘军",
]
case(
    id="bjnews", url="https://www.bjnews.com.cn/detail/1742700000123456.html",
    html=f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>北京今春将新增改造公园绿地一百余公顷 | 新京报</title>
<meta name="keywords" content="公园,绿地"><meta name="description" content="北京市园林绿化局发布消息"></head>
<body><div class="header">{nav("首页 时事 北京 财经 文化 评论 视频 图片 专题")}</div>
<div class="wrapper"><div class="bodyTitle"><div class="fl"><h1>北京今春将新增改造公园绿地一百余公顷</h1></div></div>
<div class="left"><div class="articleInfo clearfix"><div class="fl"><span class="reporter">新京报记者 张璐 实习生 李想</span>
<span class="timer">2025-03-23 13:05</span></div><div class="fr">{share("")}</div></div>
<div id="contentStr" class="content">
{ps(BJNEWS_BODY[:3])}<p>{BJNEWS_BODY[3][:5]}<br>{BJNEWS_BODY[3][6:]}</p>
</div>
<div class="articleInfo2"><span>新京报</span> <span>举报/反馈</span></div>
<div class="related"><h3>相关阅读</h3>{"".join(f'<p><a href="/detail/17427{i}.html">{t}</a></p>' for i, t in enumerate(HOT[:4]))}</div></div>
<div class="right">{hot("热点排行", "rank")}{AD}</div></div>
{footer("新京报社")}</body></html>""",
    title="北京今春将新增改造公园绿地一百余公顷", time="2025-03-23 13:05", source=None,
    authors=["张璐", "李想"], editor="杨海", body=BJNEWS_BODY[:3],
)

# --- 央视网 style: "来源：… | 2025年03月23日 08:35", 编辑 and 责任编辑 ---------------

CCTV_BODY = [
    "央视网消息：记者从中国气象局了解到，本周我国大部地区气温将持续回升，北方部分地区最高气温将突破二十摄氏度，但早晚温差较大。",
    "气象专家提醒，春季天气多变，公众要注意适时增减衣物。同时，北方地区空气干燥，森林草原火险等级较高，野外用火需格外谨慎。",
    "南方地区本周将迎来一次降雨过程，江南、华南等地部分地区有中到大雨，局地暴雨，需防范强对流天气。",
]
case(
    id="cctv", url="https://news.cctv.com/2025/03/23/ARTIabcdefghijk250323.shtml",
    html=f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>本周大部地区气温回升 北方部分地区将突破20℃_新闻频道_央视网(cctv.com)</title>
<meta name="keywords" content="气温 回升"><meta name="spm-id" content="C94212.P4YnMod9m2uD">
<script>var itemid1="ARTIabcdefghijk250323";var commentTitle="本周大部地区气温回升";</script></head>
<body><div class="nav_daohang">{nav("首页 新闻 体育 综艺 财经 健康 军事 科技 国际 视频")}</div>
<div class="column_wrapper"><div class="col_w940"><div class="ELMT1"><div class="cnt_nav"><a href="https://news.cctv.com/">新闻频道</a> &gt; <a href="/china/">国内新闻</a> &gt; 正文</div>
<div class="cnt_bd"><h1>本周大部地区气温回升 北方部分地区将突破20℃</h1>
<div class="info1">来源：央视新闻客户端 | 2025年03月23日 08:35</div>
<div class="content_area" id="content_area">
{ps(CCTV_BODY)}
</div>
<div class="zebian"><span>编辑：王宁</span><span>责任编辑：刘亮</span></div>
<div class="function">{share()}</div></div></div>
<div class="xwjx"><h3>相关新闻</h3>{"".join(f'<li><a href="/2025/03/2{i}/ARTI{i}.shtml">{t}</a></li>' for i, t in enumerate(HOT[:5]))}</div></div>
<div class="col_w300">{hot("热榜", "hotlist")}</div></div>
{footer("中央广播电视总台")}</body></html>""",
    title="本周大部地区气温回升 北方部分地区将突破20℃", time="2025-03-23 08:35", source="央视新闻客户端",
    authors=[], editor="刘亮", body=CCTV_BODY,
)

# --- 光明网 style: m-con-time / m-con-source / m-con-author under the title -------

GMW_BODY = [
    "近日，教育部办公厅印发通知，部署开展今年全国青少年读书行动，鼓励各地中小学因地制宜开展阅读活动，推动书香校园建设。",
    "通知提出，要保障学生每天有一定的阅读时间，鼓励学校开放图书馆和阅览室，并通过读书会、朗诵会等形式激发学生阅读兴趣。",
    "专家表示，阅读能力是学生终身学习的基础，学校和家庭要形成合力，让阅读成为孩子们的生活习惯，而不只是一项作业。",
]
case(
    id="gmw", url="https://news.gmw.cn/2025-03/23/content_38000001.htm",
    html=f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>教育部部署开展全国青少年读书行动_光明网</title>
<meta name="publishdate" content="2025-03-23"><meta name="source" content="光明日报"></head>
<body><div class="g-header">{nav("首页 时政 国际 时评 理论 文化 科技 教育 经济 生活 法治 军事")}</div>
<div class="g-main"><div class="m-breadcrumb"><a href="https://www.gmw.cn/">首页</a> &gt; <a href="https://news.gmw.cn/">时政</a> &gt; 正文</div>
<div class="m-title-box"><h1 class="u-title">教育部部署开展全国青少年读书行动</h1>
<div class="m-con-info"><span class="m-con-time">2025-03-23 05:50</span><span class="m-con-source">来源：<a href="https://epaper.gmw.cn/">光明日报</a></span>
<span class="m-con-author">作者：邓晖</span></div></div>
<div class="u-mainText" id="articleBox">
{ps(GMW_BODY)}
<p>　　《光明日报》（ 2025年03月23日 04版）</p>
<div class="m-zbTool liability"><span class="liability">[ 责编：孙宗鹤 ]</span></div></div>
<div class="m-page">{share()}</div>
<div class="m-related"><h2>相关新闻</h2>{"".join(f'<li><a href="/2025-03/2{i}/content_3800{i}.htm">{t}</a></li>' for i, t in enumerate(HOT[:5]))}</div></div>
<div class="g-side">{hot("光明推荐", "m-hotlist")}</div>
{footer("光明网")}</body></html>""",
    title="教育部部署开展全国青少年读书行动", time="2025-03-23 05:50", source="光明日报",
    authors=["邓晖"], editor="孙宗鹤", body=GMW_BODY + ["《光明日报》（ 2025年03月23日 04版）"],
)

# --- a 2010s portal page: 发布时间/浏览次数 row and a Discuz-like comment list ---------

GOV_BODY = [
    "为进一步优化营商环境，我区近日出台《关于支持中小微企业高质量发展的若干措施》，从融资支持、减税降费、人才引进等方面提出二十条具体举措。",
    "措施明确，对首次获得银行贷款的小微企业给予贷款贴息，对新认定的专精特新企业给予一次性奖励，并为企业引进的高层次人才提供住房和子女入学保障。",
    "区发展改革局相关负责人表示，将建立政策兑现“一窗受理”机制，企业可通过线上平台一次申报、限时办结。",
]
case(
    id="gov-portal", url="http://www.example.gov.cn/art/2025/3/23/art_1229_123456.html",
    html=f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>我区出台二十条措施支持中小微企业高质量发展 某某区人民政府</title>
<meta name="ArticleTitle" content="我区出台二十条措施支持中小微企业高质量发展"><meta name="PubDate" content="2025-03-23 10:30">
<meta name="ContentSource" content="区发展改革局"><meta name="ColumnName" content="政务动态"></head>
<body><div class="top"><a href="/">网站首页</a> | <a href="/col/zwgk/">政务公开</a> | <a href="/col/bsfw/">办事服务</a> | <a href="/col/hdjl/">互动交流</a></div>
<div class="main"><div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/col/zwdt/">政务动态</a></div>
<table width="100%" class="article"><tr><td class="title" align="center">我区出台二十条措施支持中小微企业高质量发展</td></tr>
<tr><td class="info" align="center">发布时间：2025-03-23 10:30　信息来源：区发展改革局　浏览次数：<span id="hits">1024</span>　【字体：<a>大</a> <a>中</a> <a>小</a>】</td></tr>
<tr><td class="bt_content"><div id="zoom">{ps(GOV_BODY)}</div></td></tr>
<tr><td align="right">【<a href="javascript:window.print()">打印</a>】【<a href="javascript:window.close()">关闭</a>】</td></tr></table></div>
<div class="foot">主办：某某区人民政府办公室　网站标识码：0000000000　ICP备案号：某ICP备00000000号<br>政府网站找错　适老化无障碍服务</div></body></html>""",
    title="我区出台二十条措施支持中小微企业高质量发展", time="2025-03-23 10:30", source="区发展改革局",
    authors=[], editor=None, body=GOV_BODY,
)


# --- 环球网 style: metadata-info with p.source / p.time / p.author ------------------

HUANQIU_BODY = [
    "【环球时报综合报道】据外媒23日报道，某国央行当地时间22日宣布维持基准利率不变，这是该行连续第三次按兵不动。",
    "该行在声明中表示，当前通胀压力有所缓解，但劳动力市场依然偏紧，未来政策走向将取决于经济数据的变化。",
    "分析人士认为，市场普遍预期该行将在下半年开启降息，但具体时间点仍存在较大不确定性。",
]
case(
    id="huanqiu", url="https://world.huanqiu.com/article/4LabcDEFgh1",
    html=f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>某国央行连续第三次维持利率不变_环球网</title>
<meta name="keywords" content="央行,利率"><meta name="description" content="某国央行宣布维持基准利率不变"></head>
<body><div class="header">{nav("首页 国际 军事 台海 评论 财经 科技 汽车 文化 旅游")}</div>
<div class="container"><div class="l-con"><div class="t-container"><div class="t-container-title"><h3>某国央行连续第三次维持利率不变</h3></div>
<div class="metadata-info"><p class="source"><span>来源：</span><a href="https://www.huanqiu.com/">环球时报</a></p><p class="time">2025-03-23 10:48</p></div>
<div class="metadata-info-r">{share("")}</div></div>
<div class="l-con clear"><article><section data-type="rtext">{ps(HUANQIU_BODY, indent="")}</section></article>
<div class="editor">责编：朱晓琳</div></div>
<div class="t-related"><h3>相关新闻</h3><ul>{"".join(f'<li><a href="/article/4L{i}">{t}</a></li>' for i, t in enumerate(HOT[:5]))}</ul></div></div>
<div class="r-con">{hot("热门文章", "hot-list")}</div></div>
{footer("环球网")}</body></html>""",
    title="某国央行连续第三次维持利率不变", time="2025-03-23 10:48", source="环球时报",
    authors=[], editor="朱晓琳", body=HUANQIU_BODY,
)

# --- 第一财经 style: span.author with outlet and role, span.date -------------------

YICAI_BODY = [
    "一季度即将收官，多家上市银行陆续披露了今年的分红方案。从已公布的情况看，国有大行的分红比例普遍维持在百分之三十左右。",
    "“银行股的高股息特征在当前市场环境下很有吸引力。”一位基金经理对第一财经记者表示，不少长线资金把银行股作为底仓配置。",
    "不过也有分析师提醒，银行净息差仍在收窄，投资者需要关注资产质量和盈利能力的变化，而不能只看股息率。",
]
case(
    id="yicai", url="https://www.yicai.com/news/102500001.html",
    html=f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>上市银行分红季来临，高股息还能持续吗</title>
<meta name="description" content="多家上市银行陆续披露了今年的分红方案"></head>
<body>{nav("首页 新闻 视频 直播 数据 一财号 会议 研究院")}
<div class="m-layout"><div class="m-main"><div class="title f-pr"><h1>上市银行分红季来临，高股息还能持续吗</h1>
<p class="names"><span class="author">第一财经 记者 杨立</span><em>2025-03-23 17:23:45</em></p></div>
<div class="intro"><p>银行股的高股息特征在当前市场环境下很有吸引力。</p></div>
<div class="m-txt" id="multi-text">{ps(YICAI_BODY, indent="")}<p class="editor">责编：张宏</p></div>
<div class="m-share">{share()}</div>
<div class="m-list"><h2>相关阅读</h2>{"".join(f'<a href="/news/10250{i}.html"><h3>{t}</h3></a>' for i, t in enumerate(HOT[:5]))}</div></div>
<div class="m-side">{hot("24小时热榜", "m-hot")}</div></div>
{footer("第一财经")}</body></html>""",
    title="上市银行分红季来临，高股息还能持续吗", time="2025-03-23 17:23", source=None,
    authors=["杨立"], editor="张宏", body=YICAI_BODY,
)

# --- 知乎专栏-like: AuthorInfo, "发布于 2025-03-23 17:01・IP 属地北京" --------------------

ZHIHU_BODY = [
    "很多人刚开始跑步时都会犯同一个错误：一上来就追求速度，结果没几天就膝盖疼，只好放弃。",
    "我自己的经验是，前两个月只练一件事，就是用能边跑边说话的速度慢跑，每周三次，每次三十分钟左右。",
    "等到身体适应了，再逐步加入间歇跑和长距离慢跑，这时候你会发现，配速自然而然就上来了。",
    "最后提醒一句，跑鞋一定要选合脚的，别只看颜值，也不必一开始就买最贵的。",
]
case(
    id="zhihu-zhuanlan", url="https://zhuanlan.zhihu.com/p/690000001",
    html=f"""<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>新手跑步最容易犯的错误，我用两年才想明白 - 知乎</title>
<meta itemprop="headline" content="新手跑步最容易犯的错误，我用两年才想明白"></head>
<body><div class="ColumnPageHeader"><a href="//www.zhihu.com">知乎</a><a href="//zhuanlan.zhihu.com/write">写文章</a></div>
<div class="Post-content"><article class="Post-Main Post-NormalMain"><header class="Post-Header"><h1 class="Post-Title">新手跑步最容易犯的错误，我用两年才想明白</h1>
<div class="Post-Author"><div class="AuthorInfo"><span class="UserLink AuthorInfo-avatarWrapper"><img class="Avatar" src="a.jpg"></span>
<div class="AuthorInfo-content"><div class="AuthorInfo-head"><span class="UserLink AuthorInfo-name"><a class="UserLink-link" href="//www.zhihu.com/people/lao-zhou">老周爱跑步</a></span></div>
<div class="AuthorInfo-detail"><div class="AuthorInfo-badgeText">马拉松爱好者</div></div></div></div>
<div class="Voters"><button type="button">126 人赞同了该文章</button></div></div></header>
<div class="Post-RichTextContainer"><div class="RichText ztext Post-RichText css-1g0fqss">{ps(ZHIHU_BODY, indent="")}</div></div>
<div class="ContentItem-time">发布于 2025-03-23 17:01・IP 属地北京</div>
<div class="Post-topicsAndReviewer"><div class="TopicList"><a class="TopicLink">跑步</a><a class="TopicLink">健身</a></div></div></article>
<div class="Comments-container"><div class="CommentListV2">{"".join(f'<div class="CommentItemV2"><a class="UserLink-link">跑友{i}</a><div class="CommentRichText">{t}</div><span class="CommentItemV2-time">03-23</span></div>' for i, t in enumerate(["说得太对了，我就是一开始跑太快把膝盖跑伤了，休息了一个多月才好。", "请问每周三次的话，中间休息的日子可以做力量训练吗？", "慢跑真的很重要，心率控制住了，跑量才能慢慢堆上去。"]))}</div></div></div>
<div class="Recommendations-Main"><h3>推荐阅读</h3>{"".join(f'<a href="/p/6900{i}">{t}</a>' for i, t in enumerate(HOT[:4]))}</div></body></html>""",
    title="新手跑步最容易犯的错误，我用两年才想明白", time="2025-03-23 17:01", source=None,
    authors=["老周爱跑步"], editor=None, body=ZHIHU_BODY,
)

# --- 数字报 (newspaper e-edition): 引题/副题, 第03版, date only in the page header ---------

EPAPER_BODY = [
    "本报讯（记者 何雨）连日来，我市各地抢抓晴好天气，组织农户开展小麦田间管理，全力做好春季病虫害防治工作。",
    "在城郊一处小麦种植基地，植保无人机正在进行“一喷三防”作业。基地负责人说，一架无人机一天能作业三百多亩，效率是人工的几十倍。",
    "市农业农村局相关负责人表示，将组织农技人员深入田间地头开展技术指导，确保夏粮丰收。",
]
case(
    id="epaper", url="https://epaper.example-daily.cn/html/2025-03/23/content_12345_678901.htm",
    html=f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>某某日报数字报-抢抓农时管麦田</title></head>
<body><table width="1000" align="center"><tr><td class="head"><img src="../../../images/logo.gif"> 2025年03月23日 星期日 | <a href="node_2.htm">第03版：要闻</a> | <a href="../../../index.htm">返回首页</a></td></tr></table>
<table width="1000" align="center"><tr><td width="300" valign="top"><div class="banmian"><a href="node_1.htm">第01版：头版</a><br><a href="node_2.htm">第03版：要闻</a><br><a href="node_3.htm">第05版：民生</a></div>
<div class="titles">{"".join(f'<a href="content_12345_67890{i}.htm">{t}</a><br>' for i, t in enumerate(HOT[:6]))}</div></td>
<td valign="top"><div class="article"><h3>春季病虫害防治全面展开</h3><h1>抢抓农时管麦田</h1><h2>植保无人机作业效率是人工几十倍</h2>
<div id="ozoom"><founder-content>{ps(EPAPER_BODY)}</founder-content></div></div></td></tr></table>
<div class="copyright">某某日报社版权所有 未经授权不得转载</div></body></html>""",
    title="抢抓农时管麦田", time="2025-03-23 00:00", source=None,
    authors=["何雨"], editor=None, body=EPAPER_BODY,
)

# --- 今日头条-like: article-meta with 原创 tag, time and account name ------------------

TOUTIAO_BODY = [
    "周末去了一趟城郊新开的湿地公园，本以为只是普通的散步道，没想到里面还藏着一个小型观鸟站。",
    "观鸟站里有免费借用的望远镜，志愿者会给游客讲解常见的水鸟。我们运气不错，看到了一群正在觅食的白鹭。",
    "公园目前免费开放，停车场车位不多，建议早点去。园区里没有餐饮，最好自带一些水和零食。",
]
case(
    id="toutiao", url="https://www.toutiao.com/article/7480000000000000001/",
    html=f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>城郊新开的湿地公园，藏着一个免费观鸟站 - 今日头条</title>
<meta name="description" content="周末去了一趟城郊新开的湿地公园"></head>
<body><div class="toutiao-header"><a href="/">首页</a><a href="/video/">西瓜视频</a><a href="/search/">搜索</a></div>
<div class="main-content"><div class="article-content"><h1>城郊新开的湿地公园，藏着一个免费观鸟站</h1>
<div class="article-meta"><span class="original-mark">原创</span><span>2025-03-23 12:06</span><span class="name"><a href="/c/user/token/abc/">山野小记</a></span><span>·</span><span>江苏</span></div>
<article class="syl-article-base tt-article-content syl-page-article syl-device-pc">{ps(TOUTIAO_BODY, indent="")}</article></div>
<div class="detail-side-interaction"><div class="detail-like">点赞 36</div><div class="detail-interaction-comment">评论 8</div><div class="detail-interaction-collect">收藏</div></div>
<div class="ttp-comment-wrapper"><h2 class="title">评论 8</h2>{"".join(f'<div class="comment-item"><a class="user-name">用户{i}</a><p class="content">{t}</p><span class="time">1小时前</span></div>' for i, t in enumerate(["这个公园我也去过，早上去鸟最多。", "请问地铁能到吗？", "白鹭真漂亮，周末带孩子去看看。"]))}</div></div>
<div class="right-sidebar">{hot("头条热榜", "hot-board")}</div></body></html>""",
    title="城郊新开的湿地公园，藏着一个免费观鸟站", time="2025-03-23 12:06", source="山野小记",
    authors=[], editor=None, body=TOUTIAO_BODY,
)


# --- the check -------------------------------------------------------------------


def run(c: Case) -> dict:
    extracted = extract_article(c.html, c.url)
    fields = normalize_fields(
        title=extracted.title, published_at_raw=extracted.published_at_raw, source=extracted.source,
        authors=extracted.authors, editor=extracted.editor, page_category=extracted.page_category,
        body=extracted.body, now=NOW, tz=ZONE, site_names=tuple(extracted.site_names),
    )
    shown = fields.published_at.astimezone(ZoneInfo(ZONE)).strftime("%Y-%m-%d %H:%M") \
        if fields.published_at else None
    return {"title": fields.title, "time": shown, "source": fields.source,
            "authors": fields.authors, "editor": fields.editor, "body": fields.body}


def expected(c: Case) -> dict:
    return {"title": c.title, "time": c.time, "source": c.source, "authors": c.authors,
            "editor": c.editor, "body": c.body}


@pytest.mark.parametrize("c", CASES, ids=[c.id for c in CASES])
def test_portal_layout(c: Case):
    got, want = run(c), expected(c)
    wrong = {k: (got[k], want[k]) for k in want if got[k] != want[k]}
    assert not wrong, "\n".join(f"{k}: got {g!r}\n{' ' * len(k)}  want {w!r}" for k, (g, w) in wrong.items())


def test_cases_are_distinct():
    assert len({c.id for c in CASES}) == len(CASES) >= 20
