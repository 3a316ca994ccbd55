"""The public shapes sent to clients: jobs, job events, devices, follow messages.

The names and fields are the public contract that the panel and outside
clients rely on (README.md, "Websocket API"): add fields, never rename.
"""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant, callback

from .ha_devices import async_device_status
from .jobs.batch import BATCH_PROGRESS, Batch
from .jobs.job import Job
from .models import DeviceConfig
from .pending import Message
from .runtime import BuilderRuntime


def job_payload(job: Job) -> dict[str, Any]:
    """Return the job's public dict with its output."""
    return {**job.as_dict(), "output": job.output()}


def job_event(event_type: str, job: Job) -> Message:
    """Return a job event as a stream sends it."""
    return {"type": event_type, "job": job.as_dict()}


def batch_event(event_type: str, batch: Batch) -> Message:
    """Return a batch event as a stream sends it; progress without the items."""
    if event_type == BATCH_PROGRESS:
        return {"type": event_type, "batch": batch.summary()}
    return {"type": event_type, "batch": batch.as_dict()}


def history_message(job: Job) -> Message:
    """Return what a follower gets first: the retained output, then live lines."""
    lines = job.buffer.snapshot()
    if lines and job.buffer.transient:
        # The last line is a progress bar the next line overwrites: keep it
        # marked, as live output is.
        lines[-1] += "\r"
    return {
        "type": "history",
        "lines": lines,
        "elided": job.elided,
        "job": job.as_dict(),
    }


def result_message(job: Job) -> Message:
    """Return the last message of a follow stream."""
    return {
        "type": "result",
        "status": str(job.status),
        "exit_code": job.exit_code,
        "error": job.error,
    }


@callback
def device_dict(
    hass: HomeAssistant, config: DeviceConfig, builders: list[str] | None = None
) -> dict[str, Any]:
    """Return the public shape of a configuration with its HA device link.

    ``builders`` names the remote builders that also list it; ``remote`` marks a
    configuration that exists only on a remote builder.
    """
    ha_device_id, online, known = async_device_status(hass, config)
    return {
        **config.as_dict(),
        "ha_device_id": ha_device_id,
        "online": online,
        # Whether HA's esphome integration knows the node: without it,
        # ``online`` false only means nothing connects to it.
        "known_to_ha": known,
        "remote": False,
        "builders": builders or [],
    }


@callback
def all_devices(hass: HomeAssistant, runtime: BuilderRuntime) -> list[dict[str, Any]]:
    """Return the local configurations, then those only remote builders have."""
    remote = runtime.builders.remote_configurations() if runtime.builders else {}
    configs = runtime.catalog.configs()
    devices = [
        device_dict(hass, config, remote.get(config.configuration))
        for config in configs
    ]
    local = {config.configuration for config in configs}
    for configuration in sorted(set(remote) - local):
        stem = configuration.rsplit(".", 1)[0]
        config = DeviceConfig(configuration, stem, None, None)
        devices.append(
            {**device_dict(hass, config, remote[configuration]), "remote": True}
        )
    return devices
