"""The repair issue of a managed install that failed, and its way out.

A build cannot run until its ESPHome is installed, so a failed install of the
default version (no network, no such release, a Python ESPHome does not
support) is said where HA users look: Repairs, with the job's error and a fix
flow that starts the install again. The next install that works closes it.
"""

from __future__ import annotations

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers import issue_registry as ir

from ..const import DOMAIN
from ..jobs.job import JOB_COMPLETED, JOB_FAILED, Job, JobAction
from .layout import LATEST_SPEC, requirement
from .versions import ManagedEsphome

ISSUE_INSTALL_FAILED = "managed_install_failed"


@callback
def async_track_install_issue(
    hass: HomeAssistant, managed: ManagedEsphome
) -> CALLBACK_TYPE:
    """Open the issue when the default's install fails; close it when one works."""

    @callback
    def _job_event(event_type: str, job: Job) -> None:
        if job.action is not JobAction.SETUP:
            return
        if event_type == JOB_COMPLETED and managed.ready:
            ir.async_delete_issue(hass, DOMAIN, ISSUE_INSTALL_FAILED)
            return
        wanted = requirement(managed.pinned_default)
        if event_type != JOB_FAILED or job.configuration not in (wanted, LATEST_SPEC):
            return
        ir.async_create_issue(
            hass,
            DOMAIN,
            ISSUE_INSTALL_FAILED,
            is_fixable=True,
            is_persistent=False,
            severity=ir.IssueSeverity.ERROR,
            translation_key=ISSUE_INSTALL_FAILED,
            translation_placeholders={
                "version": managed.pinned_default or "the newest release",
                "error": (job.error or "")[:500],
                "job_id": job.job_id,
            },
            data={"version": managed.pinned_default},
        )

    return managed.manager.async_listen_jobs(_job_event)
