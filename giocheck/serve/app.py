"""The ASGI app of `giocheck serve` (FastAPI): the page, the JSON API, the error answers.

Every error is one line in Chinese and English with the request id (`ErrorBody`); a trace goes
to the server log only. Uploads are checked by `giocheck/serve/work.py`.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Any, get_args
from urllib.parse import quote

import attrs
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from giocheck import __version__
from giocheck.cli import CHECK_FORMATS, check_output
from giocheck.engine.rulefile import RuleSet, RuleSpec, default_rules
from giocheck.model import AgencyKind, AgencyLevel, AnnualReport
from giocheck.outcome import FileOutcome
from giocheck.pairing import ReportOptions
from giocheck.render.json import check_json
from giocheck.runner import summarise
from giocheck.serve.guard import Guard, UploadTooLarge, too_large_words
from giocheck.serve.models import CheckDocument, ErrorBody, Health, RuleInfo, ViewDocument
from giocheck.serve.view import grids, rule_info
from giocheck.serve.work import Busy, Checker, OverBudget, Settings, Task, Upload, check_upload, display_name, keep_copy
from giocheck.words import pair

log = logging.getLogger("giocheck.serve")
STATIC = Path(__file__).parent / "static"
# `check --format` choices offered as downloads (rich is for a terminal).
DOWNLOADS = tuple(f for f in CHECK_FORMATS if f != "rich")
_MEDIA = {
    "json": ("application/json", "json"),
    "sarif": ("application/sarif+json", "sarif"),
    "junit": ("application/xml", "xml"),
    "html": ("text/html; charset=utf-8", "html"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "csv": ("text/csv; charset=utf-8", "csv"),
}
_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (400, 404, 413, 415, 422, 500, 503, 504)
}
_UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {
                            "type": "string",
                            "format": "binary",
                            "description": " ".join(pair("serve.field_file")),
                        },
                        "previous": {
                            "type": "string",
                            "format": "binary",
                            "description": " ".join(pair("serve.field_previous")),
                        },
                        "published": {"type": "string", "format": "date"},
                        "agency_kind": {"type": "string", "enum": list(get_args(AgencyKind))},
                        "agency_level": {"type": "string", "enum": list(get_args(AgencyLevel))},
                        "lang": {"type": "string", "enum": ["zh", "en"]},
                    },
                }
            },
            "application/json": {
                "schema": {"$ref": "#/components/schemas/AnnualReport"},
                "description": "the report model (giocheck schema); options as query parameters",
            },
        },
    }
}


class Refused(Exception):
    """A request the API answers with one line and `status`."""

    def __init__(self, status: int, zh: str, en: str) -> None:
        super().__init__(en)
        self.status, self.zh, self.en = status, zh, en


@attrs.frozen
class Checked:
    """One request's upload(s), checked."""

    outcome: FileOutcome
    lang: str
    uploads: list[Upload]


