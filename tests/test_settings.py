"""One source per default: every setting the code reads is defined in
snapshots/settings.py (or by Scrapy itself), and no component repeats a
default as a fallback literal."""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

from scrapy.settings import default_settings

from snapshots import settings as project_settings

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("snapshots", "spiders", "pipelines", "bench")
GETTERS = {"get", "getint", "getfloat", "getbool", "getlist", "getdict", "getdictorlist",
           "getpriority", "getwithbase", "set", "setdefault"}
NAME = re.compile(r"[A-Z][A-Z0-9_]{2,}$")


def _settings_like(node: ast.AST) -> bool:
    """``settings.x``, ``self.settings.x``, ``crawler.settings.x``, ``s.x``."""
    if isinstance(node, ast.Attribute):
        return node.attr == "settings" or node.attr.endswith("_settings")
    return isinstance(node, ast.Name) and (node.id in ("s", "settings") or node.id.endswith("settings"))


@functools.cache
def reads() -> list[tuple[str, int, str, bool]]:
    """(file, line, setting name, has a fallback) for every read in the code."""
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                        and node.func.attr in GETTERS and _settings_like(node.func.value)
                        and node.args and isinstance(node.args[0], ast.Constant)
                        and isinstance(node.args[0].value, str) and NAME.match(node.args[0].value)):
                    fallback = node.func.attr.startswith("get") and (len(node.args) > 1 or bool(node.keywords))
                    found.append((str(path.relative_to(ROOT)), node.lineno, node.args[0].value, fallback))
                elif (isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or)
                      and isinstance(node.values[0], ast.Call)
                      and isinstance(node.values[0].func, ast.Attribute)
                      and node.values[0].func.attr in GETTERS - {"getpriority"}
                      and _settings_like(node.values[0].func.value)
                      and node.values[0].args and isinstance(node.values[0].args[0], ast.Constant)
                      and not all(isinstance(v, ast.Constant) and v.value is None
                                  for v in node.values[1:])):  # "" -> None is no default
                    # settings.get("NAME") or a default
                    found.append((str(path.relative_to(ROOT)), node.lineno,
                                  node.values[0].args[0].value, True))
                elif (isinstance(node, ast.Subscript) and _settings_like(node.value)
                      and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str)
                      and NAME.match(node.slice.value)):
                    found.append((str(path.relative_to(ROOT)), node.lineno, node.slice.value, False))
    return found


def test_the_scan_finds_the_reads():
    names = {name for _, _, name, _ in reads()}
    assert {"MONGO_URI", "WORKER_TIMEOUT", "STORE_ENABLED", "DEFAULT_TIMEZONE"} <= names


def test_every_setting_read_is_defined_once():
    defined = {n for n in dir(project_settings) if NAME.match(n)}
    scrapy = {n for n in dir(default_settings) if NAME.match(n)}
    undefined = sorted({f"{name} ({file}:{line})" for file, line, name, _ in reads()
                        if name not in defined and name not in scrapy})
    assert undefined == []


def test_no_component_repeats_a_default():
    assert sorted(f"{file}:{line} {name}" for file, line, name, fallback in reads() if fallback) == []
