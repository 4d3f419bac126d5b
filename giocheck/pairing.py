"""What the user says about reports besides the files: publication date, the agency's name, kind
and level; and pairing this year's report with last year's in one folder."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import attrs

from giocheck.document import Document, Line
from giocheck.manifest import Manifest
from giocheck.model import AgencyKind, AgencyLevel, AnnualReport
from giocheck.profile import with_profile


@attrs.frozen
class ReportOptions:
    """`--published`, `--agency-kind`, `--agency-level` and the configuration's agency name."""

    published: date | None = None
    agency_kind: AgencyKind | None = None
    agency_level: AgencyLevel | None = None
    agency_name: str | None = None
    manifest: Manifest | None = None  # `--manifest`: per-file date, agency, kind and level win

    def apply(self, report: AnnualReport) -> AnnualReport:
        """The report with the given agency name, kind/level and publication date set on its metadata."""
        entry = self.manifest.entry(report.metadata.source) if self.manifest is not None else None
        if entry is not None:
            own = ReportOptions(
                entry.published or self.published,
                entry.kind or self.agency_kind,
                entry.level or self.agency_level,
                entry.agency,
            )
            return own.apply(report)
        if self.agency_name is not None:
            metadata = report.metadata.model_copy(update={"agency": self.agency_name})
            report = report.model_copy(update={"metadata": metadata})
        return with_profile(report, self.agency_kind, self.agency_level, self.published)


def identify(path: Path) -> tuple[str, int] | None:
    """The agency and year a report file states, read cheaply (its text and title, not its
    tables): the key that pairs it with last year's report. None when it states neither or cannot
    be read (checking it says why)."""
    from giocheck.readers import read_source

    try:
        source = _pdf_ends(path) or read_source(path)
        if isinstance(source, AnnualReport):
            agency, year = source.metadata.agency, source.metadata.year
        else:
            agency, year = _title(source.lines)
    except Exception:  # whatever stops the read stops the check too, which reports it
        return None
    return (agency, year) if agency and year else None


def pair_index(reports: Sequence[tuple[Path, tuple[str, int] | None]]) -> dict[Path, Path]:
    """For each report of one folder, last year's report of the same agency beside it.

    `reports` are (file, (agency, year)) as `identify` gives them; of two files stating the same
    agency and year, the later one is paired. Built once per run and shared by `giocheck check`
    (giocheck/execution.py, through `TitleIndex`) and the pytest plugin."""
    folders: dict[Path, list[tuple[Path, tuple[str, int] | None]]] = {}
    for path, identity in reports:
        folders.setdefault(path.parent, []).append((path, identity))
    pairs: dict[Path, Path] = {}
    for here in folders.values():
        index = TitleIndex(len(here))
        for number, (_path, identity) in enumerate(here):
            index.add(number, identity)
        for number, (path, _identity) in enumerate(here):
            found = index.previous(number)
            if found is not None:
                pairs[path] = here[found][0]
    return pairs


class TitleIndex:
    """The (agency, year) of the `size` reports of one folder, numbered 0 … size - 1, as they
    become known in any order; then each report's pair: last year's report of the same agency.

    Compact for a folder of 10,000 reports: each report is a 16-byte digest of what it states
    and one of what its pair would state, not a tuple of strings and a path (BLAKE2b, 128 bits:
    two different (agency, year) never meet in practice, as two files never share a SHA-256)."""

    _WIDTH = 16

    def __init__(self, size: int) -> None:
        self._stated: dict[bytes, int] = {}  # (agency, year) → the last report stating it
        self._wanted = bytearray(self._WIDTH * size)  # per report: (agency, year - 1), zeros if unknown

    def add(self, number: int, identity: tuple[str, int] | None) -> None:
        """Report `number` states `identity` (None: neither agency nor year is known)."""
        if identity is None:
            return
        agency, year = identity
        stated = _digest(agency, year)
        if self._stated.get(stated, -1) < number:  # of two reports stating the same, the later
            self._stated[stated] = number
        at = number * self._WIDTH
        self._wanted[at : at + self._WIDTH] = _digest(agency, year - 1)

    def previous(self, number: int) -> int | None:
        """The number of last year's report of report `number`'s agency, or None."""
        at = number * self._WIDTH
        wanted = bytes(self._wanted[at : at + self._WIDTH])
        return None if not any(wanted) else self._stated.get(wanted)


def _digest(agency: str, year: int) -> bytes:
    return hashlib.blake2b(f"{agency}\0{year}".encode("utf-8", "surrogatepass"), digest_size=16).digest()


_HEAD_LINES = 80
_PDF_SIZE = 64 * 1024 * 1024


def _pdf_ends(path: Path) -> Document | None:
    """The plain text of a PDF's first and last pages (its title and signature), or None when
    the file is no regular file holding a PDF: reading every page's tables is the costly part."""
    import pypdfium2  # type: ignore[import-untyped]

    from giocheck.readers.pdfstreams import check_streams
    from giocheck.readers.text import read_text

    if not path.is_file() or path.stat().st_size > _PDF_SIZE:
        return None
    with path.open("rb") as file:
        if not file.read(1024).lstrip().startswith(b"%PDF"):
            return None
    # PDFium inflates a content stream whole: a stream bomb is stopped here as when the PDF is read
    # (a folder run identified every PDF before checking it, and took 2 GB on a 1 MB file).
    check_streams(path.read_bytes())
    document = pypdfium2.PdfDocument(str(path))
    try:
        pages = sorted({0, len(document) - 1}) if len(document) else []
        texts = []
        for number in pages:
            page = document[number]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        document.close()
    text = "\n".join(texts).replace("\r\n", "\n").replace("\r", "\n")
    return read_text(text, str(path)) if text.strip() else None


def _title(lines: Sequence[Line]) -> tuple[str | None, int | None]:
    """Agency and year as `extract_report` finds them (a test keeps the two the same)."""
    from giocheck.extract.reflow import reflow
    from giocheck.extract.structure import find_headings, read_title
    from giocheck.extract.wrapper import read_signature
    from giocheck.formats import latest_format

    # The title stands before the first part, in the first lines: reflowing those is enough,
    # unless the title names no agency and the signature at the end must.
    head = reflow(lines[:_HEAD_LINES])
    outline = find_headings(head, latest_format())
    if outline or len(lines) <= _HEAD_LINES:
        title = read_title(head, outline[0].index if outline else 0)
    else:
        lines = reflow(lines)
        outline = find_headings(lines, latest_format())
        title = read_title(lines, outline[0].index if outline else 0)
    if title.agency is not None:
        return title.agency, title.year
    signature = read_signature(reflow(lines))
    return (signature.agency if signature else None) or title.unit, title.year
