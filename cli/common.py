"""What every command of the CLI shares: the global options, the printers, opening the ledger,
turning a failure into one line, and reading what a clerk types.

Every failure is one line on stderr naming the field and the value, exit status 1, and
nothing written. Names with a leading underscore belong to the cli package's own modules.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
import textwrap
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Iterator

import typer
from rich.console import Console
from rich.markup import escape
from rich.text import Text

from events import accounts
from events.chart import ChartError
from events.model import Line
from ledger.app import Conflict, Kirjuri
from ledger.audit import authority
from ledger.audit.authority import Rules
from ledger.domain import forms, vocabulary
from ledger.domain.citation import parse_decision
from ledger.domain import formats
from ledger.domain.money import AmountError
from ledger.domain.refusals import field_said, reason, value_said, why
from ledger.domain.rules import Rejected
from ledger.domain.text import shown
from ledger.domain.vocabulary import LANGUAGES
from ledger.fold import projections as pj
from ledger import locale
from ledger.locale.reason import Reason, said
from ledger.reports.output import check_output, ledger_files
from ledger.store.log import Damaged, StoreError, resolve_target

out = Console(highlight=False, width=None if sys.stdout.isatty() else 240)
err = Console(stderr=True, highlight=False, soft_wrap=True)

#: the bundled examples (the demo's ledger, the books' profiles), beside the packages in a source tree
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


class Options:
    db: str | None = None
    author: str | None = None
    #: the language the global --lang asked for (None: not given; ``language`` looks further)
    lang: str | None = None
    #: the last --lang of the command line, a command's own (`serve --lang en`) included: what its lines speak
    line_lang: str | None = None
    #: the municipality's chart file in use (``use_chart``), absolute, for the UIs `serve` starts
    chart: str | None = None
    #: the ledgers this command opened, for the notice a damaged one gets (``_notice``)
    opened: list[Kirjuri] = []
    #: the municipality's rules file (``--rules`` before the command, or $KIRJURI_RULES): what every write is
    #: judged by (``ledger.audit.policy``) and what verify and the UI check, unless they are given another
    rules_file: str | None = None


OPTS = Options()

#: a column's heading as the CLI (Finnish) shows it, from the one vocabulary
COLUMN_LABELS = vocabulary.labels(vocabulary.COLUMNS, "fi")


@contextmanager
def _failing() -> Iterator[None]:
    """Turn every expected failure into one line on stderr and exit status 1; a damaged ledger that was
    read is said once more, after what the command printed (``_notice``). The ledgers the command
    opened are closed when it ends (their connections with them). A long table's problems
    (``LongFormatError``) are a ValueError, said in the language asked (``_said_error``)."""
    try:
        yield
    except Damaged as exc:  # the line names the damage itself
        _close_opened()
        err.print(f"kirjuri: {shown(exc.said(_cli_language()))}", markup=False)
        raise typer.Exit(1) from None
    except Rejected as exc:
        err.print(f"kirjuri: {shown(_refusal_line(exc))}", markup=False)
        _notice()
        raise typer.Exit(1) from None
    except (AmountError, StoreError, Conflict, ValueError, OSError) as exc:
        err.print(f"kirjuri: {shown(_said_error(exc))}", markup=False)
        _notice()
        raise typer.Exit(1) from None
    except BaseException:
        _close_opened()
        raise
    _notice()


def _said_error(exc: BaseException) -> str:
    """A failure's line in the language asked: one that can say itself (a long table's ``LongFormatError``, its
    rows' problems ``Reason``s, a ``StoreError``) in it, one raised with a ``Reason`` (an export that cannot be
    restored) as that, another as its text."""
    lang = _cli_language()
    say = getattr(exc, "said", None)
    if callable(say):
        return say(lang)
    first = exc.args[0] if len(exc.args) == 1 else None
    return said(first, lang) if isinstance(first, Reason) else str(exc)


def _notice() -> None:
    """One line on stderr for each damaged ledger the command read: what it showed is the prefix before
    the damage, and what to do (once, however many parts of the command read it). And one for a ledger
    holding accounts the chart in use does not know: they were shown on their own, in no total."""
    lang = _cli_language()
    for ledger in OPTS.opened:
        if ledger.damage is not None:
            notice = _refusal_line(ledger.damage.notice(ledger.state.seq), lang)
            err.print(shown(cli_said("warning.damaged", lang, notice=notice)), markup=False)
        outside = ledger.accounts_outside_chart()
        if outside:
            named = ", ".join(repr(a) for a in outside)
            err.print(shown(cli_said("warning.outside_chart", lang, accounts=named)), markup=False)
    _close_opened()


def use_chart(path: str | None) -> None:
    """Use the bundled chart extended by the municipality's file ``path`` (or the bundled one alone);
    a file that cannot be used is one line and exit status 1, before anything is opened."""
    try:
        accounts.use(accounts.extended(Path(path)) if path else None)
        OPTS.chart = str(Path(path).resolve()) if path else None
    except ChartError as exc:
        err.print(f"kirjuri: {shown(str(exc))}", markup=False)
        raise typer.Exit(1) from None


def _close_opened() -> None:
    while OPTS.opened:
        with suppress(Exception):  # closing is tidying up: the command's own outcome stands
            OPTS.opened.pop().close()


def _markup(text: object) -> str:
    """Stored text inside rich markup: its control characters escaped (``ledger.domain.text.shown``), and
    square brackets that would be markup ("[red]") shown as they are."""
    return escape(shown(str(text)))


def _print_folded(text: str, indent: str = "") -> None:
    """A line of plain text in lines no wider than the console, its continuations indented two more, broken
    only at ordinary spaces: an amount's no-break spaces keep it whole ("-1 413 000" never "-1 413" / "000"),
    where Rich's wrapping, or the terminal's, would break it; so do the plain spaces a finding's text writes
    inside an amount and before its "€" ("-592 287 €", ``formats.held``), which are printed as they were."""
    held = formats.held(text.replace("\x00", ""), "\x00")
    folded = textwrap.fill(held, max(out.width, 40), initial_indent=indent, subsequent_indent=indent + "  ",
                           break_long_words=False, break_on_hyphens=False)
    out.print(folded.replace("\x00", " ") or indent.rstrip(), markup=False, highlight=False, soft_wrap=True)


def _cell_text(text: object) -> Text:
    """Stored text as a table cell: shown as data, never read as markup."""
    return Text(shown(str(text)))


def _open(create: bool = False, load: bool = True, read_only: bool = False,
          confirm: list[str] | None = None, rules: Path | None = None) -> Kirjuri:
    """The ledger, judging what it writes by the rules in force (``Kirjuri.rules_in_force``: those it adopted,
    else the command's own ``rules`` file, else the global one, else kuntalaki's minimum); ``confirm``: the codes
    of the warnings the clerk confirms for this command (``--confirm``)."""
    rules = _rules_given(rules)
    ledger = Kirjuri(resolve_target(OPTS.db), create=create, author=OPTS.author, load=load, read_only=read_only,
                     rules_of=rules)
    OPTS.opened.append(ledger)
    ledger.confirm = frozenset(_confirmed(confirm or ()))
    return ledger


def _rules(path: Path | None = None) -> Rules:
    """The rules a file says: ``path`` if the command has its own --rules, else the global one, else kuntalaki's
    minimum (a ledger that adopted rules judges by those: ``Kirjuri.rules_in_force``)."""
    return _rules_given(path) or authority.DEFAULT


def _rules_given(path: Path | None = None) -> Rules | None:
    """The rules file given: the command's own --rules, else the global one ($KIRJURI_RULES); None if none is."""
    chosen = path if path is not None else Path(OPTS.rules_file) if OPTS.rules_file else None
    return authority.load(chosen) if chosen is not None else None


