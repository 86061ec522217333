"""A Spidermon action for the tests: a notification that writes the failed
monitors to the file named by the NOTIFY_FILE setting."""

from __future__ import annotations

from pathlib import Path

from spidermon.core.actions import Action


class WriteNotification(Action):
    def __init__(self, path: str):
        super().__init__()
        self.path = path

    @classmethod
    def from_crawler_kwargs(cls, crawler):
        return {"path": crawler.settings.get("NOTIFY_FILE")}

    def run_action(self):
        names = sorted(r.item.name for r in self.result.monitors_failed_results)
        Path(self.path).write_text("\n".join(names) + "\n")
