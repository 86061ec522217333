"""Worker processes (snapshots.processes, snapshots.worker): real child
processes on real pipes, driven by an asyncio loop as in a crawl."""

from __future__ import annotations

import asyncio
import io
import os
import pickle
import sys
import time

import pytest

from snapshots import worker
from tests import worker_probe
from snapshots.extract import extract_article
from snapshots.page import article_item
from snapshots.processes import WorkerProcesses, WorkerTimeout
from snapshots.store.documents import derive

PAGE = """<html><head><title>芯片厂商发布新一代处理器_科技频道</title></head><body>
<h1>芯片厂商发布新一代处理器</h1><div class="info">2025-03-01 10:20 来源：示例日报</div>
<div class="article"><p>{p}</p><p>{p}</p><p>{p}</p></div></body></html>"""
TEXT = "新一代处理器采用更先进的制程工艺，性能提升约百分之三十，功耗明显下降。"


class Stats(dict):
    def inc_value(self, key: str, count: int = 1) -> None:
        self[key] = self.get(key, 0) + count


def page(n: int = 0) -> bytes:
    return PAGE.replace("{p}", f"{TEXT}第{n}段。").encode("utf-8")


def run_with(pool: WorkerProcesses, scenario) -> object:
    """Start ``pool`` in a fresh event loop, run ``scenario(pool)``, close."""
    async def main():
        pool.start()
        try:
            return await scenario(pool)
        finally:
            await pool.close()

    return asyncio.run(main())


# -- the child's loop, alone --------------------------------------------

def test_serve_answers_each_request_in_order():
    requests = io.BytesIO(
        worker.frame((7, worker.call(extract_article, (page(1), "http://a.test/1.html"), {})))
        + worker.frame((8, worker.call(extract_article, (b"", "http://a.test/2.html"), {})))
        + worker.frame((9, pickle.dumps((pickle.loads, (b"not a pickle",), {})))))
    replies = io.BytesIO()
    worker.serve(requests, replies)
    replies.seek(0)
    answers = []
    while head := replies.read(worker.HEADER.size):
        answers.append(pickle.loads(replies.read(worker.HEADER.unpack(head)[0])))
    assert [(job, ok) for job, ok, _ in answers] == [(7, True), (8, False), (9, False)]
    assert answers[0][2].title == "芯片厂商发布新一代处理器"
    assert isinstance(answers[1][2], ValueError)


def test_a_function_not_importable_by_reference_is_refused_in_the_caller():
    async def scenario(pool):
        with pytest.raises((pickle.PicklingError, AttributeError, TypeError)):
            await pool.run(lambda: 1)
        return await pool.run(os.getpid)

    assert run_with(WorkerProcesses(1, timeout=20), scenario) != os.getpid()


def test_preloaded_modules_are_imported_before_the_first_task():
    async def scenario(pool):
        return await pool.run(worker_probe.imported, "snapshots.page")

    assert run_with(WorkerProcesses(1, timeout=20), scenario) is False
    pool = WorkerProcesses(1, timeout=20)
    pool.preload(article_item)
    assert pool.modules == ["snapshots.page"]
    assert run_with(pool, scenario) is True


# -- the pool, with real processes ----------------------------------------

def test_results_equal_the_in_process_ones():
    url = "http://a.test/tech/1.html"
    expected_fields = extract_article(page(1), url)
    expected_derived = derive("标题", [TEXT, TEXT], page(1))

    async def scenario(pool):
        return (await pool.run(extract_article, page(1), url),
                await pool.run(derive, "标题", [TEXT, TEXT], page(1)))

    fields, derived = run_with(WorkerProcesses(1, timeout=20), scenario)
    assert fields == expected_fields
    assert derived.terms == expected_derived.terms
    assert list(derived.signature) == list(expected_derived.signature)
    assert derived.page == expected_derived.page and derived.codec == expected_derived.codec


def test_tasks_are_spread_over_the_workers_and_matched_to_their_callers():
    async def scenario(pool):
        titles = await asyncio.gather(*(pool.run(extract_article, page(n), f"http://a.test/{n}.html")
                                        for n in range(40)))
        pids = await asyncio.gather(*(pool.run(os.getpid) for _ in range(8)))
        bodies = [(await pool.run(extract_article, page(n), "http://a.test/")).body[0] for n in (3, 9)]
        return titles, set(pids), bodies

    titles, pids, bodies = run_with(WorkerProcesses(2, timeout=20), scenario)
    assert [t.title for t in titles] == ["芯片厂商发布新一代处理器"] * 40
    assert len(pids) == 2
    assert bodies[0].endswith("第3段。") and bodies[1].endswith("第9段。")


def test_a_task_error_is_raised_to_its_caller_only():
    async def scenario(pool):
        with pytest.raises(ValueError, match="empty document"):
            await pool.run(extract_article, b"", "http://a.test/")
        return await pool.run(extract_article, page(), "http://a.test/")

    assert run_with(WorkerProcesses(1, timeout=20), scenario).title


def test_an_overdue_task_times_out_and_its_worker_is_replaced():
    stats = Stats()

    async def scenario(pool):
        first = await pool.run(os.getpid)
        hung = asyncio.ensure_future(pool.run(time.sleep, 60))
        queued = asyncio.ensure_future(pool.run(os.getpid))  # behind the hung task
        with pytest.raises(WorkerTimeout, match="sleep took longer than 0.5 s"):
            await asyncio.wait_for(hung, 20)
        return first, await asyncio.wait_for(queued, 20)

    first, second = run_with(WorkerProcesses(1, timeout=0.5, stats=stats), scenario)
    assert first != second  # answered by the replacement
    assert stats["snapshots/workers/timeouts"] == 1
    assert stats["snapshots/workers/restarts"] == 1


def test_a_task_that_kills_its_worker_twice_fails_and_the_rest_go_on():
    stats = Stats()

    async def scenario(pool):
        killer = asyncio.ensure_future(pool.run(os._exit, 3))
        after = asyncio.ensure_future(pool.run(extract_article, page(), "http://a.test/"))
        with pytest.raises(RuntimeError, match="died twice"):
            await asyncio.wait_for(killer, 20)
        return await asyncio.wait_for(after, 20)

    assert run_with(WorkerProcesses(1, timeout=20, stats=stats), scenario).title
    assert stats["snapshots/workers/restarts"] == 2


def test_a_worker_that_cannot_start_leaves_the_work_to_the_crawl_process():
    stats = Stats()
    broken = [sys.executable, "-c", "import sys; sys.exit(3)"]

    async def scenario(pool):
        return await asyncio.wait_for(pool.run(extract_article, page(), "http://a.test/"), 20)

    assert run_with(WorkerProcesses(1, timeout=20, stats=stats, command=broken), scenario).title
    assert stats["snapshots/workers/failed_to_start"] == 1
    assert "snapshots/workers/restarts" not in stats


def test_close_waits_for_the_processes_to_exit():
    pool = WorkerProcesses(2, timeout=20)

    async def scenario(pool):
        await asyncio.gather(pool.run(os.getpid), pool.run(os.getpid))
        return [w.process for w in pool.workers]

    processes = run_with(pool, scenario)
    assert [p.returncode for p in processes] == [0, 0]
    assert pool.workers == []


def test_without_processes_tasks_run_here():
    async def scenario(pool):
        return await pool.run(extract_article, page(), "http://a.test/")

    pool = WorkerProcesses(0, timeout=0)
    assert run_with(pool, scenario).title
    assert pool.workers == []
