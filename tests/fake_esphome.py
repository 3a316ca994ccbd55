#!/usr/bin/env python3
"""A real process that behaves like ESPHome where the real one cannot here.

It is started through the same command setting as the real ESPHome. What it
does is chosen by a `# fake: <behaviour> [arg]` line in the configuration;
`MODES` maps each behaviour to the function that plays it.
"""

from collections.abc import Callable
import json
import os
from pathlib import Path
import signal
import subprocess
import sys
import time
from typing import NoReturn


def out(data: bytes) -> None:
    os.write(1, data)


# --- Behaviours: each takes the configuration path and the `# fake:` argument
# and returns the exit code (or never returns).


def _exit(config: str, arg: str) -> int:
    return int(arg)


def _flood(config: str, arg: str) -> int:
    count, block, i = int(arg), 5000, 0
    while i < count:
        n = min(block, count - i)
        out("".join(f"line {j}\n" for j in range(i, i + n)).encode())
        i += n
    return 0


def _bigflood(config: str, arg: str) -> int:
    # N lines of 64 KiB each (the longest line the splitter makes), 16 a write.
    count, i = int(arg), 0
    while i < count:
        n = min(16, count - i)
        out(
            b"".join(
                f"big {j} ".encode().ljust(64 * 1024 - 1, b"y") + b"\n"
                for j in range(i, i + n)
            )
        )
        i += n
    return 0


def _nonewline(config: str, arg: str) -> int:
    chunk = b"x" * (1 << 20)
    for _ in range(int(arg)):
        out(chunk)
    out(b"\nend\n")
    return 0


def _badutf8(config: str, arg: str) -> int:
    out(b"before \xff\xfe\xc3 after\nok \xe2\x82\xac\n")
    return 0


def _progress(config: str, arg: str) -> int:
    out(
        b"Uploading: [=    ] 10% \rUploading: [===  ] 50% \rUploading: [=====] 100% Done...\r\n"
    )
    out(b"[1/4] CXX a.o\n[2/4] CXX b.o\n[4/4] LINK program\n")
    return 0


def _nomodule(config: str, arg: str) -> int:
    out(
        b"Traceback (most recent call last):\nModuleNotFoundError: No module named 'esphome'\n"
    )
    return 0


def _nomodule_dashboard(config: str, arg: str) -> int:
    out(b"ModuleNotFoundError: No module named 'esphome_dashboard'\nNo module named\n")
    return 0


def _ignore_term(config: str, arg: str) -> NoReturn:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    out(b"ignoring SIGTERM\n")
    while True:
        time.sleep(1)


def _grandchild(config: str, arg: str) -> int:
    # The grandchild inherits stdout and keeps the pipe open.
    subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import signal,time\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\nprint('grandchild up', flush=True)\nwhile True: time.sleep(1)",
        ],
    )
    time.sleep(0.3)
    out(b"child done\n")
    if arg == "hang":
        time.sleep(3600)
    return 0


def _escape(config: str, arg: str) -> int:
    # A daemon in a session of its own, still writing into our pipe.
    subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import time\nprint('daemon up', flush=True)\ntime.sleep(3600)",
        ],
        start_new_session=True,
    )
    time.sleep(0.3)
    out(b"child done\n")
    return 0


def _bigticker(config: str, arg: str) -> NoReturn:
    # Long lines, fast: fills socket buffers within a second.
    i = 0
    pad = "x" * 1000
    while True:
        out("".join(f"big {j} {pad}\n" for j in range(i, i + 200)).encode())
        i += 200
        time.sleep(0.01)


def _sleep(config: str, arg: str) -> int:
    out(b"sleeping\n")
    time.sleep(float(arg))
    out(b"woke\n")
    return 0


def _ticker(config: str, arg: str) -> NoReturn:
    i = 0
    while True:
        out(f"tick {i}\n".encode())
        i += 1
        if arg:
            time.sleep(float(arg))
        if i % 100 == 0:
            time.sleep(0.001)


def _tagticker(config: str, arg: str) -> NoReturn:
    # Like ticker, but every line names its configuration.
    tag, i = Path(config).stem, 0
    while True:
        out(f"{tag} tick {i}\n".encode())
        i += 1
        time.sleep(float(arg or 0.0001))


def _cat(config: str, arg: str) -> int:
    # The config itself, then optionally a file next to it (secrets.yaml).
    out(Path(config).read_bytes())
    if arg:
        out(Path(config).with_name(arg).read_bytes())
    return 0


def _floodexit(config: str, arg: str) -> int:
    out("".join(f"line {j}\n" for j in range(int(arg))).encode())
    return 4


def _html(config: str, arg: str) -> int:
    # What a log viewer must show as text, never as markup: a line that
    # looks like HTML, inside an ANSI colour that spans several lines.
    out(b"INFO Reading configuration...\n")
    out(b"\x1b[31mERROR <img src=x onerror=alert(1)>\n")
    out(b"<img src=x onerror=alert(1)>\n")
    out(b"<script>alert(2)</script> &amp; still red\x1b[0m\n")
    out(b"[12:00:00][W][wifi:100]: <b>not bold</b>\n")
    out(b"Progress 50%\rProgress 100%\n")
    return 0


