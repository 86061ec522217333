"""Who: the source (来源), the authors (作者/记者/文) and the editor (编辑).

They arrive as byline fragments ("来源：[ 人民网 ] 编辑：苏亮",
"本报记者 王建宏 张文攀", "文/李四") and leave as bare names, each kept in
its own field: a publisher is never an author.
"""

from __future__ import annotations

import re

from . import labels
from .text import clean_text

_BRACKETS = "[]【】()（）〔〕「」<>《》“”"
_SOURCE_LABEL = re.compile(
    rf"^{labels.SOURCE}\s*[:：]?\s*(?:微信公众号|公众号|微信号|头条号|百家号)?\s*", re.I)
# Whatever follows the name in a byline: another label, a date, a count.
_SOURCE_TAIL = re.compile(
    r"\s*(?:(?:作者|记者|编辑|责任编辑|责编|原标题|发布|时间|日期|浏览|阅读|点击|评论|网友评论|字号|分享|参与)"
    r"|\d{4}[-/.年]\d|\d{1,2}:\d{2}|\|).*$"
)
# Names are split on list punctuation and on spaces, except the space inside
# a Latin name ("Joel Spolsky").
_NAME_SPLIT = re.compile(r"[、，,;；/|｜丨]+\s*|\s+(?![A-Za-z])|(?<![A-Za-z])\s+")
# "张三&李四" are two people, "放飞&心情" is one handle: "&" separates names
# only when every part reads as a name (a common surname first, or Latin).
_AMPERSAND = re.compile(r"\s*[&＆]\s*")
_LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z .'-]*$")


def _split_ampersand(text: str) -> str:
    parts = _AMPERSAND.split(text)
    if len(parts) > 1 and all(
            _LATIN_NAME.match(p) or (2 <= len(p) <= 4 and p[0] in labels.SURNAMES) for p in parts):
        return "、".join(parts)
    return text
# Everything up to a reporter label is the outlet or a place ("新华网黑龙江频道
# 记者 伊琳", "顶端新闻·河南商报记者马俊峰"): the names follow it.
_REPORTER_LEAD = re.compile(r"^.*?(?:记者|通讯员|实习生)\s*[:：]?\s*")
_ROLE_PREFIX = re.compile(
    r"^(?:作者|撰文|撰稿|编译|翻译|整理|口述|摄影|文字|文|图|图文|视频|策划|主编)"
    r"(?:\s*[:：/|｜丨]\s*|\s+)"
)
_ROLE_SUFFIX = re.compile(r"(?:\s*[/|｜丨]\s*(?:文|图|摄)|报道|摄影?|发自\S*|撰文|整理|编译|供图)$")
_ROLE_WORDS = frozenset(
    "记者 本报记者 通讯员 作者 文 图 摄 编辑 责任编辑 责编 报道 撰文 编译 整理 实习生 "
    "实习记者 特约记者 见习记者 图文 本报 本刊 讯 综合 未知 佚名 匿名 unknown admin".split()
)
_EDITOR_LABEL = re.compile(rf"^[\s(（\[【]*{labels.EDITOR}\s*[:：]?\s*")
_EDGES = re.compile(r"^[\s:：\-—·•|｜丨" + re.escape(_BRACKETS) + r"]+|[\s:：\-—·•|｜丨,，。" + re.escape(_BRACKETS) + r"]+$")
_MAX_NAME = 30
# "赵  培": a two-character name padded to align with three-character ones.
_SPACED_NAME = re.compile(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff](?:[ \u3000]+[\u4e00-\u9fff])+(?![\u4e00-\u9fff])")
_DATELINE = ("报道", "电", "发自")
# "彭冲 山东冠县报道": the place a story was filed from, after the names.
_DATELINE_TAIL = re.compile(r"(?<=\S)\s+[\u4e00-\u9fff]{2,8}(?:报道|电)$")
# "沈佳 实习生 高远": a role between two names separates them; it is not the
# end of an outlet's name as in "新京报记者 张璐".
_ROLE_BETWEEN = re.compile(
    r"(^|[\s、，,])([\u4e00-\u9fff·]{1,3}[^\s网报社台刊闻站])\s+(?:实习生|通讯员|见习记者|实习记者)\s*(?=[\u4e00-\u9fff])"
)
# A staff code some CMSs append to the name ("王晓雪_NN1234").
_STAFF_CODE = re.compile(r"(?<=[\u4e00-\u9fff])_[A-Za-z0-9_]+$")


# "周思博 (Joel Spolsky)": a name with its Latin original is one person.
_WITH_ALIAS = re.compile(r"^[\u4e00-\u9fff·]{2,8}\s*[(（][A-Za-z][A-Za-z .'-]{1,30}[)）]$")


def _trim(text: str) -> str:
    return _EDGES.sub("", text)


def normalize_source(source: str | None) -> str | None:
    """The publisher's name alone: no label, brackets, date, author or editor."""
    text = clean_text(source)
    text = _trim(_SOURCE_LABEL.sub("", _trim(text)))
    text = _trim(_SOURCE_TAIL.sub("", text))
    # A Chinese name ends at the first space; a Latin one may hold several.
    if " " in text and re.search(r"[\u4e00-\u9fff]", text):
        text = text.split(" ", 1)[0]
    text = _trim(text)
    if not text or len(text) > _MAX_NAME or text.lower() in _ROLE_WORDS:
        return None
    return text


def _clean_name(token: str) -> str:
    token = _trim(token)
    for _ in range(2):
        token = _trim(_ROLE_SUFFIX.sub("", _ROLE_PREFIX.sub("", token)))
    return token


def _strip_lead(text: str) -> str:
    stripped = _REPORTER_LEAD.sub("", text, count=1)
    return stripped if stripped.strip() else text


def normalize_authors(authors: list[str] | str | None) -> list[str]:
    """Bare author names, in order, without duplicates or role words."""
    if not authors:
        return []
    if isinstance(authors, str):
        authors = [authors]
    names: list[str] = []
    for raw in authors:
        if _WITH_ALIAS.match(clean_text(raw)):
            name = re.sub(r"\s*[(（]", " (", clean_text(raw)).replace("）", ")")
            if name not in names:
                names.append(name)
            continue
        raw = _DATELINE_TAIL.sub("", (raw or "").strip())
        raw = _SPACED_NAME.sub(lambda m: m.group(0).replace(" ", "").replace("\u3000", ""), raw or "")
        raw = _ROLE_BETWEEN.sub(r"\1\2、", raw)
        text = _clean_name(_strip_lead(_clean_name(clean_text(raw))))
        if "&" in text or "＆" in text:
            text = "、".join(_split_ampersand(part) for part in re.split(r"[、，,]", text))
        for position, token in enumerate(_NAME_SPLIT.split(text)):
            if position and token.endswith(_DATELINE):
                continue  # "山东冠县报道": where it was filed, not who wrote it
            name = _STAFF_CODE.sub("", _clean_name(_strip_lead(token)))
            if (
                name
                and name.lower() not in _ROLE_WORDS
                and len(name) <= _MAX_NAME
                and not name.isdigit()
                and not labels.is_not_a_name(name)
                and name not in names
            ):
                names.append(name)
    return names


def normalize_editor(editor: str | None) -> str | None:
    """The editor's name(s) without 责任编辑/编辑 labels and brackets."""
    text = _trim(_EDITOR_LABEL.sub("", clean_text(editor)))
    names = normalize_authors(text) if text else []
    return " ".join(names) or None