def _confirmed(codes) -> list[str]:
    """Each --confirm a code of a check that warns (``authority.POLICY``); another is refused, never ignored."""
    for code in codes:
        if code not in authority.POLICY:
            raise Rejected("confirm", code, "choice.unknown", choices=tuple(authority.POLICY))
    return list(codes)


def _confirm_opt():
    return typer.Option(None, "--confirm", metavar="CODE",
                        help="Write it though the rules warn (e.g. authority.overrun), as many as needed: "
                             "the event records the warnings you confirmed")


def _guarded() -> list[Path]:
    """The open ledger's files (SQLite: the database and its journals): no -o ever writes over them."""
    return ledger_files(resolve_target(OPTS.db))


def _checked_output(output: Path | None, force: bool) -> None:
    """An -o refused before any work is done: the ledger itself, a folder, or an existing file without --force."""
    if output is not None:
        check_output(output, force=force, protect=_guarded())


def _force_opt():
    return typer.Option(False, "--force", help="Replace the output file if it exists (never the ledger itself)")


# --- the language: --lang, then $KIRJURI_LANG, then the locale ------------------------------------


def language(given: str | None = None) -> str:
    """The language the UI speaks: ``given`` (a command's --lang), the global --lang, $KIRJURI_LANG, the
    locale ($LC_ALL, $LC_MESSAGES, $LANG, the first one set: sv_FI.UTF-8 is Swedish), else Finnish.
    A --lang or $KIRJURI_LANG Kirjuri does not speak is refused; a locale's other language is passed over."""
    return _asked(given) or "fi"


