"""`drafter serve`: the local web workbench."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from drafter.cli.archive import db_option
from drafter.cli.options import (
    facts_dir_of,
    facts_option,
    templates_dir_of,
    templates_option,
    workspace,
)
from drafter.cli.terminal import colour_wanted
from drafter.web.workspace import LOCAL_HOST

if TYPE_CHECKING:
    from werkzeug.serving import WSGIRequestHandler


@click.command()
@click.option(
    "--host",
    default=LOCAL_HOST,
    show_default=True,
    help="Address to listen on. Anything but this machine's is warned about: there is no login.",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@db_option
@facts_option
@templates_option
def serve(
    host: str, port: int, db: Path | None, facts_dir: Path | None, templates_dir: Path | None
) -> None:
    """Serve the workbench: draft, check sources, review and download in a browser.

    It prints its address and opens nothing else. Drafts made in the browser are kept in
    memory until it stops; files are read only from this workspace's folders.

    \b
    Example:
      drafter serve            # then open http://127.0.0.1:8000
    """
    from werkzeug.serving import make_server

    from drafter.web.app import create_app
    from drafter.web.workspace import Workbench, host_warning, trusted_hosts

    config = workspace()
    bench = Workbench(
        config=config,
        facts=facts_dir_of(facts_dir),
        templates=templates_dir_of(templates_dir),
        archive=db or config.archive,
        drafts=config.drafts,
        hosts=trusted_hosts(host),
    )
    app = create_app(bench)
    app.extensions["drafter"].library.load()  # a broken fact base stops here, in one line
    warning = host_warning(host)
    if warning:
        click.echo(warning, err=True)
    server = make_server(host, port, app, threaded=True, request_handler=request_handler())
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"drafter workbench: http://{shown}:{server.server_port} (Ctrl+C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped", err=True)


def request_handler() -> type[WSGIRequestHandler]:
    """The request handler: werkzeug's, which colours its log, only on a terminal.

    Off a terminal or under NO_COLOR, a plain one, so a log kept in a file holds no colour codes.
    """
    from werkzeug.serving import WSGIRequestHandler

    if colour_wanted("auto", sys.stderr):
        return WSGIRequestHandler

    class PlainLog(WSGIRequestHandler):
        def log_request(  # noqa: D102 (werkzeug's, uncoloured)
            self, code: int | str = "-", size: int | str = "-"
        ) -> None:
            line = self.requestline.encode("unicode_escape").decode("ascii")  # no raw controls
            self.log("info", '"%s" %s %s', line, code, size)

    return PlainLog
