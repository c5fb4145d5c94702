"""Decisions as they are cited in the minutes, in Finnish or in Swedish: "KV 26.5.2025 § 50",
"KF 26.5.2025 § 50", "Stadsfullmäktige 26.5.2025 § 50".

The body is an abbreviation (KV, KH, LTK, VH …; KF, SFM, KS, SS), a word ("valtuusto",
"fullmäktige") or an organ's own name ("Sivistyslautakunta", "Bildningsnämnden"), which also
tells the body. A tilinpäätös cites its own year's decisions without the year ("Kv 22.4. §26"):
such a date is read only when the caller gives the year.

A decision keeps the language it was cited in: a Swedish citation keeps its body's words as cited
in ``Decision.organ`` (so "KF 26.5.2025 § 50" is printed back as "KF 26.5.2025 § 50" in every UI),
and the stored event needs no field of its own for it. A Finnish abbreviation or word is stored as
before, with no organ, and printed as the abbreviation of the output's language: "KV 26.5.2025 § 50"
in Finnish and English, "KF 26.5.2025 § 50" in Swedish (``format_decision(…, lang)``).

An abbreviation can mean different things by language: KS is the käyttösuunnitelma (an operating
plan, no body at all) in Finnish and kommunstyrelsen in Swedish. It is read by the language of the
citation, which is the UI's or the command's (``lang``); the Finnish and English readings refuse it
and say what to write instead.
"""

from __future__ import annotations

import re

from events.model import BODY_ABBREVIATIONS, Decision
from ledger.domain import intake
from ledger.domain.money import AmountError, format_date, parse_date
from ledger.domain.rules import Rejected

#: Finnish abbreviations and words: stored without an organ, printed as the abbreviation
_WORDS = {
    "kv": "valtuusto", "valtuusto": "valtuusto", "kaupunginvaltuusto": "valtuusto", "kunnanvaltuusto": "valtuusto",
    "kh": "hallitus", "hallitus": "hallitus", "kaupunginhallitus": "hallitus", "kunnanhallitus": "hallitus",
    "ltk": "lautakunta", "lautakunta": "lautakunta",
    "jaos": "jaosto", "jaosto": "jaosto",
    "vh": "viranhaltija", "viranhaltija": "viranhaltija",
}
_SUFFIXES = (("lautakunta", "lautakunta"), ("jaosto", "jaosto"), ("valtuusto", "valtuusto"), ("hallitus", "hallitus"))

#: Swedish abbreviations and words that mean one body whatever the language: kept as cited (the organ)
_SV_WORDS = {
    "kf": "valtuusto", "sfm": "valtuusto", "fullmäktige": "valtuusto",
    "ss": "hallitus", "styrelse": "hallitus", "styrelsen": "hallitus",
    "nämnd": "lautakunta", "nämnden": "lautakunta",
    "sektion": "jaosto", "sektionen": "jaosto",
    "tjänsteinnehavare": "viranhaltija", "tjänsteinnehavaren": "viranhaltija",
}
#: a Swedish organ's own name by its ending: "Stadsfullmäktige", "Kommunstyrelsen", "Bildningsnämnden"
_SV_SUFFIXES = (("fullmäktige", "valtuusto"), ("styrelsen", "hallitus"), ("styrelse", "hallitus"),
                ("nämnden", "lautakunta"), ("nämnd", "lautakunta"), ("sektionen", "jaosto"), ("sektion", "jaosto"),
                ("tjänsteinnehavaren", "viranhaltija"), ("tjänsteinnehavare", "viranhaltija"))
#: abbreviations that are a body only in some languages: KS is kommunstyrelsen in Swedish, the
#: käyttösuunnitelma (no body) in Finnish and in the English UI, which keeps the Finnish KS
_BY_LANGUAGE = {"ks": {"sv": "hallitus"}}

_PATTERN = re.compile(r"^(?P<body>.+?)\s+(?P<date>\d{1,2}\.\d{1,2}\.(?:\d{4})?|\d{4}-\d{2}-\d{2})\s*§\s*(?P<section>[\w/.–-]+)(?:\s+(?P<document>.+))?$")


