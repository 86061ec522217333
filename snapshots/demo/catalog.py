"""What the demo site holds: every article, its URLs, and the special cases.

The catalog is plain data, built once from ``seed``, ``now`` and the number
of tech articles; the page modules render it and tests read it to know what
a crawl should find. Article paths are root-relative ("/tech/...").
"""

from __future__ import annotations

import bisect
import math
import random
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone

from snapshots.demo import stories
from snapshots.demo import vocabulary as V

# Pages state Beijing time; China has no daylight saving, so a fixed offset.
TZ = timezone(timedelta(hours=8), "Asia/Shanghai")

# Special cases, as they appear in Article.cases.
RELATIVE_TIME = "relative_time"      # byline and listing show "3小时前" and the like
LIVE_ONLY = "live_only"              # linked only from the JavaScript listing /tech/live/
LIVE = "live"                        # on the JavaScript listing
TRACKING = "tracking"                # the listing links it with ?spm=...&utm_source=...
MOBILE = "mobile"                    # also served under /m/..., which related blocks link
JSONLD = "jsonld"                    # page carries a JSON-LD NewsArticle
GBK_META = "gbk_meta_charset"        # GBK bytes, <meta charset="gbk">
GB2312_HTTP_EQUIV = "gb2312_http_equiv"  # GBK bytes, <meta http-equiv ... charset=gb2312>
GBK_UNDECLARED = "gbk_undeclared"    # GBK bytes, no charset anywhere
ERROR_ONCE = "error_once"            # first request answers 500
TRUNCATED = "truncated"              # HTML cut off mid-body, honest Content-Length
SHORT_READ = "short_read"            # connection closed before Content-Length is sent
LOGIN_WALL = "login_wall"            # /tech/vip/...: no body, 登录后查看全文
LOOP = "loop"                        # related blocks of these point at each other
BROKEN_RELATED = "broken_related"    # related block links a missing article (404)
REPUBLISHED = "republished"          # the mirror site carries an edited copy
IMAGE = "image"                      # body has an image paragraph (no text)

GBK_CASES = (GBK_META, GB2312_HTTP_EQUIV, GBK_UNDECLARED)
MIN_ARTICLES = 100
PAGE_SIZE = 20  # main-site listings
MIRRORED = 10  # main-site stories the mirror republishes


@dataclass(frozen=True)
class Article:
    section: str  # "main", "mirror", "portal-a" .. "portal-d"
    category: str  # "tech", "finance", "sports"
    id: int
    path: str  # the article's own URL path (with its query for portal-c)
    title: str
    summary: str
    paragraphs: tuple[str, ...]  # body text as the page shows it
    source: str  # 来源
    authors: tuple[str, ...]
    author_role: str  # "作者" / "记者" / "" (how the byline names the authors)
    editor: str  # 责任编辑
    published: datetime  # aware, Beijing time
    published_text: str  # the time as the article page prints it
    cases: frozenset[str] = frozenset()
    listing_href: str | None = None  # how its category listing links it; None: not listed
    mobile_path: str | None = None
    related: tuple[str, ...] = ()  # hrefs of its related block, in order
    original: str | None = None  # mirror copies: path of the main-site article
    encoding: str = "utf-8"  # what the page bytes are encoded in

    @property
    def date(self) -> str:
        return self.published.strftime("%Y-%m-%d")


@dataclass(frozen=True)
class Listing:
    """A paginated category listing: page paths and the articles on each."""

    key: str
    paths: tuple[str, ...]
    pages: tuple[tuple[Article, ...], ...]

    @property
    def articles(self) -> list[Article]:
        return [a for page in self.pages for a in page]


