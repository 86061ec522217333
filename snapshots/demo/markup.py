"""The demo site's HTML templates: named ``string.Template`` blocks.

Each section keeps its markup in ``templates/SECTION.html`` (package data),
split into blocks by ``<!-- template: NAME -->`` lines.
"""

from __future__ import annotations

import html
import re
from functools import cache
from importlib.resources import files
from string import Template

_BLOCK = re.compile(r"^<!-- template: ([\w-]+) -->\n", re.M)


@cache
def templates(section: str) -> dict[str, Template]:
    text = (files("snapshots.demo") / "templates" / f"{section}.html").read_text("utf-8")
    parts = _BLOCK.split(text)
    return {name: Template(body.rstrip("\n")) for name, body in zip(parts[1::2], parts[2::2])}


def render(section: str, name: str, **values) -> str:
    return templates(section)[name].substitute(values)


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def paragraphs(texts, image: str = "") -> str:
    """Body paragraphs as ``<p>`` lines; ``image`` goes after the lead."""
    lines = [f"<p>{esc(t)}</p>" for t in texts]
    if image:
        lines.insert(1, image)
    return "\n".join(lines)
