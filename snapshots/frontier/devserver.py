"""A throwaway ``redis-server`` for tests and benchmarks (never for crawls).

Debian's ``redis-server`` (``scripts/setup-env.sh`` installs it), on a free
port of 127.0.0.1, with its own folder and no persistence; stopped by PID.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path


class RedisServer:
    def __init__(self, process: subprocess.Popen, port: int, folder: Path):
        self.process = process
        self.pid = process.pid
        self.port = port
        self.folder = folder
        self.url = f"redis://127.0.0.1:{port}/0"

    def stop(self) -> None:
        if self.process.poll() is None:
            os.kill(self.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(self.pid, signal.SIGKILL)
                self.process.wait()

    def cpu_seconds(self) -> float:
        """User plus system CPU time the server has used."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def __enter__(self) -> RedisServer:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(folder: Path, executable: str = "redis-server", attempts: int = 5) -> RedisServer:
    binary = shutil.which(executable)
    if binary is None:
        raise FileNotFoundError(f"{executable} not found: install Debian's redis-server "
                                "(scripts/setup-env.sh does)")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for _ in range(attempts):
        port = _free_port()  # redis-server has no "port 0"; retried if taken meanwhile
        process = subprocess.Popen(
            [binary, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(folder),
             "--save", "", "--appendonly", "no", "--daemonize", "no",
             "--logfile", str(folder / "redis.log")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(16).startswith(b"+PONG"):
                        return RedisServer(process, port, folder)
            except OSError:
                time.sleep(0.05)
        if process.poll() is None:
            process.kill()
        process.wait()
    raise RuntimeError(f"redis-server did not start; see {folder / 'redis.log'}")