@dataclass
class Catalog:
    seed: int
    now: datetime
    tech: list[Article]  # main-site 科技, newest first, listed or not
    finance: list[Article]
    sports: list[Article]
    mirror: list[Article]
    portals: dict[str, list[Article]]
    live: list[Article]  # the JavaScript listing's entries, newest first
    listings: dict[str, Listing]  # "tech", "finance", "sports", "mirror", "portal-a", ...
    missing_path: str  # linked from a related block, answers 404
    missing_title: str
    by_path: dict[str, Article] = field(default_factory=dict)  # every path, /m/ twins too

    def case(self, name: str) -> list[Article]:
        """Main-site and mirror articles with special case ``name``."""
        return [a for a in self.tech + self.mirror if name in a.cases]

    def article(self, path: str) -> Article | None:
        return self.by_path.get(path)


def beijing(now: datetime | None) -> datetime:
    """``now`` in Beijing time, to the second; naive values are Beijing time."""
    if now is None:
        now = datetime.now(TZ)
    elif now.tzinfo is None:
        now = now.replace(tzinfo=TZ)
    return now.astimezone(TZ).replace(microsecond=0)


def build(*, articles: int = 240, now: datetime | None = None, seed: int = 0) -> Catalog:
    if articles < MIN_ARTICLES:
        raise ValueError(f"the demo site needs at least {MIN_ARTICLES} tech articles")
    now = beijing(now)
    tech = _main_tech(articles, now, seed)
    missing_path, missing_title = _missing(tech, seed)
    tech = _link_related(tech, missing_path, seed)
    finance = _main_other("finance", stories.finance_story, 6, now, seed, 300000)
    sports = _main_other("sports", stories.sports_story, 6, now, seed, 500000)
    mirror = _mirror(tech, now, seed)
    portals = {name: _portal(name, spec, now, seed) for name, spec in PORTALS.items()}
    live = [a for a in tech if LIVE in a.cases]

    listings = {
        "tech": _listing("tech", [a for a in tech if a.listing_href], PAGE_SIZE, _main_page_path("tech")),
        "finance": _listing("finance", finance, PAGE_SIZE, _main_page_path("finance")),
        "sports": _listing("sports", sports, PAGE_SIZE, _main_page_path("sports")),
        "mirror": _listing("mirror", mirror, 10, lambda n: "/mirror/tech/" if n == 1 else f"/mirror/tech/list_{n}.html"),
    }
    for name, spec in PORTALS.items():
        listings[name] = _listing(name, portals[name], spec.page_size, spec.page_path)

    catalog = Catalog(seed=seed, now=now, tech=tech, finance=finance, sports=sports,
                      mirror=mirror, portals=portals, live=live, listings=listings,
                      missing_path=missing_path, missing_title=missing_title)
    for article in tech + finance + sports + mirror + [a for p in portals.values() for a in p]:
        catalog.by_path[article.path] = article
        if article.mobile_path:
            catalog.by_path[article.mobile_path] = article
    return catalog


# -- main site: 科技 ---------------------------------------------------------

def _relative_times(now: datetime) -> list[tuple[datetime, str]]:
    """Publication times a page shows relative to ``now``, with their text."""
    now = now.replace(second=0)
    today = now.replace(hour=0, minute=0)
    yesterday, before = today - timedelta(days=1), today - timedelta(days=2)
    no_year = (today - timedelta(days=4)).replace(hour=20, minute=15)
    return [
        (now - timedelta(minutes=1), "刚刚"),
        (now - timedelta(minutes=25), "25分钟前"),
        (now - timedelta(hours=3), "3小时前"),
        (yesterday.replace(hour=14, minute=5), "昨天 14:05"),
        (before.replace(hour=9, minute=30), "前天 09:30"),
        (no_year, no_year.strftime("%m-%d %H:%M")),
    ]


