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

from snapshots.normalize import labels
from snapshots.normalize.timestamp import NO_YEAR, RELATIVE, find_dates

from lxml import etree

from .dom import Page, raw_text

_NAME_STOP = re.compile(
    r"^(?:来源|发布|发表|时间|日期|编辑|责任|阅读|评论|点击|浏览|人气|字数|访问|更新|字号|分享|"
    r"打印|关闭|收藏|出处|原创|转载|稿源|作者|记者|通讯员|摄影|查看|更多|返回|关注|订阅|进入|主页|[+＋\d(（\[【])"
)
# A name token: a Chinese name (optionally with "·"), or a Latin handle.
_TOKEN = r"[\u4e00-\u9fffA-Za-z0-9_·•.&\-]"
# One or more names; a Latin alias may follow in brackets ("周思博 (Joel Spolsky)").
_ALIAS = r"(?:\s*[(（][A-Za-z][A-Za-z .'-]{1,30}[)）])?"
_NAMES = rf"(?P<v>{_TOKEN}{{2,20}}{_ALIAS}(?:[ 　、，,&＆]+{_TOKEN}{{2,12}}){{0,5}})"
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
                rf"{_REPORTER}(?P<v>[\u4e00-\u9fff·]{{2,4}}(?:、[\u4e00-\u9fff·]{{2,4}}){{0,4}})"
                rf"(?=$|[\s）)\]】/|｜丨]|报道|摄|发自)"), 7),
    (re.compile(rf"(?:^|[\s（(【\[|｜丨])文\s*[/|｜丨:：]\s*{_NAMES}"), 8),
    (re.compile(rf"(?:^|[\s·|｜丨])(?P<v>[\u4e00-\u9fffA-Za-z·]{{2,10}})\s*/\s*文{_BOUNDARY}"), 7),
    # Sohu-style "[ 黄宇 ] 来源：[ 国际金融报 ]".
    (re.compile(r"^[\[【]\s*(?P<v>[\u4e00-\u9fffA-Za-z·]{2,10})\s*[\]】][^\u4e00-\u9fff]{0,4}(?:来源|$)"), 6),
    # Blog and forum posting lines, which also carry the time.
    (re.compile(r"(?:^|[\s\]】>])(?P<v>[\u4e00-\u9fffA-Za-z0-9_.\-]{2,20})\s*(?:发表于|发布于|写于|posted\s+(?:at|on))",
                re.I), 6),
    (re.compile(r"\bby\s+(?P<v>[A-Za-z0-9_.\-\u4e00-\u9fff]{2,20})(?=$|[\s〓|｜,，])", re.I), 5),
    (re.compile(r"由\s*(?P<v>[^\s@]{1,20}?)\s*(?:张贴|发表|发布|于|@)"), 5),
    (re.compile(r"^(?P<v>[\u4e00-\u9fffA-Za-z0-9_.\-]{2,20})\s*[\[【]作者简介[\]】]"), 6),
)
# Text each of the patterns above needs (a cheap test before the regex):
# one alternation per pattern, one C-level scan of the line.
_AUTHOR_NEEDLES = tuple(re.compile("|".join(map(re.escape, needles))) for needles in (
    ("作", "撰", "博主", "楼主", "发帖", "发表", "投稿", "文", "执笔"), ("记者", "实习生"),
    ("记者", "实习生"), ("文",), ("文",), ("[", "【"), ("发表于", "发布于", "写于", "posted", "Posted", "POSTED"),
    ("by", "By", "BY"), ("由",), ("作者简介",),
))
# Patterns whose line must also carry a date (a posting line, not prose).
_DATED_ONLY = frozenset({5})
# "（袁源）", "（常书香 马丹阳）", "（姚峰 上海报道）" closing the last paragraph.
_SIGNATURE = re.compile(
    r"[（(]\s*(?:记者\s*)?(?P<v>[\u4e00-\u9fff]{2,4}(?:\s+[\u4e00-\u9fff]{2,4}){0,4}?)"
    r"(?:\s+[\u4e00-\u9fff]{2,6}(?:报道|电))?\s*[)）]\s*$"
)
# A line of bare names under the headline ("胡平", "赵延东、风笑天").
_NAME_LINE = re.compile(r"^(?:[\u4e00-\u9fff]{2,3}|[\u4e00-\u9fff]{1,4}·[\u4e00-\u9fff·]{1,8})(?:[、，, ]+[\u4e00-\u9fff·]{2,4}){0,5}$")
_NOT_NAMES = re.compile(
    r"正文|评论|首页|原创|转载|来源|专题|新闻|图片|视频|更多|返回|下载|登录|注册|完|待续|未完|上|下|续|图|摄|"
    r"编辑|记者|本报|综合|摘要|导读|简介|目录|作者|分享|打印|关闭|推荐|阅读|相关|网|报|社|刊|台|站|"
    r"published|home|news", re.I
)
# "来源：<a>x</a>", "文章来源：x", "稿源：x"; with no colon only the
# labels that cannot start a sentence ("本文来源于x", "本文转载自公众号「x」").
_SOURCE_VALUE = r"(?:\|\s*)?(?:微信公众号|公众号|微信号)?\s*[\[【「“《]?\s*(?P<v>[^\s|｜丨\]】」”》，,。；;]{1,30})"
_SOURCE_CHARS = re.compile(r"[源处自]|source", re.I)  # cheap test before the long alternation
_SOURCE_PATTERN = re.compile(
    rf"(?:(?P<label>{labels.SOURCE})\s*[:：]|(?P<bare>(?:本文|文章|内容)(?:来源于|转载自|转自)|转载自))"
    rf"\s*{_SOURCE_VALUE}"
)
_EDITOR_PATTERN = re.compile(
    r"(?P<label>责任编辑|责\s*编|值班编辑|本文编辑|编审|(?<![\u4e00-\u9fff])编辑|网编辑|报编辑)\s*[:：|｜丨]?\s*"
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
# Labels printed after the date: "于 2025-03-20 09:12 首次发布", "已于 … 修改".
_TIME_AFTER = re.compile(r"^\s*(?:首次)?(?:发布|发表|发帖|投稿)")
_MODIFIED_AFTER = re.compile(r"^\s*(?:修改|更新|编辑)")
# A newspaper edition ("第03版：要闻") dates the page it is printed on.
_EDITION = re.compile(r"第\s*[0-9A-Z]{1,3}\s*版")
# Labels that end a value glued to them ("作者：汪淼责编：汪淼").
_GLUED_LABEL = re.compile(
    r"(?:责任编辑|责编|编辑|作者|记者|来源|出处|发布时间|发布|时间|日期|评论|阅读|浏览|点击|人气|校对|审核|摄影)$"
)
# Province-level names: an IP location ("广东", "发布于山东") is not an author.
_PLACES = frozenset(
    "北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 "
    "海南 四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门 中国 海外 未知".split()
)
# Class or id naming a byline part, for names printed without a label.
_AUTHOR_HINT = re.compile(r"author|nick-?name|user-?name|writer|byline|reporter|(?:^|\s)name(?:\s|$)", re.I)
_SOURCE_HINT = re.compile(r"source|media-?name|copyfrom|laiyuan", re.I)
_MAX_HINTED = 20
_SHORT_SEGMENT = 120
_LEAD = 4  # segments above the headline searched for its date
_MAX_TEXT_BYLINE = 50
_TRIGGER_LABEL = re.compile(rf"{labels.SOURCE}|{labels.AUTHOR}|{labels.EDITOR}|{labels.TIME}|记者")
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
    # Short elements classed as author/source (nickname, media-name), unlabelled.
    hinted_authors: list[str] = field(default_factory=list)
    hinted_source: str | None = None
    # A publisher's name printed beside the time with no label.
    beside_time_source: str | None = None
    # Whether the source came after a 转载自 (the original publisher).
    source_republished: bool = False


@dataclass(frozen=True)
class Zones:
    """Segment index ranges searched: around the headline and after the body."""

    header: range
    footer: range
    anchor: int  # headline (or body start) index
    body: range = range(0)
    headline: bool = False  # whether anchor is a found headline
    lead: range = range(0)  # just above the headline: some sites date it there

    def weight(self, index: int) -> float:
        if index in self.header:
            return 3.0 - 0.1 * abs(index - self.anchor)
        if index in self.lead:
            return 2.0 - 0.2 * (self.anchor - index)
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
    lead = range(max(0, title_index - _LEAD), title_index) if title_index is not None else range(0)
    return Zones(header, footer, anchor, range(start, end), title_index is not None, lead)



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


# "周思博 (Joel Spolsky)": one person, the name the piece was written under.
_BRACKETED_ALIAS = re.compile(r"^(?P<name>\S+)\s*(?P<alias>[(（][A-Za-z][A-Za-z .'-]{1,30}[)）])")


def _names(value: str) -> str:
    kept = []
    value = value.strip()
    if match := _BRACKETED_ALIAS.match(value):
        kept.append(f"{match.group('name')} {match.group('alias')}")
        value = value[match.end():]
    for token in re.split(r"[ 　]+", value.strip()):
        if not token or _NAME_STOP.match(token):
            break
        kept.append(token)
    return " ".join(kept)


def _best_time(lines: list[tuple[int, str]], zones: Zones) -> tuple[str | None, float, str]:
    best, best_score, best_line = None, float("-inf"), ""
    for index, line in lines:
        if not _YEAR.search(line) or _COPYRIGHT.search(line):
            continue
        for mention in find_dates(line):
            before = line[max(0, mention.start - 12):mention.start]
            score = zones.weight(index)
            # "于 <time> 首次发布" / "已于 <time> 修改": the label follows.
            after = line[mention.end:mention.end + 8] if before.rstrip().endswith("于") else ""
            labelled = _TIME_LABEL.search(before) or _TIME_AFTER.match(after) or _EDITION.search(line)
            if index in zones.lead and not (labelled or mention.has_clock):
                continue  # above the headline a bare date is the site's "today"
            if labelled:
                score += 4
            elif _MODIFIED_AFTER.match(after):
                score -= 1
            elif _MODIFIED_LABEL.search(before):
                score += 1
            if mention.has_clock:
                score += 2
            if len(line) > 150 and 30 < mention.start < len(line) - 40:
                score -= 3  # a date inside running text
            if score > best_score:
                best, best_score, best_line = mention.raw, score, line
    return best, best_score, best_line


# A publisher's name: what outlets are called ("潇湘晨报", "中国新闻网", "某某客户端").
_PUBLISHER = re.compile(
    r"^[\u4e00-\u9fffA-Za-z0-9·]{1,14}(?:网|报|社|台|日报|晚报|早报|晨报|时报|周刊|杂志|新闻|客户端|"
    r"电视台|广播电台|频道|在线|财经|资讯|传媒|观察)$"
)
_TOKEN_SPLIT = re.compile(r"[\s|｜丨·•/]+")


def _beside_time(line: str, raw: str | None) -> str | None:
    """The unlabelled publisher printed right before or after the time
    ("中国新闻网 2025-03-23 09:12", "09:12　潇湘晨报")."""
    if not raw or (at := line.find(raw)) < 0:
        return None
    before = [t for t in _TOKEN_SPLIT.split(line[:at]) if t]
    after = [t for t in _TOKEN_SPLIT.split(line[at + len(raw):]) if t]
    for token in (before[-1:] + after[:1]):
        if _PUBLISHER.match(token) and token not in _PLACES and not _TRIGGER_LABEL.search(token):
            return token
    return None


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
    near = sorted(set(zones.header) | set(zones.footer) | set(zones.lead) | {
        i for i in zones.body if page.segments[i].chars <= _SHORT_SEGMENT})
    lines = _joined([(i, t) for i in near for t in _split(page, i)])
    out.published_at, out.published_score, time_line = _best_time(lines, zones)
    header_lines = [(i, t) for i, t in lines if i in zones.header]
    loose, loose_score = _best_loose_time(header_lines, zones)
    if loose and loose_score > out.published_score:
        out.published_at, out.published_score = loose, loose_score
    if out.published_score < 3:
        # Nothing dated near the headline: a labelled date anywhere will do.
        everywhere = [(i, line) for i, segment in enumerate(page.segments)
                      if _YEAR.search(segment.text) for line in _split(page, i)]
        raw, score, line = _best_time(everywhere, zones)
        if raw and score > out.published_score and score >= 2:
            out.published_at, out.published_score, time_line = raw, score, line
    out.beside_time_source = _beside_time(time_line, out.published_at)

    best_author, best_line, editor_label = 0.0, -1, ""
    for index, line in lines:
        if not _TRIGGER.search(line):
            continue
        position = zones.weight(index)
        in_text = index in zones.body and index not in zones.header and index not in zones.footer
        for (pattern, weight), needles in zip(_AUTHOR_PATTERNS, _AUTHOR_NEEDLES):
            if not needles.search(line):
                continue  # the pattern's label is not in the line at all
            if in_text and len(line) > _MAX_TEXT_BYLINE and weight != 5:
                continue  # inside the story only a short line is a byline
            if weight in _DATED_ONLY and not (_YEAR.search(line) and any(True for _ in find_dates(line))):
                continue  # "由X于…", "by X" only in a dated posting line
            for match in pattern.finditer(line):
                follows = line[match.end("v"):match.end("v") + 2]
                if follows.lstrip().startswith("摄") or follows.startswith("="):
                    continue  # a photo credit ("记者 方芳 摄"), or markup leaking ('size="20"')
                names = _names(_unglued(match.group("v"), line, match.end("v")))
                if names and " " in names and line[match.end():].startswith(("报道", "电")):
                    names = names.rsplit(" ", 1)[0]  # "彭冲 山东冠县报道": a place
                if not names:
                    continue
                score = weight + position
                if score > best_author:
                    out.authors, best_author, best_line = [names], score, index
                elif score == best_author and index == best_line and names not in out.authors:
                    out.authors.append(names)  # "记者张璐 实习生李想"
        if out.source is None and _SOURCE_CHARS.search(line) and (match := _SOURCE_PATTERN.search(line)):
            value = _names(match.group("v")) or None
            if value and not labels.is_not_a_name(value) and not re.search(r'[="<>]', value):
                out.source = value
                label = match.group("label") or match.group("bare")
                out.source_republished = any(word in label for word in labels.REPUBLISHED_LABELS)
        # 责任编辑/责编 name the editor of record; a plain 编辑 holds until one is found.
        cursor = 0
        while not editor_label.startswith("责") and ("编" in line or "责" in line) and (
                match := _EDITOR_PATTERN.search(line, cursor)):
            name = _names(_unglued(match.group("v"), line, match.end("v")))
            # Go on right after the name: a glued label may start the next value.
            cursor = match.start("v") + max(len(name), 1)
            if name and (out.editor is None or match.group("label").startswith("责")):
                out.editor, editor_label = name, match.group("label")
        if out.category is None and ("类" in line or "分" in line or "栏" in line) \
                and (match := _CATEGORY_PATTERN.search(line)):
            out.category = match.group("v")
    if not out.authors:
        out.guessed_authors = _unlabelled_author(page, zones)
    out.hinted_authors, out.hinted_source = _hinted(page, zones)
    return out


def _unglued(value: str, line: str, end: int) -> str:
    """A value the next label's colon follows ends in that label ("汪淼责编"),
    or is itself a label ("平台声明：") and no value at all."""
    if not value or line[end:end + 1] not in (":", "："):
        return value
    value = value.strip()
    stripped = _GLUED_LABEL.sub("", value).strip()
    if stripped != value:
        return stripped if len(stripped) >= 2 else ""
    # "张三 来源网址：": the last word is the next label.
    return value.rsplit(" ", 1)[0] if " " in value else ""


def _hinted(page: Page, zones: Zones) -> tuple[list[str], str | None]:
    """Unlabelled author and source near the headline, from class or id
    names such as ``nickName``, ``authorName``, ``media-name``, ``source``."""
    authors: list[str] = []
    source = None
    seen = set()
    for index in zones.header:
        element = page.segments[index].element
        if element in seen:
            continue
        seen.add(element)
        for count, child in enumerate(element.iter()):
            if count > 40:
                break
            hints = f"{child.get('class', '')} {child.get('id', '')}"
            if len(hints) < 3:
                continue
            author, from_source = _AUTHOR_HINT.search(hints), _SOURCE_HINT.search(hints)
            if not (author or from_source):
                continue
            # Each piece of text apart: a name's neighbours are links such as
            # "查看更多", "返回专栏", "+关注", never part of it.
            pieces = [p for p in (" ".join(t.split()) for t in child.itertext()) if p]
            text = " ".join(p for p in pieces if not labels.is_not_a_name(p))
            if not 2 <= len(text) <= _MAX_HINTED or ":" in text or "：" in text or _YEAR.search(text):
                continue
            if author and not authors and text not in _PLACES:
                authors = [text]
            elif from_source and source is None:
                source = text
    return authors, source


def _unlabelled_author(page: Page, zones: Zones) -> list[str]:
    """Names printed without a label: a line of names right under the
    headline, or a bracketed signature closing the story."""
    if zones.headline:
        for index in range(zones.anchor + 1, min(zones.anchor + 3, len(page.segments))):
            for line in _split(page, index)[:2]:
                if _NAME_LINE.match(line) and not _NOT_NAMES.search(line) and line not in _PLACES:
                    return [line]
    elif zones.body:
        # No headline found: the names may open the body block itself
        # ("胡平" on a line of its own above the text). Only names that
        # start with a common surname, as any short line could stand there.
        for line in _split(page, zones.body.start)[:4]:
            if _NAME_LINE.match(line) and not _NOT_NAMES.search(line) and line not in _PLACES \
                    and line[0] in labels.SURNAMES:
                return [line]
    if zones.body:
        last = [line for i in range(max(zones.body.start, zones.body.stop - 3), zones.body.stop)
                for line in _split(page, i)]
        for line in reversed(last[-3:]):
            match = _SIGNATURE.search(line)
            if match and not _NOT_NAMES.search(match.group("v")):
                return [match.group("v")]
    return []


_LABELLED = re.compile(rf"{labels.SOURCE}\s*[:：]|{labels.AUTHOR}\s*[:：]|{labels.EDITOR}\s*[:：]")


def _split(page: Page, index: int) -> list[str]:
    segment = page.segments[index]
    if segment.link_chars * 5 > segment.chars * 4 and segment.chars > 20 and not (
            segment.chars <= 60 and _LABELLED.search(segment.text)):
        return []  # a list of links (but "来源：<a>…</a>" is a byline)
    cached = page.cache.get(("split", index))
    if cached is not None:
        return cached
    text = segment.text
    element = segment.element
    if segment.chars <= _SHORT_SEGMENT and len(element) and page.spans.get(element) == (index, index + 1):
        # Inline parts apart: "<span>03-20</span><span>09:30</span>" is two
        # values, not "03-2009:30".
        pieces = _inline_text(element) if _HAS_BR(element) else list(element.itertext())
        text = _glue(pieces)
    lines = page.cache[("split", index)] = [
        " ".join(line.split()) for line in text.split("\n") if line.strip()]
    return lines


_HAS_BR = etree.XPath("boolean(.//br)")


def _glue(pieces: list[str]) -> str:
    """Pieces joined, with a space where two words would otherwise touch."""
    out: list[str] = []
    for piece in pieces:
        if piece and out and out[-1] and out[-1][-1].isalnum() and piece[0].isalnum():
            out.append(" ")
        out.append(piece)
    return "".join(out)


def _inline_text(element) -> list[str]:
    """The text of a one-segment element, piece by piece, <br> as "\\n"."""
    pieces: list[str] = []
    for event, child in etree.iterwalk(element, events=("start", "end")):
        if event == "start":
            pieces.append("\n" if child.tag == "br" else child.text or "")
        elif child.tail and child is not element:
            pieces.append(child.tail)
    return pieces


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
