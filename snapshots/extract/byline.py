"""The visible byline: publication time, authors, source, editor, category.

Chinese pages print these as labelled text around the headline
("类别:科技 发布时间:2025-03-23 17:01:00 来源:浅语科技") or under the body
("责任编辑：孙重远"). Only segments near the headline and the body's edges
are searched, so a date or a "记者" inside the story is not mistaken for the
byline; candidates are ranked by label, position and completeness.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from snapshots.normalize.timestamp import NO_YEAR, RELATIVE, find_dates

from .dom import Page

_NAME_STOP = re.compile(
    r"^(?:来源|发布|发表|时间|日期|编辑|责任|阅读|评论|点击|浏览|人气|字数|访问|更新|字号|分享|"
    r"打印|关闭|收藏|出处|原创|转载|稿源|作者|记者|通讯员|摄影|[\d(（\[【])"
)
# A name token: a Chinese name (optionally with "·"), or a Latin handle.
_TOKEN = r"[\u4e00-\u9fffA-Za-z0-9_·•.&\-]"
# One or more names; a Latin alias may follow in brackets ("周思博 (Joel Spolsky)").
_ALIAS = r"(?:\s*[(（][A-Za-z][A-Za-z .'-]{1,30}[)）])?"
_NAMES = rf"(?P<v>{_TOKEN}{{2,20}}{_ALIAS}(?:[ 　、，,]+{_TOKEN}{{2,12}}){{0,5}})"
_CJK_NAMES = r"(?P<v>[\u4e00-\u9fff·]{2,4}(?:[ 　、，,]+[\u4e00-\u9fff·]{2,4}){0,5})"
_NEXT = r"(?:\|\s*)?"  # the value may sit in the next cell
_BOUNDARY = r"(?=$|[\s|｜丨/）)\]】,，。;；]|报道|摄|发自|采写|综合|编译|整理)"
_REPORTER = r"(?:本报|本刊|本台|本网|实习|见习|特约|首席|驻[\u4e00-\u9fff]{1,6})?(?:记者|实习生)"
_AUTHOR_PATTERNS = (
    # (pattern, weight): labels that name the writer outright come first.
    (re.compile(rf"(?:作\s*者|撰\s*文|撰稿人?|原作者|博主|楼主|发帖人|发表人|投稿人|文\s*字|执笔人?)"
                rf"\s*[:：]\s*{_NEXT}{_NAMES}"), 10),
    # "记者 张三 李四", "交汇点记者 徐睿翔", "记者：张三"; a name glued to 记者
    # ("本报记者罗科苏盈发自北京", "（记者惠禾）") must end at a clear boundary,
    # or "记者透露，" would read as a name.
    (re.compile(rf"{_REPORTER}(?:\s*[:：]\s*|\s+){_CJK_NAMES}{_BOUNDARY}"), 8),
    (re.compile(rf"(?:^|[\s（(【\[□■●·|｜丨:：>]|报|社|网|台|刊|站|道|频)"
                rf"{_REPORTER}(?P<v>[\u4e00-\u9fff·]{{2,4}})(?=$|[\s）)\]】/|｜丨]|报道|摄|发自)"), 7),
    (re.compile(rf"(?:^|[\s（(【\[|｜丨])文\s*[/|｜丨:：]\s*{_NAMES}"), 8),
    (re.compile(rf"(?:^|[\s·|｜丨])(?P<v>[\u4e00-\u9fffA-Za-z·]{{2,10}})\s*/\s*文{_BOUNDARY}"), 7),
    # Sohu-style "[ 黄宇 ] 来源：[ 国际金融报 ]".
    (re.compile(r"^[\[【]\s*(?P<v>[\u4e00-\u9fffA-Za-z·]{2,10})\s*[\]】][^\u4e00-\u9fff]{0,4}(?:来源|$)"), 6),
    # Blog and forum posting lines, which also carry the time.
    (re.compile(r"(?:^|[\s\]】>])(?P<v>[\u4e00-\u9fffA-Za-z0-9_.\-]{2,20})\s*(?:发表于|发布于|写于|posted\s+(?:at|on))",
                re.I), 6),
    (re.compile(r"\bby\s+(?P<v>[A-Za-z0-9_.\-\u4e00-\u9fff]{2,20})(?=$|[\s〓|｜,，])", re.I), 5),
    (re.compile(rf"由\s*(?P<v>[^\s@]{{1,20}}?)\s*(?:张贴|发表|发布|于|@)"), 5),
    (re.compile(r"^(?P<v>[\u4e00-\u9fffA-Za-z0-9_.\-]{2,20})\s*[\[【]作者简介[\]】]"), 6),
)
# Patterns whose line must also carry a date (a posting line, not prose).
_DATED_ONLY = frozenset({5})
# "（袁源）", "（常书香 马丹阳）", "（姚峰 上海报道）" closing the last paragraph.
_SIGNATURE = re.compile(
    r"[（(]\s*(?:记者\s*)?(?P<v>[\u4e00-\u9fff]{2,4}(?:\s+[\u4e00-\u9fff]{2,4}){0,4})"
    r"(?:\s+[\u4e00-\u9fff]{2,6}(?:报道|电))?\s*[)）]\s*$"
)
# A line of bare names under the headline ("胡平", "赵延东、风笑天").
_NAME_LINE = re.compile(r"^(?:[\u4e00-\u9fff]{2,3}|[\u4e00-\u9fff]{1,4}·[\u4e00-\u9fff·]{1,8})(?:[、，, ]+[\u4e00-\u9fff·]{2,4}){0,5}$")
_NOT_NAMES = re.compile(
    r"正文|评论|首页|原创|转载|来源|专题|新闻|图片|视频|更多|返回|下载|登录|注册|完|待续|未完|上|下|续|图|摄|"
    r"编辑|记者|本报|综合|摘要|导读|简介|目录|作者|分享|打印|关闭|推荐|阅读|相关|网|报|社|刊|台|站|"
    r"published|home|news", re.I
)
_SOURCE_PATTERN = re.compile(
    r"(?:文章来源|新闻来源|信息来源|来\s*源|稿\s*源|出\s*处|来自|转自)\s*[:：]\s*(?:\|\s*)?[\[【]?\s*(?P<v>[^\s|｜丨\]】]{1,30})"
)
_EDITOR_PATTERN = re.compile(
    r"(?:责任编辑|责\s*编|值班编辑|本文编辑|(?<![\u4e00-\u9fff])编辑|网编辑|报编辑)\s*[:：]?\s*"
    r"(?:\|\s*)?(?P<v>[\u4e00-\u9fffA-Za-z·_]{2,10}(?:[ 、，,][\u4e00-\u9fff·]{2,3}(?![\u4e00-\u9fffA-Za-z])){0,3})"
)
_CATEGORY_PATTERN = re.compile(
    r"(?:类\s*别|分\s*类|栏\s*目|所属栏目|所属分类|所属频道)\s*[:：]\s*(?P<v>[^\s|｜丨:：]{1,20})"
)
_CRUMB_SEPARATOR = re.compile(r"\s*(?:>>?|»|›|＞|→|->|/)\s*")
_TIME_LABEL = re.compile(
    r"(?:发布时间|发表时间|发布日期|发表日期|发稿时间|发布于|发表于|上传时间|录入时间|添加时间|创建时间|"
    r"时\s*间|日\s*期|发布|发表|posted|published|date)\s*[:：]?\s*$", re.I
)
_MODIFIED_LABEL = re.compile(r"(?:更新时间|修改时间|最后更新|updated?)\s*[:：]?\s*$", re.I)
# Any byline label at all: most lines have none and skip every pattern.
_TRIGGER = re.compile(
    r"作|撰|博主|楼主|发帖|投稿|文|执笔|记者|实习生|由|发表|发布|写于|posted|by|[\[【]|"
    r"来|稿|出|转自|编|类|分|栏|所属", re.I
)
_YEAR = re.compile(r"(?:19|20)\d\d")  # cheap pre-check before the date regex
_SHORT_SEGMENT = 120
_MAX_TEXT_BYLINE = 50
_COPYRIGHT = re.compile(r"©|copyright|版权所有|all rights reserved|\(c\)", re.I)


@dataclass
class Byline:
    published_at: str | None = None
    published_score: float = 0.0
    authors: list[str] = field(default_factory=list)
    # Names printed without a label; weaker than a stated author anywhere.
    guessed_authors: list[str] = field(default_factory=list)
    source: str | None = None
    editor: str | None = None
    category: str | None = None


@dataclass(frozen=True)
class Zones:
    """Segment index ranges searched: around the headline and after the body."""

    header: range
    footer: range
    anchor: int  # headline (or body start) index
    body: range = range(0)
    headline: bool = False  # whether anchor is a found headline

    def weight(self, index: int) -> float:
        if index in self.header:
            return 3.0 - 0.1 * abs(index - self.anchor)
        if index in self.footer:
            return 1.5 - 0.05 * (index - self.footer.start)
        if index in self.body:
            return 0.5
        return -2.0


def make_zones(page: Page, title_index: int | None, body: tuple[int, int] | None) -> Zones:
    total = len(page.segments)
    start, end = body if body else (0, total)
    if title_index is None:
        header = range(max(0, start - 8), min(total, start + 3))
        anchor = start
    elif title_index <= start:
        header = range(title_index, min(total, max(start + 3, title_index + 4)))
        anchor = title_index
    else:  # the headline is inside the body block
        header = range(title_index, min(total, title_index + 6))
        anchor = title_index
    footer = range(max(header.stop, end - 3), min(total, end + 12))
    return Zones(header, footer, anchor, range(start, end), title_index is not None)



def _joined(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Each short line with the next two appended: labels and values often sit
    in adjacent cells ("作者：" | "茉莉"). The "|" keeps a value from running
    on into the next cell."""
    out = []
    for i, (index, line) in enumerate(lines):
        if len(line) <= 12 and i + 1 < len(lines):
            line = " | ".join([line] + [text for _, text in lines[i + 1:i + 3]])
        out.append((index, line))
    return out


