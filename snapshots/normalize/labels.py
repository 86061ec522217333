"""The byline vocabulary: the labels Chinese pages put before 来源, 作者,
编辑 and the time.

Extraction finds bylines by these labels and normalization strips them from
the values, so both read them from here: a label added for one is known to
the other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def spaced(label: str) -> str:
    """A regex for ``label`` that also matches it with spaces inside, as
    pages pad two-character labels ("来  源", "作 者")."""
    if len(label) == 2 and all("\u4e00" <= c <= "\u9fff" for c in label):
        return rf"{label[0]}\s*{label[1]}"
    return re.escape(label)


def alternation(labels: Iterable[str]) -> str:
    """One non-capturing group matching any of ``labels``, longest first
    (so "文章来源" is not read as "来源" with a stray "文章")."""
    return "(?:" + "|".join(spaced(label) for label in sorted(set(labels), key=len, reverse=True)) + ")"


# The publisher: "来源：新华社", "本文来源于人民网", "转载自：某某公众号".
SOURCE_LABELS = (
    "来源", "文章来源", "新闻来源", "信息来源", "稿件来源", "内容来源", "图文来源", "本文来源",
    "本文来源于", "来源于", "稿源", "出处", "转自", "转载自", "本文转载自", "来自", "source",
)
# Labels that name the original publisher of a republished piece.
REPUBLISHED_LABELS = ("转载自", "本文转载自", "转自")
# The writer.
AUTHOR_LABELS = (
    "作者", "撰文", "撰稿", "撰稿人", "原作者", "博主", "楼主", "发帖人", "发表人", "投稿人",
    "文字", "执笔", "执笔人",
)
# Reporters and other people credited under the headline.
REPORTER_LABELS = ("记者", "实习生", "通讯员", "特约记者", "见习记者", "实习记者", "本报记者")
# Editors of record: 责任编辑 beats a plain 编辑.
EDITOR_LABELS = ("责任编辑", "责编", "值班编辑", "本文编辑", "编辑", "编审")
# Other staff credits printed beside the editor, never article text.
STAFF_LABELS = EDITOR_LABELS + ("校对", "审核", "审校", "终审", "复审", "初审", "监制", "制作")
# Roles written before or after a name ("文/李四", "图 | 王五").
ROLE_WORDS = ("作者", "撰文", "撰稿", "编译", "翻译", "整理", "口述", "摄影", "文字", "文", "图",
              "图文", "视频", "策划", "主编")
# Labels before a publication time.
TIME_LABELS = (
    "发布时间", "发表时间", "发布日期", "发表日期", "发稿时间", "发布于", "发表于", "上传时间",
    "录入时间", "添加时间", "创建时间", "时间", "日期",
)
# Link texts and controls that sit next to bylines and are never a name.
NOT_A_NAME = (
    "查看更多", "更多", "返回", "返回首页", "返回列表", "关注", "已关注", "+关注", "加关注", "订阅",
    "进入主页", "主页", "个人主页", "私信", "举报", "分享", "收藏", "打印", "关闭", "评论", "点赞",
    "在看", "阅读原文", "展开全文", "全文", "粉丝", "文章", "作品", "更多文章", "TA的文章",
)

# The commonest surnames (and a few two-character ones): a bare line of
# names with no label is believed only when it starts with one, and "&"
# separates two people only between names that do.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武"
    "戴莫孔向汤欧司上诸")

SOURCE = alternation(SOURCE_LABELS)
EDITOR = alternation(EDITOR_LABELS)
STAFF = alternation(STAFF_LABELS)
AUTHOR = alternation(AUTHOR_LABELS)
TIME = alternation(TIME_LABELS)
REPUBLISHED = alternation(REPUBLISHED_LABELS)
NOT_A_NAME_RE = re.compile(r"^[+＋]?\s*" + alternation(NOT_A_NAME) + r"(?:\s*[>》»]+)?$")


def is_not_a_name(text: str) -> bool:
    """Whether ``text`` is a control or a link text, not a person or outlet."""
    text = text.strip()
    return bool(NOT_A_NAME_RE.match(text)) or text.startswith(("返回", "查看", "更多"))
