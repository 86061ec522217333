import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from pipelines.validate import ValidatePipeline
from snapshots.items import ArticleItem
from tests.helpers import project_settings_dict

BODY = ["　　快科技3月23日消息，有网友爆料称，某公司高管访问了小米汽车工厂。", "责任编辑：雪花",
        "【本文结束】如需转载请务必注明出处：快科技"]


def make(pipeline_class, **settings):
    crawler = get_crawler(settings_dict=project_settings_dict(**settings))
    crawler.stats.open_spider()
    return pipeline_class.from_crawler(crawler), crawler.stats


def item(**fields) -> ArticleItem:
    base = dict(url="https://news.example.com/1/1.htm", title="三星高管造访小米工厂_快科技",
                published_at_raw="2025-03-23 17:01:00", source="来源：浅语科技 编辑：雪花",
                authors=["本报记者 王建宏 张文攀"], editor="责任编辑：雪花", page_category=" 科技 ",
                body=list(BODY))
    base.update(fields)
    return ArticleItem(**base)


def test_validate_keeps_an_article():
    pipeline, stats = make(ValidatePipeline)
    article = item(title="标题", body=["正" * 60])
    assert pipeline.process_item(article) is article
    assert not any(k.startswith("snapshots/dropped") for k in stats.get_stats())


@pytest.mark.parametrize("fields, reason", [
    ({"title": None}, "no_title"),
    ({"title": "   "}, "no_title"),
    ({"body": ["太短了"]}, "short_body"),
    ({"body": []}, "short_body"),
])
def test_validate_drops_and_counts(fields, reason):
    pipeline, stats = make(ValidatePipeline)
    with pytest.raises(DropItem) as raised:
        pipeline.process_item(item(**{"title": "标题", "body": ["正" * 60], **fields}))
    assert stats.get_value(f"snapshots/dropped/{reason}") == 1
    assert stats.get_value("snapshots/dropped/total") == 1
    # Scrapy logs the drop once, from the exception: at INFO, naming the page.
    assert "https://news.example.com/1/1.htm" in str(raised.value)
    assert raised.value.log_level == "INFO"


def test_validate_reads_min_body_chars():
    pipeline, _ = make(ValidatePipeline, MIN_BODY_CHARS=5)
    pipeline.process_item(item(title="标题", body=["五个字正文"]))
    with pytest.raises(DropItem):
        pipeline.process_item(item(title="标题", body=["四个字 "]))
