import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PAGE = """<html><head><meta charset="gbk"><title>测试新闻标题_快科技</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/tech/">科技</a></div>
<h1>测试新闻标题</h1><div>类别:科技 发布时间:2025-03-23 17:01:00 来源:浅语科技</div>
<div class="content"><p>快科技3月23日消息，这是一段正文，内容足够长，用来测试命令行抽取的效果。</p>
<p>第二段正文，继续描述事件的经过和各方的反应，以及后续的发展。</p><p>责任编辑：雪花</p></div>
<div><h3>相关文章</h3><ul><li><a href="/1/2.htm">另一篇相关的新闻报道</a></li>
<li><a href="/1/3.htm">再一篇相关的新闻报道</a></li></ul></div></body></html>"""


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "snapshots", "extract", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_extract_prints_one_json_line_per_file(tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(PAGE.encode("gbk"))
    proc = run("--url", "https://news.example.com/1/1.htm", str(page), str(page))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().split("\n")
    assert len(lines) == 2
    record = json.loads(lines[0])
    assert record == {
        "file": str(page),
        "url": "https://news.example.com/1/1.htm",
        "title": "测试新闻标题",
        "published_at": "2025-03-23T09:01:00+00:00",
        "published_at_raw": "2025-03-23 17:01:00",
        "source": "浅语科技",
        "authors": [],
        "editor": "雪花",
        "category": "科技",
        "body": "快科技3月23日消息，这是一段正文，内容足够长，用来测试命令行抽取的效果。\n"
                "第二段正文，继续描述事件的经过和各方的反应，以及后续的发展。",
        "related": [{"url": "https://news.example.com/1/2.htm", "title": "另一篇相关的新闻报道"},
                    {"url": "https://news.example.com/1/3.htm", "title": "再一篇相关的新闻报道"}],
    }


def test_timezone_option(tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(PAGE.encode("gbk"))
    record = json.loads(run("--timezone", "UTC", str(page)).stdout)
    assert record["published_at"] == "2025-03-23T17:01:00+00:00"
    assert record["url"] == page.resolve().as_uri()


def test_bad_files_report_errors_and_fail(tmp_path):
    good = tmp_path / "good.html"
    good.write_bytes(PAGE.encode("gbk"))
    text = tmp_path / "notes.txt"
    text.write_text("just some notes, no markup")
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.html"
    proc = run(str(text), str(good), str(empty), str(missing))
    assert proc.returncode != 0
    records = [json.loads(line) for line in proc.stdout.strip().split("\n")]
    assert [r["file"] for r in records] == [str(text), str(good), str(empty), str(missing)]
    assert "error" in records[0] and "error" in records[2] and "error" in records[3]
    assert records[1]["title"] == "测试新闻标题" and "error" not in records[1]
