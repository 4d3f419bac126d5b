"""The `giocheck serve` command: its arguments, and starting the server when the extra is installed.

Imports no web framework until the command runs, so `giocheck check` stays light."""

from __future__ import annotations

import argparse
from pathlib import Path

from giocheck.errors import UsageError
from giocheck.words import say


def _whole(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}")
    return value


def serve_arguments(serve: argparse.ArgumentParser) -> None:
    """`--host --port --max-upload-mb --workers --timeout --queue --keep` (docs/serve.md)."""
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)"
    )
    serve.add_argument("--port", type=_whole, default=8000, help="port (default 8000)")
    serve.add_argument("--max-upload-mb", type=_whole, default=20, metavar="MB", help="largest upload (default 20 MB)")
    serve.add_argument(
        "--workers", type=_whole, default=0, metavar="N", help="worker processes checking files (default: every core)"
    )
    serve.add_argument(
        "--timeout", type=_whole, default=60, metavar="SECONDS", help="time budget to check one upload (default 60)"
    )
    serve.add_argument(
        "--queue",
        type=_whole,
        default=32,
        metavar="N",
        help="requests that may wait for a worker (default 32; more: 503)",
    )
    serve.add_argument(
        "--keep", type=Path, metavar="DIR", help="store each upload and its result in DIR (default: nothing stored)"
    )


def serve(args: argparse.Namespace) -> int:
    """Check that the extra is installed, then serve until stopped."""
    try:
        import fastapi  # noqa: F401
        import python_multipart  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as error:
        raise UsageError(say("serve.needs_extra", args.lang, module=error.name)) from None
    if args.max_upload_mb < 1 or args.timeout < 1 or not 0 < args.port < 65536:
        raise UsageError(say("serve.bad_settings", args.lang))
    from giocheck.engine.rulefile import load_rules
    from giocheck.execution import default_jobs
    from giocheck.limits import Limits, with_settings
    from giocheck.serve.app import run
    from giocheck.serve.work import MEGABYTE, Settings

    run(
        Settings(
            host=args.host,
            port=args.port,
            max_upload_bytes=args.max_upload_mb * MEGABYTE,
            workers=args.workers or default_jobs(),
            timeout=float(args.timeout),
            queue=args.queue,
            keep=args.keep,
            rules=load_rules(args.rules) if args.rules else None,
            limits=with_settings(Limits(), args.limit),
        )
    )
    return 0