def parse_decision(text: str, field: str = "decision", *, year: int | None = None, lang: str = "fi") -> Decision:
    """Parse "KV 26.5.2025 § 50" or "KF 26.5.2025 § 50" (optionally followed by a document reference).

    ``year`` is the year of the book the citation is printed in: a yearless "Kv 22.4. §26" takes
    it, and without it is refused rather than guessed. A date that names its year keeps its own.
    ``lang`` is the language the citation is read in, which decides an abbreviation that differs
    by language (KS). A control character anywhere in it is refused first (``intake.check_text``):
    every decision a person types or a file brings in is read here.
    """
    intake.check_text(field, text)
    match = _PATTERN.match(text.strip())
    if not match:
        raise Rejected(field, text, "decision.invalid")
    body, organ = _body(match["body"].strip(), text, field, lang)
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


def _body(body_text: str, text: str, field: str, lang: str) -> tuple[str, str]:
    """The body a citation names and the organ to keep: "" for a Finnish abbreviation or word, the
    text as cited for an organ's own name or any Swedish citation."""
    name = body_text.lower()
    if name in _BY_LANGUAGE:
        body = _BY_LANGUAGE[name].get(lang)
        if body is None:
            raise Rejected(field, text, "decision.abbreviation_of_language", body=body_text,
                           languages=tuple(sorted(_BY_LANGUAGE[name])))
        return body, body_text
    if name in _WORDS:
        return _WORDS[name], ""
    found = _SV_WORDS.get(name) or _by_suffix(name, _SV_SUFFIXES + _SUFFIXES)
    if found is None:
        raise Rejected(field, text, "decision.unknown_body", body=body_text)
    return found, body_text


def _by_suffix(name: str, suffixes: tuple[tuple[str, str], ...]) -> str | None:
    return next((body for suffix, body in suffixes if name.endswith(suffix)), None)


def parse_body(text: str, field: str = "body", *, lang: str = "fi") -> str:
    """A deciding body as a clerk names it: "KV", "kaupunginhallitus", "sivistyslautakunta", "KF",
    "kommunstyrelsen" (and "KS" only in Swedish, as in a citation)."""
    name = text.strip().lower()
    body = (_BY_LANGUAGE.get(name, {}).get(lang) or _WORDS.get(name) or _SV_WORDS.get(name)
            or _by_suffix(name, _SUFFIXES + _SV_SUFFIXES))
    if body is None:
        raise Rejected(field, text, "choice.unknown", choices=tuple(BODY_ABBREVIATIONS))
    return body


#: a body cited the Finnish way (no organ kept), as Swedish output prints it: KF for fullmäktige, SS for
#: styrelsen (not KS: beside the KS column, the käyttösuunnitelma, a Swedish screen would say KS for two
#: things, and SS reads as the board in every language), else the body's word; each is read back as the
#: same body by ``parse_decision``
SV_ABBREVIATIONS: dict[str, str] = {
    "valtuusto": "KF", "hallitus": "SS", "lautakunta": "nämnd", "jaosto": "sektion", "viranhaltija": "tjänsteinnehavare",
}


def format_decision(decision: Decision | None, lang: str | None = None) -> str:
    """A decision as it was cited: its organ's words (a Swedish citation's, an organ's own name) in
    every language; a decision cited the Finnish way (its body only) by the abbreviation of ``lang``:
    "KV 26.5.2025 § 50" is "KF 26.5.2025 § 50" in Swedish, the Finnish abbreviation otherwise (English
    keeps the Finnish terms)."""
    if decision is None:
        return ""
    abbreviations = SV_ABBREVIATIONS if lang == "sv" else BODY_ABBREVIATIONS
    who = decision.organ or abbreviations[decision.body]
    text = f"{who} {format_date(decision.date)} § {decision.section}"
    return f"{text} {decision.document}" if decision.document else text
