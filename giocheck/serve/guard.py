"""What every request passes first: a request id (answered in `X-Request-ID`, written with any
error to the server log) and the upload limit, checked on `Content-Length` and again while the
body arrives (a client may send none, or a wrong one)."""

from __future__ import annotations

import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from giocheck.serve.models import ErrorBody
from giocheck.serve.work import MEGABYTE
from giocheck.words import pair


class UploadTooLarge(Exception):
    """The body is longer than the limit (413)."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"upload larger than {limit} bytes")
        self.limit = limit


def too_large_words(limit: int) -> tuple[str, str]:
    """The one line of a 413, in Chinese and English."""
    size = f"{limit / MEGABYTE:g} MB"
    return pair("serve.too_large", size=size)


class Guard:
    """ASGI middleware: request id and upload limit."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = uuid.uuid4().hex[:16]
        scope.setdefault("state", {})["request_id"] = request_id

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
                message = {**message, "headers": headers}
            await send(message)

        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await _refuse(send_with_id, request_id, self.max_bytes)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise UploadTooLarge(self.max_bytes)
            return message

        await self.app(scope, counted, send_with_id)


async def _refuse(send: Send, request_id: str, limit: int) -> None:
    """A 413 before the body is read."""
    zh, en = too_large_words(limit)
    body = ErrorBody(error=zh, error_en=en, request_id=request_id).model_dump_json().encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
    ]
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": body})