def _asked(given: str | None) -> str | None:
    """The language some setting asks for, or None when none does (a C or POSIX locale)."""
    for field, value in (("lang", given), ("lang", OPTS.line_lang), ("lang", OPTS.lang),
                         ("KIRJURI_LANG", os.environ.get("KIRJURI_LANG"))):
        if value:
            if value not in LANGUAGES:
                raise Rejected(field, value, "choice.unknown", choices=LANGUAGES)
            return value
    return _locale_language()


def _locale_language() -> str | None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            code = value.split(".")[0].split("_")[0].lower()
            return code if code in LANGUAGES else None
    return None


def _refusal_line(error: Rejected, lang: str | None = None) -> str:
    """A refusal as the CLI prints it: field (its word in the language, ``field_said``), value and why,
    in ``lang``, else the language asked for, else Finnish."""
    lang = lang or _cli_language()
    if error.code in RULES_FOUND:
        return f"{field_said(error.field, lang)}: {_rule_found(error, lang)}"
    return f"{field_said(error.field, lang)}: {value_said(error, lang)!r} {why(error, lang)}"


#: a rule of authority's refusals: their value is the rule's code, which only --confirm takes
RULES_FOUND = ("rule.stop", "rule.warn")


def _rule_found(error: Rejected, lang: str) -> str:
    """What the rules found, as the TUI's form says it, never the rule's code as the value refused; a warning then
    says how to confirm it, with the code --confirm takes."""
    found = reason(*error.params["finding"], lang)
    if error.code == "rule.warn":
        return f"{found}; " + cli_said("refusal.confirm", lang, rule=error.value)
    return found


def _cli_language(given: str | None = None) -> str:
    """The language of the CLI's lines: as ``language`` chooses it (Finnish when none is asked for), but never
    refusing: a --lang or $KIRJURI_LANG Kirjuri does not speak is passed over here, so the line that refuses
    it is said in what else asks (``language`` is what refuses it)."""
    for value in (given, OPTS.line_lang, OPTS.lang, os.environ.get("KIRJURI_LANG")):
        if value in LANGUAGES:
            return value
    return _locale_language() or "fi"


def _ui_language(lang: str | None) -> str:
    """The UI's language (``language``), refused in one line if it is none Kirjuri speaks."""
    return language(lang)


# --- parsing what a clerk types ----------------------------------------------------------


_account = forms.account
_amount = forms.amount


def _date(text: str | None, field: str) -> dt.date | None:
    return None if text is None else forms.date(text, field)


#: --effective's default, said in each command's help: a change takes effect when it is decided, as in the forms
EFFECTIVE_HELP = "default: the day of --decision"


def _effective(text: str | None, decision, kind: str | None = None) -> dt.date:
    """--effective, else the day of --decision, as the UI's forms take it: a change takes effect when decided.
    Neither: the decision is missing where ``kind`` (the event's class) needs one, else the date."""
    if text is not None:
        return forms.date(text, "effective")
    if decision is not None:
        return decision.date
    if kind is not None:
        raise Rejected("decision", "", "decision.missing", kind=kind)
    raise Rejected("effective", "", "effective.empty")


def _moment(text: str | None, field: str) -> dt.datetime | None:
    """A time typed on the command line, in Finnish time (``formats.parse_moment``)."""
    if text is None:
        return None
    try:
        return formats.parse_moment(text)
    except formats.SkippedTime:
        raise Rejected(field, text, "time.skipped") from None
    except AmountError:
        raise Rejected(field, text, "time.invalid") from None


def _lines(specs: list[str]) -> list[Line]:
    """UNIT:ACCOUNT=AMOUNT, e.g. '1100:MENOT=-68 900'."""
    lines = []
    for i, spec in enumerate(specs, 1):
        field = f"lines[{i}]"
        unit, sep, rest = spec.partition(":")
        account, sep2, amount = rest.rpartition("=")
        if not (sep and sep2 and unit.strip() and account.strip()):
            raise Rejected(field, spec, "line.invalid")
        lines.append(Line(unit.strip(), _account(account, f"{field}.account"), _amount(amount, f"{field}.amount")))
    return lines


def _cell(text: str, field: str) -> tuple[str, str]:
    unit, sep, account = text.partition(":")
    if not (sep and unit.strip()):
        raise Rejected(field, text, "cell.invalid")
    return unit.strip(), _account(account, f"{field}.account")


