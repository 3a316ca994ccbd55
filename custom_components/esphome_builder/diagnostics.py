"""Diagnostics: settings, ESPHome version, lanes, configurations, recent jobs.

Configurations and build output can carry Wi-Fi passwords, API keys and OTA
passwords. Two passes remove them: every value of a sensitive key is
replaced line by line, and every such value (and every value in
secrets.yaml) is then scrubbed wherever else it appears, such as in output.
"""

from __future__ import annotations

from pathlib import Path
import re
from typing import Any

from homeassistant.core import HomeAssistant

from .builders import redact_builders
from .devices import discover_configurations
from .jobs.job import JobAction, JobStatus
from .managed.ccache import async_cache_stats, ccache_program
from .runtime import BuilderRuntime, EsphomeBuilderConfigEntry, entry_settings

REDACTED = "**REDACTED**"
RECENT_JOBS = 10
OUTPUT_TAIL = 50
MAX_CONFIG_CHARS = 16 * 1024
# Shorter values are not scrubbed from free text: they would hit everything.
MIN_SECRET_LEN = 4

# `password:`, `ap_password:`, `key:` (API encryption), `psk:`, `token:` ...
_SENSITIVE_LINE = re.compile(
    r"^(?P<lead>[ \t]*(?:-[ \t]*)?[\"']?"
    r"(?P<key>[A-Za-z_]*(?:password|passwd|key|psk|secret|token))"
    r"[\"']?[ \t]*[:=][ \t]*)(?P<value>\S.*?)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_SECRET_ENTRY = re.compile(r"^[A-Za-z0-9_-]+[ \t]*:[ \t]*(?P<value>\S.*?)[ \t]*$")


def _unquote(value: str) -> str:
    value = value.split(" #", 1)[0].strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1]
    return value


class Redactor:
    """Scrubs secrets from configuration text and output lines."""

    def __init__(self, secrets: set[str]) -> None:
        """Initialize with values to scrub wherever they appear."""
        self.secrets = {s for s in secrets if len(s) >= MIN_SECRET_LEN}

    def learn(self, text: str) -> None:
        """Remember the values of sensitive keys in ``text``."""
        for match in _SENSITIVE_LINE.finditer(text):
            value = _unquote(match.group("value"))
            if not value.startswith("!") and len(value) >= MIN_SECRET_LEN:
                self.secrets.add(value)

    def __call__(self, text: str) -> str:
        """Return ``text`` without secrets."""

        def _line(match: re.Match[str]) -> str:
            if match.group("value").startswith("!secret"):
                # A reference names a secret without revealing it.
                return match.group(0)
            return f"{match.group('lead')}{REDACTED}"

        text = _SENSITIVE_LINE.sub(_line, text)
        # Longest first, so a secret containing another is removed whole.
        for secret in sorted(self.secrets, key=len, reverse=True):
            text = text.replace(secret, REDACTED)
        return text


def _read_configs(configs_dir: Path) -> tuple[dict[str, str], set[str]]:
    """Read the head of every configuration, and the values in secrets.yaml."""
    texts: dict[str, str] = {}
    for config in discover_configurations(configs_dir):
        try:
            with (configs_dir / config.configuration).open(
                encoding="utf-8", errors="replace"
            ) as handle:
                texts[config.configuration] = handle.read(MAX_CONFIG_CHARS)
        except OSError:
            continue
    secrets: set[str] = set()
    for name in ("secrets.yaml", "secrets.yml"):
        try:
            lines = (configs_dir / name).read_text("utf-8", "replace").splitlines()
        except OSError:
            continue
        for line in lines:
            if match := _SECRET_ENTRY.match(line):
                secrets.add(_unquote(match.group("value")))
    return texts, secrets


def _lane(action: JobAction) -> str:
    return "upload" if action in (JobAction.UPLOAD, JobAction.LOGS) else "compile"


async def async_get_config_entry_diagnostics(
    hass: HomeAssistant, entry: EsphomeBuilderConfigEntry
) -> dict[str, Any]:
    """Return diagnostics for the config entry."""
    runtime = entry.runtime_data
    settings = runtime.settings
    texts, secrets = await hass.async_add_executor_job(
        _read_configs, settings.configs_dir
    )
    redact = Redactor(secrets)
    for text in texts.values():
        redact.learn(text)
    jobs = runtime.manager.jobs()
    for job in jobs[:RECENT_JOBS]:
        redact.learn("\n".join(job.output()[-OUTPUT_TAIL:]))

    lanes: dict[str, dict[str, Any]] = {
        "compile": {"slots": settings.compile_jobs, "running": [], "queued": []},
        "upload": {"slots": settings.upload_jobs, "running": [], "queued": []},
    }
    for job in runtime.manager.active_jobs():
        # An install compiles first, then uploads: only its lane is a guess.
        key = "running" if job.status is JobStatus.RUNNING else "queued"
        lanes[_lane(job.action)][key].append(
            f"{job.action} {job.configuration} ({job.job_id})"
        )

    health = runtime.health
    return {
        "settings": {
            **redact_builders(entry_settings(entry)),
            "configs_dir": str(settings.configs_dir),
            "command": settings.command,
        },
        "remote_builders": [
            state.as_dict() for state in runtime.builders.builders.values()
        ]
        if runtime.builders
        else [],
        "esphome_version": health.version if health else None,
        "command_problem": health.problem if health else None,
        "lanes": lanes,
        "configurations": [
            {
                **config.as_dict(),
                "yaml": redact(texts.get(config.configuration, "")),
            }
            for config in runtime.catalog.configs()
        ],
        "recent_jobs": [
            {
                **job.as_dict(),
                "error": redact(job.error) if job.error else job.error,
                "output_tail": [redact(line) for line in job.output()[-OUTPUT_TAIL:]],
            }
            for job in jobs[:RECENT_JOBS]
        ],
        "archive": _archive_summary(runtime),
        "managed_esphome": await _async_managed_summary(runtime),
        "batches": [
            batch.summary() for batch in runtime.batches.batches()[:RECENT_JOBS]
        ],
    }


def _archive_summary(runtime: BuilderRuntime) -> dict[str, Any] | None:
    """Return the archive's size and counts: no paths, no file names."""
    archive = runtime.archive
    if archive is None:
        return None
    builds = archive.builds()
    return {
        "builds": len(builds),
        "configurations": len({build.configuration for build in builds}),
        "last_known_good": sum(build.last_known_good for build in builds),
        "bytes": archive.total_bytes,
        "max_bytes": archive.max_bytes,
        "keep_per_configuration": archive.keep,
    }


async def _async_managed_summary(runtime: BuilderRuntime) -> dict[str, Any] | None:
    """Return the managed versions and the compile cache's hit rate, no paths."""
    managed = runtime.managed
    if managed is None:
        return None
    version = managed.default if managed.enabled and managed.ready else None
    program = ccache_program(managed.layout, version)
    # The user's own command uses ccache's own cache folder, as ESPHome does.
    stats = await async_cache_stats(
        program, managed.layout.ccache if managed.enabled else None
    )
    stats["ccache"] = stats.get("ccache") is not None
    return {
        "enabled": managed.enabled,
        **managed.as_dict(),
        "keep": managed.keep,
        "compile_cache": stats,
    }
