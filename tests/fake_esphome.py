#!/usr/bin/env python3
"""A real process that behaves like ESPHome where the real one cannot here.

It is started through the same command setting as the real ESPHome. What it
does is chosen by a `# fake: <behaviour> [arg]` line in the configuration.
"""

import os
from pathlib import Path
import signal
import subprocess
import sys
import time


def out(data: bytes) -> None:
    os.write(1, data)


def main(argv: list[str]) -> int:
    args = [a for a in argv if a != "--dashboard"]
    # A Device Builder puts cache options (`--mdns-address-cache X`) before
    # the command; skip any leading option and its value.
    while len(args) > 1 and args[0].startswith("--"):
        args = args[2:]
    if args[:1] == ["version"]:
        print("Version: 2026.10.0", flush=True)
        return 0
    command, config = args[0], args[1]
    behaviour, arg = "exit", "0"
    for line in Path(config).read_text().splitlines():
        if line.startswith("# fake:"):
            parts = line.split()[2:]
            behaviour = parts[0]
            arg = parts[1] if len(parts) > 1 else ""
            break
    out(f"fake {command} {config} {behaviour}\n".encode())
    if behaviour == "exit":
        return int(arg)
    if behaviour == "flood":
        count, block, i = int(arg), 5000, 0
        while i < count:
            n = min(block, count - i)
            out("".join(f"line {j}\n" for j in range(i, i + n)).encode())
            i += n
        return 0
    if behaviour == "bigflood":
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
    if behaviour == "nonewline":
        chunk = b"x" * (1 << 20)
        for _ in range(int(arg)):
            out(chunk)
        out(b"\nend\n")
        return 0
    if behaviour == "badutf8":
        out(b"before \xff\xfe\xc3 after\nok \xe2\x82\xac\n")
        return 0
    if behaviour == "progress":
        out(
            b"Uploading: [=    ] 10% \rUploading: [===  ] 50% \rUploading: [=====] 100% Done...\r\n"
        )
        out(b"[1/4] CXX a.o\n[2/4] CXX b.o\n[4/4] LINK program\n")
        return 0
    if behaviour == "nomodule":
        out(
            b"Traceback (most recent call last):\nModuleNotFoundError: No module named 'esphome'\n"
        )
        return 0
    if behaviour == "nomodule_dashboard":
        out(
            b"ModuleNotFoundError: No module named 'esphome_dashboard'\nNo module named\n"
        )
        return 0
    if behaviour == "ignore_term":
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        out(b"ignoring SIGTERM\n")
        while True:
            time.sleep(1)
    if behaviour == "grandchild":
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
    if behaviour == "escape":
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
    if behaviour == "bigticker":
        # Long lines, fast: fills socket buffers within a second.
        i = 0
        pad = "x" * 1000
        while True:
            out("".join(f"big {j} {pad}\n" for j in range(i, i + 200)).encode())
            i += 200
            time.sleep(0.01)
    if behaviour == "sleep":
        out(b"sleeping\n")
        time.sleep(float(arg))
        out(b"woke\n")
        return 0
    if behaviour == "ticker":
        i = 0
        while True:
            out(f"tick {i}\n".encode())
            i += 1
            if arg:
                time.sleep(float(arg))
            if i % 100 == 0:
                time.sleep(0.001)
    if behaviour == "tagticker":
        # Like ticker, but every line names its configuration.
        tag, i = Path(config).stem, 0
        while True:
            out(f"{tag} tick {i}\n".encode())
            i += 1
            time.sleep(float(arg or 0.0001))
    if behaviour == "cat":
        # The config itself, then optionally a file next to it (secrets.yaml).
        out(Path(config).read_bytes())
        if arg:
            out(Path(config).with_name(arg).read_bytes())
        return 0
    if behaviour == "floodexit":
        out("".join(f"line {j}\n" for j in range(int(arg))).encode())
        return 4
    if behaviour == "html":
        # What a log viewer must show as text, never as markup: a line that
        # looks like HTML, inside an ANSI colour that spans several lines.
        out(b"INFO Reading configuration...\n")
        out(b"\x1b[31mERROR <img src=x onerror=alert(1)>\n")
        out(b"<img src=x onerror=alert(1)>\n")
        out(b"<script>alert(2)</script> &amp; still red\x1b[0m\n")
        out(b"[12:00:00][W][wifi:100]: <b>not bold</b>\n")
        out(b"Progress 50%\rProgress 100%\n")
        return 0
    if behaviour == "env":
        # The names of the environment it got, sorted, one per line.
        out("".join(f"env {name}\n" for name in sorted(os.environ)).encode())
        return 0
    if behaviour == "hang_version":
        time.sleep(3600)
    out(f"unknown behaviour {behaviour}\n".encode())
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
