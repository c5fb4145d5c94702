"""Hostile arguments for every command of the real CLI, as a property (issue 15).

Each example runs `kirjuri` through its entry point (`cli.app.main`, in-process; the
terminal UI and the web server replaced by stand-ins that only note being opened) on a copy
of a small ledger (examples/kemijarvi.json restored once, plus one pending proposal, #162),
with arguments generated from the typer app's own parameters, so a new command or option is
fuzzed without editing this file: valid parts mixed with hostile ones. Every run must hold:

- exit status 0, 1 or 2; no traceback printed and no exception escaping;
- a non-zero exit leaves the ledger's bytes (with its -wal), and so its head, as they were,
  and a refusal (exit 1) is one line on stderr, `kirjuri: …`;
- after a write the ledger still extends the head it had, `kirjuri verify` passes, and
  `head`, `show` and `history` on the unit the command named still work and print no raw
  control character;
- what the issue says must be refused is refused: an amount past 999 999 999 999,99 €, a
  control character in text that would be stored, an impossible date, an `--expect-head`
  shorter than 16 hex digits, `-o` onto the ledger, its companions, a folder or an existing
  file without --force, a unit code a command could not address, a bad --port, --lang or
  --rules for the UI;
- no file the command was not asked to write changes, the output carries no raw control
  character, and the UI and the web server open only on arguments they accept.

CI runs a fixed derandomized batch per command (``KIRJURI_FUZZ_EXAMPLES`` in all, default
160) and fails listing every defect class found, with a command line for each. A campaign
for measuring sets a larger ``KIRJURI_FUZZ_EXAMPLES`` and ``KIRJURI_FUZZ_REPORT=FILE.json``
for the counts (benchmarks/fuzz-baseline.md). A few runs of the installed `kirjuri` script in
a subprocess show that what holds in-process holds for the real entry point too.
"""

from __future__ import annotations

import gc
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator
from unittest import mock

import msgspec
import pytest
import typer
from conftest import examples, only_the_books_finding_said
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from textual_serve.server import Server
from typer.testing import CliRunner

import cli.app as entry
from cli import ui
from events.model import Decision, Line, Stored, TaAmended, UnitRegistered

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "kemijarvi.json"
RULES = ROOT / "examples" / "kemijarvi-rules.toml"
SCRIPT = Path(sys.executable).with_name("kirjuri")
#: the installed script; without one (a bare checkout), the same entry point through this Python
SCRIPT_ARGV = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-c", "from cli.app import main; main()"]

#: how many generated command lines a run tries, spread over the commands; a campaign sets thousands
EXAMPLES = int(os.environ.get("KIRJURI_FUZZ_EXAMPLES", str(examples(100))))
#: where a campaign writes its counts (JSON); unset in CI
REPORT = os.environ.get("KIRJURI_FUZZ_REPORT")

#: 999 999 999 999,99 €, the largest amount the issue lets any door accept
LIMIT_CENTS = 99_999_999_999_999
TRACEBACK = "Traceback (most recent call last)"
#: raw control characters a terminal acts on. SGR colour sequences (ESC [ … m) are left out:
#: rich and typer colour their own output when the environment forces a terminal (CI), so the
#: payloads below also carry sequences that are never styling (ESC [2J, OSC, C1, BS, CR, BEL)
RAW_CONTROL = re.compile(r"\x1b(?!\[[0-9;]*m)|[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f-\x9f]")
#: C0 (but tab), DEL and C1: what the issue says is refused in names, notes, decisions and keys
STORED_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")
UI_COMMANDS = {(), ("tui",), ("demo",), ("serve",)}
#: the commands that record what they are given (notes, names, reasons, keys are stored)
WRITERS = {("adopt",), ("amend",), ("reallocate",), ("transfer",), ("record",), ("reverse",), ("propose",),
           ("decide",), ("unit", "add"), ("unit", "rename"), ("unit", "close")}

CLASSES = {
    "crash": "crash, nothing written: a traceback or an exception escaping, the ledger as it was",
    "crash-after-commit": "crash after committing: a traceback, and the ledger changed",
    "written-though-refused": "refused (exit 1 or 2, no traceback) but the ledger changed",
    "exit-code": "exit status other than 0, 1 or 2",
    "accepted-though-wrong": "exit 0 on input that must be refused, or a write that `verify` then fails",
    "refusal-not-one-line": "exit 1 without a one-line `kirjuri: …` refusal (several lines, or a report "
                            "where a refusal was due)",
    "ledger-unreadable": "after the command, head / show / history / verify crash on the ledger",
    "ledger-destroyed": "the ledger is no longer a ledger, or events it held are gone",
    "file-clobbered": "a file the command was not asked to replace changed (an input, an existing file "
                      "without --force, a --db that is not a ledger)",
    "control-chars-printed": "raw control characters or escape sequences reached the terminal",
    "ui-opened": "the terminal UI or the web server opened on arguments it must refuse",
    "wrong-verdict": "verify reports a prefix (16+ digits) of the ledger's own head as rewritten history",
    "hang": "no exit within the time limit (subprocess runs)",
}


# --- what a command line is made of ------------------------------------------------------------


@dataclass(frozen=True)
class Ref:
    """A path made in the example's own folder at run time; ``label`` is its file name there.

    Kinds: ledger (the copy of the small ledger), empty (an empty ledger), newdb (no file
    yet), new (an output not there yet), existing (a file with someone else's content),
    folder, companion (the ledger's name plus ``label``, e.g. -wal), missing (no such file),
    nodir (in a folder that does not exist), devfull (a symlink to /dev/full), file
    (``data``, else the session's prepared file ``label``), head (the ledger's head hash cut
    to ``cut`` digits, ``label`` appended).
    """

    kind: str
    label: str = ""
    data: bytes | None = None
    cut: int = 64


Token = str | Ref


@dataclass(frozen=True)
class Part:
    """Tokens for one parameter and what the oracle expects of them.

    Tags: ``refuse`` (the command must not succeed), ``refuse-write`` (it must not write the
    ledger), ``existing`` (an output onto an existing file: refused without --force),
    ``db-hostile`` (a --db that is not a ledger: its bytes must never change), ``head-ok``
    (the ledger's own head, or a prefix of 16 digits or more: verify's head check passes),
    ``ledger-output`` (an output onto the small ledger's file: refused when it is the ledger
    the command opened, else an existing file like any other), ``companion-output`` (onto its
    -wal, -shm or -journal: refused when it is the ledger the command opened).
    """

    tokens: tuple[Token, ...]
    tags: frozenset[str] = frozenset()
    name: str = ""  # the parameter it is given for, to say which part had to be refused


@dataclass(frozen=True)
class Gen:
    """Parts drawn at random (bytes, text, numbers); ``tags`` are those every draw carries."""

    strategy: st.SearchStrategy
    tags: frozenset[str] = frozenset()


Choice = Part | Gen
#: (valid, hostile) choices for one parameter
Pools = tuple[list[Choice], list[Choice]]


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # "argument", "option" or "flag"
    opts: tuple[str, ...]
    secondary: tuple[str, ...]
    required: bool
    annotation: object


@dataclass(frozen=True)
class Command:
    path: tuple[str, ...]
    params: tuple[Param, ...]

    @property
    def name(self) -> str:
        return " ".join(self.path) or "(bare)"


@dataclass(frozen=True)
class Call:
    """One command line: global options, the command's path, its arguments."""

    command: Command
    parts: tuple[Part, ...]
    env_db: bool = False  # the ledger named by $KIRJURI_DB instead of --db

    @property
    def tokens(self) -> list[Token]:
        return [t for part in self.parts for t in part.tokens]

    @property
    def tags(self) -> frozenset[str]:
        return frozenset().union(*(part.tags for part in self.parts))

    def naming(self, tag: str) -> str:
        """``tag`` and the parameters whose parts carry it, e.g. "refuse (note, lines)"."""
        return f"{tag} ({', '.join(dict.fromkeys(p.name for p in self.parts if tag in p.tags))})"


