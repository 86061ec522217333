"""``python -m snapshots deploy``: the egg's contents, targets, and failures.

scrapyd itself is stood in for by a small loopback HTTP server here; the
deploy to a real scrapyd is in test_scrapyd.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import zipfile
from email import message_from_bytes
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from snapshots import deploy

ROOT = Path(__file__).resolve().parent.parent


def run_deploy(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SCRAPY_SETTINGS_MODULE"}
    return subprocess.run([sys.executable, "-m", "snapshots", "deploy", *args], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)


class FakeScrapyd(ThreadingHTTPServer):
    """Answers every POST with ``answer`` (JSON) and ``status``."""

    def __init__(self, answer: dict | str, status: int = 200):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.answer = answer
        self.status = status
        # Answers of particular endpoints, e.g. {"/delversion.json": {...}}.
        self.by_path: dict[str, dict] = {}
        self.requests: list[dict] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        form = _multipart(self.headers["Content-Type"], body)
        self.server.requests.append({"path": self.path, **form})
        answer = self.server.by_path.get(self.path, self.server.answer)
        body = (answer if isinstance(answer, str) else json.dumps(answer)).encode()
        self.send_response(self.server.status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def _multipart(content_type: str, body: bytes) -> dict:
    if content_type.startswith("application/x-www-form-urlencoded"):
        return {k: v[0] for k, v in parse_qs(body.decode()).items()}
    message = message_from_bytes(f"Content-Type: {content_type}\r\n\r\n".encode() + body)
    form = {}
    for part in message.get_payload():
        name = part.get_param("name", header="content-disposition")
        value = part.get_payload(decode=True)
        form[name] = value if part.get_filename() else value.decode()
    return form


@pytest.fixture
def fake_scrapyd():
    servers = []

    def start(answer, status=200) -> FakeScrapyd:
        server = FakeScrapyd(answer, status)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def egg(tmp_path_factory) -> Path:
    return deploy.build_egg(tmp_path_factory.mktemp("egg"))


def test_error_answer_fails_with_its_message(fake_scrapyd):
    message = "ImportError: cannot import name 'TechSpider'"
    server = fake_scrapyd({"status": "error", "message": message, "node_name": "test"})
    proc = run_deploy("--url", server.url, "--version", "7")
    assert proc.returncode != 0
    assert message in proc.stderr
    # The egg did reach the server: the failure is the server's answer.
    request, removal = server.requests
    assert request["path"] == "/addversion.json"
    assert (request["project"], request["version"]) == ("snapshots", "7")
    assert request["egg"][:2] == b"PK"
    # ... and the version it left installed is removed again.
    assert removal["path"] == "/delversion.json"
    assert (removal["project"], removal["version"]) == ("snapshots", "7")


def test_a_refused_version_is_removed_and_said_so(fake_scrapyd):
    server = fake_scrapyd({"status": "error", "message": "spiders failed to load"})
    server.by_path["/delversion.json"] = {"status": "ok"}
    proc = run_deploy("--url", server.url, "--version", "9")
    assert proc.returncode == 1
    assert "spiders failed to load" in proc.stderr
    assert "version 9 removed from scrapyd" in proc.stderr


def test_ok_answer_succeeds(fake_scrapyd):
    server = fake_scrapyd({"status": "ok", "project": "snapshots", "version": "8", "spiders": 2})
    proc = run_deploy("--url", server.url + "/", "--version", "8")
    assert proc.returncode == 0, proc.stderr
    assert "snapshots 8: 2 spider(s)" in proc.stdout
    assert server.requests[0]["path"] == "/addversion.json"


@pytest.mark.parametrize("answer, status", [
    ("<html>Internal Server Error</html>", 500),
    ({"status": "error", "message": "Unauthorized"}, 401),
])
def test_http_error_fails(fake_scrapyd, egg, answer, status):
    server = fake_scrapyd(answer, status)
    with pytest.raises(deploy.DeployError, match=str(status)):
        deploy.add_version(server.url, "snapshots", "1", egg)


def test_unreachable_server_fails(egg):
    from snapshots.localdb import free_port

    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(deploy.DeployError, match="cannot reach"):
        deploy.add_version(url, "snapshots", "1", egg, timeout=5)


def test_egg_carries_the_project(egg):
    names = set(zipfile.ZipFile(egg).namelist())
    for module in ("snapshots/settings.py", "spiders/__init__.py", "pipelines/__init__.py"):
        assert module in names
    assert not any(name.startswith("tests/") for name in names)
    profiles = sorted(p.name for p in (ROOT / "snapshots" / "profiles").glob("*.toml"))
    assert profiles, "no bundled site profiles"
    for profile in profiles:
        assert f"snapshots/profiles/{profile}" in names
    entry_points = zipfile.ZipFile(egg).read("EGG-INFO/entry_points.txt").decode()
    assert "settings = snapshots.settings" in entry_points


def test_egg_carries_every_data_file(egg):
    # Files the crawl reads at run time (templates, profiles...) must be
    # package data, or the scrapyd job runs without them.
    names = set(zipfile.ZipFile(egg).namelist())
    packages = {name.split("/")[0] for name in names if not name.startswith("EGG-INFO/")}
    missing = [
        path.relative_to(ROOT).as_posix()
        for package in sorted(packages)
        for path in (ROOT / package).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
        and path.relative_to(ROOT).as_posix() not in names
    ]
    assert not missing, f"not in the egg (setup.py packages or package_data): {missing}"


def test_profiles_readable_from_the_zipped_egg(egg, tmp_path):
    # scrapyd puts the egg, still zipped, on sys.path: resources must be read
    # with importlib.resources, not through the file system.
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from importlib import resources;"
        "print(sorted(p.name for p in resources.files('snapshots').joinpath('profiles').iterdir()))"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(egg)], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "demo.toml" in proc.stdout


def test_target_variables_come_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))
    (tmp_path / "scrapy.cfg").write_text(
        "[deploy:local]\nurl = http://127.0.0.1:6800\nproject = snapshots\n\n"
        "[deploy:production]\nurl = ${SCRAPYD_URL}\nproject = snapshots\n"
        "username = ${SCRAPYD_USERNAME}\npassword = ${SCRAPYD_PASSWORD}\n"
    )
    for name in ("SCRAPYD_URL", "SCRAPYD_USERNAME", "SCRAPYD_PASSWORD"):
        monkeypatch.delenv(name, raising=False)

    # An unset variable only matters to the target that uses it.
    assert deploy.deploy_target("local", root=tmp_path)["url"] == "http://127.0.0.1:6800"
    with pytest.raises(deploy.DeployError, match="SCRAPYD_URL"):
        deploy.deploy_target("production", root=tmp_path)

    monkeypatch.setenv("SCRAPYD_URL", "https://scrapyd.example.com")
    monkeypatch.setenv("SCRAPYD_USERNAME", "ops")
    monkeypatch.setenv("SCRAPYD_PASSWORD", "s3cr%t$x")
    target = deploy.deploy_target("production", root=tmp_path)
    assert target["url"] == "https://scrapyd.example.com"
    assert (target["username"], target["password"]) == ("ops", "s3cr%t$x")

    with pytest.raises(deploy.DeployError, match="unknown deploy target 'staging'"):
        deploy.deploy_target("staging", root=tmp_path)


def test_user_config_holds_credentials(tmp_path, monkeypatch):
    # ~/.scrapy.cfg is read before the project's scrapy.cfg: credentials kept
    # there complete a target the repository only names.
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    (home / ".scrapy.cfg").write_text(
        "[deploy:production]\nurl = https://scrapyd.example.com\nusername = ops\npassword = pw\n"
    )
    (tmp_path / "scrapy.cfg").write_text("[deploy:production]\nproject = snapshots\n")
    target = deploy.deploy_target("production", root=tmp_path)
    assert target == {"url": "https://scrapyd.example.com", "username": "ops",
                      "password": "pw", "project": "snapshots"}
