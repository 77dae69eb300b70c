"""Where the browser tab is served, and the secret that lets only its opener in.

Pure: no web server is imported here, so the command can refuse a host before loading one.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
import socket
from dataclasses import dataclass

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})
TOKEN_BYTES = 24
"""192 random bits: the token is the only thing between the page and another local user."""


def is_loopback(host: str) -> bool:
    """True for a name or address that only this machine can reach."""
    name = host.strip().strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def same_token(given: str, token: str) -> bool:
    """Compared in constant time, so the answer's timing says nothing about the token."""
    return hmac.compare_digest(given.encode(), token.encode())


@dataclass(frozen=True)
class Address:
    """A bound host and port, and the token every path must start with."""

    host: str
    port: int
    token: str

    @property
    def prefix(self) -> str:
        return f"/{self.token}"

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}{self.prefix}/"

    def accepts_host_header(self, header: str) -> bool:
        """On loopback, only a loopback name with this port: a web page whose own name was
        made to point at 127.0.0.1 (DNS rebinding) is refused before the token is looked at.
        Served to the network on purpose, any name that reaches the port will do."""
        if not is_loopback(self.host):
            return True
        name, port = split_host_header(header)
        return port == self.port and is_loopback(name)


def split_host_header(header: str) -> tuple[str, int | None]:
    """`127.0.0.1:8080`, `[::1]:8080`, `localhost` → (name, port); no port means HTTP's 80,
    which browsers leave out. A port that is not a number gives None."""
    if header.startswith("["):
        name, _, rest = header[1:].partition("]")
        port = rest.removeprefix(":") if rest.startswith(":") or not rest else "x"
    else:
        name, _, port = header.partition(":")
    if not port:
        return name, 80
    return name, int(port) if port.isdigit() else None


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening socket on `host`: port 0 takes a free one. OSError when it cannot bind."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    sock.setblocking(False)
    return sock
