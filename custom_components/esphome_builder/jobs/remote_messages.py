"""What a remote builder's job messages mean: output lines and exit codes."""

from __future__ import annotations

from typing import Any

from ..builder_client import CommandFailed, ConnectionLost
from .runner import OutputFeed

# After asking the server to cancel, how long to wait for it to confirm.
CANCEL_GRACE = 5.0
# How long a job given up on here may spend asking the server to cancel it
# (on a new connection, when its own is gone).
CANCEL_SEND_TIMEOUT = 3.0
# Exit codes the server reports are kept only within a C int; anything else
# (a float, a string, a 100-digit number) counts as a plain failure.
_EXIT_CODES = range(-(2**31), 2**31)


class RemoteCancelled(Exception):
    """The server reports the job cancelled, and we did not ask for it."""


def feed_raw(feed: OutputFeed, text: Any) -> None:
    """Feed text as it came (a spawn socket's chunk)."""
    if isinstance(text, str) and text:
        feed(text.encode("utf-8", "replace"))


def feed_line(feed: OutputFeed, text: Any) -> None:
    """Feed a line, adding a newline when the server stripped its terminator."""
    if not isinstance(text, str):
        return
    if not text.endswith(("\n", "\r")):
        text += "\n"
    feed(text.encode("utf-8", "replace"))


def follow_exit_code(data: dict[str, Any], feed: OutputFeed) -> int | None:
    """Take one ``follow_job`` message: feed output; the exit code at its result."""
    if "error_code" in data:
        raise CommandFailed(str(data["error_code"]), str(data.get("details") or ""))
    event = data.get("event")
    if event == "output":
        feed_line(feed, data.get("data"))
    elif event == "result":
        return queued_exit_code(feed, data.get("data"))
    elif event is None:
        raise ConnectionLost("the server ended the stream without a result")
    return None


def exit_code(value: Any) -> int:
    """Return the exit code a server reported, or 1 when it is not one."""
    if isinstance(value, bool) or not isinstance(value, int):
        return 1
    return value if value in _EXIT_CODES else 1


def queued_exit_code(feed: OutputFeed, result: Any) -> int:
    """Turn a firmware job's result into an exit code."""
    if not isinstance(result, dict):
        return 1
    status = result.get("status")
    code = result.get("exit_code")
    if status == "cancelled":
        raise RemoteCancelled
    if status == "completed":
        return 0
    error = result.get("error")
    if error:
        feed_line(feed, f"Remote builder: {error}")
    code = exit_code(code)
    return code if code != 0 else 1
