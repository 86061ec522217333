"""How stored values are shown: times in a zone, excerpts, version diffs.

Pure functions of stored values, returning plain text and structures;
the templates escape everything they print.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
EXCERPT_CHARS = 80
# Characters of context kept before a matched word in an excerpt.
EXCERPT_LEAD = 12


def zone(name: str | None, default: str) -> ZoneInfo:
    """The zone called ``name``, else ``default`` (a stored name may be junk)."""
    for candidate in (name, default):
        if candidate:
            try:
                return ZoneInfo(candidate)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return ZoneInfo("UTC")


def local_time(value: datetime | None, tz: ZoneInfo) -> str:
    """``value`` (aware UTC from the store) as wall time in ``tz``, or ""."""
    if not isinstance(value, datetime):
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(tz).strftime(TIME_FORMAT)


def excerpt(paragraphs: Iterable[str], words: Sequence[str] = (), size: int = EXCERPT_CHARS) -> str:
    """About ``size`` characters of the body on one line: from the start, or
    around the first of ``words`` it contains, marked with "..." where text
    is cut (as the snapshot service's related lists show it)."""
    text = " ".join(" ".join(p.split()) for p in paragraphs if p).strip()
    start = 0
    if words:
        found = [i for i in (text.find(w) for w in words if w) if i >= 0]
        # Start near the word only when it would not show from the start.
        if found and min(found) > size - 2 * EXCERPT_LEAD:
            start = min(found) - EXCERPT_LEAD
    piece = text[start:start + size]
    if start > 0:
        piece = "..." + piece
    if start + size < len(text):
        piece += "..."
    return piece


# -- version diffs ------------------------------------------------------------


@dataclass
class Span:
    """A run of characters of a changed paragraph: kept, removed or added."""

    text: str
    change: str  # "same", "removed", "added"


@dataclass
class Block:
    """One step of a diff between two versions' paragraph lists."""

    change: str  # "same" (count unchanged paragraphs), "removed", "added", "changed"
    old: list[str] = field(default_factory=list)
    new: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)  # "changed": the inline diff
    count: int = 0  # "same": paragraphs not shown


@dataclass
class VersionDiff:
    title_old: str
    title_new: str
    blocks: list[Block]

    @property
    def title_changed(self) -> bool:
        return self.title_old != self.title_new

    @property
    def body_changed(self) -> bool:
        return any(b.change != "same" for b in self.blocks)


def inline_spans(old: str, new: str) -> list[Span]:
    """Character-level diff of two versions of one paragraph."""
    spans = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            spans.append(Span(old[a1:a2], "same"))
            continue
        if a2 > a1:
            spans.append(Span(old[a1:a2], "removed"))
        if b2 > b1:
            spans.append(Span(new[b1:b2], "added"))
    return spans


def diff_versions(old_title: str, old_body: Sequence[str],
                  new_title: str, new_body: Sequence[str]) -> VersionDiff:
    """What changed from one version to the next: the title, and the
    paragraphs kept (counted), removed, added or reworded (a paragraph
    replaced by one much like it gets a character-level diff)."""
    blocks: list[Block] = []
    matcher = difflib.SequenceMatcher(None, list(old_body), list(new_body), autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        old, new = list(old_body[a1:a2]), list(new_body[b1:b2])
        if op == "equal":
            blocks.append(Block("same", count=len(old)))
        elif op == "delete":
            blocks.append(Block("removed", old=old))
        elif op == "insert":
            blocks.append(Block("added", new=new))
        else:
            # Pair reworded paragraphs one to one; the rest are removed/added.
            pairs = min(len(old), len(new))
            for before, after in zip(old[:pairs], new[:pairs]):
                similar = difflib.SequenceMatcher(None, before, after, autojunk=False).ratio()
                if similar >= 0.5:
                    blocks.append(Block("changed", old=[before], new=[after],
                                        spans=inline_spans(before, after)))
                else:
                    blocks.append(Block("removed", old=[before]))
                    blocks.append(Block("added", new=[after]))
            if len(old) > pairs:
                blocks.append(Block("removed", old=old[pairs:]))
            if len(new) > pairs:
                blocks.append(Block("added", new=new[pairs:]))
    return VersionDiff(old_title, new_title, blocks)