def enumerate_commands() -> list[Command]:
    """Every command and subcommand of the typer app with its parameters, and the bare call."""
    found = [Command((), ())]

    def walk(group, path: tuple[str, ...]) -> None:
        for name, sub in group.commands.items():
            if hasattr(sub, "commands"):
                walk(sub, path + (name,))
                if not sub.invoke_without_command:  # a group that is also a command (`kirjuri rules`) is fuzzed too
                    continue
            params = tuple(
                Param(p.name, "flag" if getattr(p, "is_flag", False) else p.param_type_name, tuple(p.opts),
                      tuple(p.secondary_opts), bool(p.required), p.type_descriptor.annotation)
                for p in sub.params
            )
            found.append(Command(path + (name,), params))

    walk(typer.main.get_command(entry.app), ())
    return found


COMMANDS = enumerate_commands()


# --- values: valid ones, and hostile ones with what must happen to them ---------------------------

CTRL = ["\x1b[2J\x1b[H", "\x1b]0;pwned\x07", "\x1b[2Jverify: PASSED", "ok\x08\x08\x08XX",
        "line\nkirjuri verify: PASSED", "a\rb", "\x9b2J", "bell\x07", "del\x7f", "\x85next"]
BIDI = ["\u202eevil", "\u2066x\u2069", "zero\u200bwidth", "\ufeffbom"]
HUGE = ["A" * 20_000, "€" * 5_000]
UNDECODABLE = ["\udcff\udcfe"]  # argv bytes that are not UTF-8, as Python hands them over
UNITS = ["JOUKKOLIIKENNE", "ELINKEINOPALVELUT", "HALLINTOPALVELUT", "TALOUSPALVELUT"]
NODES = ["KEMIJARVI", "KEV", "ELTY", "HALLVA", "HALL", "ELIN"]
ACCOUNTS = ["MENOT", "TULOT", "Henkilöstökulut", "Palvelujen ostot"]
OVER_LIMIT = ["1 000 000 000 000,00", "-99 999 999 999 999 999 999", "9223372036854775807",
              "-92233720368547758,08", "99999999999999999999999999999999999999", "100000000000000"]
MALFORMED_AMOUNTS = ["1e5", "NaN", "inf", "12,345,678", "1.000", "１２", "٣٠٠", "--5", "- 5", "5-", "0x1F",
                     "", " ", "€", "1 2", "12 000,001", "+-5"]
IMPOSSIBLE_DATES = ["31.2.2026", "29.2.2025", "0.1.2026", "1.13.2026", "32.1.2026", "2026-02-30"]
FAR_DATES = ["1.1.1900", "31.12.2099", "1.1.0001", "31.12.9999", "1.1.10000", "15.6.26", "15/6/2026",
             "2026-6-15", "", " "]
INTS = ["0", "-1", "1900", "2099", "9999", "10000", "99999999999999999999", "-99999999999999999999", "2026.0",
        "٢٠٢٦", "２０２６", "2_026", "0x7E6", "", "year"]


def item(value: Token, *tags: str) -> Part:
    return Part((value,), frozenset(tags))


def items(values, *tags: str) -> list[Part]:
    return [item(v, *tags) for v in values]


def drawn(pool: list[Choice]) -> st.SearchStrategy:
    """One choice of the pool, each as likely as the next."""
    return st.one_of(*[st.just(c) if isinstance(c, Part) else c.strategy for c in pool])


def refusing(pool: list[Choice]) -> list[Choice]:
    return [c for c in pool if "refuse" in c.tags]


def random_file(suffix: str, *tags: str, least: int = 1) -> Gen:
    """A file of random bytes (NUL bytes included: a file can hold what argv cannot)."""
    return Gen(st.binary(min_size=least, max_size=3000).map(
        lambda data: Part((Ref("file", f"random-bytes{suffix}", data=data),), frozenset(tags))), frozenset(tags))


def texts(*, stored: bool) -> list[Choice]:
    """Hostile text; control characters must be refused where the text would be stored."""
    ctrl = ("refuse",) if stored else ()
    generated = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\x00"),
                        max_size=30)
    return (items(CTRL, *ctrl) + items(BIDI + HUGE + ["", " "] + UNDECODABLE)
            + [Gen(generated.map(lambda s: Part((s,), frozenset({"refuse"} if stored and STORED_CONTROL.search(s)
                                                               else ()))))])


def amounts() -> list[Part]:
    return items(OVER_LIMIT, "refuse") + items(MALFORMED_AMOUNTS + ["0", "-5 000", "999 999 999 999,99"])


def line(valid: bool) -> st.SearchStrategy:
    """UNIT:ACCOUNT=AMOUNT with every piece valid, or one of them hostile."""
    if valid:
        return st.builds(lambda u, a, m: Part((f"{u}:{a}={m}",)), st.sampled_from(UNITS), st.sampled_from(ACCOUNTS),
                         st.sampled_from(["-12 000", "5 000", "1 204 150,50", "-0,01", "\u221212 000"]))
    return st.one_of(
        st.builds(lambda u, m: Part((f"{u}:MENOT={m.tokens[0]}",), m.tags), st.sampled_from(UNITS),
                  st.sampled_from(amounts())),
        st.sampled_from(["EIOLE", "joukkoliikenne", "A:B", "", " ", "JOUKKO\x1b[2J", "#1"] + HUGE).map(
            lambda u: Part((f"{u}:MENOT=-5 000",))),
        st.sampled_from(["EIOLE", "", "menot", "NETTOMENO", "TOIMINTAKATE", "MENOT\n"]).map(
            lambda a: Part((f"JOUKKOLIIKENNE:{a}=-5 000",))),
        st.sampled_from(["JOUKKOLIIKENNE:MENOT", "JOUKKOLIIKENNE=5", "JOUKKOLIIKENNE:MENOT=5=6", ":=", "", "=",
                         "JOUKKOLIIKENNE:MENOT:=-5"]).map(lambda s: Part((s,))),
    )


def lines_argument(hostile: bool) -> Gen:
    """One to three lines; a hostile set has one hostile line among valid ones."""
    if not hostile:
        return Gen(st.lists(line(True), min_size=1, max_size=2).map(_joined))
    return Gen(st.tuples(st.lists(line(True), max_size=2), line(False), st.integers(0, 2)).map(
        lambda t: _joined(t[0][:t[2]] + [t[1]] + t[0][t[2]:])))


def _joined(parts: list[Part]) -> Part:
    return Part(tuple(t for p in parts for t in p.tokens), frozenset().union(*(p.tags for p in parts)))


def outputs(suffixes: list[str], *, folder_ok: bool = False) -> Pools:
    """A new file is a valid output; the ledger, its companions, a folder, an existing file
    (without --force), a missing folder and a full disk must be refused.

    The full disk is a symlink to /dev/full in the example's folder, never /dev/full itself:
    run as root, a writer that renames a finished file over its output (`backup --force`
    does) replaces the device node of the whole machine.
    """
    valid: list[Choice] = [item(Ref("new", f"out{s}")) for s in suffixes]
    hostile: list[Choice] = ([item(Ref("ledger"), "ledger-output")]
                             + [item(Ref("companion", c), "companion-output") for c in ("-wal", "-shm", "-journal")]
                             + [item(Ref("existing", f"existing{s}"), "existing") for s in suffixes]
                             + [item(Ref("devfull", f"full{suffixes[0]}"), "existing"),
                                item(Ref("new", f"new\nline{suffixes[0]}")), item(Ref("new", "out.exe"))])
    # a folder is what `report fdp` writes into, and it makes the one it is given
    refused = () if folder_ok else ("refuse",)
    hostile += [item(Ref("folder", "folder"), *refused), item(Ref("nodir", f"out{suffixes[0]}"), *refused)]
    return valid, hostile


