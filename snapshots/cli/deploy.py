"""``python -m snapshots deploy``: build the egg and add it to scrapyd.

Unlike ``scrapyd-deploy``, the exit status is non-zero whenever scrapyd
does not answer ``{"status": "ok"}``.
"""

from __future__ import annotations

import shutil
import sys
import tempfile

from snapshots import deploy

HELP = "build and upload the egg to scrapyd, failing on an error answer"


def add_arguments(parser) -> None:
    parser.add_argument("--target", default="local",
                        help="[deploy:TARGET] section of scrapy.cfg or ~/.scrapy.cfg (default: local)")
    parser.add_argument("--url", help="scrapyd URL; replaces the target's URL and credentials "
                                      "(which then come from ~/.netrc, if any)")
    parser.add_argument("--project", help="scrapyd project (default: the target's, else snapshots)")
    parser.add_argument("--version", help="egg version (default: a timestamp; scrapyd runs the highest)")
    parser.add_argument("--build-egg", metavar="FILE", help="only build the egg and write it to FILE")


def run(args) -> int:
    try:
        if args.build_egg:
            return _build_only(args.build_egg)
        target = {"url": args.url} if args.url else deploy.deploy_target(args.target)
        project = args.project or target.get("project") or "snapshots"
        version = args.version or deploy.default_version()
        print(f"Deploying {project} {version} to {target['url']}", file=sys.stderr)
        answer = deploy.deploy(target["url"], project, version,
                               username=target.get("username"), password=target.get("password"))
    except deploy.DeployError as e:
        print(f"Deploy failed: {e}", file=sys.stderr)
        return 1
    print(f"Deployed {answer['project']} {answer['version']}: {answer['spiders']} spider(s)")
    return 0


def _build_only(path: str) -> int:
    with tempfile.TemporaryDirectory(prefix="snapshots-egg-") as tmp:
        shutil.copyfile(deploy.build_egg(tmp), path)
    print(f"Wrote {path}", file=sys.stderr)
    return 0
