"""Made-up article items: test data, benchmark load and the docs' examples.

Bodies mix real words (so keyword search has something to find) with
random two-character words drawn from the CJK block (so two unrelated
made-up articles share almost no shingles, like two real ones).
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from snapshots.items import ArticleItem

WORDS = ("小米 雷军 三星 华为 苹果 手机 芯片 汽车 工厂 供应链 屏幕 发布会 市场 用户 "
         "科技 互联网 人工智能 新能源 电池 销量 价格 公司 投资 研发 数据 云计算 操作系统 "
         "消费者 产品 技术 创新 行业 政策 监管 经济 增长 出口 订单 财报 营收 利润 股价").split()
SOURCES = ["浅语科技", "新华社", "澎湃新闻", "界面新闻", "财新网"]
BASE_TIME = datetime(2025, 3, 23, 9, 0, tzinfo=timezone.utc)
_PAGE = ("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{title}</title>"
         "<link rel=\"canonical\" href=\"{url}\"></head><body><div class=\"nav\">{nav}</div>"
         "<article><h1>{title}</h1><div class=\"info\">来源:{source}</div>{paras}</article>"
         "<div class=\"footer\">{nav}</div></body></html>")


def _word(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return rng.choice(WORDS)
    return chr(rng.randint(0x4E00, 0x9FA5)) + chr(rng.randint(0x4E00, 0x9FA5))


def paragraphs(rng: random.Random, count: int = 8, words: int = 40) -> list[str]:
    return ["".join(_word(rng) for _ in range(words)) + "。" for _ in range(count)]


def make_item(n: int, *, site: str = "example", category: str = "tech", seed: int = 0,
              paragraphs_count: int = 8, fetched_at: datetime | None = None,
              url: str | None = None, body: list[str] | None = None,
              title: str | None = None, html_padding: int = 40) -> ArticleItem:
    """Article number ``n`` of ``site``: same arguments, same item."""
    rng = random.Random(f"{site}/{n}/{seed}")
    url = url or f"https://www.{site}.com/{category}/2025/{n:06d}.html"
    body = body if body is not None else paragraphs(rng, paragraphs_count)
    title = title if title is not None else "".join(_word(rng) for _ in range(6))
    source = SOURCES[n % len(SOURCES)]
    nav = "".join(f"<a href=\"/c/{i}\">栏目{i}</a>" for i in range(html_padding))
    html = _PAGE.format(title=title, url=url, source=source, nav=nav,
                        paras="".join(f"<p>{p}</p>" for p in body)).encode("utf-8")
    published = BASE_TIME + timedelta(hours=n % 240)
    return ArticleItem(
        url=url, canonical_url=url, site=site, category=category,
        fetched_at=fetched_at or published + timedelta(hours=1),
        title=title, published_at_raw=published.strftime("%Y-%m-%d %H:%M:%S"),
        published_at=published, timezone="Asia/Shanghai", source=source,
        authors=[f"记者{n % 7}"], editor="王编辑", page_category="科技",
        body=body, related=[{"url": f"https://www.{site}.com/{category}/2025/{n + 1:06d}.html",
                             "title": "相关阅读"}],
        language="zh", html=html, encoding="utf-8", status=200,
        extras={"rule": "profile"},
    )
