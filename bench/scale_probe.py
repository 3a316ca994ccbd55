"""The probe integration that bench/scale.py loads into Home Assistant.

Copied as ``custom_components/bench_scale_probe/__init__.py`` into the config
folder of the benchmark's HA. It measures from inside the process:

- event-loop lag: a timer task records how late each 5 ms tick wakes up;
- stalls: a side thread watches the ticker's heartbeat and, while the loop has
  not ticked for ``STALL_S``, samples the loop thread's Python stack
  (``sys._current_frames()``); every callback the loop runs is timed (a wrapper
  on ``asyncio.Handle._run``), and every garbage collection (``gc.callbacks``),
  so a stall inside C code that holds the GIL still names its callback;
- job callbacks: every listener registered through
  ``JobManager.async_listen_jobs`` is wrapped in a counter (whatever arguments
  the method takes: keyed subscriptions included), and one listener of the
  probe's own, subscribed to everything, counts the job events the engine fires;
- state writes (``state_changed`` events) and RSS;
- history saves: HA's ``prepare_save_json`` is timed for the history store's key
  (the part of a Store save that runs in the event loop), and a websocket
  command times the history store's flush.

Websocket commands (admin only): ``bench_scale_probe/resetup`` (unload the
entry, instrument, time its setup), ``reset``, ``stats``, ``wait_jobs`` and
``flush_history``.
"""

from __future__ import annotations

import asyncio
from collections import Counter, defaultdict
from collections.abc import Callable
import cProfile
import functools
import gc
import importlib
import os
import sys
import threading
import time
from typing import Any

from homeassistant.components import websocket_api
from homeassistant.const import EVENT_HOMEASSISTANT_STOP, EVENT_STATE_CHANGED
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.helpers import entity_registry as er, json as json_helper
import voluptuous as vol

DOMAIN = "bench_scale_probe"
TARGET = "esphome_builder"
HISTORY_KEY = f"{TARGET}.history"
TICK = 0.005
# A loop that has not ticked for this long is stalled: sample its stack.
STALL_S = 0.05
# Callbacks of the loop and garbage collections longer than this are recorded.
SLOW_S = 0.02
SAMPLE_EVERY = 0.003
PAGE = os.sysconf("SC_PAGE_SIZE")


def _rss() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE


def _describe(handle: asyncio.Handle) -> str:
    """Name what a loop callback runs: the task's coroutine, or the function."""
    cb = getattr(handle, "_callback", None)
    owner = getattr(cb, "__self__", None)
    if isinstance(owner, asyncio.Task):
        coro = owner.get_coro()
        name = getattr(coro, "__qualname__", repr(coro))
        return f"task {owner.get_name()!r} ({name})"
    while isinstance(cb, functools.partial):
        cb = cb.func
    name = getattr(cb, "__qualname__", None) or repr(cb)
    module = getattr(cb, "__module__", None) or ""
    return f"{module}.{name}" if module else name


def _listener_name(listener: Any) -> str:
    """Return a stable name for a job listener: its class and method or function."""
    while isinstance(listener, functools.partial):
        listener = listener.func
    owner = getattr(listener, "__self__", None)
    name = getattr(listener, "__name__", None) or type(listener).__name__
    if owner is not None:
        return f"{type(owner).__name__}.{name}"
    return getattr(listener, "__qualname__", None) or name


