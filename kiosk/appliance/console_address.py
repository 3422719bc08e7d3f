"""The address a person types (or scans) to reach the console: the machine's own address on the clinic
network when the console listens on all of them."""

from __future__ import annotations

import socket

ANY = ("0.0.0.0", "::", "")


def lan_address() -> str:
    """This machine's address on its network, found without sending anything (a UDP socket only picks a
    route); 127.0.0.1 when there is no network."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))   # TEST-NET-1: never routed anywhere, nothing is sent
        return probe.getsockname()[0]
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()


def url_for_people(host: str, port: int) -> str:
    shown = lan_address() if host in ANY else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"
