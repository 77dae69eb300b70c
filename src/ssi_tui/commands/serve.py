"""`ssi-tui serve`: the app in a browser tab, on this machine only unless asked otherwise."""

from __future__ import annotations

import errno
from pathlib import Path

import click

from ssi_tui.commands.common import demo_database, refuse
from ssi_tui.store.database import DatabaseError, open_connection, resolve_db_path
from ssi_tui.web.address import Address, bind_socket, is_loopback, new_token

INSTALL_WEB = (
    "The browser tab needs the web extra: install it with pip install 'ssi-tui[web]' "
    "(or pipx install 'ssi-tui[web]')."
)
EXPOSE_FLAG = "--expose-to-network"


@click.command("serve")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=0, help="Port (default: a free one)."
)
@click.option("--db", "db_option", metavar="PATH", help="Database file (default: as ssi-tui).")
@click.option("--demo", is_flag=True, help="Serve a generated year of history, discarded on exit.")
@click.option("--no-browser", is_flag=True, help="Print the link without opening a browser.")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help=f"Address to listen on; anything but this machine needs {EXPOSE_FLAG}.",
)
@click.option(
    EXPOSE_FLAG,
    "expose",
    is_flag=True,
    help="Let other machines that reach --host open the app, and with it your whole journal "
    "(they still need the link's token; the traffic is not encrypted).",
)
@click.pass_context
def serve(
    ctx: click.Context,
    port: int,
    db_option: str | None,
    demo: bool,
    no_browser: bool,
    host: str,
    expose: bool,
) -> None:
    """Open ssi-tui in a browser tab: the same app and keys, one session per tab.

    It listens on 127.0.0.1 only, behind a random token in the printed link, and the page
    loads nothing from the internet. Stop it with Ctrl+C.
    """
    if demo and db_option is not None:
        refuse("Choose --demo or --db, not both.")
    host = host.strip().removeprefix("[").removesuffix("]")  # [::1] as in a URL
    if not host:
        refuse("The host is empty; leave --host out to serve on 127.0.0.1.")
    if not is_loopback(host) and not expose:
        refuse(
            f"Serving on {host} would let other machines open your journal; "
            f"add {EXPOSE_FLAG} if that is what you want."
        )
    try:
        from ssi_tui.web.server import TabServer
    except ImportError:
        refuse(INSTALL_WEB)
    path = _database_path(ctx, db_option, demo)
    try:
        sock = bind_socket(host, port)
    except OSError as error:
        refuse(_cannot_listen(host, port, error))
    address = Address(host, sock.getsockname()[1], new_token())
    click.echo(f"Data: {path}" + (" (a demo history, deleted when this stops)" if demo else ""))
    if expose:
        click.echo(f"Exposed: anyone who reaches {host} with the link can use your journal.")
    TabServer(path, address, sock, open_browser=not no_browser, say=click.echo).serve()


def _database_path(ctx: click.Context, db_option: str | None, demo: bool) -> Path:
    """This command's own --db/--demo, else the ones given before it; checked before serving
    (each tab opens it too, but a bad file is better said here, once)."""
    if demo:
        return demo_database(ctx)
    path = resolve_db_path(db_option) if db_option is not None else ctx.find_root().obj
    try:
        open_connection(path).close()
    except DatabaseError as error:
        refuse(str(error))
    return Path(path)


def _cannot_listen(host: str, port: int, error: OSError) -> str:
    if error.errno == errno.EADDRINUSE:
        return (
            f"Port {port} is in use; choose another with --port, or leave it out to take "
            "a free one."
        )
    where = f"{host} port {port}" if port else host
    return f"Cannot listen on {where}: {error.strerror or error}."
