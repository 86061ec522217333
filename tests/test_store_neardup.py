"""MinHash/LSH near-duplicate detection measured on made-up pairs.

Positives are reposts (转载) with the edits reposting sites make; negatives
are different stories, including ones sharing a boilerplate paragraph or
two. The figures printed with ``-s`` are the ones in docs/storage.md.
"""

from __future__ import annotations

import random

from snapshots.store import neardup
from tests.sample_items import paragraphs

PAIRS = 300


def _repost(body: list[str], rng: random.Random) -> list[str]:
    body = list(body)
    edit = rng.randrange(6)
    if edit == 0:  # source line and a copyright note added
        body = ["(来源:某某网)"] + body + ["本文转载自合作媒体,版权归原作者所有,如有侵权请联系删除。"]
    elif edit == 1:  # last paragraph dropped
        body = body[:-1]
    elif edit == 2:  # a few words replaced
        body = [p.replace(p[10:12], "记者") if i % 3 == 0 else p for i, p in enumerate(body)]
    elif edit == 3:  # punctuation and spacing changed
        body = [p.replace("。", ". ").replace("", "") + " " for p in body]
    elif edit == 4:  # an editor's note in the middle
        body = body[:4] + ["编者按:本文有删节,标题为编辑所加。"] + body[4:]
    else:  # headline sentence rewritten and a paragraph dropped
        body = ["据报道," + body[0][6:]] + body[1:3] + body[4:]
    return body


def _classify(a: list[str], b: list[str]) -> bool:
    sa, sb = neardup.signature("".join(a)), neardup.signature("".join(b))
    candidate = bool(set(neardup.band_keys(sa)) & set(neardup.band_keys(sb)))
    return candidate and neardup.similarity(sa, sb) >= neardup.THRESHOLD


def measure(seed: int = 7) -> dict[str, float]:
    rng = random.Random(seed)
    shared = paragraphs(rng, 2)  # boilerplate several stories carry
    fn = fp_unrelated = fp_shared = rewrites = 0
    for _ in range(PAIRS):
        original = paragraphs(rng, rng.randint(4, 12))
        fn += not _classify(original, _repost(original, rng))
        fp_unrelated += _classify(original, paragraphs(rng, len(original)))
        fp_shared += _classify(original[:6] + shared, paragraphs(rng, 6) + shared)
        # Not asserted: a story with 40% of its paragraphs rewritten is a
        # judgement call; the rate says where the threshold sits.
        cut = max(1, len(original) * 2 // 5)
        rewrites += _classify(original, paragraphs(rng, cut) + original[cut:])
    return {"false_negative_rate": fn / PAIRS,
            "false_positive_rate_unrelated": fp_unrelated / PAIRS,
            "false_positive_rate_shared_boilerplate": fp_shared / PAIRS,
            "detected_40pct_rewritten": rewrites / PAIRS}


def test_error_rates_on_made_up_pairs():
    rates = measure()
    print(rates)
    assert rates["false_negative_rate"] <= 0.02
    assert rates["false_positive_rate_unrelated"] == 0
    assert rates["false_positive_rate_shared_boilerplate"] <= 0.01


def test_normalization_ignores_punctuation_spacing_and_case():
    text = "小米汽车工厂迎来三星电子会长李在镕与高通公司总裁安蒙一行人访问参观交流合作 AMOLED"
    assert neardup.normalize(text) == neardup.normalize(text.replace("与", "、与 ").lower())
    a = neardup.signature(text)
    assert neardup.similarity(a, neardup.signature(" ,".join(text))) == 1.0


def test_short_texts_get_no_signature():
    assert neardup.signature("短讯。") is None


def test_signature_is_stable_across_processes():
    # Stored signatures are compared with ones computed years later.
    sig = neardup.signature("小米首部授权传记《一往无前》曾提到,当年小米供应链高管得罪三星,三星直接宣布断供屏幕")
    assert neardup.to_bytes(sig).hex()[:16] == STABLE_PREFIX


STABLE_PREFIX = "905d1c0017c67c02"
