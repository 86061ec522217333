"""Run a spider on scrapyd at fixed times, never overlapping the last run.

scrapyd has no timer: this process is one, built on APScheduler. Before
each tick it asks ``listjobs.json``; while a job of the spider is pending or
running in the project, the tick is skipped (and logged), so a run that
outlasts the interval delays the next one instead of piling up behind it.
Jobs scheduled by hand (curl, scrapyd-client) count too.

The guard reads then schedules, which is not atomic: run one scheduler per
spider and scrapyd.
"""

from __future__ import annotations

import logging
import re
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

import requests
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

logger = logging.getLogger(__name__)

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_DURATION = re.compile(r"(\d+(?:\.\d+)?)([smhd])")


def parse_duration(text: str) -> float:
    """Seconds in ``"30m"``, ``"1h30m"``, ``"0.5s"`` or a bare ``"90"``."""
    text = text.strip().lower()
    try:
        seconds = float(text)
    except ValueError:
        parts = _DURATION.findall(text)
        if not parts or "".join(n + u for n, u in parts) != text:
            raise ValueError(f"not a duration: {text!r} (examples: 30m, 1h30m, 45s)") from None
        seconds = sum(float(n) * _UNITS[u] for n, u in parts)
    if seconds <= 0:
        raise ValueError(f"not a positive duration: {text!r}")
    return seconds


def make_trigger(every: str | None = None, cron: str | None = None,
                 timezone: str | None = None) -> BaseTrigger:
    """An interval trigger (``every``) or a crontab-line trigger (``cron``)."""
    if (every is None) == (cron is None):
        raise ValueError("give exactly one of every and cron")
    if cron is None:
        return IntervalTrigger(seconds=parse_duration(every), timezone=timezone)
    fields = cron.split()
    if len(fields) != 5:
        raise ValueError(f"a crontab expression has 5 fields, got {len(fields)}: {cron!r}")
    minute, hour, day, month, day_of_week = fields
    return CronTrigger(minute=minute, hour=hour, day=day, month=month,
                       day_of_week=crontab_weekdays(day_of_week), timezone=timezone)


_WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]


def crontab_weekdays(field: str) -> str:
    """A crontab day-of-week field as APScheduler 3 reads it.

    APScheduler 3 numbers days from 0 = Monday, crontab from 0 (or 7) =
    Sunday, so ``"1-5"`` would shift by a day; the days are spelled out
    by name instead: ``"1-5"`` becomes ``"mon,tue,wed,thu,fri"``.
    """
    if field == "*":
        return field

    def number(value: str) -> int:
        value = value.lower()
        if value[:3] in _WEEKDAYS:
            return _WEEKDAYS.index(value[:3])
        if value.isdigit() and int(value) <= 7:
            return int(value)
        raise ValueError(f"not a crontab day of week: {value!r}")

    days = set()
    for part in field.split(","):
        base, _, step = part.partition("/")
        if base == "*":
            first, last = 0, 6
        else:
            first_text, _, last_text = base.partition("-")
            first = number(first_text)
            last = number(last_text) if last_text else (6 if step else first)
        if (step and not step.isdigit()) or first > last:
            raise ValueError(f"not a crontab day-of-week field: {field!r}")
        days.update(d % 7 for d in range(first, last + 1, int(step or 1)))
    return ",".join(_WEEKDAYS[d] for d in sorted(days))


class ScrapydError(Exception):
    """scrapyd could not be reached or did not answer ``{"status": "ok"}``."""


