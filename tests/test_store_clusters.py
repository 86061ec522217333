"""Near-duplicate clusters against the local server: the compact
``signatures`` collection, the boilerplate bound, and the representative
(the earliest published copy) moving when an earlier copy arrives later."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta

from snapshots.store import clusters
from tests.sample_items import make_item, paragraphs
from snapshots.store.writer import StoreWriter


def _copy(item, n: int, site: str, hours: float):
    """A repost of ``item`` on ``site``, published ``hours`` after it."""
    body = list(item.body)
    body[0] = "(转载)" + body[0]
    return replace(make_item(n, site=site, body=body + [f"本文转载自{item.site}。"]),
                   published_at=item.published_at + timedelta(hours=hours),
                   fetched_at=item.fetched_at + timedelta(hours=1))


def test_articles_carry_no_signature_fields(mongo_db):
    item = make_item(1)
    StoreWriter(mongo_db).write([item])
    article = mongo_db.articles.find_one({"key": item.url})
    assert "lsh" not in article and "minhash" not in article
    signature = mongo_db.signatures.find_one({"key": item.url}, {"_id": 0})
    assert set(signature) == {"key", "cluster", "origin", "cluster_origin", "latest_at", "bands", "minhash"}
    assert len(signature["bands"]) == 16 and len(signature["minhash"]) == 256


def test_representative_moves_to_an_earlier_copy_stored_later(mongo_db):
    writer = StoreWriter(mongo_db)
    original = make_item(5, site="origin")
    copy = _copy(original, 6, "mirror", hours=3)
    later = _copy(original, 7, "third", hours=5)
    writer.write([copy])
    assert mongo_db.articles.find_one({"key": copy.url})["cluster"] == copy.url
    counts = writer.write([original]).counts
    assert counts["clusters/moved"] == 1 and counts["dedup/near_duplicate"] == 1
    for name in ("articles", "snapshots", "signatures"):
        got = {d["key"]: d["cluster"] for d in mongo_db[name].find({}, {"key": 1, "cluster": 1})}
        assert got == {copy.url: original.url, original.url: original.url}, name
    # A later copy joins without moving anything.
    counts = writer.write([later]).counts
    assert counts["clusters/moved"] == 0
    assert mongo_db.articles.find_one({"key": later.url})["cluster"] == original.url


def test_representative_in_one_batch_and_without_publish_times(mongo_db):
    writer = StoreWriter(mongo_db)
    original = make_item(5, site="origin")
    copy = replace(_copy(original, 6, "mirror", hours=0), published_at=None,
                   fetched_at=original.fetched_at + timedelta(minutes=5))
    original = replace(original, published_at=None)  # first_seen decides
    writer.write([copy, original])  # the copy first, in the same batch
    assert {d["cluster"] for d in mongo_db.articles.find()} == {original.url}
    assert {d["cluster"] for d in mongo_db.snapshots.find()} == {original.url}


def test_crowded_band_keys_are_boilerplate(mongo_db):
    writer = StoreWriter(mongo_db, band_limit=4)
    rng = random.Random(3)
    stock = paragraphs(rng, 8)
    # Eight pages with one body (a template): the lookups see their bands
    # grow past the bound and stop using them.
    same = [replace(make_item(i, site="tpl"), body=stock) for i in range(8)]
    totals = writer.write(same[:3]).counts
    for item in same[3:]:
        totals += writer.write([item]).counts
    assert totals[clusters.BOILERPLATE_MARKED] == 16
    assert mongo_db.boilerplate_bands.count_documents({}) == 16
    assert totals[clusters.BOILERPLATE_SKIPPED] > 0
    # Marked bands are neither looked up nor stored any more.
    counts = StoreWriter(mongo_db, band_limit=4).write([replace(make_item(20, site="tpl"), body=stock)]).counts
    assert counts[clusters.BOILERPLATE_SKIPPED] == 16 and counts[clusters.CANDIDATES] == 0
    assert mongo_db.signatures.find_one({"key": make_item(20, site="tpl").url})["bands"] == []
    # Unrelated articles are unaffected.
    fresh = make_item(30, site="other")
    writer.write([fresh, _copy(fresh, 31, "other2", hours=1)])
    assert mongo_db.articles.find_one({"key": make_item(31, site="other2").url})["cluster"] == fresh.url


def test_changed_version_replaces_the_signature(mongo_db):
    writer = StoreWriter(mongo_db)
    item = make_item(40)
    writer.write([item])
    before = mongo_db.signatures.find_one({"key": item.url})
    changed = replace(item, body=paragraphs(random.Random(9), 8),
                      fetched_at=item.fetched_at + timedelta(hours=2))
    writer.write([changed])
    after = mongo_db.signatures.find_one({"key": item.url})
    assert after["minhash"] != before["minhash"] and after["latest_at"] > before["latest_at"]
    writer.write([replace(item, fetched_at=item.fetched_at + timedelta(hours=1))])  # older: kept
    assert mongo_db.signatures.find_one({"key": item.url})["minhash"] == after["minhash"]


def test_lookup_in_small_chunks_finds_each_candidate_once(mongo_db, monkeypatch):
    """Band keys are looked up a few at a time (a server may compare each
    candidate with every key asked for); a signature found through several
    chunks is still one candidate, and the copies still join its cluster."""
    writer = StoreWriter(mongo_db)
    original = make_item(50, site="origin")
    writer.write([original])
    monkeypatch.setattr(clusters, "LOOKUP_CHUNK", 2)
    copies = [_copy(original, 51, "mirror", hours=1), _copy(original, 52, "third", hours=2)]
    counts = writer.write(copies).counts
    assert counts[clusters.CANDIDATES] == 1  # the original, over eight chunks of its bands
    assert counts["dedup/near_duplicate"] == 2
    assert {d["cluster"] for d in mongo_db.articles.find()} == {original.url}