def _names(value: str) -> str:
    kept = []
    for token in re.split(r"[ 　]+", value.strip()):
        if not token or _NAME_STOP.match(token):
            break
        kept.append(token)
    return " ".join(kept)


def _best_time(lines: list[tuple[int, str]], zones: Zones) -> tuple[str | None, float]:
    best, best_score = None, float("-inf")
    for index, line in lines:
        if not _YEAR.search(line) or _COPYRIGHT.search(line):
            continue
        for mention in find_dates(line):
            before = line[max(0, mention.start - 12):mention.start]
            score = zones.weight(index)
            if _TIME_LABEL.search(before):
                score += 4
            elif _MODIFIED_LABEL.search(before):
                score += 1
            if mention.has_clock:
                score += 2
            if len(line) > 150 and 30 < mention.start < len(line) - 40:
                score -= 3  # a date inside running text
            if score > best_score:
                best, best_score = mention.raw, score
    return best, best_score


# "发布时间:3小时前", "发布于 昨天 14:05", "时间：03-23 17:01": times without
# a year count only right after a time label, where they cannot be a story's.
_LABELLED_LOOSE_TIME = re.compile(
    r"(?:发布时间|发表时间|发布日期|发表日期|发稿时间|发布于|发表于|更新于|时\s*间|日\s*期)\s*[:：]?\s*"
    rf"(?P<loose>{RELATIVE.pattern}|{NO_YEAR.pattern})"
)


