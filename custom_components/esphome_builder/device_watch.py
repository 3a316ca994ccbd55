"""What the engine learns about a device: reachable now, and which build it runs.

Home Assistant's esphome integration says whether it is connected to the node
and which build the node reported (its compilation time); a TCP probe of the
node's OTA port covers a node that integration does not know, or has not
reconnected to yet. The build a local compile produced is in ESPHome's
``build_info.json``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from pathlib import Path

from homeassistant.core import HomeAssistant

from .catalog import ConfigCatalog
from .ha_devices import HaEsphomeDevice, async_find_esphome_device
from .jobs.device_wait import DeviceReport, DeviceWatch, Reachability
from .jobs.job import Job
from .jobs.plan import BUILDER_LOCAL
from .models import DeviceConfig

PROBE_TIMEOUT = 1.5


async def async_probe(host: str, port: int) -> bool:
    """Return True when something accepts a TCP connection on host:port."""
    try:
        async with asyncio.timeout(PROBE_TIMEOUT):
            _, writer = await asyncio.open_connection(host, port)
    except (OSError, TimeoutError, RuntimeError):
        # RuntimeError: a test harness that blocks sockets says so this way.
        return False
    writer.close()
    with contextlib.suppress(OSError):
        await writer.wait_closed()
    return True


def read_build_time(configs_dir: Path, name: str) -> str | None:
    """Return the compilation time of the last local build of node ``name``."""
    path = configs_dir / ".esphome" / "build" / name / "build_info.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    built = data.get("build_time_str") if isinstance(data, dict) else None
    return built if isinstance(built, str) and built else None


class HaDeviceWatch(DeviceWatch):
    """Answers the engine from Home Assistant's esphome devices and a probe."""

    def __init__(self, hass: HomeAssistant, catalog: ConfigCatalog) -> None:
        """Initialize over the configurations the catalog knows."""
        self.hass = hass
        self._catalog = catalog

    def _node(self, job: Job) -> tuple[DeviceConfig | None, HaEsphomeDevice | None]:
        config = self._catalog.get(job.configuration)
        if config is None:
            return None, None
        return config, async_find_esphome_device(self.hass, config)

    async def async_reachability(self, job: Job) -> Reachability:
        """Return ONLINE when HA is connected to the node or its OTA port answers."""
        config, node = self._node(job)
        if node is not None and node.online:
            return Reachability.ONLINE
        host = job.device if job.device and job.device != "OTA" else None
        host = host or (node.host if node is not None else None)
        if host is None and config is not None and config.name:
            host = f"{config.name}.local"
        port = config.ota_port if config is not None else None
        if host and port and await async_probe(host, port):
            return Reachability.ONLINE
        return Reachability.OFFLINE if node is not None else Reachability.UNKNOWN

    def report(self, job: Job) -> DeviceReport | None:
        """Return what HA's esphome integration says of the node, if it knows it."""
        _, node = self._node(job)
        if node is None:
            return None
        return DeviceReport(online=node.online, compilation_time=node.compilation_time)

    async def async_expected_build(self, job: Job) -> str | None:
        """Return the compilation time of the local build the job flashed."""
        config, _ = self._node(job)
        if job.builder != BUILDER_LOCAL or config is None or not config.name:
            return None
        return await self.hass.async_add_executor_job(
            read_build_time, self._catalog.configs_dir, config.name
        )
