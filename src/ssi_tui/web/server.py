"""`ssi-tui serve`: textual-serve, locked to its opener and to this machine.

textual-serve starts one app process per browser tab (each is `ssi-tui --db PATH` with a web
driver), so the tab and the shell share the database as two terminals do. Around it:
- every path starts with a random token (the printed link carries it); anything else is
  refused, and on loopback so is a Host header that is not a loopback name;
- the page is this package's own template: its font comes from this server, not from a
  font service, so the page asks nothing of any other host.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shlex
import signal
import socket
import sys
import webbrowser
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
import textual_serve
from aiohttp import WSCloseCode, web
from aiohttp.web_runner import GracefulExit
from textual_serve.app_service import AppService
from textual_serve.server import Server

from ssi_tui.web.address import Address, same_token

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(textual_serve.__file__).parent / "static"
"""textual-serve's own scripts, styles and fonts, served from here under the token."""
REFUSED = "This page needs the link that 'ssi-tui serve' printed, with its token."
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def app_command(db_path: Path) -> str:
    """The shell command textual-serve runs for each tab: this Python, this package."""
    return shlex.join([sys.executable, "-m", "ssi_tui", "--db", str(db_path)])


class TabServer(Server):
    """textual-serve's server with the token, the Host check and the offline page."""

    def __init__(
        self,
        db_path: Path,
        address: Address,
        sock: socket.socket,
        *,
        open_browser: bool,
        say: Callable[[str], None],
    ) -> None:
        super().__init__(
            app_command(db_path),
            host=address.host,
            port=address.port,
            title="ssi-tui",
            statics_path=STATIC,
            templates_path=TEMPLATES,
        )
        self.address = address
        self.sock = sock
        self.open_browser = open_browser
        self.say = say
        self.tabs: set[web.WebSocketResponse] = set()

    def initialize_logging(self) -> None:
        """Only textual-serve's warnings and errors: the terminal keeps the printed link."""
        logging.basicConfig(level=logging.WARNING, format="ssi-tui serve: %(message)s")

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._guard])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        prefix = self.address.prefix
        app.add_routes(
            [
                web.get(f"{prefix}/", self.handle_index, name="index"),
                web.get(f"{prefix}/ws", self.handle_websocket, name="websocket"),
                web.get(f"{prefix}/download/{{key}}", self.handle_download, name="download"),
                web.static(f"{prefix}/static", self.statics_path, name="static"),
            ]
        )
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Refuse what does not carry the token, or comes by a name other than loopback."""
        first = request.path.split("/", 2)[1]  # a path always starts with "/"
        if not same_token(first, self.address.token) or not self.address.accepts_host_header(
            request.host
        ):
            return web.Response(status=403, text=REFUSED + "\n")
        if request.path == self.address.prefix:
            raise web.HTTPFound(self.address.prefix + "/")
        response = await handler(request)
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The page, with addresses taken from the request (so `localhost` works as well)."""
        base = f"{request.host}{self.address.prefix}"
        context: dict[str, Any] = {
            "title": self.title,
            "static_url": f"{self.address.prefix}/static/",
            "websocket_url": f"ws://{base}/ws",
            "font_size": _number_within(request.query.get("fontsize", ""), 8, 40, default=16),
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One tab: its own app process, fed the tab's keys, until either side closes."""
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)

        async def close() -> None:
            await websocket.close()

        session = AppService(
            self.command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=close,
            download_manager=self.download_manager,
            debug=self.debug,
        )
        self.tabs.add(websocket)
        try:
            await session.start(
                _number_within(request.query.get("width", ""), 10, 1000, default=80),
                _number_within(request.query.get("height", ""), 5, 1000, default=24),
            )
            await self._process_messages(websocket, session)
        finally:
            self.tabs.discard(websocket)
            await session.stop()  # the app quits as on `q`: what it holds is written
        return websocket

    async def on_shutdown(self, app: web.Application) -> None:
        """Ctrl+C: close every tab's connection, which ends its app, instead of waiting for
        the tabs to be closed."""
        for websocket in list(self.tabs):
            await websocket.close(code=WSCloseCode.GOING_AWAY, message=b"ssi-tui serve stopped")

    async def on_startup(self, app: web.Application) -> None:
        self.say(f"ssi-tui is open at {self.address.url}")
        self.say("Each tab is its own session of the app. Press Ctrl+C here to stop.")
        if self.open_browser:
            await asyncio.get_running_loop().run_in_executor(
                None, webbrowser.open, self.address.url
            )

    def serve(self, debug: bool = False) -> None:
        """Serve on the socket bound beforehand until Ctrl+C (or SIGTERM)."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for signal_number in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signal_number, self.request_exit)
        with contextlib.suppress(GracefulExit):  # Ctrl+C: the server's normal end
            web.run_app(
                self._make_app(),
                sock=self.sock,
                handle_signals=False,
                loop=loop,
                print=None,
                access_log=None,
            )


def _number_within(text: str, low: int, high: int, default: int) -> int:
    """A number the page sent (its columns, rows or font size), if it is in reason."""
    try:
        number = int(text)
    except ValueError:
        return default
    return number if low <= number <= high else default