#: --db values that are not a ledger (their bytes must never change)
DB_HOSTILE: dict[str, Choice] = {
    "folder": item(Ref("folder", "folder"), "db-hostile"),
    "random": random_file(".sqlite", "db-hostile", least=64),
    "one-byte": item(Ref("file", "one-byte.sqlite", data=b"\n"), "db-hostile"),
    "text": item(Ref("file", "text.sqlite", data=b"not a database\n"), "db-hostile"),
    "damaged": item(Ref("file", "damaged-ledger.sqlite"), "db-hostile"),
    "export": item(Ref("file", "export.json"), "db-hostile"),
    "missing": item(Ref("missing", "missing.sqlite")),
    "newline": item(Ref("missing", "new\nline.sqlite")),
}
DB_VALID = [item(Ref("ledger"))] * 6 + [item(Ref("empty")), item(Ref("newdb"))]


def heads() -> Pools:
    """Full heads and prefixes of 16 digits or more; shorter ones (the README's own 8-digit
    form among them) must be refused as short."""
    whole = frozenset({"head-ok"})
    valid = [Gen(st.integers(16, 64).map(lambda n: Part((Ref("head", cut=n),), whole)), whole),
             item(Ref("head", cut=64), *whole)]
    short = Gen(st.integers(1, 15).map(lambda n: Part((Ref("head", cut=n),), frozenset({"refuse"}))),
                frozenset({"refuse"}))
    return valid, [short, item(Ref("head", label="…", cut=8), "refuse"), item(Ref("head", label="…", cut=16))] + items(
        ["0" * 64, "deadbeef" * 8, "xyz", "", "9291e087 4542d2cb", "9" * 200] + CTRL)


#: bodies not entitled, dates before the fiscal year or after the recording; all in the past of any
#: run (the small ledger's newest event is of 15.1.2026), so what is refused never depends on the day
DECISIONS_BAD = (items(["KH 12.1.2026 § 41", "Sivistyslautakunta 12.1.2026 § 7", "Tarkastuslautakunta 13.1.2026 § 3",
                        "XYZ 1.1.2026 § 1", "KV 1.1.2099 § 1", "KV 1.1.1900 § 1", "KV 26.5.2025 § 50", "KV 12.1.2026 §",
                        "KV 12.1.2026 § -1", "KV 12.1.2026 § 99999999999999999999", "", "§", "KV 12.1.2026 § 41 " * 300])
                 + items(["KV 31.2.2026 § 1", "KV 29.2.2025 § 1", "KV 12.1.2026 § 41\x1b[2J", "KV 12.1.2026 § 4\n1",
                          "KV\x85 12.1.2026 § 41"], "refuse"))
UNITS_BAD = items(["EIOLE", "joukkoliikenne", " JOUKKOLIIKENNE ", "", "#1", "A:B"] + CTRL[:3] + BIDI[:1] + HUGE[:1])


def pools(command: Command, param: Param) -> Pools:
    """(valid, hostile) for a parameter: by command and name, then by name, then by type."""
    if "Path" in str(param.annotation) and _file_pools(command.path, param) is None:
        return _by_type(param)  # a path nobody listed (a new command's --to NEW): an output
    for by_theme in (_figure_pools, _time_pools, _text_pools, _organisation_pools, _report_pools, _server_pools,
                     _file_pools):
        found = by_theme(command.path, param)
        if found is not None:
            return found
    return _by_type(param)


def _figure_pools(path: tuple[str, ...], param: Param) -> Pools | None:
    """Years, lines, amounts, cells and decisions: what a write records."""
    name = param.name
    if name == "lines" and param.kind == "argument":
        return [lines_argument(False)], [lines_argument(True)]
    if name == "year":
        return items(["2027"] if path == ("adopt",) else ["2026", "2026", "2025"]), items(INTS)
    if name in ("from_year", "restated"):
        return items(["2026"]), items(INTS)
    if name == "decision":
        valid = {("adopt",): ["KV 12.1.2026 § 3"], ("propose",): ["KH 12.1.2026 § 80"]}.get(
            path, ["KV 12.1.2026 § 41", "KV 14.1.2026 § 5"])
        return items(valid), DECISIONS_BAD
    if name == "amount":
        return items(["50 000", "1,00"]), amounts()
    if name == "source" or (name == "to" and path != ("transfer",)):
        valid = ["JOUKKOLIIKENNE:MENOT"] if name == "source" else ["ELINKEINOPALVELUT:MENOT"]
        return items(valid), items(["JOUKKOLIIKENNE", ":MENOT", "X:Y:Z", "JOUKKOLIIKENNE:EIOLE", "", "JOUKKOLIIKENNE:MENOT",
                                    "EIOLE:MENOT", "JOUKKOLIIKENNE:MENOT\x1b[2J"])
    if name == "kind":
        return items(["ks", "tp", "toteuma", "tpe", "ts"]), items(["KS", "x", "", "ks\x1b[2J", "toteuma "])
    return None


def _time_pools(path: tuple[str, ...], param: Param) -> Pools | None:
    """Dates and times: impossible ones must be refused, far ones may be read."""
    name = param.name
    dates = items(IMPOSSIBLE_DATES, "refuse") + items(FAR_DATES + CTRL[:3])
    if name in ("effective", "as_of", "from_as_of", "to_as_of"):
        return items(["1.1.2027"] if path == ("adopt",) else ["15.6.2026", "1.7.2026"]), dates
    if name in ("known_at", "from_known_at", "to_known_at"):
        return items(["1.2.2026", "1.2.2026 12:00", "2026-02-01T12:00:00+02:00"]), dates + items(
            ["2026-02-01T25:00", "1.2.2026 24:61", "9999-12-31T23:59:59", "0001-01-01T00:00",
             "2026-02-01T12:00:00+99:00", "2026-02-01T12:00:00\x1b[2J"])
    if name == "period" and path == ("record",):
        return items(["1.1.2026-30.6.2026"]), items(["30.6.2026-1.1.2026", "1.1.2026", "-", "01-06/2026",
                                                     "1.1.1900-31.12.2099"]) + items(["1.1.2026-31.2.2026"], "refuse")
    if name == "period":
        return items(["01-06/2026", "01-12/2025"]), items(["13-14/2025", "01-06/99999", "x/y", "06-01/2026", "",
                                                          "01-06/2026\x1b[2J", "00-00/0000"])
    return None


def _text_pools(path: tuple[str, ...], param: Param) -> Pools | None:
    """Free text, keys and log positions."""
    name = param.name
    if name in ("note", "reason", "name") or name.endswith("_password"):
        valid = {"note": "Lisämääräraha", "reason": "Väärä yksikkö", "name": "Uusi yksikkö"}.get(name, "salasana")
        return items([valid]), texts(stored=path in WRITERS)
    if name == "key":
        return items(["fuzz-key-1"]), items(["a" * 101, "-x", "ÄÄ", "", ":", "../../etc", "k y",
                                             "book-0706e105e96f-unit-KEMIJARVI"]) + items(["key\x1b[2J", "k\ney"], "refuse")
    if name == "based_on":
        return items(["#162", "162"]), items(["0", "#99999999999999999999", "-1", "#", "abc", "1e3", "１６２", "#161",
                                              "\x1b[2J"])
    if name in ("event", "proposal"):
        return items(["#162", "#150", "book-0706e105e96f-unit-KEM"]), items(
            ["#0", "#99999999999999999999", "#-1", "", "#", "zzzzzz", "book", "#١٦٢", "#162\x1b[2J"])
    if name == "expect_head":
        return heads()
    return None


def _organisation_pools(path: tuple[str, ...], param: Param) -> Pools | None:
    """Units, their codes, levels and the bodies that decide."""
    name = param.name
    if name in ("to", "parent"):
        return items(["HALLVA", "ELTY"]), UNITS_BAD + items(["JOUKKOLIIKENNE", "KEMIJARVI"])
    if name == "code" and path == ("unit", "add"):
        unaddressable = ["A:B", "A=B", "A B", "", " ", "X\x1b[2J", "X\nY", "JOUKKO:LIIKENNE", "UUSI=1"]
        return items(["UUSI-YKSIKKO"]), items(unaddressable, "refuse") + items(["JOUKKOLIIKENNE", "#1", "x" * 5000,
                                                                              "\u202eUUSI"])
    if name in ("unit", "node", "before", "code"):
        valid = NODES if name in ("node", "before") else UNITS
        return items(["OPISKELIJOIDEN-KESATYO"] if path == ("unit", "close") else valid), UNITS_BAD
    if name == "body":
        return items(["KV", "Sivistyslautakunta"]), items(["", "XYZ", "kv", "KV\x1b[2J", "Kaupunginvaltuusto" * 200])
    if name == "level":
        return items(["yksikkö"]), items(["YKSIKKÖ", "", "yksikko", "kunta", "yksikkö\x1b[2J"])
    return None


