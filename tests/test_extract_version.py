"""The extractor version: it changes whenever a rule's source does."""

from __future__ import annotations

from snapshots import __version__
from snapshots.extract import extract_article
from snapshots.extract.version import RULES_REVISION, extractor_version, rule_sources, rules_hash


def test_version_names_package_revision_and_rules_hash():
    version = extractor_version()
    assert version == f"{__version__}+r{RULES_REVISION}.{rules_hash(rule_sources())}"


def test_every_rule_module_is_hashed():
    names = {name for name, _ in rule_sources()}
    for module in ("snapshots.extract.byline.py", "snapshots.extract.article.py",
                   "snapshots.normalize.people.py", "snapshots.normalize.labels.py",
                   "snapshots.normalize.timestamp.py"):
        assert module in names
    assert "snapshots.extract.version.py" not in names


def test_editing_any_rule_changes_the_hash():
    sources = rule_sources()
    base = rules_hash(sources)
    for index in (0, len(sources) // 2, len(sources) - 1):
        edited = list(sources)
        name, data = edited[index]
        edited[index] = (name, data + b"\n# a changed rule\n")
        assert rules_hash(edited) != base, name
    assert rules_hash(list(reversed(sources))) == base  # order of listing does not matter


def test_extraction_records_the_version():
    html = "<html><head><title>标题</title></head><body><h1>标题</h1><p>正文。</p></body></html>"
    assert extract_article(html, "https://e.com/a").extractor_version == extractor_version()
