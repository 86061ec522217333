"""Search terms: the segmented words of a title and body, for ``{"terms": word}``.

MongoDB's text indexes do not segment Chinese, so words are cut here with
jieba (its Rust port, rjieba, when installed) and stored as an indexed array.
Kept: words of two or more characters with at least one letter (single
characters, punctuation and pure numbers go), minus stopwords. Latin words
are lower-cased, so queries should lower-case them too.
"""

from __future__ import annotations

import re

try:
    from rjieba import cut as _cut
except ImportError:  # pragma: no cover - fallback for hosts without wheels
    import jieba

    def _cut(text: str) -> list[str]:
        return jieba.lcut(text)

# Cap per document: a huge page must not produce a huge index entry set.
MAX_TERMS = 2000

# Function words and news boilerplate that would match almost every article.
STOPWORDS = frozenset("""
我们 你们 他们 她们 它们 这个 那个 这些 那些 这样 那样 这里 那里 这种 那种 这是 就是 还是 也是 都是
不是 没有 可以 已经 因为 所以 但是 而且 或者 如果 虽然 然后 以及 以上 以下 之后 之前 其中 其他 其实 只是
一个 一些 一种 一样 一直 一次 通过 进行 表示 认为 对于 关于 由于 以来 目前 今年 去年 明年 今天 昨天 记者
消息 报道 据悉 获悉 同时 此外 另外 以后 非常 什么 怎么 为什么 如何 自己 的话 等等 来源 编辑 责任编辑 原标题
the and for with that this from are was were has have not but you your its our
""".split())

_HAS_WORD_CHAR = re.compile(r"[^\W\d_]")


def segment(title: str, body: list[str] | str) -> list[str]:
    """Distinct search terms of ``title`` and ``body``, sorted."""
    text = body if isinstance(body, str) else "\n".join(body)
    # Filtering the distinct words only: a body repeats most of its words.
    words = {w.lower() for w in set(_cut(f"{title}\n{text}")) if len(w) >= 2}
    kept = sorted(w for w in words - STOPWORDS if _HAS_WORD_CHAR.search(w))
    return kept[:MAX_TERMS]