def _moves(source: list[str] | None, to: list[str] | None, amount: list[str] | None,
           moves: list[str] | None) -> list[tuple[str, str, str, str, int]]:
    """The moves of one reallocation: the --from/--to/--amount pair, then every --move.

    A pair option given twice is refused, never dropped: typer would keep only the last, and a
    clerk who typed two --from meant two moves (``--move`` says that).
    """
    pair = (("from", source), ("to", to), ("amount", amount))
    for name, given in pair:
        if given and len(given) > 1:
            raise Rejected(name, " | ".join(given), "option.repeated", option=f"--{name}")
    found = []
    if any(given for _, given in pair):
        for name, given in pair:
            if not given:
                raise Rejected(name, "", "value.missing")
        (fu, fa), (tu, ta) = _cell(source[0], "from"), _cell(to[0], "to")
        found.append((fu, fa, tu, ta, forms.positive_amount(amount[0], "amount")))
    found += [_move(text, f"move[{n}]") for n, text in enumerate(moves or (), 1)]
    if not found:
        raise Rejected("move", "", "value.missing")
    return found


def _move(text: str, field: str) -> tuple[str, str, str, str, int]:
    """'JOUKKO:MENOT>ICT:MENOT=5 000': unit codes hold no ':' and account names no '>' or '='."""
    cells, sep, amount = text.rpartition("=")
    source, arrow, target = cells.partition(">")
    if not (sep and arrow and ":" in source and ":" in target):
        raise Rejected(field, text, "move.invalid")
    (fu, fa), (tu, ta) = _cell(source, f"{field}.from"), _cell(target, f"{field}.to")
    return fu, fa, tu, ta, forms.positive_amount(amount, f"{field}.amount")


def _decision(text: str | None):
    """A decision cited in the command's language (--lang, $KIRJURI_LANG, the locale): KS is kommunstyrelsen
    only in Swedish."""
    return None if text is None else parse_decision(text, lang=language())


def _period(text: str) -> tuple[dt.date, dt.date]:
    start, sep, end = text.partition("-") if "." in text else text.partition("/")
    if not sep:
        raise Rejected("period", text, "period.invalid")
    return _date(start.strip(), "period"), _date(end.strip(), "period")  # type: ignore[return-value]


def _based_on(text: str | None) -> int | None:
    if text is None:
        return None
    if not re.fullmatch(r"\s*#?\d+\s*", text):
        raise Rejected("based_on", text, "based_on.invalid")
    return int(text.strip().lstrip("#"))


def _point(as_of: str | None, known_at: str | None, prefix: str = "") -> pj.Point:
    return pj.Point(_date(as_of, f"{prefix}as-of"), _moment(known_at, f"{prefix}known-at"))


# --- saying what was read and written ------------------------------------------------------


def _written(ledger: Kirjuri, seq: int) -> None:
    record = ledger.records([seq])[seq]
    lang, tag = language(), record.event.__struct_config__.tag
    kind = vocabulary.KINDS[tag].said(lang)
    out.print(cli_said("written", lang, seq=record.seq, id=shown(record.event.id), kind=kind, hash=record.hash[:16]),
              soft_wrap=True, markup=False)


def _describe(point: pj.Point, lang: str = "en") -> str:
    """A point in time in ``lang``: "as of 30.6.2025, as known at …", or "now"."""
    parts = []
    if point.on:
        parts.append(cli_said("point.on", lang, date=formats.date(point.on)))
    if point.known_at:
        parts.append(cli_said("point.known", lang, moment=formats.moment(point.known_at)))
    return ", ".join(parts) or cli_said("point.now", lang)


def _eur(value: int | None) -> str:
    return "" if value is None else formats.amount(value, decimals=0)


def _known_unit(ledger: Kirjuri, code: str) -> str:
    if code not in ledger.state.units:
        raise Rejected("unit", code, "unit.unknown_see_units")
    return code


# --- s23-gettext: the CLI's own words, from the catalogues ------------------------------------------


def cli_said(key: str, lang: str | None = None, **fields: object) -> str:
    """One of the CLI's own texts (``msgctxt "cli"`` in ledger/locale) in ``lang``, else in the language
    asked for (``language``: --lang, $KIRJURI_LANG, the locale, else Finnish), its fields filled."""
    return locale.said("cli", key, lang or language(), **fields)


def print_scanned(statement) -> None:
    """A PDF's pages that are images with no text layer (a scan), said before its preview: their figures, if
    any, are not read."""
    if statement.scanned:
        out.print(cli_said("import.scanned", _cli_language(), count=len(statement.scanned),
                           pages=", ".join(map(str, statement.scanned))), markup=False)


def column_label(column: str, lang: str | None = None) -> str:
    """A column's heading in ``lang`` (else the language asked for), from the one vocabulary."""
    word = vocabulary.COLUMNS.get(column)
    return word.said(lang or language()) if word is not None else column

