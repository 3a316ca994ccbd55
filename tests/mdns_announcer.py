"""Announce a `host:` node's `_esphomelib._tcp` service, as an ESP's firmware does.

ESPHome's `host:` platform has no mDNS (its `mdns_host.cpp` registers nothing),
so a Device Builder never sees such a node come online. Run beside the node,
this announces it the way firmware on a real chip does, until SIGTERM; the
goodbye on exit takes it away again.

    python tests/mdns_announcer.py NAME API_PORT
"""

from __future__ import annotations

import signal
import socket
import sys
import time

from zeroconf import IPVersion, ServiceInfo, Zeroconf


def main() -> None:
    """Announce until terminated."""
    name, port = sys.argv[1], int(sys.argv[2])
    info = ServiceInfo(
        "_esphomelib._tcp.local.",
        f"{name}._esphomelib._tcp.local.",
        addresses=[socket.inet_aton("127.0.0.1")],
        port=port,
        properties={"version": "2026.10.0", "platform": "HOST", "network": "ethernet"},
        server=f"{name}.local.",
    )
    zeroconf = Zeroconf(ip_version=IPVersion.V4Only)
    zeroconf.register_service(info, allow_name_change=False)
    print("announced", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        while True:
            time.sleep(1)
    finally:
        zeroconf.unregister_service(info)
        zeroconf.close()


if __name__ == "__main__":
    main()
