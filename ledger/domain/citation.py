"""Decisions as they are cited in Finnish minutes: "KV 26.5.2025 § 50".

The body is an abbreviation (KV, KH, LTK, VH …), a word ("valtuusto") or an organ's
own name ("Sivistyslautakunta"), which also tells the body. A tilinpäätös cites its own year's
decisions without the year ("Kv 22.4. §26"): such a date is read only when the caller gives the year.
"""

from __future__ import annotations

import re

from events.model import BODY_ABBREVIATIONS, Decision
from ledger.domain import intake
from ledger.domain.money import AmountError, format_date, parse_date
from ledger.domain.rules import Rejected

_WORDS = {
    "kv": "valtuusto", "valtuusto": "valtuusto", "kaupunginvaltuusto": "valtuusto", "kunnanvaltuusto": "valtuusto",
    "kh": "hallitus", "hallitus": "hallitus", "kaupunginhallitus": "hallitus", "kunnanhallitus": "hallitus",
    "ltk": "lautakunta", "lautakunta": "lautakunta",
    "jaos": "jaosto", "jaosto": "jaosto",
    "vh": "viranhaltija", "viranhaltija": "viranhaltija",
}
_SUFFIXES = (("lautakunta", "lautakunta"), ("jaosto", "jaosto"), ("valtuusto", "valtuusto"), ("hallitus", "hallitus"))
_PATTERN = re.compile(r"^(?P<body>.+?)\s+(?P<date>\d{1,2}\.\d{1,2}\.(?:\d{4})?|\d{4}-\d{2}-\d{2})\s*§\s*(?P<section>[\w/.–-]+)(?:\s+(?P<document>.+))?$")


def parse_decision(text: str, field: str = "decision", *, year: int | None = None) -> Decision:
    """Parse "KV 26.5.2025 § 50" (optionally followed by a document reference).

    ``year`` is the year of the book the citation is printed in: a yearless "Kv 22.4. §26" takes
    it, and without it is refused rather than guessed. A date that names its year keeps its own.
    A control character anywhere in it is refused first (``intake.check_text``): every decision a
    person types or a file brings in is read here.
    """
    intake.check_text(field, text)
    match = _PATTERN.match(text.strip())
    if not match:
        raise Rejected(field, text, "decision.invalid")
    body_text = match["body"].strip()
    body = _WORDS.get(body_text.lower())
    organ = ""
    if body is None:
        body = next((b for suffix, b in _SUFFIXES if body_text.lower().endswith(suffix)), None)
        organ = body_text
    if body is None:
        raise Rejected(field, text, "decision.unknown_body", body=body_text)
    date_text = match["date"]
    if date_text.endswith("."):
        if year is None:
            raise Rejected(field, text, "decision.yearless", date=date_text)
        date_text = f"{date_text}{year:04d}"
    try:
        date = parse_date(date_text)
    except AmountError:
        raise Rejected(field, text, "decision.impossible_date", date=match["date"]) from None
    return Decision(body=body, date=date, section=match["section"], organ=organ, document=(match["document"] or "").strip())


def parse_body(text: str, field: str = "body") -> str:
    """A deciding body as a clerk names it: "KV", "kaupunginhallitus", "sivistyslautakunta"."""
    name = text.strip().lower()
    body = _WORDS.get(name) or next((b for suffix, b in _SUFFIXES if name.endswith(suffix)), None)
    if body is None:
        raise Rejected(field, text, "choice.unknown", choices=tuple(BODY_ABBREVIATIONS))
    return body


def format_decision(decision: Decision | None) -> str:
    if decision is None:
        return ""
    who = decision.organ or BODY_ABBREVIATIONS[decision.body]
    text = f"{who} {format_date(decision.date)} § {decision.section}"
    return f"{text} {decision.document}" if decision.document else text
