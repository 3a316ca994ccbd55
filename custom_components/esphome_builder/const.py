"""Constants for the ESPHome Builder integration."""

from __future__ import annotations

from typing import Final

DOMAIN: Final = "esphome_builder"

CONF_CONFIGS_DIR: Final = "configs_dir"
CONF_ESPHOME_COMMAND: Final = "esphome_command"
CONF_COMPILE_JOBS: Final = "compile_jobs"
CONF_UPLOAD_JOBS: Final = "upload_jobs"

# Where ESPHome runs from: versions this integration installs (the default),
# or the user's own command. Entries from before managed ESPHome have no
# setting and keep their command.
CONF_ESPHOME_SOURCE: Final = "esphome_source"
ESPHOME_MANAGED: Final = "managed"
ESPHOME_COMMAND: Final = "command"
# Managed ESPHome: a global version (empty: the newest release), and how many
# versions stay installed.
CONF_ESPHOME_VERSION: Final = "esphome_version"
CONF_ESPHOME_KEEP: Final = "esphome_keep"
DEFAULT_ESPHOME_KEEP: Final = 3
# The integration's own files under HA's config folder: builds, managed
# ESPHome versions, caches.
DATA_FOLDER: Final = ".esphome_builder"

DEFAULT_CONFIGS_SUBDIR: Final = "esphome"
DEFAULT_COMPILE_JOBS: Final = 1
DEFAULT_UPLOAD_JOBS: Final = 2
MAX_PARALLEL_JOBS: Final = 8

# `esphome version` imports the whole package; a cold start on a slow SD card
# takes several seconds, so the probe is generous before calling it hung.
VERSION_PROBE_TIMEOUT: Final = 20.0

# Output caps, applied while a job runs, not only when it ends: the buffer
# grows to INFLIGHT lines and is trimmed back to RETAINED (docs/architecture.md).
RETAINED: Final = 2000
INFLIGHT: Final = 2 * RETAINED
# A single line longer than this is split: a child printing 100 MB without a
# newline must cost neither quadratic time nor unbounded memory.
MAX_LINE_BYTES: Final = 64 * 1024

# Cancel: SIGTERM to the process group, then SIGKILL after this grace period.
TERMINATE_GRACE: Final = 3.0
# After the main process exits, how long a grandchild may keep the pipe open
# before its group is killed and the job finishes anyway.
DRAIN_GRACE: Final = 2.0

# Jobs that may be queued or running at once: a looping automation must not
# queue without bound (one task each, and a scan of them on every start).
MAX_ACTIVE_JOBS: Final = 300
# Log streams have a lane of their own: a forgotten log view never holds an
# upload slot. One that nobody follows for this long ends by itself.
MAX_LOG_STREAMS: Final = 4
LOGS_UNFOLLOWED_TIMEOUT: Final = 10 * 60.0
# Every other job fails once it has run this long (generous: a first ESP32
# build with a cold toolchain takes a while); the options can change it.
CONF_MAX_RUN_MINUTES: Final = "max_run_minutes"
DEFAULT_MAX_RUN_MINUTES: Final = 120
# An upload or install to an offline device waits this long for it (0: it
# fails at once, as ESPHome would); the options and each job can change it.
CONF_WAIT_MINUTES: Final = "wait_minutes"
DEFAULT_WAIT_MINUTES: Final = 60
# After a flash, how long the device has to come back on the new build.
CONFIRM_TIMEOUT: Final = 120.0
MAX_WAIT_TIMEOUT: Final = 7 * 24 * 3600.0
# The firmware archive: builds kept per configuration (plus the last known
# good), and the size of all of it.
CONF_ARCHIVE_KEEP: Final = "archive_keep"
DEFAULT_ARCHIVE_KEEP: Final = 3
CONF_ARCHIVE_MB: Final = "archive_mb"
DEFAULT_ARCHIVE_MB: Final = 1024

HISTORY_LIMIT: Final = 100
# Batches kept (running ones included), configurations one batch may hold, and
# batches that may run at once: each stays within the job slots anyway.
BATCH_HISTORY_LIMIT: Final = 20
MAX_BATCH_ITEMS: Final = 500
MAX_RUNNING_BATCHES: Final = 4
STORAGE_VERSION: Final = 1
STORAGE_KEY_HISTORY: Final = f"{DOMAIN}.history"
STORAGE_KEY_PROCESSES: Final = f"{DOMAIN}.processes"
STORAGE_KEY_BATCHES: Final = f"{DOMAIN}.batches"

# Environment marker every child inherits: it lets a restart find exactly the
# processes of its own jobs after a crash, and nothing else.
ENV_JOB_MARKER: Final = "ESPHOME_BUILDER_JOB"
# And the pid of the Home Assistant that started it, for telling instances apart.
ENV_OWNER_MARKER: Final = "ESPHOME_BUILDER_OWNER"

EVENT_JOB_QUEUED: Final = f"{DOMAIN}_job_queued"
EVENT_JOB_STARTED: Final = f"{DOMAIN}_job_started"
EVENT_JOB_WAITING: Final = f"{DOMAIN}_job_waiting"
EVENT_JOB_COMPLETED: Final = f"{DOMAIN}_job_completed"
EVENT_JOB_FAILED: Final = f"{DOMAIN}_job_failed"
EVENT_JOB_CANCELLED: Final = f"{DOMAIN}_job_cancelled"
EVENT_BATCH_STARTED: Final = f"{DOMAIN}_batch_started"
EVENT_BATCH_COMPLETED: Final = f"{DOMAIN}_batch_completed"

INSTALL_HINT: Final = (
    "ESPHome is not installed for the configured command. Install it into the "
    "Python environment of that command (for example `pip install esphome`), "
    "or point the ESPHome Builder options at an executable that has it."
)