def create_app(settings: Settings | None = None, task: Task = check_upload) -> FastAPI:
    """The app; `task` is what a worker runs on one upload (tests give a slow one)."""
    settings = settings or Settings()
    checker = Checker(settings, task)
    rules = settings.rules or default_rules()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        checker.close()

    app = FastAPI(
        title="giocheck",
        version=__version__,
        description=" · ".join(pair("serve.api")) + " (docs/serve.md)",
        lifespan=lifespan,
        docs_url=None,  # FastAPI's interactive docs load their scripts from a CDN: nothing from outside
        redoc_url=None,
    )
    app.add_middleware(Guard, max_bytes=settings.max_upload_bytes)
    _error_handlers(app, settings)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    page = (STATIC / "index.html").read_text(encoding="utf-8")

    async def checked(request: Request) -> Checked:
        checker.admit()
        try:
            upload, previous, options, lang = await _read(request)
            outcome = await checker.check(upload, previous, options)
        finally:
            checker.leave()
        if outcome.result is None:
            raise Refused(422, f"{outcome.path}: {outcome.error_zh}", f"{outcome.path}: {outcome.error_en}")
        return Checked(outcome, lang, [upload] if previous is None else [upload, previous])

    def document(request: Request, done: Checked) -> dict[str, Any]:
        found = check_json([done.outcome], summarise([done.outcome]), (), done.lang)
        if settings.keep is not None:
            body = JSONResponse(found).body
            keep_copy(settings.keep, request.state.request_id, done.uploads, bytes(body))
        return found

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def index() -> HTMLResponse:
        return HTMLResponse(page)

    @app.get("/healthz", response_model=Health, tags=["service"])
    async def healthz() -> Health:
        """Whether the service is up, and how busy."""
        return Health(
            status="ok", version=__version__, workers=settings.workers, admitted=checker.admitted, queue=settings.queue
        )

    @app.post(
        "/api/check",
        response_model=None,
        responses={200: {"model": CheckDocument}, **_ERRORS},
        openapi_extra=_UPLOAD_BODY,
        tags=["check"],
    )
    async def check(request: Request) -> JSONResponse:
        """Check one report: exactly what `giocheck check FILE --format json` prints."""
        return JSONResponse(document(request, await checked(request)))

    @app.post(
        "/api/check/{output}",
        response_model=None,
        responses={200: {"content": {"application/octet-stream": {}}}, **_ERRORS},
        openapi_extra=_UPLOAD_BODY,
        tags=["check"],
    )
    async def check_as(request: Request, output: str) -> Response:
        """Check one report and download the result as `check --format OUTPUT` prints it."""
        if output not in DOWNLOADS:
            raise Refused(404, *pair("serve.no_output", output=output, known=", ".join(DOWNLOADS)))
        done = await checked(request)
        document(request, done)
        outcomes = [done.outcome]
        data = check_output(output, outcomes, summarise(outcomes), rules, (), done.lang)
        media, suffix = _MEDIA.get(output, ("text/plain; charset=utf-8", "txt"))
        name = f"{Path(done.outcome.path).stem}-giocheck.{suffix}"
        disposition = f"attachment; filename=\"giocheck.{suffix}\"; filename*=UTF-8''{quote(name)}"
        return Response(data, media_type=media, headers={"content-disposition": disposition})

    @app.post("/api/view", response_model=ViewDocument, responses=_ERRORS, openapi_extra=_UPLOAD_BODY, tags=["page"])
    async def view(request: Request) -> ViewDocument:
        """What the page shows: the check document, the grids, the basis of the rules that fired."""
        done = await checked(request)
        found = document(request, done)
        result = done.outcome.result
        assert result is not None  # `checked` refuses an unreadable upload
        fired = {f.rule for f in result.findings}
        return ViewDocument(
            request_id=request.state.request_id,
            check=CheckDocument.model_validate(found),
            grids=grids(result.report),
            rules={rule.id: rule_info(rule) for rule in rules.rules if rule.id in fired},
            downloads=list(DOWNLOADS),
        )

    @app.get("/api/formats", tags=["check"])
    async def download_formats() -> list[str]:
        """The `check --format` outputs `/api/check/{output}` can give."""
        return list(DOWNLOADS)

    @app.get("/api/rules", response_model=list[RuleInfo], tags=["rules"])
    async def list_rules() -> list[RuleInfo]:
        """Every rule in force, in the order they are checked."""
        return [rule_info(rule) for rule in rules.rules]

    @app.get("/api/rules/{rule_id}", response_model=list[RuleInfo], responses=_ERRORS, tags=["rules"])
    async def one_rule(rule_id: str) -> list[RuleInfo]:
        """One rule (one entry per set of formats it has a version for)."""
        found = _rule(rules, rule_id)
        return [rule_info(rule) for rule in found]

    _document_report_model(app)
    return app


