"""`kirjuri verify`: what the audit committee signs off, recomputed from the stored events.

Each check reads the log as it is stored (the exact bytes that were hashed), never the
application's cached state, so an event edited, deleted, inserted or reordered behind
the application's back is found, and so is an event the rules would have refused.
A check passes or fails with every offending event listed by its position and id.
"""

from __future__ import annotations

from pathlib import Path
import io
import json
from typing import IO, Callable, Iterable, NamedTuple

import re

import msgspec
from msgspec.structs import replace

from events.codec import GENESIS, canonical, chain_hash, decode_raw
from events.model import EntryReversed, Stored
from ledger.audit import authority
from ledger.audit.policy import Judged
from ledger.domain import rules
from ledger.store.chain import not_bytes
from ledger.audit.findings import Check, Finding, Verification
from ledger.domain.refusals import Rejected
from ledger.fold.state import STATE_FORMAT, LedgerState
from ledger.store.log import checkpoint_digest
from ledger.domain.text import in_json, shown
from ledger.audit import findings as said_findings
from ledger.domain import vocabulary
from ledger import locale
from ledger.reports.workbook import save, text_cell

# --- one pass over the stored log ------------------------------------------------------------


class _Pass:
    """Reads the stored rows once, in order, and feeds every check as it goes.

    The log is streamed in chunks (a million events are never all in memory); the
    state the rules are checked against is folded along the way, and compared with
    each stored checkpoint when the fold reaches its position.
    """

    def __init__(self, checkpoints: list[tuple], rules_of: authority.Rules = authority.DEFAULT,
                 final: authority.Rules | None = None):
        self.chain: list[Finding] = []
        self.rules: list[Finding] = []
        self.reversals: list[Finding] = []
        self.checkpoint_findings: list[Finding] = []
        #: seq -> (head, state, digest): a digest of None is one the caller did not give, or an older
        #: version's checkpoint that has none (readers do not use it; its figures are still compared)
        self.checkpoints = {seq: (head, data, digest) for seq, head, data, digest in
                            (tuple(row) + (None,) * (4 - len(row)) for row in checkpoints)}
        self.hashes: dict[str, int] = {}
        self.state = LedgerState()
        self.count = 0
        self.reversed = 0
        self.head, self.expected_seq = GENESIS, 1
        self.seen: dict[str, int] = {}
        self.undone: dict[str, int] = {}
        #: the latest recording time so far: times only grow along the log
        self.recorded_at = None
        #: each event judged by the checks the write path makes (``ledger.audit.policy``), in the state before it
        self.judged = Judged(rules_of, final)

    def row(self, position: int, topic: str, data: bytes) -> None:
        record = self._link(position, topic, data)
        self.expected_seq = position + 1
        if record is None:
            return
        if record.seq != position:
            # the chain check named the number the record claims; every other check names the
            # position it is stored at, as the chain's findings and the ledger's readers do
            record = replace(record, seq=position)
        self.count += 1
        self._time(record)
        self._reversal(record)
        self._fold(record)

    def _link(self, position: int, topic: str, data: bytes) -> Stored | None:
        """Check the row's place in the chain; the chain goes on from the hash it states,
        so one edited event is reported once, where it breaks, not at every event after it."""
        found = self.chain
        if position != self.expected_seq:
            found.append(Finding.of(position, "chain.skips", last=self.expected_seq - 1, position=position)
                         if position > self.expected_seq else Finding.of(position, "chain.again", position=position))
        wrong = not_bytes(position, data)
        if wrong is not None:  # text, a number or NULL where the record's bytes belong
            found.append(wrong)
            return None
        try:
            raw = decode_raw(data)
            record = msgspec.json.decode(data, type=Stored)
        except (msgspec.DecodeError, msgspec.ValidationError) as exc:
            found.append(Finding.of(position, "chain.undecodable", error=str(exc)))
            return None
        body, ident = bytes(raw.event), record.event.id
        if raw.seq != position:
            found.append(Finding.of(position, "chain.misnumbered", ident, says=raw.seq, position=position))
        if raw.prev != self.head:
            found.append(Finding.of(position, "chain.link", ident, prev=raw.prev, head=self.head))
        if not _hashes_to(raw.prev, body, raw.hash):
            found.append(Finding.of(position, "chain.edited", ident))
        elif canonical(record.event) != body:
            found.append(Finding.of(position, "chain.not_canonical", ident))
        tag = record.event.__struct_config__.tag
        if topic != tag:
            found.append(Finding.of(position, "chain.topic", ident, topic=topic, tag=tag))
        self.hashes[raw.hash] = position
        self.head = raw.hash
        return record

    def _time(self, record: Stored) -> None:
        """The ledger never records an event earlier than the one before it (``Kirjuri._seal_all``):
        "known at R" is a prefix of the log only while the times grow."""
        at = record.event.recorded_at
        if self.recorded_at is not None and at < self.recorded_at:
            refused = rules.Rejected("recorded_at", at.isoformat(), "recorded_at.earlier")
            self.rules.append(_refused(record, refused))
        self.recorded_at = at

    def _reversal(self, record: Stored) -> None:
        event = record.event
        if isinstance(event, EntryReversed):
            target = self.seen.get(event.target)
            if target is None:
                self.reversals.append(Finding.of(record.seq, "reversal.no_target", event.id, target=event.target))
            elif event.target in self.undone:
                self.reversals.append(Finding.of(record.seq, "reversal.again", event.id, target=target,
                                                 by=self.undone[event.target]))
            else:
                self.undone[event.target] = record.seq
        self.seen.setdefault(event.id, record.seq)

    def _fold(self, record: Stored) -> None:
        """The rules in the state before the event, then the event folded in (as written, in order)."""
        unreadable, refused = None, False
        try:
            rules.check(self.state, record.event)
        except rules.Rejected as exc:
            self.rules.append(_refused(record, exc))
            refused = True
        except (ArithmeticError, LookupError, TypeError, ValueError) as exc:  # a stored value past what a rule reads
            unreadable = exc
        if unreadable is None:
            try:
                self.judged.event(self.state, record)
            except (ArithmeticError, LookupError, TypeError, ValueError):
                if not refused:  # an event the rules let by is one the checks of authority can read
                    raise
        folded = replace(record, seq=self.state.seq + 1)
        try:
            self.state.apply(folded)
        except (ArithmeticError, LookupError, TypeError, ValueError) as exc:
            unreadable = exc
            if self.state.seq < folded.seq:  # refused before anything was folded: keep its place in the log
                self.state.apply(folded, inert=True)
        if unreadable is not None:
            self.rules.append(Finding.of(record.seq, "rules.unfoldable", record.event.id, error=_said(unreadable)))
        stored = self.checkpoints.get(record.seq)
        if stored is not None:
            self._compare(record.seq, *stored)

    def _compare(self, seq: int, head: str, data: bytes, digest: str | None) -> None:
        """A checkpoint edited to show other figures misleads every reader while the events
        stay intact: it must equal the events folded up to it, and its bytes their own digest."""
        if digest is not None and isinstance(data, bytes) and digest != checkpoint_digest(seq, head, data):
            self.checkpoint_findings.append(Finding.of(seq, "checkpoint.digest", at=seq))
            return  # no reader starts from it; what it would say is beside the point
        if _other_version(data):
            return  # the ledger never reads it
        try:
            stored = LedgerState.from_checkpoint(data)
        except (ArithmeticError, AttributeError, LookupError, TypeError, ValueError, msgspec.DecodeError) as exc:
            self.checkpoint_findings.append(Finding.of(seq, "checkpoint.unreadable", at=seq, error=_said(exc)))
            return
        if head != self.state.head or stored.fingerprint() != self.state.fingerprint():
            self.checkpoint_findings.append(Finding.of(seq, "checkpoint.differs", at=seq))

    def checks(self, expect_head: str | None) -> list[Check]:
        out = [Check.of("chain", "Every event's hash and the hash chain, recomputed from the stored bytes",
                        self.chain, "scope.events", count=self.count)]
        if expect_head is not None:
            out.append(self._head_check(expect_head))
        out.append(Check.of("reversals", "Reversals name an earlier event not yet reversed", self.reversals,
                            "scope.reversals", count=len(self.undone)))
        out.append(Check.of("rules", "Every event passes the rules in the state before it: its decision, "
                            "council-only changes by the valtuusto, open units, dates in the fiscal year, "
                            "recording times that never go back",
                            self.rules, "scope.events", count=self.count))
        missing = [Finding.of(seq, "checkpoint.past_end", at=seq) for seq in self.checkpoints if seq > self.state.seq]
        out.append(Check.of("checkpoints", "Stored checkpoints equal the events folded up to them",
                            self.checkpoint_findings + missing, "scope.checkpoints", count=len(self.checkpoints)))
        return out

    def _head_check(self, expected: str) -> Check:
        """The head in the minutes, whole or as its first digits: the position of the one stored
        event whose hash it is or begins (the empty ledger's, GENESIS, at 0)."""
        title = f"The ledger extends the head recorded in the minutes, {expected[:16]}…"
        if len(expected) == len(GENESIS):
            found = [0] if expected == GENESIS else [self.hashes[expected]] if expected in self.hashes else []
        else:
            found = [0] if GENESIS.startswith(expected) else []
            found += [at for digest, at in self.hashes.items() if digest.startswith(expected)]
        if not found:
            return Check("head", title, (Finding.of(None, "head.unknown", head=expected),))
        if len(found) > 1:
            return Check("head", title, (Finding.of(None, "head.ambiguous", head=expected, count=len(found)),))
        return Check.of("head", title, (), "scope.head", at=found[0], since=self.count - found[0])


