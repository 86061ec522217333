"""Search terms: what makes ``{"terms": ...}`` find the words a reader types.

A word segmenter cannot promise that: jieba cuts 大模型 into 大/模型 (it is
not in its dictionary), and even its search mode, which adds the
dictionary words inside longer ones, has no 新能源汽车 and cuts a word
differently in different contexts. So the terms are the character
bigrams of the text (as Lucene's and Elasticsearch's CJK analyzers do):
every distinct pair of adjacent word characters of the title and of each
paragraph, after normalization (NFKC, which folds full-width ＡＩ to AI,
then lower case). A word of the text is then certain to have all its
bigrams among the terms, whatever surrounds it.

- A two-character word is one term: ``{"terms": "芯片"}`` is the exact
  search, served by the index alone.
- A longer word needs all its bigrams and, to drop the articles that hold
  them apart (大模 in one sentence, 模型 in another), a regular expression
  over title and body, checked on those candidates only.

:func:`query` builds that filter: ``query("大模型 芯片")`` finds the
articles containing both words. By hand in mongosh::

    db.articles.find({terms: {$all: ["大模", "模型", "芯片"]},
                      $or: [{title: /大模型/i}, {body: /大模型/i}]}, {terms: 0})

A page with more than ``MAX_TERMS`` distinct bigrams (a text of some
30,000 characters) keeps the first ``MAX_TERMS`` in reading order and is
marked ``terms_partial: true``: a word past that point is not found. (An
``$or`` with such pages would keep them findable, but an ``$or`` is not
answered from one index by every server.)
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

# Cap per document: a huge page must not produce a huge index entry set.
# A news article of 5,000 characters has about 3,500 distinct bigrams.
MAX_TERMS = 20_000
PARTIAL = "terms_partial"
CUT = ""  # leads the terms of a page cut short (no bigram is empty)

# Runs of word characters: letters (any script) and digits.
_RUN = re.compile(r"[^\W_]+")
_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Full-width forms folded to half-width (NFKC), then lower case."""
    return unicodedata.normalize("NFKC", text).lower()


def bigrams(text: str) -> dict[str, None]:
    """Distinct character bigrams of the word-character runs of ``text``,
    normalized, in reading order (a dict used as an ordered set)."""
    grams: dict[str, None] = {}
    for run in _RUN.findall(normalize(text)):
        for i in range(len(run) - 1):
            grams[run[i: i + 2]] = None
    return grams


def is_term(word: str) -> bool:
    """Whether ``word`` (normalized) is itself a term: two word characters."""
    return len(word) == 2 and _RUN.fullmatch(word) is not None


def of(title: str, body: list[str] | str) -> list[str]:
    """Distinct search terms of ``title`` and ``body``, sorted; at most
    ``MAX_TERMS`` of them, the first in reading order, and then led by
    ``CUT`` (see :func:`stored`)."""
    grams: dict[str, None] = {}
    for text in [title, *([body] if isinstance(body, str) else body)]:
        grams.update(bigrams(text))
        if len(grams) > MAX_TERMS:
            return [CUT, *sorted(list(grams)[:MAX_TERMS])]
    return sorted(grams)


def is_partial(terms: list[str]) -> bool:
    """Whether :func:`of` had to cut the terms short."""
    return bool(terms) and terms[0] == CUT


def stored(terms: list[str]) -> dict[str, Any]:
    """The article fields for ``terms`` (from :func:`of`)."""
    if is_partial(terms):
        return {"terms": terms[1:], PARTIAL: True}
    return {"terms": terms}


def _char_class(char: str) -> str:
    """A PCRE piece matching ``char`` (normalized) in its half-width and
    full-width forms (case is left to the ``i`` option)."""
    forms = {char}
    if "!" <= char <= "~":
        forms.add(chr(ord(char) + 0xFEE0))  # the full-width form
        forms.add(chr(ord(char.upper()) + 0xFEE0))
    # PCRE's metacharacters are ASCII punctuation; escaped, any of it is
    # itself.
    pieces = sorted("\\" + c if c.isascii() and not c.isalnum() else c for c in forms)
    return pieces[0] if len(pieces) == 1 else "[" + "".join(pieces) + "]"


def pattern(word: str) -> str:
    """A regular expression (for ``$regex`` with ``$options: "i"``) that
    finds ``word`` as it is typed, in either width."""
    return "".join(_char_class(c) for c in normalize(word))


def words(text: str) -> list[str]:
    """The words of a query: separated by spaces, normalized, in order,
    without repeats."""
    seen: dict[str, None] = {}
    for word in _SPACES.split(normalize(text).strip()):
        if word:
            seen.setdefault(word)
    return list(seen)


def query(text: str) -> dict[str, Any]:
    """A pymongo filter on ``articles`` for the articles that contain every
    word of ``text`` (separated by spaces) in their title or body, ignoring
    case and character width.

    Served by the ``terms`` index whenever a word has two word characters
    in a row; a query of single characters only is answered by the regular
    expression alone (a collection scan). An empty query matches nothing.
    """
    wanted = words(text)
    if not wanted:
        return {"_id": {"$in": []}}
    grams = sorted(set().union(*(bigrams(w) for w in wanted)))
    loose = [w for w in wanted if not is_term(w)]
    found: dict[str, Any] = {}
    if grams:
        found["terms"] = grams[0] if len(grams) == 1 else {"$all": grams}
    if loose:
        found.update(_text_conditions(loose))
    return found
def _text_conditions(wanted: list[str]) -> dict[str, Any]:
    conditions = [{"$or": [{"title": {"$regex": pattern(w), "$options": "i"}},
                           {"body": {"$regex": pattern(w), "$options": "i"}}]}
                  for w in wanted]
    return conditions[0] if len(conditions) == 1 else {"$and": conditions}
