"""Packaging for scrapyd eggs (``scrapyd-deploy``) and editable installs.

The package list is explicit: scrapyd's egg silently drops any folder that
is not named here, and ``tests`` must never ship.
"""

from setuptools import setup

setup(
    name="snapshots",
    version="0.1.0",
    packages=[
        "snapshots",
        "snapshots.cli",
        "snapshots.commands",
        "snapshots.extract",
        "snapshots.frontier",
        "snapshots.normalize",
        "snapshots.store",
        "snapshots.demo",
        "snapshots.web",
        "spiders",
        "pipelines",
    ],
    package_data={
        "snapshots": ["profiles/*.toml"],
        "snapshots.demo": ["templates/*.html", "*.md"],
        "snapshots.web": ["templates/*.html", "static/*.css"],
    },
    include_package_data=True,
    zip_safe=False,
    entry_points={"scrapy": ["settings = snapshots.settings"]},
    python_requires=">=3.11",
)
