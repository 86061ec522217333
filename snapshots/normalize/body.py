"""Article paragraphs without the page furniture that shares their container."""

from __future__ import annotations

import re

from . import labels
from .text import clean_text

# Lines that are never article text wherever they appear.
_BOILERPLATE = re.compile(
    r"^(?:"
    rf"[(（【\[]?\s*{labels.STAFF}\s*[:：|｜丨].{{0,40}}"
    # "编辑 杨海 校对 刘军": staff credits with no colon, names only.
    rf"|(?:{labels.STAFF}\s+[\u4e00-\u9fff·]{{2,4}}\s*)+"
    r"|[(（【\[]?(?:特别|免责|广告|平台|版权|郑重)声明\s*[:：].*"
    # QR codes and follow / share prompts: "更多猛料！欢迎扫描左方二维码关注…",
    # "点击关注我们", "点个“在看”，分享给更多朋友".
    r"|.{0,40}(?:二维码|扫码|扫一扫|长按识别|长按二维码).{0,60}"
    r"|.{0,12}关注.{0,30}(?:公众号|微信|微博|客户端|头条号|百家号|抖音|视频号|账号|我们).{0,30}"
    r"|.{0,10}[“\"「]?(?:在看|点赞)[”\"」]?.{0,20}(?:分享|转发|朋友|支持|鼓励).{0,20}"
    # "本文转载自公众号「x」，原标题《…》": the publisher is read as 来源.
    r"|(?:本文|文章|内容)(?:转载自|转自|来源于|来自).{0,80}"
    r"|[-—_=\s]*END[-—_=\s]*"
    r"|(?:视频|图片|内容|页面)?(?:加载中|正在加载)[.。…\s]*"
    r"|.{0,20}【本文结束】.*"
    r"|.{0,40}(?:如需转载请|转载请(?:注明|联系)|未经授权[，,]?\s*(?:禁止|不得|严禁)转载|版权归.{1,20}所有|版权所有).{0,80}"
    r"|文章内容举报|内容举报|举报|投诉|我要纠错|我要报错|纠错"
    r"|(?:分享到|分享至|一键分享|分享)\s*[:：]?.{0,40}"
    r"|.{0,12}(?:字号|字体)\s*[:：]?\s*[【\[]?\s*大\s*[】\]]?\s*[【\[]?\s*中\s*[】\]]?\s*[【\[]?\s*小.{0,40}"
    r"|(?:[【\[]\s*)?(?:打印|打印本页|打印此文|关闭|关闭窗口|收藏|收藏本文|复制地址|复制链接|推荐|推荐给朋友|"
    r"发表评论|我来说两句|返回顶部|回到顶部|返回首页|返回列表|查看原文|阅读原文|点击查看原文|加入收藏)"
    r"(?:\s*[】\]])?(?:\s*[【\[]?\s*(?:打印|打印本页|关闭|关闭窗口|收藏|复制地址|推荐|发表评论|我来说两句|"
    r"返回顶部|加入收藏|字体\s*[:：]?\s*大\s*中\s*小)\s*[】\]]?)*"
    r"|(?:上一篇|下一篇|上一页|下一页)\s*[:：]?.{0,60}|(?:<<|«)?\s*上一页.{0,10}下一页.{0,6}"
    r"|第\s*\d+\s*页\s*/\s*共\s*\d+\s*页|共\s*\d+\s*页.{0,30}"
    r"|[(（]?(?:文章|新闻)?(?:来源|稿源)\s*[:：]\s*\S{1,30}?[)）]?"
    r"|返回搜狐[，,]?查看更多|点击进入专题.{0,40}|扫一扫.{0,30}|(?:微信)?扫码.{0,30}|长按.{0,6}识别.{0,30}"
    r"|(?:本文)?(?:关键词|标签|tags?)\s*[:：].{0,80}"
    r"|.{0,10}(?:相关(?:文章|阅读|新闻|链接|报道|推荐|专题)|推荐阅读|延伸阅读|热门推荐|猜你喜欢|热点推荐|更多精彩)"
    r"\s*[:：]?\s*[>》»]*"
    r")$",
    re.I,
)
# A disclaimer heading: what follows is the site's legal text.
_DISCLAIMER_HEADING = re.compile(r"^[\s【\[■●]*(?:免责|特别|版权|郑重)?声明\s*[】\]]?\s*[:：]?$")
# A staff credit closing the last paragraph: "…建议。（责任编辑：孙重远）".
_TRAILING_CREDIT = re.compile(
    rf"\s*[(（【\[]\s*{labels.STAFF}\s*[:：|｜丨]?\s*[^()（）【】\[\]]{{1,30}}[)）】\]]\s*$")
# Legal text is long, but always opens with its label.
_DISCLAIMER = re.compile(r"^[(（【\[]?\s*(?:免责|特别|版权|郑重)声明\s*[)）】\]]?\s*[:：]")
# A heading after which everything is a list of other articles.
_RELATED_HEADING = re.compile(
    r"^[\s【\[■●◆▲★·]*(?:相关(?:文章|阅读|新闻|链接|报道|推荐|专题)|推荐阅读|延伸阅读|热门推荐|猜你喜欢|"
    r"热点推荐|更多精彩|更多阅读|往期回顾|热门文章)\s*[】\]]?\s*[:：]?\s*[>》»]*$"
)


# An entry of a link list: a bullet, or a short line that is no sentence.
_LIST_ENTRY = re.compile(r"^(?:[·•●■◆▪\-*]|\d+[.、]\s*\S).{0,80}$|^[^。！？!?]{1,40}$")


_MAX_BOILERPLATE = 160  # longer lines are text; skipping them keeps this fast


def is_boilerplate(line: str) -> bool:
    return len(line) <= _MAX_BOILERPLATE and bool(_BOILERPLATE.match(line))


def _prose_lines(lines: list[str], start: int) -> int:
    """Paragraph-like lines from ``start``: long and ending a sentence."""
    return sum(1 for line in lines[start:] if len(line) >= 40 and line[-1] in "。！？”!?")


def normalize_body(paragraphs: list[str] | str | None) -> list[str]:
    """Paragraphs with whitespace collapsed and furniture lines removed.

    A related-reading heading in the second half of the text ends the
    article: what follows it is a list of other stories, unless prose
    follows the list (a box set inside the story, its links already gone).
    """
    if not paragraphs:
        return []
    if isinstance(paragraphs, str):
        paragraphs = paragraphs.split("\n")
    lines = [clean_text(p) for p in paragraphs]
    lines = [line for line in lines if line]
    kept: list[str] = []
    in_related = False
    for index, line in enumerate(lines):
        if _DISCLAIMER_HEADING.match(line) and index >= len(lines) // 2:
            break  # the site's legal text, to the end
        if _DISCLAIMER.match(line):
            continue
        if _RELATED_HEADING.match(line):
            if index >= len(lines) // 2 and _prose_lines(lines, index + 1) < 2:
                break
            in_related = True  # a box inside the story: skip its entries
            continue
        if in_related and _LIST_ENTRY.match(line):
            continue
        in_related = False
        if is_boilerplate(line):
            continue
        line = _TRAILING_CREDIT.sub("", line)
        if line:
            kept.append(line)
    return kept
