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
import atexit
import contextlib
import html
import logging
import shlex
import shutil
import signal
import socket
import sys
import tempfile
import webbrowser
from asyncio.subprocess import Process
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
APP_QUIT_SECONDS = 10.0
"""How long a tab's app may take to quit (and write what it holds) before it is killed."""
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def app_command(db_path: Path) -> str:
    """The shell command textual-serve runs for each tab: this Python, this package."""
    # exec: the shell gives way to the app, so the server's child is the app itself
    return "exec " + shlex.join([sys.executable, "-m", "ssi_tui", "--db", str(db_path)])


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
        """Warnings and errors only, each one line: a malformed request from anywhere must
        not fill the terminal with tracebacks (the printed link stays in view)."""
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("ssi-tui serve: %(message)s"))
        handler.addFilter(_without_traceback)
        logging.basicConfig(level=logging.WARNING, handlers=[handler], force=True)

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._guard])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        prefix = self.address.prefix
        app.add_routes(
            [
                web.get(f"{prefix}/", self.handle_index, name="index"),
                web.get(f"{prefix}/ws", self.handle_websocket, name="websocket"),
                web.static(f"{prefix}/static", self.statics_path, name="static"),
            ]
        )
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Refuse what does not carry the token, or comes by a name other than loopback."""
        prefix = self.address.prefix
        path = request.path
        under = path == prefix or path.startswith(prefix + "/")
        token = path[1 : len(prefix)] if under else ""
        if not (under and same_token(token, self.address.token)) or not (
            self.address.accepts_host_header(request.host)
        ):
            return web.Response(status=403, text=REFUSED + "\n")
        if path == prefix:
            raise web.HTTPFound(prefix + "/")
        response = await handler(request)
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("Cache-Control", "no-store")
        response.headers.setdefault("Content-Security-Policy", _this_server_only(request.host))
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

        session = TabSession(
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
            await asyncio.get_running_loop().run_in_executor(None, self._open_browser)

    def _open_browser(self) -> None:
        """Open the link through a file only this user can read: a browser started with the
        link itself would show the token in its command line, which every user can list."""
        folder = Path(tempfile.mkdtemp(prefix="ssi-tui-serve-"))  # mode 0700
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        page = folder / "open.html"
        page.write_text(_redirect_page(self.address.url), encoding="utf-8")
        page.chmod(0o600)
        webbrowser.open(page.as_uri())

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


class TabSession(AppService):
    """One tab's app process, waited for when it stops (so none is left unreaped when the
    server's loop closes)."""

    process: Process | None = None

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        process = await super()._open_app_process(width, height)
        self.process = process
        return process

    async def stop(self) -> None:
        await super().stop()
        process = self.process
        if process is None or process.returncode is not None:
            return
        try:
            await asyncio.wait_for(process.wait(), APP_QUIT_SECONDS)
        except TimeoutError:
            process.kill()
            await process.wait()


def _without_traceback(record: logging.LogRecord) -> bool:
    record.exc_info = None
    record.exc_text = None
    return True


def _this_server_only(host: str) -> str:
    """What the page may load: from this server alone (its scripts, styles, font and socket)."""
    return (
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        f"connect-src 'self' ws://{host}; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'none'"
    )


def _redirect_page(url: str) -> str:
    link = html.escape(url, quote=True)
    return (
        '<!DOCTYPE html><meta charset="utf-8">'
        f'<meta http-equiv="refresh" content="0;url={link}">'
        f'<title>ssi-tui</title><a href="{link}">Open ssi-tui</a>\n'
    )
