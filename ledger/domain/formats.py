"""Amounts, percentages, dates and times as each language shows them: the one place the CLI and the
terminal UI format what they show, with Babel (CLDR's data for fi_FI, sv_FI and English in Finland)
and Finnish time (Europe/Helsinki, from the tzdata package where the system has no zone files).

What is shown keeps the form a clerk types back in: ``ledger.domain.money`` stays the one parser of
amounts and dates (Babel's own parser refuses "1 000" with an ordinary space, which every book and
every clerk writes), so each format here is one that parser reads:

- amounts: CLDR's grouping and decimal sign for the locale. fi_FI and sv_FI group thousands with a
  no-break space (U+00A0), the space ``money.format_amount`` has always put on screen, so the
  Finnish screens are unchanged. English is English as written in Finland (CLDR en_FI): the same
  digits the books print and the forms take, never "6,837,670", which no field would read back.
- percentages: the number by the locale, then " %" with an ordinary space, as the books print the
  Toteuma-% ("60,0 %").
- dates: d.M.yyyy in every language, as the minutes cite a decision in Finnish and in Swedish alike
  ("KF 26.5.2025 § 50"); CLDR's sv_FI short date is ISO, which no Finland-Swedish minutes use.
- times: stored in UTC, shown in Finnish time, "15.1.2026 10:00:02"; a time a person types (the
  time-travel form, ``--known-at``) is Finnish time too, its day ending at local midnight.
- a line folded to a screen's width (``held``): a finding or a refusal writes its amounts with ordinary
  spaces ("-5 540 000 €", as the minutes, the JSON and the tests read them), so the screens and the CLI
  hold the spaces inside an amount, before its unit and after a citation's "§" here, one rule for both.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

from babel.dates import format_date as _babel_date
from babel.dates import format_datetime as _babel_datetime
from babel.numbers import format_decimal

from ledger.domain.money import NBSP, AmountError, DateError, _check_int, _div_round, parse_date

#: Finnish time: what a clerk's clock says, summer time included
ZONE = ZoneInfo("Europe/Helsinki")
#: the CLDR locale each language of Kirjuri formats by
LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_FI"}

_DATE = "d.M.y"
_TIME = "HH:mm:ss"
_MOMENT = re.compile(r"(?P<date>[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4})(?:[ T](?P<h>[0-9]{1,2}):(?P<m>[0-9]{2})"
                     r"(?::(?P<s>[0-9]{2}))?(?P<utc> UTC)?)?")
_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ][0-9]{2}:[0-9]{2}.*)?")
#: an ordinary space no line may break at: between an amount's groups of digits ("-5 540 000"), between a
#: number and its unit ("20 000 €", "2,9 %"), and after a citation's "§" ("§ 50")
HELD_SPACE = re.compile(r"(?<=\d) (?=\d{3}(?!\d)|[€%](?!\w))|(?<=§) (?=\d)")


def _locale(lang: str) -> str:
    if lang not in LOCALES:
        raise ValueError(f"unknown language {lang!r}: use one of {', '.join(LOCALES)}")
    return LOCALES[lang]


def amount(cents: int, lang: str = "fi", *, decimals: int | None = None) -> str:
    """Cents as the language writes euros: "-6 837 670", "1 204 150,50" (no-break spaces).

    decimals=None shows the cents only when there are some; 0 rounds half away from zero to whole
    euros (in integers, never Babel's half-even); 2 always shows them. Integer cents in, never float.
    """
    cents = _check_int(cents)
    if decimals not in (None, 0, 2):
        raise ValueError(f"decimals must be None, 0 or 2, not {decimals!r}")
    if decimals == 0 or (decimals is None and cents % 100 == 0):
        return format_decimal(Decimal(_div_round(cents, 100)), format="#,##0", locale=_locale(lang))
    return format_decimal(Decimal(cents).scaleb(-2), format="#,##0.00", locale=_locale(lang))


def percent(tenths: int | None, lang: str = "fi") -> str:
    """Tenths of a percent as "2,9 %"; None (no base to compare to) is ""."""
    if tenths is None:
        return ""
    number = format_decimal(Decimal(_check_int(tenths)).scaleb(-1), format="0.0", locale=_locale(lang))
    return f"{number} %"


def held(text: str, joiner: str = NBSP) -> str:
    """``text`` with each space no line may break at (``HELD_SPACE``) made ``joiner``: a screen folding a finding
    breaks it only at the spaces left, so no amount is split and no "€" starts a line."""
    return HELD_SPACE.sub(joiner, text)


def date(day: dt.date, lang: str = "fi") -> str:
    """A date as the minutes write it in every language: "26.5.2025"."""
    return _babel_date(day, format=_DATE, locale=_locale(lang))


def moment(at: dt.datetime, lang: str = "fi") -> str:
    """A stored time (UTC; a naive one is taken as UTC) in Finnish time: "15.1.2026 10:00:02"."""
    at = at.replace(tzinfo=dt.UTC) if at.tzinfo is None else at
    return _babel_datetime(at, format=f"{_DATE} {_TIME}", tzinfo=ZONE, locale=_locale(lang))


def local(at: dt.datetime) -> dt.datetime:
    """A stored time in Finnish time (for a day's boundary, a heading)."""
    return at.astimezone(ZONE)


def parse_moment(text: str) -> dt.datetime:
    """A time a person types, in Finnish time, as an aware UTC datetime.

    "1.9.2025 12:30[:05]" is 12:30 on a Helsinki clock; a bare date ("1.9.2025", "2025-09-01") is the
    end of that day there, so "known at 1.9.2025" holds everything recorded that day by a Finnish
    clock; an ISO time with its offset ("2025-09-01T12:30+00:00") or "… UTC" is taken as it says.
    A time in the hour the clocks skip in spring (29.3.2026 03:00–04:00) is no time at all in Finland:
    ``SkippedTime``, not a guess; in the hour that comes twice in autumn (25.10.2026 03:00–04:00) it is
    read as its first pass, in summer time.
    """
    error = DateError(f"not a date/time: {text!r} (use d.m.yyyy [hh:mm] or ISO 8601)")
    s = text.strip() if isinstance(text, str) else ""
    try:
        if m := _MOMENT.fullmatch(s):
            day = parse_date(m["date"])
            if m["h"] is None:
                return _utc(dt.datetime.combine(day, dt.time.max))
            at = dt.datetime.combine(day, dt.time(int(m["h"]), int(m["m"]), int(m["s"] or 0)))
            return at.replace(tzinfo=dt.UTC) if m["utc"] else _utc(at)
        if _ISO.fullmatch(s):
            if len(s) == 10:
                return _utc(dt.datetime.combine(dt.date.fromisoformat(s), dt.time.max))
            at = dt.datetime.fromisoformat(s)
            return _utc(at) if at.tzinfo is None else at.astimezone(dt.UTC)
    except SkippedTime:
        raise
    except (ValueError, AmountError):
        raise error from None
    raise error


class SkippedTime(DateError):
    """A wall-clock time that does not exist in Finnish time: the clocks jump over it in spring."""


def _utc(local_time: dt.datetime) -> dt.datetime:
    """A Helsinki wall-clock time in UTC (``fold`` 0: the first reading of a repeated hour)."""
    at = local_time.replace(tzinfo=ZONE).astimezone(dt.UTC)
    if at.astimezone(ZONE).replace(tzinfo=None) != local_time:
        raise SkippedTime(f"not a time in Finland: {local_time:%d.%m.%Y %H:%M} (the clocks skip that hour)")
    return at