def _best_loose_time(lines: list[tuple[int, str]], zones: Zones) -> tuple[str | None, float]:
    best, best_score = None, float("-inf")
    for index, line in lines:
        for match in _LABELLED_LOOSE_TIME.finditer(line):
            score = zones.weight(index) + 4 + (2 if match.group("H") or match.group("H_r") else 0)
            if score > best_score:
                best, best_score = match.group("loose").strip(), score
    return best, best_score


def read_byline(page: Page, zones: Zones) -> Byline:
    out = Byline()
    # Short lines inside the body block count too: forums and blogs print
    # "本贴由X于<time>发表" between the post and the reader replies.
    near = sorted(set(zones.header) | set(zones.footer) | {
        i for i in zones.body if page.segments[i].chars <= _SHORT_SEGMENT})
    lines = _joined([(i, t) for i in near for t in _split(page, i)])
    out.published_at, out.published_score = _best_time(lines, zones)
    header_lines = [(i, t) for i, t in lines if i in zones.header]
    loose, loose_score = _best_loose_time(header_lines, zones)
    if loose and loose_score > out.published_score:
        out.published_at, out.published_score = loose, loose_score
    if out.published_score < 3:
        # Nothing dated near the headline: a labelled date anywhere will do.
        everywhere = [(i, line) for i, segment in enumerate(page.segments)
                      if _YEAR.search(segment.text) for line in _split(page, i)]
        raw, score = _best_time(everywhere, zones)
        if raw and score > out.published_score and score >= 2:
            out.published_at, out.published_score = raw, score

    best_author = 0.0
    for index, line in lines:
        if not _TRIGGER.search(line):
            continue
        position = zones.weight(index)
        in_text = index in zones.body and index not in zones.header and index not in zones.footer
        for pattern, weight in _AUTHOR_PATTERNS:
            if in_text and len(line) > _MAX_TEXT_BYLINE and weight != 5:
                continue  # inside the story only a short line is a byline
            if weight in _DATED_ONLY and not (_YEAR.search(line) and any(True for _ in find_dates(line))):
                continue  # "由X于…", "by X" only in a dated posting line
            for match in pattern.finditer(line):
                names = _names(match.group("v"))
                if names and " " in names and line[match.end():].startswith(("报道", "电")):
                    names = names.rsplit(" ", 1)[0]  # "彭冲 山东冠县报道": a place
                if not names:
                    continue
                score = weight + position
                if score > best_author:
                    out.authors, best_author = [names], score
        if out.source is None and (match := _SOURCE_PATTERN.search(line)):
            value = _names(match.group("v")) or None
            out.source = value
        if out.editor is None and (match := _EDITOR_PATTERN.search(line)):
            out.editor = _names(match.group("v")) or None
        if out.category is None and (match := _CATEGORY_PATTERN.search(line)):
            out.category = match.group("v")
    if not out.authors:
        out.guessed_authors = _unlabelled_author(page, zones)
    return out


