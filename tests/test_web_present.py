"""Unit tests of the viewer's pure parts: times, excerpts, diffs, cursors, title terms."""

from __future__ import annotations

from datetime import datetime, timezone

from snapshots.store.queries import Cursor, title_terms
from snapshots.web import present

SHANGHAI = present.zone("Asia/Shanghai", "UTC")


def test_times_are_shown_in_the_articles_zone():
    utc = datetime(2025, 3, 23, 9, 1, tzinfo=timezone.utc)
    assert present.local_time(utc, SHANGHAI) == "2025-03-23 17:01:00"
    assert present.local_time(utc, present.zone("Not/AZone", "UTC")) == "2025-03-23 09:01:00"
    assert present.local_time(None, SHANGHAI) == ""


def test_excerpt_is_one_line_of_about_80_characters():
    body = ["第一段" * 10, "第二\n段" * 30]
    text = present.excerpt(body)
    assert "\n" not in text
    assert text.startswith("第一段") and text.endswith("...")
    assert len(text) == present.EXCERPT_CHARS + 3
    assert present.excerpt(["短正文。"]) == "短正文。"


def test_excerpt_starts_near_a_word_found_late():
    body = ["甲" * 200 + "雷军" + "乙" * 200]
    text = present.excerpt(body, ["雷军"])
    assert text.startswith("...") and "雷军" in text
    assert text.index("雷军") == 3 + present.EXCERPT_LEAD


def test_diff_shows_title_and_paragraph_changes():
    diff = present.diff_versions("旧标题", ["不变的一段。", "小米今天发布了新手机。", "被删掉的一句话。"],
                                 "新标题", ["不变的一段。", "小米今天发布了两款新手机。", "全新加入的内容。"])
    assert diff.title_changed and diff.body_changed
    kinds = [b.change for b in diff.blocks]
    assert kinds[0] == "same" and diff.blocks[0].count == 1
    changed = next(b for b in diff.blocks if b.change == "changed")
    assert [(s.text, s.change) for s in changed.spans if s.change != "same"] == [("两款", "added")]
    assert any(b.change == "removed" and b.old == ["被删掉的一句话。"] for b in diff.blocks)
    assert any(b.change == "added" and b.new == ["全新加入的内容。"] for b in diff.blocks)


def test_diff_of_equal_versions_is_empty():
    diff = present.diff_versions("标题", ["一", "二"], "标题", ["一", "二"])
    assert not diff.title_changed and not diff.body_changed


def test_cursor_round_trips_and_rejects_junk():
    cursor = Cursor(datetime(2025, 3, 23, 9, 1, 2, 345000, tzinfo=timezone.utc), 3)
    assert Cursor.decode(cursor.encode()) == cursor
    for junk in (None, "", "garbage", "20250323T090102.000000Z~x", "20250323T090102.000000Z~-1"):
        assert Cursor.decode(junk) is None


def test_title_terms_leave_out_digits_and_pieces_of_latin_words():
    got = title_terms("青禾软件发布青禾Spark 15平板，AI芯片售价3499元")
    assert {"青禾", "软件", "平板", "芯片", "ai"} <= set(got)
    assert not {"sp", "pa", "15", "34"} & set(got)
