import pytest

from snapshots.normalize import (
    normalize_authors, normalize_body, normalize_editor, normalize_source, normalize_title,
)
from snapshots.normalize.text import clean_text


@pytest.mark.parametrize("raw, expected", [
    ("三星李在镕造访小米与雷军合影!饭局上喝光5瓶红酒_快科技", "三星李在镕造访小米与雷军合影!饭局上喝光5瓶红酒"),
    ("苹果发布新款MacBook Air - 新浪科技", "苹果发布新款MacBook Air"),
    ("某某新品正式开卖——快科技(驱动之家旗下媒体)--科技改变未来", "某某新品正式开卖"),
    ("国产芯片再获突破|xxx网", "国产芯片再获突破"),
    ("国产芯片再获突破｜IT之家", "国产芯片再获突破"),
    ("华为发布会前瞻_科技频道_新浪网", "华为发布会前瞻"),
    ("经济观察——稳中向好 - 新华网", "经济观察——稳中向好"),
    ("A &amp; B 合并完成 - TechNews", "A & B 合并完成"),
    ("  多余   空白\n标题 ", "多余 空白 标题"),
    ("ＡＩ芯片：２０２５年出货量翻倍", "AI芯片：2025年出货量翻倍"),
    ("标题里的全角标点，保留！", "标题里的全角标点，保留！"),
])
def test_normalize_title(raw, expected):
    assert normalize_title(raw) == expected


def test_title_prefers_matching_h1():
    assert normalize_title("小米汽车交付 - 新浪科技", h1="小米汽车交付") == "小米汽车交付"
    assert normalize_title(None) is None
    assert normalize_title("新闻标题_某站", site_names=("某站",)) == "新闻标题"


@pytest.mark.parametrize("raw, expected", [
    ("来源：[ 人民网 ]", "人民网"),
    ("来源：巴彦淖尔日报 编辑：苏亮", "巴彦淖尔日报"),
    ("来源: 第一财经日报 网友评论 0 条", "第一财经日报"),
    ("文章来源：千龙网", "千龙网"),
    ("来源：新华日报 2022-02-13 07:48", "新华日报"),
    ("【来源：澎湃新闻】", "澎湃新闻"),
    ("稿源：快科技 作者：张三", "快科技"),
    ("来源:", None),
    ("Reuters", "Reuters"),
    (None, None),
])
def test_normalize_source(raw, expected):
    assert normalize_source(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("本报记者 王建宏 张文攀", ["王建宏", "张文攀"]),
    ("文/李四", ["李四"]),
    ("记者惠禾", ["惠禾"]),
    ("实习记者 樊亮 张明超", ["樊亮", "张明超"]),
    ("顶端新闻·河南商报记者马俊峰/文", ["马俊峰"]),
    ("作者：zboygirl", ["zboygirl"]),
    ("赵延东、风笑天", ["赵延东", "风笑天"]),
    ("□ 本报记者 葛灵丹", ["葛灵丹"]),
    ("本报记者罗科苏盈发自北京", ["罗科苏盈"]),
    ("张三 摄", ["张三"]),
    ("[ 黄宇 ]", ["黄宇"]),
    ("新华网黑龙江频道 记者 伊琳 李清芬", ["伊琳", "李清芬"]),
    ("记者 张三 通讯员 李四", ["张三", "李四"]),
    ("新京报记者 彭冲 山东冠县报道", ["彭冲"]),
    ("周思博 (Joel Spolsky)", ["周思博 (Joel Spolsky)"]),  # one person, with the original name
    ("赵  培", ["赵培"]),
    ("澎湃新闻记者 沈佳 实习生 高远", ["沈佳", "高远"]),
    ("新京报 记者 张璐", ["张璐"]),
    ("王晓雪_NN1234", ["王晓雪"]),
    ("文涛", ["文涛"]),
    (["张三", "张三", "记者"], ["张三"]),
    (None, []),
])
def test_normalize_authors(raw, expected):
    assert normalize_authors(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("责任编辑：孙重远", "孙重远"),
    ("（责任编辑：张三）", "张三"),
    ("编辑：山石", "山石"),
    ("【责任编辑:王五 李六】", "王五 李六"),
    ("王晓雪_NN1234", "王晓雪"),
    ("", None),
])
def test_normalize_editor(raw, expected):
    assert normalize_editor(raw) == expected


def test_normalize_body_removes_boilerplate():
    body = [
        "　　第一段  内容，有\t空白。",
        "原标题：某某事件后续",
        "责任编辑：张三",
        "（责任编辑：王五）",
        "【本文结束】如需转载请务必注明出处：快科技",
        "文章内容举报",
        "分享到：微信 微博 QQ空间",
        "字号：大 中 小",
        "【字体：大 中 小】【打印】 【关闭】",
        "【发表评论】【关闭窗口】",
        "【打印本页】",
        "第二段内容。",
        "相关阅读",
        "另一篇文章的标题",
        "再一篇文章的标题",
    ]
    assert normalize_body(body) == ["第一段 内容，有 空白。", "原标题：某某事件后续", "第二段内容。"]


def test_staff_credits_notices_and_placeholders_are_not_text():
    body = ["正文第一段。", "编辑 杨海", "校对 刘军", "编辑｜孟蕾", "- END -", "视频加载中...",
            "广告声明：文内含有的对外跳转链接，结果仅供参考。", "本文为“某号”原创，转载请联系授权。"]
    assert normalize_body(body) == ["正文第一段。"]


def test_related_box_inside_the_story_does_not_end_it():
    prose = "这是一段足够长的正文内容，用来表示相关阅读框之后仍然有属于这篇文章的段落在继续展开叙述。"
    body = ["第一段。", "第二段。", "第三段。", "相关阅读", prose, prose + "结尾。"]
    assert normalize_body(body) == ["第一段。", "第二段。", "第三段。", prose, prose + "结尾。"]


def test_related_heading_early_in_text_is_kept_as_text():
    # Only a heading in the second half ends the article.
    body = ["相关阅读", "第一段。", "第二段。", "第三段。"]
    assert normalize_body(body) == ["第一段。", "第二段。", "第三段。"]


def test_normalize_body_accepts_text():
    assert normalize_body("一段\n\n 两段 ") == ["一段", "两段"]
    assert normalize_body(None) == []


def test_clean_text():
    assert clean_text("ＡＢＣ１２３，。\u3000x&amp;y\u200b") == "ABC123，。 x&y"
