"""The LD_PRELOAD bind shim keeps a host device's wildcard binds on loopback.

tests/test_host_device_loop.py runs an ESPHome `host:` program as the device; the
program binds its API and OTA servers to the wildcard address. devtools.host_device
preloads a shim that turns those wildcards into loopback, so no port opens beyond
127.0.0.1 / ::1. These tests pin the shim itself and show that it is needed.
"""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest

from devtools.host_device import build_bind_shim


@pytest.mark.parametrize(
    ("family", "address", "v6only", "expected"),
    [
        ("AF_INET", "0.0.0.0", False, "127.0.0.1"),
        ("AF_INET6", "::", True, "::1"),
        ("AF_INET6", "::", False, "::ffff:127.0.0.1"),
        ("AF_INET", "127.0.0.2", False, "127.0.0.2"),  # not a wildcard: unchanged
    ],
)
def test_bind_shim_keeps_wildcards_on_loopback(
    family: str, address: str, v6only: bool, expected: str
) -> None:
    script = (
        "import socket\n"
        f"s = socket.socket(socket.{family})\n"
        f"if {v6only}: s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)\n"
        f"if socket.{family} == socket.AF_INET6 and not {v6only}:\n"
        "    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)\n"
        f"s.bind(({address!r}, 0))\n"
        "print(s.getsockname()[0])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={"LD_PRELOAD": str(build_bind_shim())},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == expected


def test_without_the_shim_a_wildcard_bind_stays_a_wildcard() -> None:
    """Without the shim a wildcard bind is a wildcard (the test above can fail)."""
    with socket.socket() as sock:
        sock.bind(("0.0.0.0", 0))
        assert sock.getsockname()[0] == "0.0.0.0"
