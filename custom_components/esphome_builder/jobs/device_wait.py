"""Waiting for a job's device, and confirming the build it came back on.

The engine asks a ``DeviceWatch`` (given by the integration, which knows Home
Assistant's esphome devices and can probe an OTA port) whether a device is
reachable and which build it reports; here is only the timing: how long to
wait, how often to look, and when a device that came back counts as the old
build.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from .job import Job

# How often a waiting job looks for its device, and a confirming one for its build.
WAIT_POLL = 2.0
CONFIRM_POLL = 0.25
# A device back online on another build gets this long to report the new one:
# HA's esphome integration may show it online a moment before its new info.
SETTLE = 3.0


class Reachability(StrEnum):
    """What is known of whether a job's device can take an upload now."""

    ONLINE = "online"
    # Home Assistant knows the device, and neither it nor a probe reaches it.
    OFFLINE = "offline"
    # Nothing knows the device, and a probe (if one was possible) failed.
    UNKNOWN = "unknown"


@dataclass(slots=True, frozen=True)
class DeviceReport:
    """What Home Assistant's esphome integration says about a device now."""

    online: bool
    # The build the device reports (ESPHome's compilation time), when known.
    compilation_time: str | None


class DeviceWatch(ABC):
    """What the engine asks about the device of an upload or install."""

    @abstractmethod
    async def async_reachability(self, job: Job) -> Reachability:
        """Return whether the job's device can take an upload now."""

    @abstractmethod
    def report(self, job: Job) -> DeviceReport | None:
        """Return what the device reports, or None when nothing reports on it."""

    @abstractmethod
    async def async_expected_build(self, job: Job) -> str | None:
        """Return the compilation time of the build the job flashes, if known."""


async def async_wait_until_online(watch: DeviceWatch, job: Job) -> None:
    """Return once the job's device is reachable; the caller bounds the time."""
    while await watch.async_reachability(job) is not Reachability.ONLINE:
        await asyncio.sleep(WAIT_POLL)


async def async_confirm_build(
    watch: DeviceWatch, job: Job, accepts: Callable[[str], bool], timeout: float
) -> tuple[bool | None, str | None]:
    """Wait for the device to report a build ``accepts``; return (confirmed, seen).

    Not confirmed (False): the device went away and came back on another build
    (after ``SETTLE``), or ``timeout`` passed without it reporting one that
    ``accepts`` takes. None: nothing reports on the device.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    went_away = False
    other_since: float | None = None
    seen: str | None = None
    while loop.time() < deadline:
        report = watch.report(job)
        if report is None:
            return None, seen
        seen = report.compilation_time if report.online else seen
        if report.online and seen is not None and accepts(seen):
            return True, seen
        if not report.online:
            went_away, other_since = True, None
        elif went_away:
            other_since = other_since if other_since is not None else loop.time()
            if loop.time() - other_since >= SETTLE:
                return False, seen
        await asyncio.sleep(CONFIRM_POLL)
    return False, seen
