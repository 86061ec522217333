"""Search terms and the keyword query, as functions and against the local
server."""

from __future__ import annotations

from dataclasses import replace

import pytest

from snapshots.store import terms
from tests.sample_items import make_item
from snapshots.store.writer import StoreWriter


def test_terms_are_normalized_bigrams_of_each_paragraph():
    got = terms.of("ＡＩ大模型", ["芯片。", "iPhone"])
    assert got == sorted({"ai", "i大", "大模", "模型", "芯片", "ip", "ph", "ho", "on", "ne"})
    # No bigram across a paragraph or a punctuation mark.
    assert "片i" not in got and "型芯" not in terms.of("大模型，芯片", [])


def test_a_two_character_word_is_one_term():
    assert terms.query("芯片") == {"terms": "芯片"}
    assert terms.query("AI") == {"terms": "ai"}
    assert terms.query("芯片 AI") == {"terms": {"$all": ["ai", "芯片"]}}


def test_longer_words_need_all_bigrams_and_the_text():
    found = terms.query("大模型")
    assert found["terms"] == {"$all": ["大模", "模型"]}
    assert {"title": {"$regex": "大模型", "$options": "i"}} in found["$or"]


def test_width_and_case_are_folded_in_the_pattern():
    assert terms.pattern("ＡＩ") == terms.pattern("ai") == "[aＡａ][iＩｉ]"
    assert terms.pattern("C++") == "[cＣｃ][\\+＋][\\+＋]"


def test_empty_and_single_character_queries():
    assert terms.query("  ") == {"_id": {"$in": []}}
    assert "terms" not in terms.query("车") and "$or" in terms.query("车")


def _pairs(count: int) -> list[str]:
    """``count`` distinct two-character words, apart from each other."""
    return [chr(0x4E00 + i // 200) + chr(0x6000 + i % 200) for i in range(count)]


def test_long_pages_are_cut_and_marked():
    many = _pairs(terms.MAX_TERMS + 10)
    cut = terms.of("", ["，".join(many)])
    assert terms.is_partial(cut)
    fields = terms.stored(cut)
    assert fields[terms.PARTIAL] is True and len(fields["terms"]) == terms.MAX_TERMS
    assert many[0] in fields["terms"] and many[-1] not in fields["terms"]  # reading order
    assert terms.PARTIAL not in terms.stored(terms.of("标题", ["正文"]))


@pytest.fixture
def writer(mongo_db):
    return StoreWriter(mongo_db)


def test_query_against_the_server(writer, mongo_db):
    items = [
        replace(make_item(1), title="端侧ＡＩ大模型发布", body=["新款芯片量产。" * 8]),
        replace(make_item(2), title="大型模具", body=["模型与大模组无关，没有那个词。" * 8]),
        replace(make_item(3), title="iPhone 上的 ai 助手", body=["大模型芯片" * 20]),
    ]
    huge = replace(make_item(4), title="长文",
                   body=["开头提到大模型。", "，".join(_pairs(terms.MAX_TERMS + 100)) + "结尾提到鼠标。"])
    writer.write([*items, huge])
    found = lambda q: {d["key"] for d in mongo_db.articles.find(terms.query(q), {"key": 1})}  # noqa: E731
    assert found("大模型") == {items[0].url, items[2].url, huge.url}
    assert found("AI") == {items[0].url, items[2].url}
    assert found("ＩＰＨＯＮＥ") == {items[2].url}
    assert found("大模型 芯片") == {items[0].url, items[2].url}
    assert found("模具") == {items[1].url}
    stored = mongo_db.articles.find_one({"key": huge.url})
    assert stored[terms.PARTIAL] is True and "鼠标" not in stored["terms"]
    assert found("鼠标") == set()  # past the cut: not found (documented)
