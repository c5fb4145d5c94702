"""Finnish amounts, percentages and dates: the one place that parses and formats them.

Money is always integer cents. Nothing here touches float: budget books are
exact to the cent, and a float round trip (``0.1 + 0.2``) would silently move
cents between lines. Percentages are integer *tenths* of a percent (2,9 % -> 29)
because the books print exactly one decimal; they are computed with integer
division rounding half away from zero, the way a person rounds by hand.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from decimal import Decimal

from events.model import AMOUNT_LIMIT

__all__ = [
    "AMOUNT_LIMIT",
    "AmountError",
    "AmountTooLarge",
    "limit_text",
    "DateError",
    "parse_amount",
    "parse_euros",
    "format_amount",
    "parse_percent",
    "format_percent",
    "percent_of",
    "change_percent",
    "parse_date",
    "format_date",
    "parse_datetime",
    "format_datetime",
]

NBSP = "\u00a0"
_SPACES = " \u00a0\u202f"  # space, no-break space, narrow no-break space
_SIGN = r"(?P<sign>[-+\u2212])?"  # ASCII minus, plus, U+2212 minus; no space after it



def _amount_re(decimals: str) -> re.Pattern[str]:
    """Either "1 234 567" (groups of exactly three after the first) or plain "1234567", then
    ``decimals`` digits after a comma ("{1,2}" for cents); or "12.50" (dot only with 1-2
    decimals, so "1.000" stays ambiguous and is rejected)."""
    return re.compile(
        _SIGN
        + rf"(?:(?P<int>[0-9]{{1,3}}(?:[{_SPACES}][0-9]{{3}})+|[0-9]+)(?:,(?P<dec>[0-9]{decimals}))?"
        + r"|(?P<dint>[0-9]+)\.(?P<ddec>[0-9]{1,2}))"
        + rf"(?:[{_SPACES}]?€)?"
    )


_AMOUNT_RE = _amount_re("{1,2}")
_EUROS_RE = _amount_re("+")
_PERCENT_RE = re.compile(_SIGN + rf"(?P<int>[0-9]+)(?:,(?P<dec>[0-9]))?(?:[{_SPACES}]?%)?")
_FI_DATE_RE = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})")
_ISO_DATE_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_FI_DATETIME_RE = re.compile(
    r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})[ T]([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?(?: UTC)?"
)
_ISO_DATETIME_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}.*")


class AmountError(ValueError):
    """Text that is not a Finnish amount or percentage; the message quotes the text."""


class AmountTooLarge(AmountError):
    """A Finnish amount past ``AMOUNT_LIMIT``: written right, but more than the ledger holds."""

    def __init__(self, text: str):
        self.text = text
        super().__init__(f"past the limit of {limit_text()}: {text!r}")


class DateError(AmountError):
    """Text that is not a date or date-time; a subclass so callers can catch both."""


def _div_round(num: int, den: int) -> int:
    """num/den rounded half away from zero, in integers only (den != 0)."""
    q, r = divmod(abs(num), abs(den))
    if 2 * r >= abs(den):
        q += 1
    return -q if (num < 0) != (den < 0) else q


def _check_int(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected integer cents, got {type(value).__name__}: {value!r}")
    return value


def _group(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


def parse_amount(text: str) -> int:
    """Parse a Finnish euro amount ("-6 837 670", "1 204 150,50 €") into integer cents.

    ``AmountTooLarge`` past ±``AMOUNT_LIMIT``: every amount the ledger takes in is parsed here.
    """
    m = _AMOUNT_RE.fullmatch(text.strip()) if isinstance(text, str) else None
    if m is None:
        raise AmountError(f"not a Finnish amount: {text!r}")
    whole = m["int"] if m["int"] is not None else m["dint"]
    dec = m["dec"] if m["int"] is not None else m["ddec"]
    cents = int(re.sub(f"[{_SPACES}]", "", whole)) * 100 + int((dec or "0").ljust(2, "0"))
    if cents > AMOUNT_LIMIT:
        raise AmountTooLarge(text)
    return -cents if m["sign"] in ("-", "\u2212") else cents


def parse_euros(text: str) -> Decimal:
    """Exact euros from a Finnish amount with any number of decimals after the comma ("12,345"):
    for files printed in a scale (1000 €), whose figures become cents only times the scale.

    The same forms as ``parse_amount`` otherwise (a dot still takes only 1–2 decimals).
    """
    m = _EUROS_RE.fullmatch(text.strip()) if isinstance(text, str) else None
    if m is None:
        raise AmountError(f"not a Finnish amount: {text!r}")
    whole = m["int"] if m["int"] is not None else m["dint"]
    dec = m["dec"] if m["int"] is not None else m["ddec"]
    euros = Decimal(f"{re.sub(f'[{_SPACES}]', '', whole)}.{dec or '0'}")
    return -euros if m["sign"] in ("-", "\u2212") else euros


def format_amount(cents: int, *, decimals: int | None = None, sep: str = NBSP) -> str:
    """Format cents as "-6 837 670" (``sep`` between thousands, NBSP so it never wraps).

    decimals=None shows ",xx" only when the amount is not whole euros; 0 rounds half
    away from zero to whole euros; 2 always shows ",xx".
    """
    cents = _check_int(cents)
    if decimals not in (None, 0, 2):
        raise ValueError(f"decimals must be None, 0 or 2, not {decimals!r}")
    sign = "-" if cents < 0 else ""
    if decimals == 0:
        euros = abs(_div_round(cents, 100))
        return f"{'-' if cents < 0 and euros else ''}{_group(euros, sep)}"
    euros, rest = divmod(abs(cents), 100)
    if decimals is None and rest == 0:
        return f"{sign}{_group(euros, sep)}"
    return f"{sign}{_group(euros, sep)},{rest:02d}"


def limit_text() -> str:
    """``AMOUNT_LIMIT`` as a person reads it: "±999 999 999 999,99 €"."""
    return f"±{format_amount(AMOUNT_LIMIT, sep=' ')} €"


def parse_percent(text: str) -> int:
    """Parse "2,9 %", "-20,0" or "115%" into tenths of a percent (29, -200, 1150)."""
    m = _PERCENT_RE.fullmatch(text.strip()) if isinstance(text, str) else None
    if m is None:
        raise AmountError(f"not a Finnish percentage: {text!r}")
    tenths = int(m["int"]) * 10 + int(m["dec"] or "0")
    return -tenths if m["sign"] in ("-", "\u2212") else tenths


def format_percent(tenths: int | None) -> str:
    """Format tenths of a percent as "2,9 %"; None (no base to compare to) becomes ""."""
    if tenths is None:
        return ""
    tenths = _check_int(tenths)
    whole, tenth = divmod(abs(tenths), 10)
    return f"{'-' if tenths < 0 else ''}{whole},{tenth} %"


def percent_of(part_cents: int, whole_cents: int) -> int | None:
    """part/whole in tenths of a percent, rounded half away from zero; None if only whole is 0.

    The sign is sign(part) * sign(whole), so a toteuma of -60 against a budget of
    -100 is 60,0 % used, as in the books' TOT % column. Nothing of nothing is 0 %,
    as the books print it (Kemi 002: TA 0, toteuma 0, "0 %").
    """
    part_cents, whole_cents = _check_int(part_cents), _check_int(whole_cents)
    if whole_cents == 0:
        return 0 if part_cents == 0 else None
    return _div_round(part_cents * 1000, whole_cents)


def change_percent(old_cents: int, new_cents: int) -> int | None:
    """MUUTOS % as the budget books print it: (|new| - |old|) / |old| in tenths of a percent.

    The books compare magnitudes, so a net cost growing from -6 624 150 to
    -6 817 670 prints 2,9 (a growth), not -2,9. Rounded half away from zero;
    None when old is 0 and new is not (no base to compare to); 0 to 0 is no change, 0.
    """
    old_cents, new_cents = _check_int(old_cents), _check_int(new_cents)
    if old_cents == 0:
        return 0 if new_cents == 0 else None
    return _div_round((abs(new_cents) - abs(old_cents)) * 1000, abs(old_cents))


def _date_or_none(text: str) -> date | None:
    """The date in "26.5.2025" / "01.01.2026" / "2025-05-26", or None if it has neither shape."""
    if m := _FI_DATE_RE.fullmatch(text):
        d, mo, y = m.groups()
    elif m := _ISO_DATE_RE.fullmatch(text):
        y, mo, d = m.groups()
    else:
        return None
    try:
        return date(int(y), int(mo), int(d))
    except ValueError:
        raise DateError(f"not a date: {text!r} (use d.m.yyyy)") from None


def parse_date(text: str) -> date:
    """Parse a Finnish "26.5.2025" (leading zeros optional) or ISO "2025-05-26" date."""
    d = _date_or_none(text.strip()) if isinstance(text, str) else None
    if d is None:
        raise DateError(f"not a date: {text!r} (use d.m.yyyy)")
    return d


def format_date(d: date) -> str:
    """Format as "26.5.2025": no leading zeros, as Finnish budget books write dates."""
    return f"{d.day}.{d.month}.{d.year:04d}"


def parse_datetime(text: str) -> datetime:
    """Parse a known-at moment into an aware UTC datetime.

    Accepts ISO 8601 ("2025-09-01T12:00:00+00:00", "2025-09-01T12:00") and Finnish
    "1.9.2025 12:30[:05][ UTC]"; naive times are taken as UTC. A bare date
    ("2025-09-01", "1.9.2025") means "as the ledger knew it at the end of that day",
    i.e. 23:59:59.999999 UTC, so everything recorded that day is included.
    """
    error = DateError(f"not a date/time: {text!r} (use d.m.yyyy [hh:mm] or ISO 8601)")
    if not isinstance(text, str):
        raise error
    s = text.strip()
    try:
        if (d := _date_or_none(s)) is not None:
            return datetime.combine(d, time.max, tzinfo=UTC)
        if m := _FI_DATETIME_RE.fullmatch(s):
            day, mo, y, h, mi, sec = (int(g or 0) for g in m.groups())
            return datetime(y, mo, day, h, mi, sec, tzinfo=UTC)
        if _ISO_DATETIME_RE.fullmatch(s):
            dt = datetime.fromisoformat(s)
            return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)
    except ValueError:
        raise error from None
    raise error


def format_datetime(dt: datetime) -> str:
    """Format as "1.9.2025 12:30:05 UTC" (whole seconds; naive datetimes are taken as UTC)."""
    dt = dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)
    return f"{format_date(dt)} {dt:%H:%M:%S} UTC"
