"""`ssi-tui serve` refusals, and the page it serves, without a browser."""

from __future__ import annotations

import asyncio
import re
import socket
import sys
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer
from tests.cli import run

from ssi_tui.web.address import Address, bind_socket, is_loopback, new_token
from ssi_tui.web.server import STATIC, TabServer


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "127.8.9.10", "::1", "[::1]", "localhost", "LocalHost", " localhost "]
)
def test_loopback_names_and_addresses(host: str) -> None:
    assert is_loopback(host)


@pytest.mark.parametrize(
    "host",
    ["0.0.0.0", "::", "192.168.1.20", "10.0.0.1", "example.com", "localhost.example.com", ""],
)
def test_every_other_host_reaches_beyond_this_machine(host: str) -> None:
    assert not is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "example.com"])
def test_a_host_beyond_this_machine_is_refused_without_the_flag(db_path: Path, host: str) -> None:
    status, output = run(db_path, "serve", "--no-browser", "--host", host)
    assert status == 2
    assert output == (
        f"ssi-tui: Serving on {host} would let other machines open your journal; "
        "add --expose-to-network if that is what you want.\n"
    )
    assert not db_path.exists()  # refused before anything was opened or created


def test_without_the_web_extra_serve_says_how_to_install_it(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve", None)  # as if never installed
    monkeypatch.delitem(sys.modules, "ssi_tui.web.server", raising=False)
    status, output = run(db_path, "serve", "--no-browser")
    assert status == 2
    assert output == (
        "ssi-tui: The browser tab needs the web extra: install it with "
        "pip install 'ssi-tui[web]' (or pipx install 'ssi-tui[web]').\n"
    )


def test_a_port_in_use_is_one_sentence(db_path: Path) -> None:
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    try:
        status, output = run(db_path, "serve", "--no-browser", "--port", str(port))
    finally:
        taken.close()
    assert status == 2
    assert output == (
        f"ssi-tui: Port {port} is in use; choose another with --port, or leave it out to "
        "take a free one.\n"
    )


def test_a_damaged_file_is_refused_before_serving(db_path: Path) -> None:
    db_path.write_bytes(b"this is not a database, just some text\n" * 100)
    status, output = run(db_path, "serve", "--no-browser")
    assert status == 2
    assert output.startswith("ssi-tui: ") and output.count("\n") == 1
    assert db_path.read_bytes() == b"this is not a database, just some text\n" * 100


def test_demo_and_db_together_are_refused(db_path: Path) -> None:
    status, output = run(db_path, "serve", "--demo", "--db", str(db_path))
    assert (status, output) == (2, "ssi-tui: Choose --demo or --db, not both.\n")


async def test_the_page_asks_only_its_own_server_and_only_with_the_token(tmp_path: Path) -> None:
    sock = bind_socket("127.0.0.1", 0)
    port = sock.getsockname()[1]
    sock.close()  # the test server binds the same port itself
    address = Address("127.0.0.1", port, new_token())
    server = TabServer(tmp_path / "ssi.db", address, sock, open_browser=False, say=print)
    async with TestClient(TestServer(await server._make_app(), port=port)) as client:
        page = await client.get(f"{address.prefix}/")
        html = await page.text()
        refused = await client.get("/")
        wrong_token = await client.get(f"/{new_token()}/")
        font = await client.get(f"{address.prefix}/static/fonts/RobotoMono-VariableFont_wght.ttf")
        assert (await refused.text()).startswith("This page needs the link that 'ssi-tui serve'")
    assert (page.status, refused.status, wrong_token.status, font.status) == (200, 403, 403, 200)
    addresses = re.findall(r'(?:src|href)="([^"]+)"|url\("([^"]+)"\)', html)
    assert addresses
    for found in (a or b for a, b in addresses):
        assert found.startswith(f"{address.prefix}/static/"), found
    assert f'data-session-websocket-url="ws://127.0.0.1:{port}{address.prefix}/ws"' in html
    assert not re.search(r"https?://", html)  # no font service, no script from elsewhere
    assert (STATIC / "fonts" / "RobotoMono-VariableFont_wght.ttf").is_file()
    assert page.headers["Referrer-Policy"] == "no-referrer"
    # and the browser itself holds the page to this server, whatever it is asked to load
    assert page.headers["Content-Security-Policy"].startswith("default-src 'self';")
    assert f"connect-src 'self' ws://127.0.0.1:{port};" in page.headers["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("port", "header", "accepted"),
    [
        (80, "127.0.0.1", True),  # browsers leave out the default port
        (80, "localhost", True),
        (80, "[::1]", True),
        (8080, "[::1]:8080", True),
        (8080, "127.0.0.1:8080", True),
        (8080, "127.0.0.1", False),
        (8080, "127.0.0.1:8081", False),
        (8080, "evil.example:8080", False),
        (80, "evil.example", False),
        (8080, "[::1]x:8080", False),
        (8080, "127.0.0.1:80a", False),
    ],
)
def test_the_host_header_a_browser_sends(port: int, header: str, accepted: bool) -> None:
    assert Address("127.0.0.1", port, new_token()).accepts_host_header(header) is accepted


async def test_a_malformed_request_is_refused_without_a_traceback(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """`OPTIONS *` (a path without a slash) from anyone on the machine: 403, not a crash."""
    sock = bind_socket("127.0.0.1", 0)
    port = sock.getsockname()[1]
    sock.close()
    address = Address("127.0.0.1", port, new_token())
    server = TabServer(tmp_path / "ssi.db", address, sock, open_browser=False, say=print)
    async with TestServer(await server._make_app(), port=port):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(f"OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        await writer.drain()
        status_line = await reader.readline()
        writer.close()
    assert status_line.split()[1] == b"403"
    assert "Traceback" not in caplog.text and not any(r.exc_info for r in caplog.records)
