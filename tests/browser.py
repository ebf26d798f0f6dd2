"""A real app server and a real headless Chromium, for the end-to-end test and the bench.

Chromium is Debian's package driven by Playwright (``executable_path``); nothing
is downloaded at run time.  Without it the test is skipped and says why, unless
``INCIDENTS_REQUIRE_BROWSER=1`` (CI), which makes that a failure.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ROOT = Path(__file__).resolve().parent.parent
REQUIRE_BROWSER = os.environ.get("INCIDENTS_REQUIRE_BROWSER") == "1"


def browser_unavailable() -> str | None:
    if not Path(CHROMIUM).exists():
        return (f"{CHROMIUM} is missing: install Debian's chromium "
                "(apt-get install -y chromium) to run the browser test")
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def app_server(db_url: str, *, env: dict[str, str] | None = None,
               timeout: float = 60.0, script: Path | None = None) -> Iterator[str]:
    """``streamlit run app.py`` (or ``script``) on ``db_url``; yields the base URL, stops
    it afterwards."""
    port = free_port()
    full_env = {**os.environ, "INCIDENTS_DB_URL": db_url, **(env or {})}
    proc = subprocess.Popen(
        [sys.executable, "-m", "incidents.ui.serve", "run", str(script or ROOT / "app.py"),
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=full_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait_healthy(base, proc, timeout)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _wait_healthy(base: str, proc: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            out = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
            raise RuntimeError(f"the app server exited with {proc.returncode}:\n{out}")
        try:
            with urllib.request.urlopen(base + "_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the app server at {base} did not answer within {timeout:.0f} s")


@contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS,
                                     headless=True)
        try:
            yield browser
        finally:
            browser.close()


def wait_rendered(page: Any, timeout_ms: float = 30_000) -> None:
    """Until Streamlit has finished the run: no spinner/"running" state, metrics drawn."""
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=timeout_ms)
    page.wait_for_function(
        """() => !document.querySelector('[data-testid="stStatusWidget"]')""",
        timeout=timeout_ms,
    )