def _document_report_model(app: FastAPI) -> None:
    """Put the report model (`giocheck schema`) into the OpenAPI components, for the JSON body."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()
            report = AnnualReport.model_json_schema(ref_template="#/components/schemas/{model}")
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            components.update(report.pop("$defs", {}))
            components["AnnualReport"] = report
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _rule(rules: RuleSet, rule_id: str) -> list[RuleSpec]:
    found = rules.get(rule_id.upper())
    if not found:
        raise Refused(404, *pair("serve.no_rule", rule=rule_id))
    return found


async def _read(request: Request) -> tuple[Upload, Upload | None, ReportOptions, str]:
    """The upload(s) and options of a multipart form, or a JSON report body with its options
    as query parameters."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        upload = Upload("report.json", await request.body())
        return upload, None, _options(dict(request.query_params)), _lang(request.query_params.get("lang"))
    if kind not in ("multipart/form-data", "application/x-www-form-urlencoded"):
        raise Refused(415, *pair("serve.media"))
    form = await request.form(max_files=2, max_fields=16)
    file = form.get("file")
    if not isinstance(file, UploadFile):
        raise Refused(422, *pair("serve.no_file"))
    upload = Upload(display_name(file.filename), await file.read())
    previous = None
    last = form.get("previous")
    if isinstance(last, UploadFile) and (last.filename or last.size):
        previous = Upload(display_name(last.filename, "previous"), await last.read())
    fields = {**request.query_params, **{k: v for k, v in form.items() if isinstance(v, str) and v}}
    return upload, previous, _options(fields), _lang(fields.get("lang"))


def _options(fields: dict[str, str]) -> ReportOptions:
    published = fields.get("published") or None
    kind = fields.get("agency_kind") or None
    level = fields.get("agency_level") or None
    if kind is not None and kind not in get_args(AgencyKind):
        raise Refused(422, *pair("serve.bad_kind", known=", ".join(get_args(AgencyKind))))
    if level is not None and level not in get_args(AgencyLevel):
        raise Refused(422, *pair("serve.bad_level", known=", ".join(get_args(AgencyLevel))))
    try:
        when = date.fromisoformat(published) if published is not None else None
    except ValueError:
        raise Refused(422, *pair("serve.bad_published", value=published)) from None
    return ReportOptions(published=when, agency_kind=kind, agency_level=level)  # type: ignore[arg-type]


def _lang(value: str | None) -> str:
    if value in (None, "", "zh", "en"):
        return value or "zh"
    raise Refused(422, *pair("serve.bad_lang"))


def _error_handlers(app: FastAPI, settings: Settings) -> None:
    def answer(request: Request, status: int, zh: str, en: str, headers: dict[str, str] | None = None) -> JSONResponse:
        request_id = getattr(request.state, "request_id", "-")
        body = ErrorBody(error=zh, error_en=en, request_id=request_id)
        log.info("request %s: %s %s", request_id, status, en)
        return JSONResponse(body.model_dump(), status_code=status, headers=headers)

    @app.exception_handler(Refused)
    async def refused(request: Request, error: Refused) -> JSONResponse:
        return answer(request, error.status, error.zh, error.en)

    @app.exception_handler(UploadTooLarge)
    async def too_large(request: Request, error: UploadTooLarge) -> JSONResponse:
        return answer(request, 413, *too_large_words(error.limit), headers={"connection": "close"})

    @app.exception_handler(Busy)
    async def busy(request: Request, error: Busy) -> JSONResponse:
        return answer(request, 503, *pair("serve.busy"), headers={"retry-after": "5"})

    @app.exception_handler(OverBudget)
    async def over_budget(request: Request, error: OverBudget) -> JSONResponse:
        limit = f"{settings.timeout:g}"
        return answer(request, 504, *pair("serve.over_budget", limit=limit))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        first = error.errors()[0] if error.errors() else {}
        where = ".".join(str(part) for part in first.get("loc", ()))
        return answer(request, 422, *pair("serve.invalid", where=where, message=first.get("msg", "")))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> JSONResponse:
        if error.status_code == 404:
            return answer(request, 404, *pair("serve.not_found", path=request.url.path))
        return answer(request, error.status_code, *pair("serve.bad_request", detail=error.detail))

    @app.exception_handler(Exception)
    async def internal(request: Request, error: Exception) -> JSONResponse:
        request_id = getattr(request.state, "request_id", "-")
        log.error("request %s failed", request_id, exc_info=error)
        return answer(
            request,
            500,
            *pair("serve.internal", request_id=request_id),
            headers={"x-request-id": request_id},  # answered outside the guard that adds it to the others
        )


def run(settings: Settings) -> None:
    """Serve until stopped (`giocheck serve`)."""
    import uvicorn

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="info")
