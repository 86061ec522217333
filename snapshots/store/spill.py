"""The spill file: items that could not be written, one JSON line each.

Lossless for what items hold: bytes and datetimes are tagged objects, and a
mapping that happens to use the tag key is itself tagged, so decoding gives
back exactly what was encoded.
"""

from __future__ import annotations

import base64
import json
import os
import threading
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from itemadapter import ItemAdapter

TAG = "__type__"
FORMAT = 1


def encode(value: Any) -> Any:
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {TAG: "bytes", "b64": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, datetime):
        return {TAG: "datetime", "iso": value.isoformat()}
    if isinstance(value, date):
        return {TAG: "date", "iso": value.isoformat()}
    if isinstance(value, tuple):
        return {TAG: "tuple", "items": [encode(v) for v in value]}
    if isinstance(value, Mapping):
        if TAG in value or not all(isinstance(k, str) for k in value):
            return {TAG: "dict", "items": [[encode(k), encode(v)] for k, v in value.items()]}
        return {k: encode(v) for k, v in value.items()}
    if isinstance(value, (list, set, frozenset)):
        return [encode(v) for v in value]
    return value


def decode(value: Any) -> Any:
    if isinstance(value, list):
        return [decode(v) for v in value]
    if isinstance(value, dict):
        tag = value.get(TAG)
        if tag is None:
            return {k: decode(v) for k, v in value.items()}
        if tag == "bytes":
            return base64.b64decode(value["b64"])
        if tag == "datetime":
            return datetime.fromisoformat(value["iso"])
        if tag == "date":
            return date.fromisoformat(value["iso"])
        if tag == "tuple":
            return tuple(decode(v) for v in value["items"])
        if tag == "dict":
            return {decode(k): decode(v) for k, v in value["items"]}
        raise ValueError(f"unknown spill tag {tag!r}")
    return value


def dumps(item: Any) -> str:
    return json.dumps({"format": FORMAT, "item": encode(ItemAdapter(item).asdict())},
                      ensure_ascii=False, separators=(",", ":"))


def loads(line: str) -> dict[str, Any]:
    record = json.loads(line)
    if record.get("format") != FORMAT:
        raise ValueError(f"unsupported spill format {record.get('format')!r}")
    return decode(record["item"])


class SpillFile:
    """Appends items to ``path``; safe to call from several threads."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self._lock = threading.Lock()

    def append(self, items: list[Any]) -> int:
        if not items:
            return 0
        lines = "".join(dumps(item) + "\n" for item in items)
        with self._lock:
            if self.path.parent:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path, "a", encoding="utf-8") as f:
                f.write(lines)
                f.flush()
                os.fsync(f.fileno())
        return len(items)


def read(path: str | os.PathLike) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, item) of each non-blank line of a spill file."""
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if line.strip():
                yield number, loads(line)