def _other_version(data: object) -> bool:
    """A checkpoint another version of Kirjuri wrote (its own format number), which this one never reads."""
    try:
        doc = msgspec.msgpack.decode(data)  # type: ignore[arg-type]
    except (msgspec.DecodeError, TypeError):
        return False
    return isinstance(doc, dict) and isinstance(doc.get("format"), int) and doc["format"] != STATE_FORMAT


def _said(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


def _hashes_to(prev: str, body: bytes, digest: str) -> bool:
    """Whether ``body`` linked to ``prev`` hashes to ``digest``; a link that is no hash (not ASCII) never does."""
    try:
        return chain_hash(prev, body) == digest
    except UnicodeEncodeError:
        return False


def _refused(record: Stored, error: rules.Rejected) -> Finding:
    """An event the rules refuse: the refusal's own code and params, said in the finding's language."""
    return Finding.of(record.seq, "rules.refused", record.event.id, field=error.field, value=error.value,
                      refusal=(error.code, error.params))


#: the fewest hex digits of a head that name it: 16 (64 bits) leave no two events of a ledger alike
HEAD_DIGITS = 16
_HEX = re.compile(r"[0-9a-f]+")


def head_prefix(text: str, field: str = "expect_head") -> str:
    """A head as people write it in the minutes: all 64 hex digits, or its first 16 or more (a
    trailing "…", as Kirjuri prints a short head, is allowed); refused in one line otherwise."""
    digits = text.strip().removesuffix("…").removesuffix("...").strip().lower()
    if not _HEX.fullmatch(digits) or len(digits) > len(GENESIS):
        raise Rejected(field, text, "head.invalid", digits=HEAD_DIGITS)
    if len(digits) < HEAD_DIGITS:
        raise Rejected(field, text, "head.too_short", digits=HEAD_DIGITS, given=len(digits))
    return digits


def verify(rows: Iterable[list[tuple[int, str, bytes]]], checkpoints: list[tuple],
           expect_head: str | None = None, rules_of: authority.Rules = authority.DEFAULT,
           final: authority.Rules | None = None) -> Verification:
    """Every integrity check over the stored rows (position, topic, bytes) and checkpoints ((seq, head,
    state) or (seq, head, state, digest)), then the municipality's rules of authority over the state they
    fold to.

    ``expect_head``: the head recorded in the minutes, whole or its first 16 hex digits or more.
    ``rules_of``: the rules before the ledger adopted any (a file's, or kuntalaki's minimum); each event is judged
    by the rules in force when it was recorded, those of the adoption (``RulesAdopted``) recorded last before it.
    ``final``: the rules the ledger adopted last, if any: what it made is judged as they see it only where the
    rules then in force did not let it by (``Judged``).
    """
    if expect_head is not None:
        expect_head = head_prefix(expect_head)
    run = _Pass(checkpoints, rules_of, final)
    for chunk in rows:
        for position, topic, data in chunk:
            run.row(position, topic, data)
    checks = run.checks(expect_head) + run.judged.checks(run.state)
    return Verification(run.count, run.head, tuple(checks))


# --- the report as the minutes take it ------------------------------------------------------


def to_markdown(report: Verification, *, title: str | None = None, lang: str = "en") -> str:
    """The report as Markdown in ``lang`` (English, the minutes' language until one is asked for): a pass/fail
    table, then each failed check's findings."""
    def report_said(key: str, **fields: object) -> str:
        return locale.said("report", key, lang, **fields)

    verdict = report_said("verify.passed") if report.passed else report_said("verify.failed")
    head = " | ".join(report_said(f"verify.{column}") for column in ("check", "result", "what", "scope"))
    lines = [f"# {title or report_said('verify.title')}", "",
             report_said("verify.head", seq=report.seq, head=shown(report.head)), "", f"**{verdict}**", "",
             f"| {head} |", "| --- | --- | --- | --- |"]
    for check in report.checks:
        result = report_said("verify.pass") if check.passed else report_said("verify.fail", count=len(check.findings))
        lines.append(f"| {_cell(check_name(check.name, lang))} | {result} | {_cell(_title(check, lang))} | "
                     f"{_cell(_scope(check, lang))} |")
    for check in report.checks:
        if check.findings:
            lines += ["", "## " + report_said("verify.findings", check=_cell(check_name(check.name, lang)),
                                              count=len(check.findings)),
                      "", f"| # | {report_said('verify.event_id')} | {report_said('verify.finding')} |",
                      "| --- | --- | --- |"]
            lines += [f"| {'' if f.seq is None else f.seq} | {_cell(f.event_id)} | {_cell(_finding(f, lang))} |"
                      for f in check.findings]
    for check in report.checks:
        if check.confirmed:
            lines += ["", "## " + report_said("verify.confirmed", check=_cell(check_name(check.name, lang)),
                                              count=len(check.confirmed)),
                      "", f"| # | {report_said('verify.event_id')} | {report_said('verify.warning')} |",
                      "| --- | --- | --- |"]
            lines += [f"| {'' if f.seq is None else f.seq} | {_cell(f.event_id)} | {_cell(_finding(f, lang))} |"
                      for f in check.confirmed]
    return "\n".join(lines) + "\n"


def check_name(name: str, lang: str) -> str:
    """A check as the report and the terminal name it: its identifier in English (what scripts and the minutes
    cite), its word in another language ("Kedja", "Ketju"); a book's check ("book SOURCE") says "book" in words."""
    if lang == "en":
        return name
    head, _, rest = name.partition(" ")
    key = f"check_name.{head}"
    return locale.said("cli", key, lang) + (f" {rest}" if rest else "") if locale.has("cli", key) else name


def _title(check: Check, lang: str) -> str:
    """What a check looked at in ``lang``: its own English title, else the vocabulary's words for the check."""
    word = vocabulary.CHECKS.get(check.name.split(" ", 1)[0])
    return check.title if lang == "en" or word is None else word.said(lang)


def _scope(check: Check, lang: str) -> str:
    return check.scope if lang == "en" else said_findings.say_scope(check, lang)


def _finding(finding: Finding, lang: str) -> str:
    """A finding in ``lang``; the English is the text the report has always printed."""
    return finding.what if lang == "en" else said_findings.say(finding, lang)


def to_json(report: Verification) -> str:
    """The report as JSON; a finding quoting a stored row holds its control characters as \\u escapes."""
    return in_json(json.dumps(report.to_builtins(), ensure_ascii=False, indent=2)) + "\n"


class ReportFormat(NamedTuple):
    """How the report is written as a file of one suffix."""
    binary: bool
    mime_type: str
    write: Callable[..., None]


#: the suffixes the report is saved as, for the minutes: `kirjuri verify -o FILE` and the committee view
REPORT_FORMATS: dict[str, ReportFormat] = {
    ".md": ReportFormat(False, "text/markdown", lambda report, out, lang="en": out.write(to_markdown(report, lang=lang))),
    ".xlsx": ReportFormat(True, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          lambda report, out, lang="en": to_xlsx(report, out, lang=lang)),
    ".json": ReportFormat(False, "application/json", lambda report, out, lang="en": out.write(to_json(report))),
}


def report_bytes(report: Verification, suffix: str, lang: str = "en") -> bytes:
    """The report as the bytes of a ``suffix`` file in ``lang`` (a download has no file to write into)."""
    form = REPORT_FORMATS[suffix]
    if form.binary:
        out = io.BytesIO()
        form.write(report, out, lang)
        return out.getvalue()
    text = io.StringIO()
    form.write(report, text, lang)
    return text.getvalue().encode("utf-8")


def _cell(text: str) -> str:
    """Text in a Markdown cell: shown as data (a finding may quote a stored row), "|" kept in the cell."""
    return shown(text).replace("|", "\\|")


#: the sheets of ``to_xlsx`` and their columns, as keys of the report's words (``msgctxt "report"``)
XLSX_CHECKS = ("verify.xlsx.checks", ("verify.check", "verify.what", "verify.result", "verify.xlsx.findings",
                                      "verify.scope"))
XLSX_FINDINGS = ("verify.xlsx.findings", ("verify.check", "verify.xlsx.position", "verify.event_id", "verify.finding"))


def to_xlsx(report: Verification, path: str | Path | IO[bytes], *, title: str | None = None, lang: str = "en") -> None:
    """The report as a workbook for the minutes: a sheet of checks under the head, a sheet of findings.

    The first sheet gives the verdict, the number of events and the head, then one row per
    check (PASS or FAIL and how many findings); the second lists every finding with its
    check, stored position and event id. As ``ledger.reports.tables.to_xlsx``, openpyxl is
    imported here, and headings are bold. Its words are in ``lang`` (English, the minutes' language
    until one is asked for), the titles, scopes and findings too.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    wb = Workbook()
    checks = wb.active
    checks.title = said(XLSX_CHECKS[0], lang)
    text_cell(checks.cell(1, 1), title or said("verify.title", lang)).font = bold
    summary = ((said("verify.result", lang), said("verify.passed" if report.passed else "verify.failed", lang)),
               (said("verify.xlsx.events", lang), report.seq), (said("verify.xlsx.head", lang), report.head))
    for row, (label, value) in enumerate(summary, 3):
        text_cell(checks.cell(row, 1), label).font = bold
        _xlsx_value(checks.cell(row, 2), value)
    _xlsx_rows(checks, 3 + len(summary) + 1, tuple(said(key, lang) for key in XLSX_CHECKS[1]), bold,
               [(c.name, *check_said(c, lang)[:1], said("verify.xlsx.pass" if c.passed else "verify.xlsx.fail", lang),
                 len(c.findings), check_said(c, lang)[1]) for c in report.checks])
    found = wb.create_sheet(said(XLSX_FINDINGS[0], lang))
    _xlsx_rows(found, 1, tuple(said(key, lang) for key in XLSX_FINDINGS[1]), bold,
               [(c.name, f.seq, f.event_id, finding_said(f, lang)) for c in report.checks for f in c.findings])
    for sheet, widths in ((checks, (16, 60, 8, 10, 30)), (found, (16, 10, 20, 100))):
        for col, width in enumerate(widths, 1):
            sheet.column_dimensions[get_column_letter(col)].width = width
    save(wb, path)


def _xlsx_rows(sheet, header: int, names: tuple[str, ...], bold, rows: list[tuple]) -> None:
    """A bold header row at ``header``, frozen, and the rows below it: numbers as numbers, text as text."""
    for col, name in enumerate(names, 1):
        text_cell(sheet.cell(header, col), name).font = bold
    sheet.freeze_panes = sheet.cell(header + 1, 1)
    for r, values in enumerate(rows, header + 1):
        for col, value in enumerate(values, 1):
            _xlsx_value(sheet.cell(r, col), value)


def _xlsx_value(cell, value: int | str | None) -> None:
    """A count or a position as a number, nothing as an empty cell, anything else as text."""
    if isinstance(value, int) or value is None:
        cell.value = value
    else:
        text_cell(cell, value)


def book_check(source: str, statement) -> Check:
    """A book's printed totals against its own lines (the importer's self-consistency check).

    Kirjuri imports what a book says and never corrects it; the committee sees here
    where the book contradicts itself. Gaps within the book's rounding are counted, not listed.
    """
    wrong = [c for c in statement.contradictions if not c.rounding]
    rounding = len(statement.contradictions) - len(wrong)
    findings = [Finding.of(None, "book.contradiction_percent" if c.percent else "book.contradiction",
                           line=c.line, what=c.what, stated=c.stated, computed=c.computed) for c in wrong]
    return Check.of(f"book {source}", "The book's printed totals equal the sums of its lines", findings,
                    "scope.book_totals", totals=len(statement.checks), rounding=rounding)


# --- the report's words for the terminal (`kirjuri verify` without -o) ------------------------------


def said(key: str, lang: str, **fields: object) -> str:
    """One of the report's own texts (``msgctxt "report"``) in ``lang``, its fields filled."""
    return locale.said("report", key, lang, **fields)


def check_said(check: Check, lang: str) -> tuple[str, str]:
    """A check's title and scope in ``lang``, as the minutes' report says them."""
    return _title(check, lang), _scope(check, lang)


def finding_said(finding: Finding, lang: str) -> str:
    """A finding in ``lang``, as the minutes' report says it (the English unchanged)."""
    return _finding(finding, lang)
