"""The item through Scrapy's feed exporters (-o, scrapyd's items_dir)."""

import base64
import io
import json
from datetime import datetime, timezone

from scrapy.exporters import JsonLinesItemExporter

from snapshots.items import ArticleItem


def test_article_item_exports_as_json_lines_with_html_as_base64():
    item = ArticleItem(url="http://x.cn/1.html", title="标题", body=["一段正文"],
                       fetched_at=datetime(2025, 3, 23, 12, 45, tzinfo=timezone.utc),
                       html="<html>正文</html>".encode("gb18030"))
    out = io.BytesIO()
    exporter = JsonLinesItemExporter(out, ensure_ascii=False)
    exporter.start_exporting()
    exporter.export_item(item)
    exporter.finish_exporting()
    row = json.loads(out.getvalue().decode("utf-8"))
    assert row["title"] == "标题" and row["body"] == ["一段正文"]
    assert base64.b64decode(row["html"]) == item.html
    assert row["fetched_at"].startswith("2025-03-23")