def _env(config: str, arg: str) -> int:
    # The names of the environment it got, sorted, one per line.
    out("".join(f"env {name}\n" for name in sorted(os.environ)).encode())
    return 0


def _unknown(behaviour: str) -> int:
    out(f"unknown behaviour {behaviour}\n".encode())
    return 2


def _hang_version(config: str, arg: str) -> int:
    # Hangs; should it ever wake, it ends as an unknown behaviour does.
    time.sleep(3600)
    return _unknown("hang_version")


def _build(config: str, arg: str) -> int:
    # `compile`/`install` leave what ESPHome would: a `program` of `arg` bytes
    # (different each time) and build_info.json; any other command prints its
    # arguments, so a test sees what an upload was asked to send.
    command = _command_args(sys.argv[1:])
    if command[0] not in ("compile", "run"):
        out(f"args: {' '.join(command)}\n".encode())
        return 0
    text = Path(config).read_text()
    name = text.split("name:", 1)[1].split()[0]
    build = Path(config).parent / ".esphome" / "build" / name
    env = build / ".pioenvs" / name
    env.mkdir(parents=True, exist_ok=True)
    stamp = (
        time.strftime("%Y-%m-%d %H:%M:%S +0000", time.gmtime()) + f" #{time.time_ns()}"
    )
    (env / "program").write_bytes(os.urandom(int(arg or "1024")))
    info = {"esphome_version": "2026.10.0", "build_time_str": stamp}
    (build / "build_info.json").write_text(json.dumps(info))
    out(f"Compiling {name}\nLinking .pioenvs/{name}/program\n".encode())
    return 0


def _esp32build(config: str, arg: str) -> int:
    # What a Device Builder's `firmware/get_binaries` lists after an ESP32
    # compile: a storage JSON naming the firmware, and the OTA and factory
    # images beside it. `arg` is `<ota bytes>[:<factory bytes>]`; the bytes
    # differ each time.
    command = _command_args(sys.argv[1:])
    if command[0] not in ("compile", "run"):
        out(f"args: {' '.join(command)}\n".encode())
        return 0
    ota, _, factory = (arg or "1024").partition(":")
    text = Path(config).read_text()
    name = text.split("name:", 1)[1].split()[0]
    data = Path(os.environ.get("ESPHOME_DATA_DIR") or Path(config).parent / ".esphome")
    env = data / "build" / name / ".pioenvs" / name
    env.mkdir(parents=True, exist_ok=True)
    (env / "firmware.bin").write_bytes(os.urandom(int(ota)))
    (env / "firmware.ota.bin").write_bytes((env / "firmware.bin").read_bytes())
    if factory:
        (env / "firmware.factory.bin").write_bytes(os.urandom(int(factory)))
    storage = {
        "storage_version": 1,
        "name": name,
        "friendly_name": name,
        "esphome_version": "2026.10.0",
        "esp_platform": "ESP32",
        "core_platform": "esp32",
        "build_path": str(data / "build" / name),
        "firmware_bin_path": str(env / "firmware.bin"),
        "loaded_integrations": [],
        "loaded_platforms": [],
        "no_mdns": False,
    }
    (data / "storage").mkdir(parents=True, exist_ok=True)
    (data / "storage" / f"{Path(config).name}.json").write_text(json.dumps(storage))
    out(f"Compiling {name}\nLinking .pioenvs/{name}/firmware.bin\n".encode())
    return 0


MODES: dict[str, Callable[[str, str], int]] = {
    "build": _build,
    "esp32build": _esp32build,
    "exit": _exit,
    "flood": _flood,
    "bigflood": _bigflood,
    "nonewline": _nonewline,
    "badutf8": _badutf8,
    "progress": _progress,
    "nomodule": _nomodule,
    "nomodule_dashboard": _nomodule_dashboard,
    "ignore_term": _ignore_term,
    "grandchild": _grandchild,
    "escape": _escape,
    "bigticker": _bigticker,
    "sleep": _sleep,
    "ticker": _ticker,
    "tagticker": _tagticker,
    "cat": _cat,
    "floodexit": _floodexit,
    "html": _html,
    "env": _env,
    "hang_version": _hang_version,
}


def _command_args(argv: list[str]) -> list[str]:
    """The command and its arguments, without the options before them."""
    args = [a for a in argv if a != "--dashboard"]
    # A Device Builder puts cache options (`--mdns-address-cache X`) before
    # the command; skip any leading option and its value.
    while len(args) > 1 and args[0].startswith("--"):
        args = args[2:]
    return args


def _mode(config: str) -> tuple[str, str]:
    """The behaviour and its argument named by the config's `# fake:` line."""
    for line in Path(config).read_text().splitlines():
        if line.startswith("# fake:"):
            parts = line.split()[2:]
            return parts[0], parts[1] if len(parts) > 1 else ""
    return "exit", "0"


def main(argv: list[str]) -> int:
    args = _command_args(argv)
    if args[:1] == ["version"]:
        print("Version: 2026.10.0", flush=True)
        return 0
    command, config = args[0], args[1]
    behaviour, arg = _mode(config)
    out(f"fake {command} {config} {behaviour}\n".encode())
    handler = MODES.get(behaviour)
    if handler is None:
        return _unknown(behaviour)
    return handler(config, arg)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
