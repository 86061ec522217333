"""End to end on a real scrapyd: deploy the egg, crawl, schedule without overlap.

scrapyd runs in a temporary folder with its own scrapyd.conf (it reads
./scrapyd.conf) and HOME, so no user configuration leaks in, and without
SCRAPY_SETTINGS_MODULE or PYTHONPATH: jobs import the project from the
deployed egg only, as in production.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from snapshots.demo.catalog import SHORT_READ
from snapshots.localdb import free_port

pytestmark = pytest.mark.scrapyd

ROOT = Path(__file__).resolve().parent.parent
PROJECT = "snapshots"

SCRAPYD_CONF = """\
[scrapyd]
bind_address = 127.0.0.1
http_port = {port}
eggs_dir = {tmp}/eggs
logs_dir = {tmp}/logs
dbs_dir = {tmp}/dbs
# No item feeds: items go to MongoDB (as in docs/deploy.md).
items_dir =
jobs_to_keep = 5
max_proc = 2
poll_interval = 0.5
"""


@dataclass
class ScrapydServer:
    url: str
    process: subprocess.Popen
    folder: Path

    def get(self, endpoint: str, **params) -> dict:
        answer = requests.get(f"{self.url}/{endpoint}", params=params, timeout=30).json()
        assert answer["status"] == "ok", answer
        return answer

    def post(self, endpoint: str, data) -> dict:
        answer = requests.post(f"{self.url}/{endpoint}", data=data, timeout=60).json()
        assert answer["status"] == "ok", answer
        return answer

    def job_ids(self, spider: str) -> dict[str, set[str]]:
        jobs = self.get("listjobs.json", project=PROJECT)
        return {state: {j["id"] for j in jobs[state] if j["spider"] == spider}
                for state in ("pending", "running", "finished")}

    def wait_finished(self, job_id: str, spider: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while job_id not in self.job_ids(spider)["finished"]:
            assert time.monotonic() < deadline, f"job {job_id} not finished after {timeout}s"
            time.sleep(0.5)

    def job_log(self, spider: str, job_id: str) -> str:
        return (self.folder / "logs" / PROJECT / spider / f"{job_id}.log").read_text()

    def server_log(self) -> str:
        path = self.folder / "scrapyd.log"
        return path.read_text() if path.exists() else ""


@pytest.fixture(scope="module")
def scrapyd(tmp_path_factory, mongo_uri):
    folder = tmp_path_factory.mktemp("scrapyd")
    port = free_port()
    (folder / "scrapyd.conf").write_text(SCRAPYD_CONF.format(port=port, tmp=folder))
    env = {k: v for k, v in os.environ.items()
           if k not in ("SCRAPY_SETTINGS_MODULE", "PYTHONPATH", "SCRAPY_PROJECT")}
    env.update(HOME=str(folder), MONGO_URI=mongo_uri, SCRAPY_LOG_LEVEL="INFO")
    process = subprocess.Popen(
        [sys.executable, "-m", "scrapyd", "--pidfile=", "--logfile", str(folder / "scrapyd.log")],
        cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
        # Its own process group: teardown also stops crawls still running.
        start_new_session=True,
    )
    server = ScrapydServer(f"http://127.0.0.1:{port}", process, folder)
    deadline = time.monotonic() + 30
    while True:
        assert process.poll() is None, f"scrapyd exited:\n{server.server_log()}"
        try:
            requests.get(f"{server.url}/daemonstatus.json", timeout=2).raise_for_status()
            break
        except requests.RequestException:
            assert time.monotonic() < deadline, f"scrapyd did not start:\n{server.server_log()}"
            time.sleep(0.2)
    yield server
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@pytest.fixture(scope="module")
def deployed(scrapyd) -> str:
    """The project deployed with ``python -m snapshots deploy``; its version."""
    version = "1"
    proc = subprocess.run(
        [sys.executable, "-m", "snapshots", "deploy", "--url", scrapyd.url, "--version", version],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, f"{proc.stdout}\n{proc.stderr}\n{scrapyd.server_log()}"
    return version


def demo_settings(demo_site, database: str, **extra) -> list[tuple[str, str]]:
    """schedule.json ``setting`` fields pointing the crawl at the demo site."""
    settings = {
        "SITES": "demo",
        "SITE_BASE_URLS": json.dumps({"demo": demo_site.url}),
        "MONGO_DATABASE": database,
        "MAX_ARTICLES": "30",
        "AUTOTHROTTLE_ENABLED": "False",
        "DOWNLOAD_DELAY": "0",
        **extra,
    }
    return [("setting", f"{name}={value}") for name, value in settings.items()]


def test_deployed_egg_lists_the_spider(scrapyd, deployed):
    assert deployed in scrapyd.get("listversions.json", project=PROJECT)["versions"]
    assert "tech" in scrapyd.get("listspiders.json", project=PROJECT)["spiders"]


def test_crawl_job_stores_articles(scrapyd, deployed, demo_site, mongo_db):
    # One worker process, started from the egg's import path.
    data = [("project", PROJECT), ("spider", "tech"),
            *demo_settings(demo_site, mongo_db.name, WORKER_PROCESSES="1")]
    job_id = scrapyd.post("schedule.json", data)["jobid"]
    scrapyd.wait_finished(job_id, "tech", timeout=120)

    # A failed job is "finished" too: the log tells. The only error expected
    # is the demo page whose connection always closes early.
    log = scrapyd.job_log("tech", job_id)
    assert "run         ok, finish reason finished" in log
    assert "monitors    7 passed, 0 failed" in log
    short_read = [a.path for a in demo_site.catalog.case(SHORT_READ)]
    errors = [line for line in log.splitlines() if "] ERROR:" in line]
    unexpected = [e for e in errors
                  if not ("Gave up retrying" in e and any(p in e for p in short_read))]
    assert not unexpected, "\n".join(unexpected)

    articles = mongo_db["articles"]
    assert articles.count_documents({}) > 0
    for article in articles.find().limit(10):
        assert article.get("title")
        assert article.get("url", "").startswith(demo_site.url)
    # scrapyd passes the job id as the spider's _job argument; the store
    # records it in the crawl run's document.
    run = mongo_db["runs"].find_one({"job": job_id})
    assert run is not None, list(mongo_db["runs"].find({}, {"stats": 0}))
    assert run["spider"] == "tech"
    assert run["status"] == "finished" and run["reason"] == "finished"
    stats = {entry["name"]: entry["value"] for entry in run["stats"]}
    assert stats["snapshots/workers/started"] == 1
    assert "snapshots/workers/failed_to_start" not in stats


def test_schedule_never_overlaps(scrapyd, deployed, demo_site, mongo_db):
    before = set().union(*scrapyd.job_ids("tech").values())
    # A delay per request keeps the job running longer than the three ticks.
    settings = demo_settings(demo_site, mongo_db.name, DOWNLOAD_DELAY="3", MAX_ARTICLES="5")
    proc = subprocess.run(
        [sys.executable, "-m", "snapshots", "schedule", "--scrapyd", scrapyd.url,
         "--spider", "tech", "--every", "1s", "--max-ticks", "3",
         *(arg for _, value in settings for arg in ("--setting", value))],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 0, proc.stderr

    jobs = scrapyd.job_ids("tech")
    new = set().union(*jobs.values()) - before
    assert len(new) == 1, f"expected one job, got {new}\n{proc.stderr}"
    [job_id] = new
    assert f"Tick 1: scheduled {PROJECT}/tech as job {job_id}" in proc.stderr
    assert job_id in jobs["pending"] | jobs["running"], "the job ended before the ticks did"
    assert f"Skipped tick 2: job {job_id}" in proc.stderr
    assert f"Skipped tick 3: job {job_id}" in proc.stderr

    # No need to wait for the slow crawl (a graceful stop would still wait
    # out the download delays of requests already queued).
    scrapyd.post("cancel.json", {"project": PROJECT, "job": job_id, "signal": "KILL"})
    scrapyd.wait_finished(job_id, "tech", timeout=60)


def test_unreachable_mongodb_is_in_the_jobs_own_log(scrapyd, deployed, demo_site):
    dead = f"mongodb://crawler:secret@127.0.0.1:{free_port()}/"
    data = [("project", PROJECT), ("spider", "tech"),
            *demo_settings(demo_site, "unused", MONGO_URI=dead, MONGO_CONNECT_TIMEOUT="1")]
    job_id = scrapyd.post("schedule.json", data)["jobid"]
    scrapyd.wait_finished(job_id, "tech", timeout=120)
    log = scrapyd.job_log("tech", job_id)
    errors = [line for line in log.splitlines() if "] ERROR:" in line]
    assert len(errors) == 1, log
    assert "MongoDB unavailable at mongodb://crawler:***@127.0.0.1" in errors[0]
    assert "secret" not in log and "Traceback" not in log


def test_a_refused_egg_is_removed_again(scrapyd, deployed, tmp_path):
    """scrapyd keeps an egg whose spiders fail to load (and would run it
    next): the deploy removes that version and says so."""
    from snapshots import deploy

    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(
        ".git", ".venv", "tests", "*.egg-info", "build", "dist", ".demo-run", ".localdb", "__pycache__"))
    (copy / "spiders" / "tech.py").write_text("raise ImportError('broken on purpose')\n")
    (tmp_path / "egg").mkdir()
    egg = deploy.build_egg(tmp_path / "egg", root=copy)
    with pytest.raises(deploy.DeployError) as failed:
        deploy.publish(scrapyd.url, PROJECT, "2", egg)
    assert "broken on purpose" in str(failed.value)
    assert "version 2 removed from scrapyd" in str(failed.value)
    assert scrapyd.get("listversions.json", project=PROJECT)["versions"] == [deployed]