def _report_pools(path: tuple[str, ...], param: Param) -> Pools | None:
    """What the reports and the readers are asked for."""
    name = param.name
    if name == "columns":
        return items(["TA 2026, KS 2026", "TP 2024, TA+MUUTOS 2025"]), items(
            ["TA 99999999999999999999", "XX 2026", "", ",,,", "TA 2026, " * 2000, "TA 0", "TA -1", "TA 2026\x1b[2J"])
    if name == "lines":
        return items(["main", "kate"]), items(["MAIN", "", "x", "kate\x1b[2J"])
    if name == "change":
        return items(["magnitude", "signed"]), items(["", "x", "MAGNITUDE"])
    if name == "limit":
        return items(["5", "50"]), items(INTS)
    if name == "fmt":
        return items(["json", "toml"]), items(["xml", "", "JSON"])
    return None


def _server_pools(path: tuple[str, ...], param: Param) -> Pools | None:
    """The UI's and the server's options, and a department's database set-up."""
    name = param.name
    if name == "lang":
        return items(["fi", "sv", "en"]), items(["de", "FI", "en\x1b[2J", "fi " * 1000], "refuse")
    if name == "port":
        return items(["8000"]), items(["0", "65536", "-1", "99999999999999999999", "abc", ""], "refuse")
    if name == "host":
        return items(["127.0.0.1"]), items(["0.0.0.0", "::1", "evil\nhost", "", "x" * 300])
    if name == "url":  # only servers that refuse at once: a server that is away costs 10 s
        return [], items(["postgresql://fuzz@127.0.0.1:1/none", "postgresql://u@127.0.0.1:99999/x", "postgresql://[::1",
                          "postgresql:///x?host=/nonexistent", "sqlite:///x", "", "postgresql://\x1b[2J@127.0.0.1:1/x"])
    if name in ("owner", "clerk", "auditor", "committee"):
        return items([f"kirjuri_{name}"]), items(["", "a\"; DROP TABLE x; --", "x" * 200, "ro\x1ble", "PUBLIC"])
    return None


def _file_pools(path: tuple[str, ...], param: Param) -> Pools | None:
    """Files read (rules, books, exports, long tables) and files written."""
    name = param.name
    if name == "rules_file":
        return [item(Ref("file", "rules.toml"))], [
            item(Ref("missing", "missing.toml"), "refuse"), random_file(".toml", "refuse"), item(Ref("ledger"), "refuse"),
            item(Ref("file", "rules-unknown-body.toml"), "refuse"), item(Ref("file", "rules-nested.toml"), "refuse"),
            item(Ref("folder", "folder"), "refuse"), item(Ref("file", "rules-control.toml")),
            item(Ref("file", "rules-huge-tolerance.toml"))]
    if name == "book_files":
        return [], [random_file(".txt"), item(Ref("file", "book-control.txt")), item(Ref("file", "book-huge.txt")),
                    item(Ref("file", "book-nul.txt")), item(Ref("missing", "missing.txt")), item(Ref("ledger"))]
    if name == "profile":
        return [], [random_file(".toml"), item(Ref("file", "rules.toml")), item(Ref("missing", "missing.toml")),
                    item(Ref("file", "rules-nested.toml"))]
    if name == "file" and path == ("restore",):
        return [item(Ref("file", "export.json")), item(Ref("file", "export.toml"))], [
            random_file(".json"), item(Ref("ledger")), item(Ref("missing", "missing.json"))] + [
            item(Ref("file", label), *(("refuse",) if label in REFUSED_EXPORTS else ())) for label in HOSTILE_EXPORTS]
    if name == "file" and path == ("import",):
        return [item(Ref("file", "figures.csv")), item(Ref("file", "book.txt"))], [
            random_file(".txt"), random_file(".csv"), random_file(".xlsx"), item(Ref("ledger")),
            item(Ref("missing", "missing.csv"))] + [
            item(Ref("file", label), *(("refuse-write",) if label in UNWRITABLE_IMPORTS else ())) for label in IMPORTS]
    if name == "file" and path in (("backup",), ("export-figures",)):
        return outputs([".sqlite"] if path == ("backup",) else [".csv", ".xlsx"])
    if name == "output":
        suffixes = {("export",): [".json", ".toml"], ("rules",): [".toml"], ("verify",): [".md", ".json", ".xlsx"],
                    ("report", "fdp"): [".json"]}.get(path, [".csv", ".xlsx", ".md"])
        return outputs(suffixes, folder_ok=path == ("report", "fdp"))
    return None


def _by_type(param: Param) -> Pools:
    """A parameter nobody listed above (a new one): values of its type."""
    if param.annotation is int:
        return items(["2026", "1"]), items(INTS)
    if "Path" in str(param.annotation):
        return outputs([".txt"])
    return items(["x"]), texts(stored=True)


JUNK = [Part(t, frozenset({"refuse"}), "junk") for t in [("--bogus",), ("extra",), ("--", "x"), ("-",), ("--db",), ("-o",)]]


def _as_given(param: Param, value: Part) -> Part:
    tokens = (param.opts[0], *value.tokens) if param.kind == "option" else value.tokens
    return Part(tokens, value.tags, param.name)


def calls(command: Command) -> st.SearchStrategy:
    """Command lines for ``command``: some parameters hostile, the rest valid or left out.

    The UI and the server (the bare call, tui, demo, serve) always get a part they must
    refuse before anything opens: a bad --db, --lang, --port or --rules, or a stray argument.
    """
    ui = command.path in UI_COMMANDS
    params = [p for p in command.params if p.kind != "flag"]
    slots = ["db", "author", *[p.name for p in params], "junk"]
    refusable = ["db", "junk"] + [p.name for p in params if p.name in ("lang", "port", "rules_file")]

    @st.composite
    def draw_call(draw) -> Call:
        if ui:
            hostile = draw(st.lists(st.sampled_from(refusable), min_size=1, max_size=2, unique=True))
        else:
            k = min(draw(st.sampled_from([0, 1, 1, 1, 1, 2, 3])), len(slots))
            hostile = draw(st.lists(st.sampled_from(slots), min_size=k, max_size=k, unique=True))
        parts = [draw(_db_part(command, "db" in hostile, ui))]
        env_db = not parts[0].tokens
        if "author" in hostile:  # stored with every event a command records (not with a restore's)
            author = draw(drawn(texts(stored=False)))
            text = "".join(t for t in author.tokens if isinstance(t, str))
            stored = STORED_CONTROL.search(text) and command.path in WRITERS | {("import",)}
            parts.append(Part(("--author", *author.tokens), frozenset({"refuse-write"} if stored else ()), "author"))
        elif draw(st.booleans()):
            parts.append(Part(("--author", "fuzz")))
        parts.append(Part(command.path))
        for param in command.params:
            if param.kind == "flag":
                flag = draw(st.sampled_from([None, *param.opts, *param.secondary]))
                parts += [Part((flag,))] if flag else []
                continue
            valid, bad = pools(command, param)
            if param.name in hostile:
                parts.append(_as_given(param, draw(drawn(refusing(bad) if ui else bad))))
            elif valid and (param.required or draw(st.integers(0, 3))):  # an option given 3 times in 4
                parts.append(_as_given(param, draw(drawn(valid))))
            elif param.required and bad:
                parts.append(_as_given(param, draw(drawn(bad))))
        if "junk" in hostile:
            parts.append(draw(st.sampled_from(JUNK)))
        return Call(command, tuple(parts), env_db)

    return draw_call()