def _unlabelled_author(page: Page, zones: Zones) -> list[str]:
    """Names printed without a label: a line of names right under the
    headline, or a bracketed signature closing the story."""
    if zones.headline:
        for index in range(zones.anchor + 1, min(zones.anchor + 3, len(page.segments))):
            for line in _split(page, index)[:2]:
                if _NAME_LINE.match(line) and not _NOT_NAMES.search(line):
                    return [line]
    if zones.body:
        last = [line for i in range(max(zones.body.start, zones.body.stop - 3), zones.body.stop)
                for line in _split(page, i)]
        for line in reversed(last[-3:]):
            match = _SIGNATURE.search(line)
            if match and not _NOT_NAMES.search(match.group("v")):
                return [match.group("v")]
    return []


def _split(page: Page, index: int) -> list[str]:
    segment = page.segments[index]
    if segment.link_chars * 5 > segment.chars * 4 and segment.chars > 20:
        return []  # a list of links
    return [" ".join(line.split()) for line in segment.text.split("\n") if line.strip()]


def breadcrumb(page: Page, before: int) -> str | None:
    """The last meaningful crumb of a "首页 > 科技 > 正文" trail above the body."""
    for segment in page.segments[max(0, before - 40):before]:
        text = " ".join(segment.text.split())
        if len(text) > 60 or not segment.link_chars:
            continue
        parts = [p for p in _CRUMB_SEPARATOR.split(text) if p]
        if len(parts) >= 2 and re.match(r"^(?:首页|主页|网站首页|home)", parts[0], re.I):
            for crumb in reversed(parts[1:]):
                if crumb not in ("正文", "内容", "详情", "正文内容", "文章") and len(crumb) <= 12:
                    return crumb
    return None
