"""The integration harness: an SMTP sink that records every message and helpers to run,
kill and stop real Celery worker processes."""

import asyncio
import os
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest


def wait_for(predicate: Callable[[], bool], *, timeout: float, what: str, interval=0.2) -> None:
    """Poll ``predicate`` until it is true; fail the test after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    pytest.fail(f"timed out after {timeout:.0f}s waiting for {what}")


# --- SMTP sink ------------------------------------------------------------------------


@dataclass
class ReceivedMessage:
    recipients: list[str]
    content: bytes
    received_at: float = field(default_factory=time.monotonic)


@dataclass
class RecordingHandler:
    """Records each message when it answers 250. ``hold_after(n)``: once n messages are
    recorded, every further DATA is held unanswered (the client waits for the final
    reply) until ``release()``, and is then refused without being recorded: what a real
    server does with a message whose SMTP transaction was never completed."""

    messages: list[ReceivedMessage] = field(default_factory=list)
    held: int = 0
    _hold_after: int | None = None
    _released: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        if self._hold_after is not None and len(self.messages) >= self._hold_after:
            with self._lock:
                self.held += 1
            while not self._released.is_set():
                await asyncio.sleep(0.05)
            return "451 4.3.0 Not accepted: the transaction was interrupted"
        with self._lock:
            self.messages.append(
                ReceivedMessage(list(envelope.rcpt_tos), envelope.original_content)
            )
        return "250 2.0.0 OK"

    def count(self) -> int:
        with self._lock:
            return len(self.messages)

    def hold_after(self, count: int) -> None:
        self._released.clear()
        self.held = 0
        self._hold_after = count

    def release(self) -> None:
        self._hold_after = None
        self._released.set()

    def clear(self) -> None:
        with self._lock:
            self.messages.clear()


def free_port() -> int:
    """A free TCP port: from ``ALMEN_TEST_PORTS`` ("8780-8799") when set, for machines
    where each user has a range of ports, else any the system offers."""
    first, _, last = os.environ.get("ALMEN_TEST_PORTS", "").partition("-")
    candidates = range(int(first), int(last) + 1) if first and last else [0]
    for port in candidates:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return probe.getsockname()[1]
    raise RuntimeError("no free port in ALMEN_TEST_PORTS")


@dataclass
class Worker:
    process: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def kill(self) -> None:
        """SIGKILL the worker and its pool processes (its own process group)."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.kill()
