"""Smoke test of bench/extract_eval.py on a tiny labelled folder."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PAGES = {
    "one": ("""<html><head><meta charset="gbk"><title>第一篇新闻_某网</title></head><body>
        <div><a href="/">首页</a> <a href="/n/">新闻</a></div><h1>第一篇新闻</h1>
        <div>发布时间：2025-03-23 17:01 来源：某日报 作者：张三</div>
        <div class="content"><p>这是第一篇新闻的正文内容，讲述了一件事情的来龙去脉，细节丰富。</p>
        <p>第二段补充了更多的背景信息，以及相关人士的评论和看法。</p></div></body></html>""",
            "这是第一篇新闻的正文内容，讲述了一件事情的来龙去脉，细节丰富。\n第二段补充了更多的背景信息，以及相关人士的评论和看法。",
            "2025-03-23 17:01", "张三"),
    "two": ("""<html><head><title>第二篇</title></head><body><h1>第二篇</h1>
        <p>2025年1月2日 08:30</p><div><p>第二篇正文只有一段，但是也足够长，可以用来计算指标。</p></div>
        </body></html>""",
            "第二篇正文只有一段，但是也足够长，可以用来计算指标。", "2025-01-02 08:30:00", "UNKNOWN"),
}


def write_dataset(root: Path) -> None:
    for folder in ("original", "cleaned", "date", "author"):
        (root / folder).mkdir(parents=True)
    for name, (html, body, date, author) in PAGES.items():
        (root / "original" / f"{name}.html").write_bytes(html.encode("gb18030"))
        (root / "cleaned" / f"{name}.txt").write_text(body, encoding="utf-8")
        (root / "date" / f"{name}.txt").write_text(date, encoding="utf-8")
        (root / "author" / f"{name}.txt").write_text(author, encoding="utf-8")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "bench" / "extract_eval.py"), *args],
                          capture_output=True, text=True, timeout=300)


def test_json_report(tmp_path):
    write_dataset(tmp_path)
    proc = run(str(tmp_path), "--json", "--tools", "ours")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert (report["pages"], report["timed"], report["authored"]) == (2, 2, 1)
    ours = report["tools"]["ours"]
    assert ours["f1"] > 0.95
    assert ours["time_ok"] == 2
    assert ours["author_ok"] == 1
    assert ours["source_as_author"] == 0
    assert ours["median_seconds"] > 0


def test_table_lists_every_installed_tool(tmp_path):
    write_dataset(tmp_path)
    proc = run(str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert "body F1" in proc.stdout and "ours" in proc.stdout


def test_missing_dataset_is_an_error(tmp_path):
    assert run(str(tmp_path / "nope")).returncode != 0