def _spread_times(rng: random.Random, count: int, now: datetime, days: int = 60) -> list[datetime]:
    """``count`` minute-aligned times over the last ``days`` days, newest first."""
    start = now.replace(second=0) - timedelta(days=days)
    span = int((now - start).total_seconds() // 60) - 30  # nothing in the last half hour
    return sorted((start + timedelta(minutes=m) for m in rng.sample(range(span), count)),
                  reverse=True)


def _ids(rng: random.Random, count: int, base: int) -> list[int]:
    """Increasing ids with gaps (as real sites have), oldest first."""
    ids, current = [], base + rng.randint(0, 999)
    for _ in range(count):
        current += rng.randint(2, 40)  # >= 2: every id has a free neighbour
        ids.append(current)
    return ids


def _main_path(category: str, published: datetime, id_: int, prefix: str = "") -> str:
    return f"{prefix}/{category}/{published:%Y/%m/%d}/{id_}.html"


def _main_page_path(category: str):
    return lambda n: f"/{category}/" if n == 1 else f"/{category}/index_{n}.html"


def _main_tech(count: int, now: datetime, seed: int) -> list[Article]:
    rng = random.Random(f"{seed}:tech:times")
    relative = _relative_times(now)
    times = [(t, None) for t in _spread_times(rng, count - len(relative), now)]
    times = sorted(times + relative, key=lambda pair: pair[0], reverse=True)
    ids = list(reversed(_ids(rng, count, 100000)))  # newest first, like ``times``
    cases = _assign_cases(count, [text is not None for _, text in times], seed)

    story_rng = random.Random(f"{seed}:tech:stories")
    seen_titles: set[str] = set()
    result, listed = [], 0
    for index, ((published, relative_text), id_) in enumerate(zip(times, ids)):
        story = _unique(stories.tech_story, story_rng, published, seen_titles)
        flags = set(cases[index])
        if relative_text:
            flags.add(RELATIVE_TIME)
        if index % 4 == 0 and not relative_text:
            flags.add(JSONLD)
        if index % 5 == 2:
            flags.add(IMAGE)
        path = _main_path("tech", published, id_)
        if LOGIN_WALL in flags:
            path = _main_path("tech/vip", published, id_)
        href = None
        if LIVE_ONLY not in flags:
            href = path
            if listed % 3 == 1:
                flags.add(TRACKING)
                href = f"{path}?spm=demo.tech.list.{listed + 1}&utm_source=tech_list&utm_medium=web"
            listed += 1
        mobile = _main_path("tech", published, id_, prefix="/m") if MOBILE in flags else None
        result.append(Article(
            section="main", category="tech", id=id_, path=path, title=story.title,
            summary=story.summary, paragraphs=story.paragraphs, source=story.source,
            authors=story.authors, author_role=story.author_role, editor=story.editor,
            published=published,
            published_text=relative_text or published.strftime("%Y-%m-%d %H:%M:%S"),
            cases=frozenset(flags), listing_href=href, mobile_path=mobile,
            encoding="gbk" if flags & set(GBK_CASES) else "utf-8",
        ))
    return result


def _assign_cases(count: int, relative: list[bool], seed: int) -> list[set[str]]:
    """Which special cases each article (newest first) gets.

    Cases sit at fixed places among the newest articles, so they are on the
    first listing pages whatever the size of the site."""
    cases: list[set[str]] = [set() for _ in range(count)]
    free = [i for i in range(count) if not relative[i]]

    def take(n: int, start: int, step: int) -> list[int]:
        picked = free[start:start + n * step:step][:n]
        for i in picked:
            free.remove(i)
        return picked

    # Live feeds show the newest news: the JS-only articles are recent ones.
    for i in take(12, 1, 3):
        cases[i] |= {LIVE_ONLY, LIVE}
    singles = (ERROR_ONCE, TRUNCATED, SHORT_READ, GBK_META, GB2312_HTTP_EQUIV,
               GBK_UNDECLARED, LOGIN_WALL, BROKEN_RELATED, LOGIN_WALL, LOGIN_WALL)
    for name, i in zip(singles, take(len(singles), 6, 2)):
        cases[i].add(name)
    for i in take(3, 4, 1):  # three neighbours: related blocks of each other
        cases[i].add(LOOP)
    # Republished stories are older ones, spread over the rest of the site.
    step = max(1, len(free) // (MIRRORED + 2))
    for i in take(MIRRORED, step, step):
        cases[i].add(REPUBLISHED)
    for i in free[5::10]:
        cases[i].add(MOBILE)
    # The live listing also shows the newest ordinary articles.
    ordinary = [i for i in range(count) if not cases[i] - {MOBILE}]
    for i in ordinary[:18]:
        cases[i].add(LIVE)
    return cases


def _unique(make, rng: random.Random, published: datetime, seen: set[str]) -> stories.Story:
    """A story whose title no earlier story had."""
    while True:
        story = make(rng, published)
        if story.title not in seen:
            seen.add(story.title)
            return story


def _missing(tech: list[Article], seed: int) -> tuple[str, str]:
    """A path shaped like an article's, with an id no article has."""
    article = tech[len(tech) // 2]
    title = stories.tech_story(random.Random(f"{seed}:missing"), article.published).title
    return _main_path("tech", article.published, article.id + 1), title


def _link_related(tech: list[Article], missing_path: str, seed: int) -> list[Article]:
    rng = random.Random(f"{seed}:tech:related")
    # Related blocks link full articles only, never the JS-only or walled ones.
    pool = [i for i, a in enumerate(tech) if not a.cases & {LIVE_ONLY, LOGIN_WALL}]
    loop = [i for i, a in enumerate(tech) if LOOP in a.cases]

    def href(a: Article) -> str:
        return a.mobile_path or a.path

    result = []
    for i, article in enumerate(tech):
        if article.cases & {LOGIN_WALL}:
            result.append(article)
            continue
        window = pool[bisect.bisect_left(pool, i - 20):bisect.bisect_right(pool, i + 20)]
        near = [j for j in window if j != i]
        picks = rng.sample(near, min(len(near), rng.randint(5, 8)))
        if LOOP in article.cases:
            picks = [j for j in loop if j != i] + [j for j in picks if j not in loop][:4]
        links = [href(tech[j]) for j in picks]
        if BROKEN_RELATED in article.cases:
            links.insert(2, missing_path)
        result.append(replace(article, related=tuple(links)))
    return result


# -- main site: other categories --------------------------------------------

def _main_other(category: str, make, count: int, now: datetime, seed: int, base: int) -> list[Article]:
    rng = random.Random(f"{seed}:{category}")
    times = _spread_times(rng, count, now, days=20)
    ids = list(reversed(_ids(rng, count, base)))
    seen: set[str] = set()
    result = []
    for published, id_ in zip(times, ids):
        story = _unique(make, rng, published, seen)
        path = _main_path(category, published, id_)
        result.append(Article(
            section="main", category=category, id=id_, path=path, title=story.title,
            summary=story.summary, paragraphs=story.paragraphs, source=story.source,
            authors=story.authors, author_role=story.author_role, editor=story.editor,
            published=published, published_text=published.strftime("%Y-%m-%d %H:%M:%S"),
            listing_href=path,
        ))
    return result


# -- the mirror: republished stories with small edits ------------------------

def _mirror(tech: list[Article], now: datetime, seed: int) -> list[Article]:
    rng = random.Random(f"{seed}:mirror")
    copies = []
    for original in (a for a in tech if REPUBLISHED in a.cases):
        published = min(original.published + timedelta(minutes=rng.randint(45, 360)),
                        now - timedelta(minutes=5))
        source = rng.choice([s for s in V.SOURCES if s != original.source])
        story = stories.retell(_as_story(original), rng, source)
        copies.append((published, story, original.path))
    own_rng = random.Random(f"{seed}:mirror:own")
    for published in _spread_times(own_rng, 4, now, days=30):
        copies.append((published, stories.tech_story(own_rng, published), None))
    copies.sort(key=lambda c: c[0], reverse=True)
    ids = list(reversed(_ids(rng, len(copies), 700000)))
    result = []
    for (published, story, original), id_ in zip(copies, ids):
        path = f"/mirror/news/{published:%Y%m%d}/{id_}.shtml"
        result.append(Article(
            section="mirror", category="tech", id=id_, path=path, title=story.title,
            summary=story.summary, paragraphs=story.paragraphs, source=story.source,
            authors=story.authors, author_role=story.author_role, editor=story.editor,
            published=published, published_text=published.strftime("%Y-%m-%d %H:%M"),
            cases=frozenset({REPUBLISHED}) if original else frozenset(),
            listing_href=path, original=original,
        ))
    return result


def _as_story(article: Article) -> stories.Story:
    return stories.Story(article.title, article.paragraphs, article.summary, article.source,
                         article.authors, article.author_role, article.editor)


# -- the generic portals ------------------------------------------------------

@dataclass(frozen=True)
class PortalSpec:
    count: int
    page_size: int
    id_base: int
    article_path: object  # (published, id) -> path
    page_path: object  # page number -> listing path
    time_format: str
    encoding: str = "utf-8"


PORTALS = {
    "portal-a": PortalSpec(
        45, 20, 123000,
        lambda t, i: f"/portal-a/a/{t:%Y%m%d}/{i}.shtml",
        lambda n: "/portal-a/tech/" if n == 1 else f"/portal-a/tech/list_{n}.shtml",
        "%Y-%m-%d %H:%M"),
    "portal-b": PortalSpec(
        36, 12, 987000,
        lambda t, i: f"/portal-b/article/{i}",
        lambda n: "/portal-b/tech/" if n == 1 else f"/portal-b/tech/?page={n}",
        "%Y年%m月%d日 %H:%M"),
    "portal-c": PortalSpec(
        40, 15, 2300,
        lambda t, i: f"/portal-c/show.php?id={i}",
        lambda n: "/portal-c/tech/" if n == 1 else f"/portal-c/list.php?catid=3&page={n}",
        "%Y-%m-%d %H:%M:%S", encoding="gbk"),
    "portal-d": PortalSpec(
        38, 10, 556000,
        lambda t, i: f"/portal-d/news/{t:%Y-%m}/{t:%d}/content_{i}.htm",
        lambda n: "/portal-d/tech/" if n == 1 else f"/portal-d/tech/index_{n}.htm",
        "%Y-%m-%d %H:%M"),
}


def _portal(name: str, spec: PortalSpec, now: datetime, seed: int) -> list[Article]:
    rng = random.Random(f"{seed}:{name}")
    times = _spread_times(rng, spec.count, now)
    ids = list(reversed(_ids(rng, spec.count, spec.id_base)))
    seen: set[str] = set()
    articles = []
    for published, id_ in zip(times, ids):
        story = _unique(stories.tech_story, rng, published, seen)
        path = spec.article_path(published, id_)
        articles.append(Article(
            section=name, category="tech", id=id_, path=path, title=story.title,
            summary=story.summary, paragraphs=story.paragraphs, source=story.source,
            authors=story.authors or (stories.person_name(rng),),
            author_role=story.author_role or "作者", editor=story.editor,
            published=published, published_text=published.strftime(spec.time_format),
            listing_href=path, encoding=spec.encoding,
        ))
    # Related blocks: a few neighbours in time.
    result = []
    for i, article in enumerate(articles):
        near = [a.path for j, a in enumerate(articles) if j != i and abs(j - i) <= 6]
        result.append(replace(article, related=tuple(rng.sample(near, min(len(near), 5)))))
    return result


def _listing(key: str, articles: list[Article], size: int, page_path) -> Listing:
    count = max(1, math.ceil(len(articles) / size))
    return Listing(
        key=key,
        paths=tuple(page_path(n) for n in range(1, count + 1)),
        pages=tuple(tuple(articles[n * size:(n + 1) * size]) for n in range(count)),
    )
