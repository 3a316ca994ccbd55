"""What a line means, decided when it arrives.

Trimming may drop a line long before the job exits, so nothing here rescans
the buffer afterwards: each chunk of new lines is judged once, as it arrives.
"""

from __future__ import annotations

from dataclasses import dataclass
import re

from ..const import INSTALL_HINT

# CPython's exact messages: the import form, and runpy's form for `python -m`.
# `esphome_dashboard` and a bare "No module named" must not match.
_MISSING_ESPHOME = re.compile(
    r"No module named (?:'esphome'|esphome(?:\r?$|\x1b))", re.MULTILINE
)

# Every digit run below is bounded: output is untrusted (a remote builder's
# too), and int() of a run longer than 4300 digits raises ValueError.
# ESPHome OTA "Uploading: [===   ] 45%", esptool "Writing at 0x... (45 %)".
_PERCENT = re.compile(r"(?:\]\s*|\()(\d{1,3})(?:\.\d{1,9})?\s?%")
# ninja / ESPHome host builds: "[12/51] CXX obj/...".
_NINJA = re.compile(r"^(?:\x1b\[[0-9;]{0,32}m)?\[(\d{1,9})/(\d{1,9})\]", re.MULTILINE)


@dataclass(slots=True, frozen=True)
class FatalPattern:
    """Output that fails a job even when the process exits 0."""

    regex: re.Pattern[str]
    quick: str  # cheap substring test before the regex runs
    error: str


FATAL_PATTERNS: tuple[FatalPattern, ...] = (
    FatalPattern(_MISSING_ESPHOME, "No module named", INSTALL_HINT),
)


def find_fatal(text: str) -> str | None:
    """Return the error of the first fatal pattern in ``text``, if any."""
    for pattern in FATAL_PATTERNS:
        if pattern.quick in text and pattern.regex.search(text):
            return pattern.error
    return None


def last_progress(text: str) -> int | None:
    """Return the last progress percentage printed in ``text``, if any."""
    found: int | None = None
    if "%" in text:
        for match in _PERCENT.finditer(text):
            found = int(match.group(1))
    if "[" in text and "/" in text:
        last = None
        for match in _NINJA.finditer(text):
            last = match
        if last is not None:
            done, total = int(last.group(1)), int(last.group(2))
            if total > 0:
                ninja = done * 100 // total
                # When both forms appear, the later one in the text wins.
                if found is None or last.start() > text.rfind("%"):
                    found = ninja
    if found is None:
        return None
    return min(found, 100)