class Probe:
    """Everything the probe measures, and the side thread that samples stalls."""

    def __init__(self, hass: HomeAssistant) -> None:
        self.hass = hass
        self.loop_thread = threading.get_ident()
        self.t0 = time.monotonic()
        self.beat = time.monotonic()
        self.lags: list[float] = []
        # CPU time the loop thread used during each tick: what it computed,
        # where the lag also counts time the host ran other processes.
        self.cpu: list[float] = []
        self.rss0 = self.peak = _rss()
        self.stalls: list[dict[str, Any]] = []
        self.slow_callbacks: list[dict[str, Any]] = []
        self.gc_pauses: list[dict[str, Any]] = []
        self.history_saves: list[dict[str, Any]] = []
        self.listener_calls: Counter[str] = Counter()
        # Seconds spent in job listeners, per event type; per websocket command.
        self.listener_time: defaultdict[str, float] = defaultdict(float)
        self.command_time: defaultdict[str, float] = defaultdict(float)
        self.command_calls: Counter[str] = Counter()
        self.events: Counter[str] = Counter()
        self.state_writes = 0
        self.listeners_wrapped = 0
        self._gc_start = 0.0
        self._stop = threading.Event()
        self._unsub_events: Callable[[], None] | None = None
        self._profile: tuple[cProfile.Profile, str] | None = None

    # -- measurement window ---------------------------------------------------

    def reset(self, profile: str | None = None) -> None:
        """Start a new window; with ``profile``, cProfile the loop thread into it."""
        if profile:
            profiler = cProfile.Profile()
            profiler.enable()
            self._profile = (profiler, profile)
        self.t0 = time.monotonic()
        self.lags = []
        self.cpu = []
        self.rss0 = self.peak = _rss()
        self.stalls = []
        self.slow_callbacks = []
        self.gc_pauses = []
        self.history_saves = []
        self.listener_calls = Counter()
        self.listener_time = defaultdict(float)
        self.command_time = defaultdict(float)
        self.command_calls = Counter()
        self.events = Counter()
        self.state_writes = 0

    def at(self, when: float) -> float:
        return round(when - self.t0, 3)

    # -- the ticker and the stall sampler ---------------------------------------

    async def ticker(self) -> None:
        loop = asyncio.get_running_loop()
        count = 0
        while True:
            start = loop.time()
            cpu = time.thread_time()
            await asyncio.sleep(TICK)
            self.lags.append(loop.time() - start - TICK)
            self.cpu.append(time.thread_time() - cpu)
            self.beat = time.monotonic()
            count += 1
            if count % 20 == 0:
                self.peak = max(self.peak, _rss())

    def sampler(self) -> None:
        """Side thread: sample the loop thread's stack while it is stalled."""
        current: dict[str, Any] | None = None
        while not self._stop.wait(SAMPLE_EVERY):
            beat = self.beat
            now = time.monotonic()
            if now - beat < STALL_S:
                if current is not None:
                    current["end"] = self.at(beat)
                    current = None
                continue
            frame = sys._current_frames().get(self.loop_thread)
            stack: list[tuple[str, int, str]] = []
            while frame is not None:
                code = frame.f_code
                stack.append((code.co_filename, frame.f_lineno, code.co_name))
                frame = frame.f_back
            if current is None or current["beat"] != beat:
                current = {"beat": beat, "start": self.at(beat), "samples": []}
                self.stalls.append(current)
            current["samples"].append((self.at(now), stack))

    @callback
    def start(self) -> Callable[..., None]:
        task = self.hass.async_create_background_task(self.ticker(), f"{DOMAIN} ticker")
        thread = threading.Thread(target=self.sampler, name=DOMAIN, daemon=True)
        thread.start()
        gc.callbacks.append(self._gc_callback)
        self._patch_handles()
        self._patch_json()

        @callback
        def on_state(_: Any) -> None:
            self.state_writes += 1

        unsub = self.hass.bus.async_listen(EVENT_STATE_CHANGED, on_state)

        def stop(_: Event | None = None) -> None:
            task.cancel()
            unsub()
            self._stop.set()

        return stop

    def _gc_callback(self, phase: str, info: dict[str, Any]) -> None:
        now = time.perf_counter()
        if phase == "start":
            self._gc_start = now
            return
        took = now - self._gc_start
        if took >= SLOW_S / 4:
            self.gc_pauses.append(
                {
                    "at": self.at(time.monotonic()),
                    "ms": round(took * 1000, 1),
                    "generation": info.get("generation"),
                    "collected": info.get("collected"),
                }
            )

    def _patch_handles(self) -> None:
        """Time every callback the loop runs (asyncio's Handle._run)."""
        original = asyncio.Handle._run
        probe = self

        def timed_run(handle: asyncio.Handle) -> None:
            start = time.perf_counter()
            cpu = time.thread_time()
            original(handle)
            took = time.perf_counter() - start
            if took >= SLOW_S:
                probe.slow_callbacks.append(
                    {
                        "at": probe.at(time.monotonic()),
                        "ms": round(took * 1000, 1),
                        "cpu_ms": round((time.thread_time() - cpu) * 1000, 1),
                        "callback": _describe(handle),
                    }
                )

        asyncio.Handle._run = timed_run  # type: ignore[method-assign,assignment]

    def _patch_json(self) -> None:
        """Time the in-loop serialization of the history store's saves."""
        original = json_helper.prepare_save_json
        probe = self

        @functools.wraps(original)
        def timed(data: Any, *args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            result = original(data, *args, **kwargs)
            took = time.perf_counter() - start
            key = data.get("key") if isinstance(data, dict) else None
            if isinstance(key, str) and key.startswith(HISTORY_KEY):
                probe.history_saves.append(
                    {
                        "at": probe.at(time.monotonic()),
                        "ms": round(took * 1000, 2),
                        "bytes": len(result[1]),
                        "in_loop": threading.get_ident() == probe.loop_thread,
                    }
                )
            return result

        json_helper.prepare_save_json = timed

    # -- job listeners ------------------------------------------------------------

    def instrument(self, manager_cls: type) -> None:
        """Count the calls of every job listener registered from now on."""
        original = manager_cls.__dict__.get("async_listen_jobs")
        if original is None or getattr(original, "_bench_wrapped", False):
            return
        probe = self

        @functools.wraps(original)
        def async_listen_jobs(
            manager: Any, listener: Callable[..., Any], *args: Any, **kwargs: Any
        ) -> Any:
            name = _listener_name(listener)

            @functools.wraps(listener)
            def counted(*a: Any, **kw: Any) -> Any:
                probe.listener_calls[name] += 1
                start = time.perf_counter()
                try:
                    return listener(*a, **kw)
                finally:
                    event = str(a[0]) if a else "?"
                    probe.listener_time[event] += time.perf_counter() - start

            probe.listeners_wrapped += 1
            return original(manager, counted, *args, **kwargs)

        async_listen_jobs._bench_wrapped = True  # type: ignore[attr-defined]
        manager_cls.async_listen_jobs = async_listen_jobs  # type: ignore[attr-defined]

    @callback
    def time_commands(self, prefix: str) -> None:
        """Time the handlers of the websocket commands whose type starts so."""
        handlers = self.hass.data.get(websocket_api.DOMAIN) or {}
        for command, (handler, schema) in list(handlers.items()):
            if not command.startswith(prefix) or getattr(handler, "_bench", False):
                continue

            def timed(
                hass: HomeAssistant,
                connection: Any,
                msg: dict,
                handler: Any = handler,
                command: str = command,
            ) -> Any:
                start = time.perf_counter()
                try:
                    return handler(hass, connection, msg)
                finally:
                    self.command_time[command] += time.perf_counter() - start
                    self.command_calls[command] += 1

            timed._bench = True  # type: ignore[attr-defined]
            handlers[command] = (timed, schema)

    @callback
    def listen_events(self, manager: Any) -> None:
        """Count the job events the engine fires: one listener for all of them."""
        if self._unsub_events is not None:
            self._unsub_events()
        original = type(manager).async_listen_jobs
        original = getattr(original, "__wrapped__", original)

        @callback
        def on_job(event_type: Any, *_: Any, **__: Any) -> None:
            self.events[str(event_type)] += 1

        self._unsub_events = original(manager, on_job)

    # -- figures --------------------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        if self._profile is not None:
            profiler, path = self._profile
            profiler.disable()
            profiler.dump_stats(path)
            self._profile = None
        stalls = []
        for stall in self.stalls:
            frames: Counter[tuple[tuple[str, int, str], ...]] = Counter(
                tuple(stack) for _, stack in stall["samples"]
            )
            stalls.append(
                {
                    "start": stall["start"],
                    "end": stall.get("end"),
                    "samples": len(stall["samples"]),
                    "stacks": [
                        {"count": count, "frames": [list(f) for f in stack]}
                        for stack, count in frames.most_common()
                    ],
                }
            )
        return {
            "lags": self.lags,
            "cpu": self.cpu,
            "rss0": self.rss0,
            "rss": _rss(),
            "peak": self.peak,
            "stalls": stalls,
            "slow_callbacks": self.slow_callbacks,
            "gc_pauses": self.gc_pauses,
            "history_saves": self.history_saves,
            "listener_calls": dict(self.listener_calls),
            "listener_ms": {k: v * 1000 for k, v in self.listener_time.items()},
            "command_ms": {k: v * 1000 for k, v in self.command_time.items()},
            "command_calls": dict(self.command_calls),
            "events": dict(self.events),
            "listeners_wrapped": self.listeners_wrapped,
            "state_writes": self.state_writes,
            "elapsed": time.monotonic() - self.t0,
        }


def _entry(hass: HomeAssistant) -> Any:
    entries = hass.config_entries.async_entries(TARGET)
    if not entries:
        raise RuntimeError(f"no {TARGET} entry")
    return entries[0]


def _startup_times(hass: HomeAssistant, entry_id: str) -> dict[str, float]:
    """Return HA's own setup timings of the entry at start-up, per phase."""
    try:
        from homeassistant.setup import async_get_domain_setup_times
    except ImportError:
        return {}
    times = async_get_domain_setup_times(hass, TARGET)
    out: dict[str, float] = {}
    for group, phases in times.items():
        if group in (entry_id, None):
            for phase, took in phases.items():
                out[f"{group and 'entry'}:{phase}"] = round(took, 3)
    return out


async def async_setup(hass: HomeAssistant, config: dict[str, Any]) -> bool:
    probe = Probe(hass)
    stop = probe.start()
    hass.bus.async_listen_once(EVENT_HOMEASSISTANT_STOP, stop)

    @websocket_api.require_admin
    @websocket_api.websocket_command({vol.Required("type"): f"{DOMAIN}/resetup"})
    @websocket_api.async_response
    async def resetup(hass: HomeAssistant, connection: Any, msg: dict) -> None:
        """Unload the entry, instrument the engine class, time a fresh setup."""
        entry = _entry(hass)
        startup = _startup_times(hass, entry.entry_id)
        manager_cls = type(entry.runtime_data.manager)
        if manager_cls.__name__ != "JobManager":
            manager_cls = importlib.import_module(
                f"custom_components.{TARGET}.jobs.manager"
            ).JobManager
        assert await hass.config_entries.async_unload(entry.entry_id)
        probe.instrument(manager_cls)
        start = time.perf_counter()
        ok = await hass.config_entries.async_setup(entry.entry_id)
        took = time.perf_counter() - start
        probe.listen_events(entry.runtime_data.manager)
        probe.time_commands(f"{TARGET}/")
        connection.send_result(
            msg["id"],
            {
                "ok": ok,
                "setup_s": took,
                "startup": startup,
                "entities": len(
                    er.async_entries_for_config_entry(
                        er.async_get(hass), entry.entry_id
                    )
                ),
            },
        )

    @websocket_api.require_admin
    @websocket_api.websocket_command(
        {vol.Required("type"): f"{DOMAIN}/reset", vol.Optional("profile"): str}
    )
    @callback
    def reset(hass: HomeAssistant, connection: Any, msg: dict) -> None:
        probe.reset(msg.get("profile"))
        connection.send_result(msg["id"])

    @websocket_api.require_admin
    @websocket_api.websocket_command({vol.Required("type"): f"{DOMAIN}/stats"})
    @callback
    def stats(hass: HomeAssistant, connection: Any, msg: dict) -> None:
        connection.send_result(msg["id"], probe.stats())

    @websocket_api.require_admin
    @websocket_api.websocket_command(
        {vol.Required("type"): f"{DOMAIN}/wait_jobs", vol.Required("job_ids"): [str]}
    )
    @websocket_api.async_response
    async def wait_jobs(hass: HomeAssistant, connection: Any, msg: dict) -> None:
        manager = _entry(hass).runtime_data.manager
        jobs = [await manager.async_wait(job_id) for job_id in msg["job_ids"]]
        connection.send_result(
            msg["id"], {"statuses": dict(Counter(str(job.status) for job in jobs))}
        )

    @websocket_api.require_admin
    @websocket_api.websocket_command({vol.Required("type"): f"{DOMAIN}/flush_history"})
    @websocket_api.async_response
    async def flush_history(hass: HomeAssistant, connection: Any, msg: dict) -> None:
        manager = _entry(hass).runtime_data.manager
        before = len(probe.history_saves)
        start = time.perf_counter()
        await manager.history.async_flush()
        took = time.perf_counter() - start
        saves = probe.history_saves[before:]
        connection.send_result(
            msg["id"],
            {
                "flush_ms": took * 1000,
                "serialize_ms": sum(s["ms"] for s in saves),
                "bytes": sum(s["bytes"] for s in saves),
            },
        )

    for command in (resetup, reset, stats, wait_jobs, flush_history):
        websocket_api.async_register_command(hass, command)
    return True
