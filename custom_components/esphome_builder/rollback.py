"""Rollbacks: which archived build, and the job that flashes it; a configuration's builds."""

from __future__ import annotations

from .archive_builds import Build
from .devices import ConfigurationError, check_configuration_name
from .errors import NoRollbackBuildError, UnknownBuildError
from .jobs.job import FlashSource, Job, JobAction, JobOptions
from .runtime import BuilderRuntime


async def async_start_rollback(
    runtime: BuilderRuntime,
    configuration: str,
    build_id: str | None = None,
    device: str | None = None,
    wait_timeout: float | None = None,
) -> Job:
    """Queue a job that flashes an archived build; by default the last known good.

    Raises UnknownBuildError for a build of another (or no) configuration,
    NoRollbackBuildError when the configuration has nothing to flash back.
    """
    archive = runtime.archive
    if archive is None:
        raise NoRollbackBuildError(configuration)
    build = (
        archive.get(build_id)
        if build_id is not None
        else archive.last_known_good(configuration)
    )
    if build is None:
        raise NoRollbackBuildError(configuration)
    if build.configuration != configuration:
        raise UnknownBuildError(build.build_id)
    file = archive.flash_file(build)
    if file is None:
        raise NoRollbackBuildError(configuration)
    flash = FlashSource(build.build_id, str(file), build.build_time)
    return await runtime.manager.async_start_job(
        JobAction.ROLLBACK,
        configuration,
        device,
        options=JobOptions(wait_timeout=wait_timeout, flash=flash),
    )


def builds_of(runtime: BuilderRuntime, configuration: str) -> list[Build]:
    """Return a configuration's archived builds, newest first.

    Raises ConfigurationError for a name that cannot be a configuration, or
    one neither the folder nor the archive knows.
    """
    check_configuration_name(configuration)
    builds = runtime.archive.builds(configuration) if runtime.archive else []
    if not builds and runtime.catalog.get(configuration) is None:
        raise ConfigurationError("unknown_configuration", configuration)
    return builds
