"""Can the ESPHome command run? The probed version, and the repair issue.

`esphome version` runs once at setup. When it fails, or when a job fails with
the "No module named 'esphome'" hint, a repair issue says what to install and
where. While the issue is open the command is probed again after each later
job and every few minutes; the first probe that works clears the issue.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
import os
from pathlib import Path
import shlex

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.event import async_track_time_interval

from .command import CommandError, probe_version
from .const import CONF_ESPHOME_COMMAND, DOMAIN, INSTALL_HINT
from .jobs.job import JOB_FAILED, Job
from .jobs.manager import JobManager
from .listeners import Listeners
from .runtime import entry_settings

ISSUE_ID = "esphome_not_runnable"
REPROBE_INTERVAL = timedelta(minutes=5)
# While the command works, its version is probed again this often, and after
# a job once this long has passed: an upgraded ESPHome shows without a reload.
VERSION_REPROBE_INTERVAL = timedelta(hours=6)
AFTER_JOB_REPROBE = timedelta(minutes=10)

HealthListener = Callable[[], None]


def install_advice(command: list[str] | None) -> str:
    """Return the command line that installs ESPHome where ``command`` runs."""
    if not command:
        return "pip install esphome"
    exe = command[0]
    if Path(exe).name.startswith("python"):
        return f"{shlex.quote(exe)} -m pip install esphome"
    if os.sep in exe:
        # A venv's bin/esphome sits next to the bin/python that runs it.
        return f"{shlex.quote(str(Path(exe).parent / 'python'))} -m pip install esphome"
    return "pip install esphome"


@callback
def async_report_unrunnable(
    hass: HomeAssistant, command: list[str] | str | None, detail: str
) -> None:
    """Open (or refresh) the repair issue for a command that cannot run."""
    if isinstance(command, str):
        try:
            argv: list[str] | None = shlex.split(command) or None
        except ValueError:
            argv = None
        text = command
    else:
        argv = command
        text = shlex.join(command) if command else ""
    ir.async_create_issue(
        hass,
        DOMAIN,
        ISSUE_ID,
        is_fixable=True,
        is_persistent=False,
        severity=ir.IssueSeverity.ERROR,
        translation_key=ISSUE_ID,
        translation_placeholders={
            "command": text or "esphome (from PATH)",
            "detail": detail,
            "install": install_advice(argv),
        },
    )


@callback
def async_report_setup_error(
    hass: HomeAssistant, entry: ConfigEntry, err: CommandError
) -> None:
    """Open the repair issue for a command setting that cannot even be parsed."""
    command = entry_settings(entry).get(CONF_ESPHOME_COMMAND) or None
    async_report_unrunnable(hass, command, err.detail or err.reason)


@callback
def async_clear_issue(hass: HomeAssistant) -> None:
    """Close the repair issue."""
    ir.async_delete_issue(hass, DOMAIN, ISSUE_ID)


class CommandHealth:
    """The version of the ESPHome command, and whether it can run."""

    def __init__(
        self, hass: HomeAssistant, entry: ConfigEntry, manager: JobManager
    ) -> None:
        """Initialize; call async_probe, then async_start."""
        self.hass = hass
        self.entry = entry
        self.manager = manager
        self.command = manager.settings.command
        self.version: str | None = None
        self.problem: str | None = None
        self._listeners: Listeners[()] = Listeners()
        self._timer: CALLBACK_TYPE | None = None
        self._probing = False
        self._started = False
        self._probed_at = 0.0

    @property
    def listener_count(self) -> int:
        """Return how many listeners are attached (for leak checks)."""
        return len(self._listeners)

    @callback
    def async_listen(self, listener: HealthListener) -> CALLBACK_TYPE:
        """Call ``listener()`` when the version or the problem changes."""
        return self._listeners.add(listener)

    async def async_probe(self) -> bool:
        """Run `esphome version`; update the version and the issue."""
        if self._probing:
            return self.problem is None
        self._probing = True
        self._probed_at = self.hass.loop.time()
        try:
            version = await probe_version(self.command)
        except CommandError as err:
            self.version = None
            self._set_problem(err.detail or err.reason)
            return False
        finally:
            self._probing = False
        self.version = version
        if self.problem is not None:
            self.problem = None
            async_clear_issue(self.hass)
            self._stop_timer()
        else:
            # A leftover from a setup that failed before this one.
            async_clear_issue(self.hass)
        self._notify()
        return True

    @callback
    def async_start(self) -> CALLBACK_TYPE:
        """Watch jobs for the install hint; return the callable that stops it."""
        self._started = True
        unsub_jobs = self.manager.async_listen_jobs(self._job_event)
        if self.problem is not None:
            self._start_timer()

        @callback
        def _tick(_: datetime) -> None:
            self._schedule_probe()

        unsub_version = async_track_time_interval(
            self.hass, _tick, VERSION_REPROBE_INTERVAL, name=f"{DOMAIN} version"
        )

        @callback
        def stop() -> None:
            self._started = False
            unsub_jobs()
            unsub_version()
            self._stop_timer()

        return stop

    @callback
    def _job_event(self, event_type: str, job: Job) -> None:
        if not job.status.is_terminal:
            return
        if event_type == JOB_FAILED and job.error == INSTALL_HINT:
            self._set_problem(
                f"the {job.action} job of {job.configuration} failed with "
                "\"No module named 'esphome'\""
            )
            return
        since = self.hass.loop.time() - self._probed_at
        if self.problem is not None or since >= AFTER_JOB_REPROBE.total_seconds():
            self._schedule_probe()

    @callback
    def _set_problem(self, detail: str) -> None:
        self.problem = detail
        async_report_unrunnable(self.hass, self.command, detail)
        if self._started:
            self._start_timer()
        self._notify()

    @callback
    def _schedule_probe(self) -> None:
        if self._probing or not self._started:
            return
        # The entry's background task: unloading cancels it and waits, and
        # a cancelled probe kills its process group.
        self.entry.async_create_background_task(
            self.hass, self.async_probe(), f"{DOMAIN} re-probe ESPHome"
        )

    @callback
    def _start_timer(self) -> None:
        if self._timer is not None:
            return

        @callback
        def _tick(_: datetime) -> None:
            self._schedule_probe()

        self._timer = async_track_time_interval(
            self.hass, _tick, REPROBE_INTERVAL, name=f"{DOMAIN} re-probe"
        )

    @callback
    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer()
            self._timer = None

    @callback
    def _notify(self) -> None:
        self._listeners.fire()