def _db_part(command: Command, hostile: bool, ui: bool) -> st.SearchStrategy:
    """--db: the small ledger mostly, an empty or a new one, $KIRJURI_DB; or a file that is no ledger."""
    if not hostile:
        return st.sampled_from(DB_VALID + [Part(())]).map(
            lambda p: Part(("--db", *p.tokens)) if p.tokens else p)
    kinds = ["folder", "random", "one-byte", "text", "damaged", "export", "missing"] + ([] if ui else ["newline"])
    if command.path == ("demo",):
        kinds.remove("missing")  # the demo makes its ledger where --db names one
    return st.sampled_from(kinds).flatmap(lambda kind: drawn([DB_HOSTILE[kind]])).map(
        lambda p: Part(("--db", *p.tokens), p.tags | ({"refuse"} if ui else set()), "db"))


# --- the files an example reads: made once per session -------------------------------------------

#: exports that pass or fail the chain check; those that must never restore are REFUSED_EXPORTS
HOSTILE_EXPORTS = ["export-truncated.json", "export-amount-past-int64.json", "export-amount-past-limit.json",
                   "export-control-note.json", "export-colon-code.json", "export-no-events.json",
                   "export-nested.json", "export-utf16.json", "export-nul-note.json"]
REFUSED_EXPORTS = {"export-truncated.json", "export-amount-past-int64.json", "export-amount-past-limit.json",
                   "export-no-events.json", "export-nested.json"}
IMPORTS = ["figures-amount-past-int64.csv", "figures-amount-past-limit.csv", "figures-control.csv",
           "figures-colon-code.csv", "figures-truncated.csv", "figures-nul.csv", "figures-huge-field.csv",
           "figures-text.xlsx", "figures-float-amount.xlsx", "book-huge.txt", "book-control.txt", "book-nul.txt"]
#: imports that must write nothing: amounts past the limit, a unit code no command could address
UNWRITABLE_IMPORTS = {"figures-amount-past-int64.csv", "figures-amount-past-limit.csv", "figures-colon-code.csv",
                      "figures-float-amount.xlsx", "book-huge.txt"}

BOOK = """Kemijärven kaupunki
Hallintopalvelut
Käyttösuunnitelma 2026

\tTP\tTA+MUUTOS\tTPE\tTA\tKS
\t2024\t2025\t2025\t2026\t2026
Keskusvaalilautakunta\t\t\t\t\t
MENOT\t-22 986\t-52 670\t-54 739\t-68 900\t-68 900
TULOT\t15 007\t52 670\t43 181\t8 400\t8 400
NETTOMENO\t-7 979\t0\t-11 558\t-60 500\t-60 500
"""


@dataclass
class Session:
    """What every example copies: the small ledger, an empty one, and the files it reads."""

    folder: Path
    ledger: Path
    empty: Path
    head: str
    seq: int
    files: dict[str, bytes]
    #: read commands -> how they already fail on the pristine small ledger ("" where they work)
    failing_before: dict[tuple[str, ...], str] = field(default_factory=dict)

    def failed_before(self, argv: tuple[str, ...]) -> str:
        """How ``kirjuri ARGV`` fails on the small ledger as it was: a reader that failed so
        before a write is that reader's own defect, not one the write left behind."""
        if argv not in self.failing_before:
            folder = Path(tempfile.mkdtemp(prefix="before-", dir=self.folder))
            shutil.copyfile(self.ledger, folder / "ledger.sqlite")
            env = {"XDG_DATA_HOME": str(folder / "xdg"), "KIRJURI_DB": None, "KIRJURI_DATABASE_URL": None}
            read = run_inprocess(["--db", str(folder / "ledger.sqlite"), *argv], env, folder)
            self.failing_before[argv] = read.why() if read.crashed or read.code not in (0, 1) else ""
            shutil.rmtree(folder, ignore_errors=True)
        return self.failing_before[argv]


CANONICAL = msgspec.json.Encoder(order="deterministic")


def _rechained(records: list, extra: list) -> bytes:
    """An export of ``records`` plus ``extra`` events chained as whoever edits the file by hand
    would (SHA-256 over the link and the event's canonical JSON), so that it passes the export's
    own chain check. Kirjuri's own sealing is not used: it may refuse what this must forge."""
    out = list(records)
    for event in extra:
        prev, body = out[-1].hash, CANONICAL.encode(event)
        digest = hashlib.sha256(prev.encode("ascii") + b"\n" + body).hexdigest()
        out.append(Stored(seq=out[-1].seq + 1, prev=prev, hash=digest, event=event))
    lines = ",\n".join(msgspec.json.encode(record).decode() for record in out)
    return (f'{{"kirjuri_export": 1, "count": {len(out)}, "head": "{out[-1].hash}", "events": [\n'
            f"{lines}\n]}}\n").encode()


