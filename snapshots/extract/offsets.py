"""The UTC offset of a time the page shows without one.

Pages print local wall-clock time ("06/02/2022 - 13:48") and often wrap it
in ``<time datetime="2022-02-06T12:48:06+00:00">``: by HTML's definition
the attribute is the same instant in machine form, so the difference
between the two is the offset of the zone the page shows its times in. A
site's configured zone cannot know it for a site with no profile (a Paris
newsroom read as Beijing time is seven hours off); the page can.
"""

from __future__ import annotations

from datetime import timedelta

from lxml import etree

from snapshots.normalize.timestamp import format_offset, stated_time

# Offsets in use are whole quarter hours, at most 14 hours from UTC.
_STEP = timedelta(minutes=15)
_WIDEST = timedelta(hours=14)


def shown_offset(root: etree._Element, shown: str) -> str | None:
    """The offset (``+01:00``) of ``shown``, a time as the page prints it,
    when a ``<time>`` element printing it gives its instant with an offset;
    None when the page does not say."""
    wall = stated_time(shown)
    if wall is None or wall[1] is not None:
        return None  # no dated clock, or the page gave the offset already
    for element in root.iter("time"):
        value = element.get("datetime")
        if not value:
            continue
        text = " ".join("".join(element.itertext()).split())
        if not text or (text not in shown and shown not in text):
            continue  # this element prints another time
        instant = stated_time(value)
        if instant is None or instant[1] is None:
            continue  # a naive attribute is no more than the text
        utc = instant[0] - instant[0].replace(tzinfo=instant[1]).utcoffset()
        # To the minute: the attribute often has seconds the text leaves out.
        difference = wall[0].replace(second=0) - utc.replace(second=0, microsecond=0)
        if abs(difference) <= _WIDEST and difference % _STEP == timedelta(0):
            return format_offset(difference)
    return None