class Scrapyd:
    """The scrapyd API calls the scheduler makes."""

    def __init__(self, url: str, auth=None, timeout: float = 30):
        self.url = url.rstrip("/")
        self.auth = auth
        self.timeout = timeout

    def spiders(self, project: str) -> list[str]:
        return self._call("GET", "listspiders.json", params={"project": project})["spiders"]

    def active_jobs(self, project: str, spider: str) -> list[dict]:
        """Pending and running jobs of ``spider``, each with its ``state``."""
        answer = self._call("GET", "listjobs.json", params={"project": project})
        return [
            {**job, "state": state}
            for state in ("running", "pending")
            for job in answer.get(state, [])
            if job.get("spider") == spider
        ]

    def schedule(self, project: str, spider: str, args: dict[str, str] | None = None,
                 settings: dict[str, str] | None = None) -> str:
        data = [("project", project), ("spider", spider), *(args or {}).items()]
        data += [("setting", f"{name}={value}") for name, value in (settings or {}).items()]
        return self._call("POST", "schedule.json", data=data)["jobid"]

    def _call(self, method: str, endpoint: str, **kwargs) -> dict:
        url = f"{self.url}/{endpoint}"
        try:
            response = requests.request(method, url, auth=self.auth, timeout=self.timeout, **kwargs)
            answer = response.json()
        except requests.RequestException as e:
            raise ScrapydError(f"cannot reach {url}: {e}") from e
        except ValueError:
            raise ScrapydError(
                f"HTTP {response.status_code} from {url}: {response.text.strip()[:500]}"
            ) from None
        if not isinstance(answer, dict):
            raise ScrapydError(f"HTTP {response.status_code} from {url}: {answer!r}")
        if response.status_code >= 400 or answer.get("status") != "ok":
            raise ScrapydError(f"{url} answered {answer.get('message') or answer}")
        return answer


@dataclass
class ScheduledSpider:
    """What a tick schedules: a spider of a project, with its job parameters."""

    project: str
    spider: str
    args: dict[str, str] = field(default_factory=dict)
    settings: dict[str, str] = field(default_factory=dict)


class Ticker:
    """One tick: schedule the spider unless its last job is still active."""

    def __init__(self, scrapyd: Scrapyd, target: ScheduledSpider):
        self.scrapyd = scrapyd
        self.target = target
        self.ticks = 0
        self.failures = 0
        self.scheduled: list[str] = []

    def __call__(self) -> str | None:
        """The id of the job scheduled, or None (tick skipped or failed)."""
        self.ticks += 1
        project, spider = self.target.project, self.target.spider
        try:
            active = self.scrapyd.active_jobs(project, spider)
            if active:
                job = active[0]
                logger.info("Skipped tick %d: job %s of %s/%s is still %s",
                            self.ticks, job["id"], project, spider, job["state"])
                return None
            job_id = self.scrapyd.schedule(project, spider, self.target.args, self.target.settings)
        except ScrapydError as e:
            # A scrapyd restart must not end the schedule: the next tick retries.
            self.failures += 1
            logger.error("Tick %d failed: %s", self.ticks, e)
            return None
        self.scheduled.append(job_id)
        logger.info("Tick %d: scheduled %s/%s as job %s", self.ticks, project, spider, job_id)
        return job_id


def run(scrapyd: Scrapyd, target: ScheduledSpider, trigger: BaseTrigger,
        max_ticks: int | None = None, run_now: bool = True) -> Ticker:
    """Tick on ``trigger`` until SIGINT/SIGTERM or ``max_ticks`` ticks.

    With ``run_now`` the first tick is immediate, then the trigger's times
    follow. Returns the ticker, whose counters tell what happened.
    """
    ticker = Ticker(scrapyd, target)
    # One worker and one instance: ticks never run concurrently; a tick due
    # while the previous one still waits on scrapyd is dropped, not queued.
    scheduler = BlockingScheduler(
        executors={"default": {"type": "threadpool", "max_workers": 1}},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
    )

    def tick() -> None:
        try:
            ticker()
        finally:
            if max_ticks is not None and ticker.ticks >= max_ticks:
                scheduler.shutdown(wait=False)

    first = {"next_run_time": datetime.now(trigger.timezone)} if run_now else {}
    scheduler.add_job(tick, trigger, id="tick", name=f"{target.project}/{target.spider}", **first)
    logger.info("Scheduling %s/%s on %s (%s)", target.project, target.spider, scrapyd.url, trigger)
    with _stopped_by_signals(scheduler):
        scheduler.start()
    return ticker


@contextmanager
def _stopped_by_signals(scheduler: BlockingScheduler):
    # Handlers can only be installed from the main thread; tests may call
    # run() from another one.
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        logger.info("Received %s, stopping", signal.Signals(signum).name)
        if scheduler.running:
            scheduler.shutdown(wait=False)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