def _hostile_exports(export: Path) -> dict[str, bytes]:
    """Exports with what no ledger may hold, and broken ones."""
    records = msgspec.convert(json.loads(export.read_text(encoding="utf-8"))["events"], list[Stored], strict=False)
    last = records[-1].event
    on, decision = last.recorded_at.date(), Decision(body="valtuusto", date=last.recorded_at.date(), section="41")

    def amended(amount: int, note: str = "") -> TaAmended:
        return TaAmended(id=f"fuzz-{amount}-{len(note)}", effective=on, recorded_at=last.recorded_at, author="fuzz",
                         decision=decision, note=note, year=on.year, lines=(Line("JOUKKOLIIKENNE", "MENOT", amount),))

    colon = UnitRegistered(id="fuzz-colon", effective=on, recorded_at=last.recorded_at, author="fuzz",
                           decision=decision, code="A:B", name="Kaksoispiste", level="yksikkö", parent="ELTY")
    text = export.read_bytes()
    return {
        "export.json": text,
        "export-truncated.json": text[: len(text) * 3 // 5],
        "export-amount-past-int64.json": _rechained(records, [amended(-10**24)]),
        "export-amount-past-limit.json": _rechained(records, [amended(-(LIMIT_CENTS + 1))]),
        "export-control-note.json": _rechained(records, [amended(-100, "\x1b[2J\x1b[Hverify: PASSED")]),
        "export-nul-note.json": _rechained(records, [amended(-100, "a\x00b")]),
        "export-colon-code.json": _rechained(records, [colon]),
        "export-no-events.json": b'{"kirjuri_export": 1, "count": 0, "head": "' + b"0" * 64 + b'"}\n',
        "export-nested.json": b'{"kirjuri_export": 1, "events": ' + b"[" * 100_000,
        "export-utf16.json": text.decode().encode("utf-16"),
    }


def _hostile_imports(figures: bytes) -> dict[str, bytes]:
    """Long tables and book texts with amounts past the limit, control characters, NUL bytes."""
    rows = figures.decode("utf-8-sig").splitlines()
    header, first = rows[0], rows[1].split(";")
    names, mini = header.split(";"), [header] + rows[1:5]

    def with_row(**change: str) -> bytes:
        cells = list(first)
        for key, value in change.items():
            cells[names.index(key)] = value
        return ("\n".join(mini + [";".join(cells)]) + "\n").encode()

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "kirjuri"
    sheet.append(names)
    for row in rows[1:3]:
        sheet.append([int(row.split(";")[0]), *row.split(";")[1:]])
    at = names.index("amount")
    for number in (1e30, 12.345):
        sheet.append([2026, "TA", *first[2:at], number, "KV 9.12.2025 § 80", "1.1.2026", "", "", ""])
    xlsx = io.BytesIO()
    workbook.save(xlsx)
    past = {"column": "TA", "year": "2026", "effective": "1.1.2026", "decision": "KV 9.12.2025 § 80"}
    return {
        "figures.csv": ("\n".join(mini) + "\n").encode(),
        "figures-amount-past-int64.csv": with_row(amount="-99 999 999 999 999 999 999,00", **past),
        "figures-amount-past-limit.csv": with_row(amount="-1 000 000 000 000,00", **past),
        "figures-control.csv": with_row(note="\x1b[2J\x1b[Hverify: PASSED", **past),
        "figures-colon-code.csv": with_row(unit="A:B", unit_path="KEMIJARVI/ELIN/ASUMINEN/A:B", unit_name="Kaksoispiste"),
        "figures-truncated.csv": ("\n".join(mini)).encode()[:-40],
        "figures-nul.csv": with_row(note="a\x00b"),
        "figures-huge-field.csv": with_row(note="x" * 200_000),
        "figures-text.xlsx": ("\n".join(mini) + "\n").encode(),
        "figures-float-amount.xlsx": xlsx.getvalue(),
        "book.txt": BOOK.encode(),
        "book-huge.txt": BOOK.replace("-68 900\t-68 900", "-99 999 999 999 999 999 999\t-68 900").encode(),
        "book-control.txt": BOOK.replace("Keskusvaalilautakunta", "Keskus\x1b[2Jvaalilautakunta").encode(),
        "book-nul.txt": BOOK.replace("TULOT", "TU\x00LOT").encode(),
    }


def _hostile_rules() -> dict[str, bytes]:
    rules = RULES.read_text(encoding="utf-8")
    return {
        "rules.toml": rules.encode(),
        "rules-unknown-body.toml": rules.replace('amendment = ["valtuusto"]', 'amendment = ["kuningas"]').encode(),
        "rules-nested.toml": b"a = " + b"[" * 50_000,
        "rules-control.toml": rules.replace('municipality = "Kemijärven kaupunki"',
                                            'municipality = "\\u001b[2J\\u001b[Hverify: PASSED"').encode(),
        "rules-huge-tolerance.toml": rules.replace('tolerance = "1,00"',
                                                   'tolerance = "99 999 999 999 999 999 999"').encode(),
    }


@pytest.fixture(scope="module")
def session(tmp_path_factory) -> Session:
    """The small ledger (the Kemijärvi example and one pending proposal, #162) checkpointed into
    one file, an empty ledger, and every file an example reads, made once."""
    folder = tmp_path_factory.mktemp("fuzz")
    ledger, empty = folder / "ledger.sqlite", folder / "empty.sqlite"
    env = {"XDG_DATA_HOME": str(folder / "xdg"), "KIRJURI_DB": None, "KIRJURI_DATABASE_URL": None}
    steps = [["--db", str(ledger), "restore", str(EXAMPLE)],
             ["--db", str(ledger), "--author", "fuzz", "propose", "2026", "JOUKKOLIIKENNE:MENOT=-12 000", "--body", "KV",
              "--effective", "15.6.2026", "--decision", "KH 12.1.2026 § 80"],
             ["--db", str(empty), "init"],
             ["--db", str(ledger), "export", "-o", str(folder / "export.json")],
             ["--db", str(ledger), "export", "--format", "toml", "-o", str(folder / "export.toml")],
             ["--db", str(ledger), "export-figures", str(folder / "figures.csv")]]
    for argv in steps:
        outcome = run_inprocess(argv, env, folder)
        assert outcome.code == 0, (argv, outcome)
    gc.collect()
    for path in (ledger, empty):  # one file each: every example copies only the main file
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        assert fingerprint(path)[1] == b""
    # what an unchanged copy still is: every check passes but for the example book's own finding (conftest.HALL_KS)
    verified = run_inprocess(["--db", str(ledger), "verify", "--json"], env, folder)
    assert verified.code == 1 and only_the_books_finding_said(verified.stdout), verified
    seq, head = run_inprocess(["--db", str(ledger), "head"], env, folder).stdout.split()
    files = _hostile_exports(folder / "export.json") | _hostile_imports((folder / "figures.csv").read_bytes())
    files |= _hostile_rules() | {"export.toml": (folder / "export.toml").read_bytes(),
                                 "damaged-ledger.sqlite": ledger.read_bytes()[: ledger.stat().st_size // 2]}
    return Session(folder, ledger, empty, head, int(seq.lstrip("#")), files)


# --- running one command line ----------------------------------------------------------------


@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str
    exception: BaseException | None = None
    opened: tuple[str, ...] = ()

    @property
    def crashed(self) -> bool:
        return self.exception is not None or TRACEBACK in self.stdout + self.stderr

    def why(self) -> str:
        """The exception's type (the last one a printed traceback names), else the last line."""
        if self.exception is not None:
            return type(self.exception).__name__
        raised = re.findall(r"^(\w+(?:Error|Exception))\b", self.stderr, re.MULTILINE)
        return raised[-1] if raised else _last_line(self.stderr)


runner = CliRunner()


@contextmanager
def _inside(folder: Path) -> Iterator[None]:
    """Relative paths (an empty -o, a file a command drops beside it) land in the example's folder."""
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def run_inprocess(argv: list[str], env: dict, folder: Path) -> Outcome:
    """`kirjuri ARGV` through the entry point in this process; the UI and the server only note
    that they were opened."""
    opened: list[str] = []
    exception, code = None, 0
    saved_argv = sys.argv
    with (runner.isolation(env=env) as (stdout, stderr, _mixed), _inside(folder),
          mock.patch.object(ui.FRONTENDS, "terminal", lambda *_a, **_k: opened.append("tui")),
          mock.patch.object(Server, "serve", lambda *_a, **_k: opened.append("serve"))):
        sys.argv = ["kirjuri", *argv]
        try:
            entry.main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except Exception as exc:  # noqa: BLE001 - what escapes is what the oracle looks for
            exception, code = exc, 1
        finally:
            sys.argv = saved_argv
            sys.stdout.flush()
            sys.stderr.flush()
        out, err = stdout.getvalue().decode("utf-8", "replace"), stderr.getvalue().decode("utf-8", "replace")
    return Outcome(code, out, err, exception, tuple(opened))


def run_script(argv: list[str], env: dict, folder: Path) -> Outcome:
    """The installed `kirjuri` script, as a user runs it (a UI that opened would hang: 60 s)."""
    full = {k: v for k, v in os.environ.items() if not k.startswith("KIRJURI_")}
    full.update({k: v for k, v in env.items() if v is not None})
    try:
        done = subprocess.run([*SCRIPT_ARGV, *[os.fsencode(a) for a in argv]], cwd=folder, env=full,
                              capture_output=True, timeout=60, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as exc:
        return Outcome(-1, (exc.stdout or b"").decode("utf-8", "replace"),
                       (exc.stderr or b"").decode("utf-8", "replace"), opened=("hang",))
    return Outcome(done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace"))


class Example:
    """One command line made concrete in a fresh folder: its files, its arguments, its ledger."""

    def __init__(self, session: Session, call: Call):
        self.session, self.call = session, call
        self.folder = Path(tempfile.mkdtemp(prefix="ex-", dir=session.folder))
        self.made: dict[Ref, Path] = {}
        self.argv = [self.resolve(t) for t in call.tokens]
        self.db, self.db_kind = self._db()
        self.env = {"XDG_DATA_HOME": str(self.folder / "xdg"), "KIRJURI_DATABASE_URL": None, "KIRJURI_AUTHOR": None,
                    "KIRJURI_DB": str(self.db) if call.env_db else None, "KIRJURI_CLERK_PASSWORD": None,
                    "KIRJURI_AUDITOR_PASSWORD": None, "KIRJURI_COMMITTEE_PASSWORD": None,
                    # English asked for: a verdict is read by its checks' identifiers ("head FAIL")
                    "KIRJURI_LANG": "en"}

    def resolve(self, token: Token) -> str:
        if isinstance(token, str):
            return token
        if token.kind == "head":
            return self.session.head[: token.cut] + token.label
        if token not in self.made:
            self.made[token] = self._make(token)
        return str(self.made[token])

    def _make(self, ref: Ref) -> Path:
        path = self.folder / (ref.label or f"{ref.kind}.sqlite")
        if ref.kind in ("ledger", "companion"):
            ledger = self.folder / "ledger.sqlite"
            if not ledger.exists():
                shutil.copyfile(self.session.ledger, ledger)
            return ledger.with_name(ledger.name + ref.label)
        if ref.kind == "empty":
            shutil.copyfile(self.session.empty, path)
        elif ref.kind == "folder":
            path.mkdir(exist_ok=True)
        elif ref.kind == "existing":
            path.write_bytes(b"someone else's file\n")
        elif ref.kind == "devfull" and Path("/dev/full").is_char_device():
            path.symlink_to("/dev/full")
        elif ref.kind == "devfull":  # no /dev/full here: a link would make one
            path.write_bytes(b"someone else's file\n")
        elif ref.kind == "nodir":
            path = self.folder / "no-such-folder" / ref.label
        elif ref.kind == "file":
            path.write_bytes(ref.data if ref.data is not None else self.session.files[ref.label])
        return path

    def _db(self) -> tuple[Path | None, str | None]:
        if self.call.env_db:
            return Path(self.resolve(Ref("ledger"))), "ledger"
        tokens = self.call.tokens
        for token, following in zip(tokens, tokens[1:]):
            if token == "--db" and isinstance(following, Ref):
                return self.made[following], following.kind
        return None, None

    def cleanup(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def fingerprint(path: Path | None) -> tuple | None:
    """A file's bytes with its SQLite -wal (absent and empty alike)."""
    if path is None:
        return None
    try:
        if path.is_dir():
            return ("folder", tuple(sorted(p.name for p in path.iterdir())))
        wal = path.with_name(path.name + "-wal")
        return (path.read_bytes() if path.exists() else None, wal.read_bytes() if wal.exists() else b"")
    except OSError as exc:
        return ("unreadable", str(exc))


# --- the oracle --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    kind: str
    detail: str


Runner = Callable[[list[str], dict, Path], Outcome]


def judge(example: Example, run: Runner) -> list[Finding]:
    """Run the example; every way the run broke a promise (none: it held)."""
    call, db = example.call, example.db
    watched = {ref: path for ref, path in example.made.items()
               if ref.kind in ("file", "existing", "ledger") and path != db}
    before = {ref: fingerprint(path) for ref, path in watched.items()}
    db_before = fingerprint(db)
    outcome = run(example.argv, example.env, example.folder)
    if "hang" in outcome.opened:
        return [Finding("hang", "no exit in 60 s")]
    if any(ref.kind == "devfull" for ref in example.made) and not Path("/dev/full").is_char_device():
        pytest.exit(f"/dev/full is no longer a device after: {shown(example)}", returncode=3)
    changed = fingerprint(db) != db_before
    forced = "--force" in example.argv and outcome.code == 0
    findings = _exit_findings(example, outcome, changed) + _acceptance_findings(example, outcome, changed)
    # with --force an existing file, or another ledger's file, may be replaced
    findings += [Finding("file-clobbered", Path(ref.label or path.name).name) for ref, path in watched.items()
                 if fingerprint(path) != before[ref] and not (ref.kind in ("existing", "ledger") and forced)]
    if "db-hostile" in call.tags and changed:
        findings.append(Finding("file-clobbered", f"--db {db.name}"))
    elif changed and example.db_kind in ("ledger", "empty", "newdb"):
        findings += inspect_ledger(example, outcome)
    return findings


def _acceptance_findings(example: Example, outcome: Outcome, changed: bool) -> list[Finding]:
    """What a run that exited 0 must not have done, what opened, and what it printed raw."""
    findings, tags, expected = [], example.call.tags, _expected(example)
    if outcome.code == 0:
        wrote = changed and example.db_kind in ("ledger", "empty", "newdb")
        wrong = [expected[tag] for tag, applies in (("refuse", True), ("refuse-write", wrote),
                                                    ("existing", "--force" not in example.argv))
                 if tag in expected and applies]
        if wrong:
            findings.append(Finding("accepted-though-wrong", ", ".join(wrong)))
    if outcome.opened:
        findings.append(Finding("ui-opened", ", ".join(outcome.opened)))
    raw = RAW_CONTROL.search(outcome.stdout + outcome.stderr) if outcome.code != 2 else None
    if raw:  # a usage error (exit 2) is typer repeating what was typed
        findings.append(Finding("control-chars-printed", f"{raw.group()!r} in the output"))
    if "head-ok" in tags and example.db_kind == "ledger" and not changed and _head_check_failed(outcome.stdout):
        findings.append(Finding("wrong-verdict", "the head check failed"))
    return findings


def _head_check_failed(report: str) -> bool:
    """Whether a verify report (its table, or --json) says the head check failed."""
    try:
        return any(c["name"] == "head" and not c["passed"] for c in json.loads(report)["checks"])
    except (ValueError, KeyError, TypeError):
        return re.search(r"^head\s+FAIL", report, re.MULTILINE) is not None


def _expected(example: Example) -> dict[str, str]:
    """What the run must do -> the parts that say so: "refuse", "refuse-write", "existing"."""
    call, opened = example.call, example.db_kind == "ledger"
    expected = {tag: call.naming(tag) for tag in ("refuse", "refuse-write", "existing") if tag in call.tags}
    if "ledger-output" in call.tags:
        tag = "refuse" if opened else "existing"
        expected.setdefault(tag, call.naming("ledger-output").replace("ledger-output", tag))
    if "companion-output" in call.tags and opened:
        expected.setdefault("refuse", call.naming("companion-output").replace("companion-output", "refuse"))
    return expected


def _exit_findings(example: Example, outcome: Outcome, changed: bool) -> list[Finding]:
    """The exit status, a crash, a write on a refusal, and the refusal's one line."""
    call, findings = example.call, []
    if outcome.code not in (0, 1, 2):
        findings.append(Finding("exit-code", f"exit {outcome.code}"))
    if outcome.crashed:
        findings.append(Finding("crash-after-commit" if changed else "crash", outcome.why()))
    elif outcome.code != 0 and changed:
        findings.append(Finding("written-though-refused", _last_line(outcome.stderr)))
    if outcome.code == 1 and not outcome.crashed:
        lines = outcome.stderr.rstrip("\n").split("\n") if outcome.stderr.strip() else []
        a_report = call.command.path == ("verify",) and not lines and "refuse" not in _expected(example)
        if not a_report and not (len(lines) == 1 and lines[0].startswith("kirjuri: ")):
            findings.append(Finding("refusal-not-one-line",
                                    f"{len(lines)} lines on stderr" + (": " + lines[0][:80] if lines else "")))
    return findings


#: checks `verify` makes that a write a clerk may make can fail (recorded actuals overrunning)
STATE_CHECKS = {"overruns"}


def inspect_ledger(example: Example, outcome: Outcome) -> list[Finding]:
    """After a write: the ledger extends its old head, verify passes, head/show/history read it."""
    session, db = example.session, str(example.db)
    old_seq, old_head = (session.seq, session.head) if example.db_kind == "ledger" else (0, None)

    def kirjuri(*argv: str) -> Outcome:
        return run_inprocess(["--db", db, *argv], example.env, example.folder)

    head = kirjuri("head")
    if head.crashed:
        return [Finding("ledger-unreadable", f"head: {head.why()}")]
    if head.code != 0:
        return [Finding("ledger-destroyed", f"head: {head.why()}")]
    seq = int(head.stdout.split()[0].lstrip("#"))
    if seq < old_seq:
        return [Finding("ledger-destroyed", f"#{old_seq} became #{seq}")]
    findings = []
    verify = kirjuri("verify", "--json", *(["--expect-head", old_head] if old_head else []))
    if verify.crashed:
        findings.append(Finding("ledger-unreadable", f"verify: {verify.why()}"))
    elif verify.code != 0:
        try:
            failed = [c["name"] for c in json.loads(verify.stdout)["checks"] if not c["passed"]]
        except (ValueError, KeyError):
            failed = [verify.why()]
        if "head" in failed:
            findings.append(Finding("ledger-destroyed", "verify: the old head is gone"))
        elif outcome.code == 0 and set(failed) - STATE_CHECKS:
            findings.append(Finding("accepted-though-wrong", "verify fails: " + ", ".join(failed)))
    unit, year = _touched(example)
    for argv in (("show", "KEMIJARVI", "--year", year), ("show", unit, "--year", year), ("history", unit)):
        read = kirjuri(*argv)
        if (read.crashed or read.code not in (0, 1)) and read.why() != session.failed_before(argv):
            findings.append(Finding("ledger-unreadable", f"{argv[0]}: {read.why()}"))
            break
        raw = RAW_CONTROL.search(read.stdout)
        if raw:
            findings.append(Finding("control-chars-printed", f"{raw.group()!r} in `{argv[0]}` of what was stored"))
    return findings


def _touched(example: Example) -> tuple[str, str]:
    """The unit and the year a command named, to read them back after it wrote."""
    known = UNITS + NODES + ["UUSI-YKSIKKO", "OPISKELIJOIDEN-KESATYO"]
    unit = next((a.split(":")[0] for a in example.argv if a.split(":")[0] in known), "KEMIJARVI")
    year = next((a for a in example.argv if re.fullmatch(r"202[2-7]", a)), "2026")
    return unit, year


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:160] if lines else ""


# --- a command line as a shell takes it ---------------------------------------------------------


def shown(example: Example) -> str:
    """The command line to paste into bash; $D is the example's folder."""
    words = []
    for token, text in zip(example.call.tokens, example.argv):
        if isinstance(token, Ref) and text.startswith(str(example.folder)):
            rest = Path(text).relative_to(example.folder).as_posix()
            words.append("$D/" + rest if _plain(rest) else '"$D"/' + _quoted(rest))
        else:
            words.append(_quoted(text))
    return ("KIRJURI_DB=$D/ledger.sqlite " if example.call.env_db else "") + "kirjuri " + " ".join(words)


def _plain(text: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z0-9_./:=@%+,#-]+", text))


def _quoted(text: str) -> str:
    if len(text) > 120 and len(set(text)) == 1:
        return f"\"$(printf '%{len(text)}s' '' | tr ' ' {_quoted(text[0])})\""
    if len(text) > 120:
        return _quoted(text[:60]) + f"…({len(text)} characters)"
    if _plain(text):
        return text
    if all(c.isprintable() and c not in "'\\" for c in text):
        return "'" + text + "'"
    return "$'" + "".join(c if c.isprintable() and c not in "'\\" else _escape(c) for c in text) + "'"


def _escape(c: str) -> str:
    named = {"\n": "\\n", "\r": "\\r", "\x1b": "\\e", "'": "\\'", "\\": "\\\\", "\x07": "\\a", "\x08": "\\b"}
    if c in named:
        return named[c]
    if 0xDC80 <= ord(c) <= 0xDCFF:  # a byte that was not UTF-8
        return f"\\x{ord(c) - 0xDC00:02x}"
    return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"


# --- the properties ---------------------------------------------------------------------------------


@dataclass
class Tally:
    """Inputs tried and, per defect class, how many inputs showed it and the first of them."""

    tried: int = 0
    defective: int = 0
    by_class: Counter = field(default_factory=Counter)
    examples: dict = field(default_factory=dict)
    signatures: dict = field(default_factory=dict)
    per_command: Counter = field(default_factory=Counter)
    distinct: set = field(default_factory=set)

    def add(self, example: Example, findings: list[Finding]) -> None:
        name = example.call.command.name
        findings = [Finding(f.kind, f.detail.replace(str(example.folder), "$D")) for f in findings]
        self.tried += 1
        self.distinct.add(shown(example))
        self.per_command[name] += 0
        if not findings:
            return
        self.defective += 1
        self.per_command[name] += 1
        for kind in dict.fromkeys(f.kind for f in findings):
            self.by_class[kind] += 1
            self.examples.setdefault(kind, (shown(example), "; ".join(f.detail for f in findings if f.kind == kind)))
        for f in dict.fromkeys(findings):
            key = (f.kind, name, re.sub(r"\d+", "N", f.detail)[:90])
            self.signatures.setdefault(key, [0, shown(example)])[0] += 1

    def summary(self) -> str:
        lines = [f"{self.tried} inputs tried, {self.defective} exposed a defect"]
        for kind, count in self.by_class.most_common():
            command, detail = self.examples[kind]
            lines.append(f"- {kind}: {count} inputs ({CLASSES[kind]})\n    {command}\n    found: {detail}")
        return "\n".join(lines)

    def to_json(self) -> dict:
        return {
            "tried": self.tried, "distinct": len(self.distinct), "defective": self.defective,
            "per_command": {k: {"defective": v} for k, v in sorted(self.per_command.items())},
            "classes": {k: {"inputs": n, "means": CLASSES[k], "example": self.examples[k][0],
                            "found": self.examples[k][1]} for k, n in self.by_class.most_common()},
            "signatures": [{"class": k[0], "command": k[1], "detail": k[2], "inputs": v[0], "example": v[1]}
                           for k, v in sorted(self.signatures.items(), key=lambda kv: (kv[0][0], -kv[1][0]))],
        }


@pytest.fixture(scope="module")
def campaign() -> Iterator[Tally]:
    """Every command's tally together; written to $KIRJURI_FUZZ_REPORT when a campaign asks."""
    tally = Tally()
    yield tally
    if REPORT:
        Path(REPORT).write_text(json.dumps(tally.to_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


@pytest.mark.parametrize("command", COMMANDS, ids=[c.name.replace(" ", "-") for c in COMMANDS])
def test_every_command_survives_hostile_arguments(command, session, campaign):
    """Generated command lines for one command: every run keeps every promise of the oracle."""
    tally = Tally()

    @settings(max_examples=max(3, EXAMPLES // len(COMMANDS)), derandomize=True, database=None, deadline=None,
              phases=(Phase.explicit, Phase.generate), suppress_health_check=list(HealthCheck))
    @given(calls(command))
    def one(call: Call) -> None:
        example = Example(session, call)
        try:
            findings = judge(example, run_inprocess)
            tally.add(example, findings)
            campaign.add(example, findings)
        finally:
            example.cleanup()
            gc.collect()

    one()
    assert tally.tried >= 3
    assert not tally.defective, tally.summary()


#: the issue's own cases and the UI's fast path, through the installed script: (command, argv, tags)
SCRIPT_LINES: list[tuple[tuple[str, ...], list[Token], set[str]]] = [
    (("amend",), ["amend", "2026", "JOUKKOLIIKENNE:MENOT=-99 999 999 999 999 999 999", "--effective", "15.6.2026",
                  "--decision", "KV 12.1.2026 § 41"], {"refuse"}),
    (("export",), ["export", "-o", Ref("ledger")], {"refuse"}),
    (("rules",), ["rules", "-o", Ref("ledger")], {"refuse"}),
    (("verify",), ["verify", "--expect-head", Ref("head", cut=8)], {"refuse"}),
    (("amend",), ["amend", "2026", "JOUKKOLIIKENNE:MENOT=-12 000", "--effective", "15.6.2026", "--decision",
                  "KV 12.1.2026 § 41", "--note", "\x1b[2J\x1b[Hkirjuri verify: PASSED"], {"refuse"}),
    (("unit", "add"), ["unit", "add", "A:B", "Kaksoispiste", "--level", "yksikkö", "--parent", "ELTY",
                       "--effective", "1.6.2026", "--decision", "KV 12.1.2026 § 41"], {"refuse"}),
    (("restore",), ["restore", Ref("file", "export-nested.json")], set()),
    (("init",), ["--db", Ref("file", "random-bytes.sqlite", data=b"\x00\xff" * 600), "init"], {"db-hostile"}),
    (("tui",), ["tui", "--lang", "de"], {"refuse"}),
    (("tui",), ["tui", "--rules", Ref("file", "rules-nested.toml")], {"refuse"}),
    (("serve",), ["serve", "--port", "70000"], {"refuse"}),
]


def test_the_installed_script_keeps_the_same_promises(session):
    """The issue's own hostile cases through the real `kirjuri` script: no traceback there either."""
    tally = Tally()
    for path, words, tags in SCRIPT_LINES:
        command = next(c for c in COMMANDS if c.path == path)
        db = () if "--db" in words else ("--db", Ref("ledger"))
        example = Example(session, Call(command, (Part((*db, *words), frozenset(tags), "the issue's case"),)))
        try:
            tally.add(example, judge(example, run_script))
        finally:
            example.cleanup()
    assert tally.tried == len(SCRIPT_LINES)
    assert not tally.defective, tally.summary()
