"""Build the project's egg and upload it to scrapyd, failing on any error.

``scrapyd-deploy`` only checks the HTTP status, and scrapyd reports most
errors (a broken egg, spiders that fail to import) as ``200`` with
``{"status": "error"}``, so a failed deploy exits 0. Here every error answer,
HTTP error or unreachable server raises :class:`DeployError` with scrapyd's
message.

Targets are the ``[deploy:NAME]`` sections scrapyd-deploy reads, with the
same sources and ``${VAR}`` expansion (see docs/deploy.md).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
from scrapyd_client.utils import get_auth, get_config

# The source checkout: setup.py and scrapy.cfg live here.
ROOT = Path(__file__).resolve().parent.parent

_ENV_VARIABLE = re.compile(r"\$(?:(\w+)|\{(\w+)\})")


class DeployError(Exception):
    """A deploy that did not succeed; the message says why."""


def deploy_target(name: str, root: Path = ROOT) -> dict[str, str]:
    """The ``[deploy:NAME]`` target as scrapyd-deploy sees it.

    ``[deploy]`` holds defaults for every target. Sources are read in
    scrapyd-deploy's order (/etc/scrapy.cfg, ~/.scrapy.cfg...), the
    project's scrapy.cfg last, whatever the current directory.
    """
    cfg = get_config(use_closest=False)
    cfg.read(root / "scrapy.cfg")
    section = f"deploy:{name}"
    if not cfg.has_section(section):
        known = sorted(s.removeprefix("deploy:") for s in cfg.sections() if s.startswith("deploy:"))
        raise DeployError(f"unknown deploy target {name!r} (known: {', '.join(known) or 'none'})")
    sections = ["deploy", section] if cfg.has_section("deploy") else [section]
    for s in sections:
        _check_variables(cfg, s, name)
    target = {**dict(cfg.items(sections[0])), **dict(cfg.items(section))}
    if not target.get("url"):
        raise DeployError(f"deploy target {name!r} has no url")
    return target


def _check_variables(cfg, section: str, name: str) -> None:
    # os.path.expandvars leaves unknown variables as they are: a URL of
    # "${SCRAPYD_URL}" would otherwise fail later, obscurely.
    for option in cfg.options(section):
        raw = cfg.get(section, option, raw=True)
        for match in _ENV_VARIABLE.finditer(raw):
            variable = match.group(1) or match.group(2)
            if variable not in os.environ:
                raise DeployError(
                    f"deploy target {name!r}: {option} needs the environment variable {variable}"
                )


def build_egg(dest: str | os.PathLike, root: Path = ROOT) -> Path:
    """Build the egg with the project's setup.py and return its path in ``dest``.

    Every build folder is under ``dest``: nothing is written to the working
    tree, and no stale ``build/`` from an earlier build ends up in the egg.
    """
    dest = Path(dest)
    command = [
        sys.executable, "setup.py",
        "egg_info", "--egg-base", str(dest),
        "build", "--build-base", str(dest / "build"),
        "bdist_egg", "--bdist-dir", str(dest / "bdist"), "--dist-dir", str(dest / "dist"),
    ]
    proc = subprocess.run(command, cwd=root, capture_output=True, text=True)
    eggs = sorted((dest / "dist").glob("*.egg"))
    if proc.returncode or not eggs:
        output = (proc.stderr or proc.stdout).strip()[-2000:]
        raise DeployError(f"building the egg failed (exit {proc.returncode}):\n{output}")
    return eggs[0]


def default_version() -> str:
    # scrapyd runs the highest version; like scrapyd-deploy, a timestamp keeps
    # the latest upload the highest.
    return str(int(time.time()))


def add_version(url: str, project: str, version: str, egg: str | os.PathLike,
                auth=None, timeout: float = 300) -> dict:
    """POST the egg to ``addversion.json`` and return scrapyd's answer.

    scrapyd runs ``scrapy list`` from the new egg before it answers, which is
    what catches spiders that fail to import: hence the long timeout.
    """
    endpoint = f"{url.rstrip('/')}/addversion.json"
    try:
        with open(egg, "rb") as f:
            response = requests.post(
                endpoint,
                data={"project": project, "version": version},
                files={"egg": ("project.egg", f)},
                auth=auth,
                timeout=timeout,
            )
    except requests.RequestException as e:
        raise DeployError(f"cannot reach {endpoint}: {e}") from e
    return read_answer(response)


def read_answer(response: requests.Response) -> dict:
    """scrapyd's JSON answer; :class:`DeployError` unless its status is "ok"."""
    try:
        answer = response.json()
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        text = response.text.strip()[:1000] or "(empty body)"
        raise DeployError(f"HTTP {response.status_code} from {response.url}: {text}")
    if response.status_code >= 400 or answer.get("status") != "ok":
        message = answer.get("message") or answer
        raise DeployError(f"scrapyd answered {answer.get('status', 'no status')!r} "
                          f"(HTTP {response.status_code}): {message}")
    return answer


def remove_version(url: str, project: str, version: str, auth=None, timeout: float = 60) -> str:
    """POST ``delversion.json``; what happened, in words."""
    endpoint = f"{url.rstrip('/')}/delversion.json"
    try:
        read_answer(requests.post(endpoint, data={"project": project, "version": version},
                                  auth=auth, timeout=timeout))
    except requests.RequestException as e:
        return f"could not remove version {version} ({e}): remove it with {endpoint}"
    except DeployError as e:
        if "not found" in str(e).lower() or "no such" in str(e).lower():
            return f"version {version} was not installed"
        return f"could not remove version {version} ({e}): remove it with {endpoint}"
    return f"version {version} removed from scrapyd"


def publish(url: str, project: str, version: str, egg: str | os.PathLike, auth=None) -> dict:
    """Add the egg as ``version``; when scrapyd refuses it (its spiders do
    not load) or the upload fails, remove that version again, so that the
    next scheduled job does not run a broken egg (scrapyd keeps it)."""
    try:
        return add_version(url, project, version, egg, auth=auth)
    except DeployError as e:
        raise DeployError(f"{e}\n{remove_version(url, project, version, auth=auth)}") from e


def deploy(url: str, project: str, version: str, username: str | None = None,
           password: str | None = None) -> dict:
    """Build the egg in a temporary folder and add it to scrapyd as ``version``."""
    # Credentials of the target, else ~/.netrc, like scrapyd-deploy.
    auth = get_auth(url=url, username=username, password=password or "")
    with tempfile.TemporaryDirectory(prefix="snapshots-egg-") as tmp:
        egg = build_egg(tmp)
        return publish(url, project, version, egg, auth=auth)
