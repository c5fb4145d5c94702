"""Tests for ledger.domain.money: Finnish amounts, percentages and dates, exact to the cent."""

from __future__ import annotations

import ast
import inspect
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from events.model import AMOUNT_LIMIT
from ledger.domain import money
from ledger.domain.money import (
    AmountError,
    DateError,
    change_percent,
    format_amount,
    format_date,
    format_datetime,
    format_percent,
    parse_amount,
    parse_date,
    parse_datetime,
    parse_percent,
    percent_of,
)

NBSP, NNBSP, MINUS = "\u00a0", "\u202f", "\u2212"


# --- amounts -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("-6 837 670", -683767000),
        ("1 204 150,50", 120415050),
        ("1204150,5", 120415050),
        ("0", 0),
        ("-0", 0),
        (f"{MINUS}1 000", -100000),
        (f"1{NBSP}297{NBSP}670", 129767000),
        (f"-5{NNBSP}520{NNBSP}000", -552000000),
        ("1,5", 150),
        ("1,05", 105),
        ("+12", 1200),
        ("12.50", 1250),
        ("12.5", 1250),
        ("-0.05", -5),
        ("1 000 €", 100000),
        ("1000€", 100000),
        (f"1 000{NBSP}€", 100000),
        ("  -6 624 150  ", -662415000),
        ("999", 99900),
        ("999 999 999 999,99", 99_999_999_999_999),  # the limit, AMOUNT_LIMIT
    ],
)
def test_parse_amount_examples(text: str, cents: int) -> None:
    assert parse_amount(text) == cents


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "12,3,4",
        "– 5",  # en dash and a space: not a sign
        "–5",
        "- 5",
        "12 34",
        "1234 567",
        "1 2345",
        "1,555",
        "1.000",
        "1.555",
        "1 000.50",
        "1.000,50",
        "abc",
        "12a",
        "EUR 12",
        "--5",
        "+-5",
        "-+5",
        f"{MINUS}-5",
        ",5",
        "5,",
        "5.",
        "1  000",
        "1 000 €€",
        "€ 5",
        "5 € €",
        "١٢",  # non-ASCII digits
        "1e3",
        "inf",
        "1_000",
    ],
)
def test_parse_amount_rejects(text: str) -> None:
    with pytest.raises(AmountError, match="not a Finnish amount"):
        parse_amount(text)


def test_amount_error_names_the_text_and_is_a_value_error() -> None:
    with pytest.raises(ValueError) as exc:
        parse_amount("12,3,4")
    assert isinstance(exc.value, AmountError)
    assert str(exc.value) == "not a Finnish amount: '12,3,4'"


@pytest.mark.parametrize(("text", "euros"), [
    ("12,345", "12.345"), ("-1 234,5678", "-1234.5678"), ("\u22123", "-3"), ("12.5", "12.5"), ("7 €", "7")])
def test_parse_euros_takes_any_decimals_exactly(text: str, euros: str) -> None:
    """A file in 1000 € prints "12,345" for 12 345 €: exact, to be scaled before it is cents."""
    assert money.parse_euros(text) == Decimal(euros)


@pytest.mark.parametrize("text", ["1.000", "12,3,4", "1 23", "", "1e3", "12,"])
def test_parse_euros_rejects_what_parse_amount_rejects_but_long_decimals(text: str) -> None:
    with pytest.raises(AmountError, match="not a Finnish amount"):
        money.parse_euros(text)


@given(st.integers(-AMOUNT_LIMIT, AMOUNT_LIMIT))
def test_parse_euros_agrees_with_parse_amount_on_cents(cents: int) -> None:
    text = format_amount(cents, decimals=2)
    assert money.parse_euros(text) * 100 == parse_amount(text)


@pytest.mark.parametrize("value", [None, 12, 12.5])
def test_parse_amount_rejects_non_strings(value: object) -> None:
    with pytest.raises(AmountError):
        parse_amount(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("cents", "kwargs", "text"),
    [
        (-683767000, {}, "-6 837 670"),
        (120415050, {}, "1 204 150,50"),
        (120415000, {}, "1 204 150"),
        (0, {}, "0"),
        (5, {}, "0,05"),
        (-50, {}, "-0,50"),
        (99900, {}, "999"),
        (100000, {}, "1 000"),
        (120415050, {"decimals": 0}, "1 204 151"),  # half away from zero
        (120415049, {"decimals": 0}, "1 204 150"),
        (-150, {"decimals": 0}, "-2"),
        (-149, {"decimals": 0}, "-1"),
        (-49, {"decimals": 0}, "0"),  # no "-0"
        (0, {"decimals": 0}, "0"),
        (120415000, {"decimals": 2}, "1 204 150,00"),
        (0, {"decimals": 2}, "0,00"),
        (-5, {"decimals": 2}, "-0,05"),
    ],
)
def test_format_amount_examples(cents: int, kwargs: dict, text: str) -> None:
    assert format_amount(cents, sep=" ", **kwargs) == text


def test_format_amount_defaults_to_nbsp() -> None:
    assert format_amount(-683767000) == f"-6{NBSP}837{NBSP}670"


def test_format_amount_rejects_float_and_bad_decimals() -> None:
    with pytest.raises(TypeError):
        format_amount(12.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        format_amount(True)
    with pytest.raises(ValueError):
        format_amount(100, decimals=1)


@given(st.integers(-AMOUNT_LIMIT, AMOUNT_LIMIT), st.sampled_from([None, 2]), st.sampled_from([" ", NBSP]))
def test_format_parse_round_trip(cents: int, decimals: int | None, sep: str) -> None:
    text = format_amount(cents, decimals=decimals, sep=sep)
    assert parse_amount(text) == cents


@given(st.integers(-AMOUNT_LIMIT + 99, AMOUNT_LIMIT - 99), st.sampled_from([" ", NBSP]))
def test_format_whole_euros_rounds_half_away_from_zero(cents: int, sep: str) -> None:
    euros = parse_amount(format_amount(cents, decimals=0, sep=sep)) // 100
    exact = Fraction(cents, 100)
    assert abs(exact - euros) <= Fraction(1, 2)
    if abs(exact - euros) == Fraction(1, 2):
        assert abs(euros) > abs(exact)


# --- percentages ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tenths"),
    [
        ("2,9 %", 29),
        ("-20,0", -200),
        ("60 %", 600),
        ("115%", 1150),
        (f"7,8{NBSP}%", 78),
        ("1,8", 18),
        ("0", 0),
        ("-0,0 %", 0),
        (f"{MINUS}3,5 %", -35),
        ("+4 %", 40),
        (" 2,9 % ", 29),
    ],
)
def test_parse_percent_examples(text: str, tenths: int) -> None:
    assert parse_percent(text) == tenths


@pytest.mark.parametrize(
    "text", ["", "%", "2,95 %", "2,9,1", "2.9", "abc", "--2", "- 2", "2 %%", "% 2", ",5", "5,"]
)
def test_parse_percent_rejects(text: str) -> None:
    with pytest.raises(AmountError, match="not a Finnish percentage"):
        parse_percent(text)


@pytest.mark.parametrize(
    ("tenths", "text"),
    [(29, "2,9 %"), (-200, "-20,0 %"), (600, "60,0 %"), (0, "0,0 %"), (-3, "-0,3 %"), (None, "")],
)
def test_format_percent_examples(tenths: int | None, text: str) -> None:
    assert format_percent(tenths) == text


@given(st.integers())
def test_percent_round_trip(tenths: int) -> None:
    assert parse_percent(format_percent(tenths)) == tenths


def _round_half_away(x: Fraction) -> int:
    """Reference rounding in exact rational arithmetic."""
    n = abs(x)
    whole = n.numerator // n.denominator
    if n - whole >= Fraction(1, 2):
        whole += 1
    return whole if x >= 0 else -whole


@pytest.mark.parametrize(
    ("part", "whole", "tenths"),
    [
        (-6000, -10000, 600),  # toteuma -60 of budget -100 -> 60,0 %
        (6000, -10000, -600),
        (-6000, 10000, -600),
        (1, 3, 333),
        (2, 3, 667),
        (1, 2000, 1),  # 0,05 % rounds half away from zero
        (-1, 2000, -1),
        (1, 2001, 0),
        (0, 5, 0),
        (5, 0, None),
        (0, 0, 0),  # the books print nothing of nothing as 0 %
    ],
)
def test_percent_of_examples(part: int, whole: int, tenths: int | None) -> None:
    assert percent_of(part, whole) == tenths


@given(st.integers(), st.integers())
def test_percent_of_matches_exact_fraction(part: int, whole: int) -> None:
    result = percent_of(part, whole)
    if whole == 0:
        assert result == (0 if part == 0 else None)
        return
    assert isinstance(result, int)
    exact = Fraction(part * 1000, whole)
    assert abs(Fraction(result) - exact) <= Fraction(1, 2)
    assert result == _round_half_away(exact)


@pytest.mark.parametrize(
    ("old", "new", "tenths"),
    [
        (-662415000, -681767000, 29),  # NETTOMENO-ish line: -6 624 150 -> -6 817 670
        (120415000, 129767000, 78),  # TULOT 1 204 150 -> 1 297 670
        (-542000000, -552000000, 18),  # NETTOMENO -5 420 000 -> -5 520 000
        (10000, 5000, -500),
        (-10000, -5000, -500),
        (10000, 10000, 0),
        (0, 10000, None),
        (0, 0, 0),  # no base and no change: the books print 0
        (2000, 2001, 1),  # 0,05 % rounds half away from zero
        (2000, 1999, -1),
    ],
)
def test_change_percent_examples(old: int, new: int, tenths: int | None) -> None:
    assert change_percent(old, new) == tenths


def test_change_percent_book_rows_format_as_printed() -> None:
    assert format_percent(change_percent(parse_amount("-6 624 150"), parse_amount("-6 817 670"))) == "2,9 %"
    assert format_percent(change_percent(parse_amount("1 204 150"), parse_amount("1 297 670"))) == "7,8 %"
    assert format_percent(change_percent(parse_amount("-5 420 000"), parse_amount("-5 520 000"))) == "1,8 %"
    assert format_percent(change_percent(0, parse_amount("100"))) == ""


@given(st.integers(), st.integers())
def test_change_percent_matches_exact_fraction(old: int, new: int) -> None:
    result = change_percent(old, new)
    if old == 0:
        assert result == (0 if new == 0 else None)
        return
    exact = Fraction((abs(new) - abs(old)) * 1000, abs(old))
    assert result == _round_half_away(exact)


def test_module_never_uses_float() -> None:
    """Money must stay integer: no float literals, float() calls or true division."""
    tree = ast.parse(inspect.getsource(money))
    for node in ast.walk(tree):
        assert not (isinstance(node, ast.Constant) and isinstance(node.value, float)), ast.dump(node)
        assert not (isinstance(node, ast.Name) and node.id == "float"), ast.dump(node)
        assert not isinstance(node, ast.Div), "true division produces floats"


# --- dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("26.5.2025", date(2025, 5, 26)),
        ("1.1.2026", date(2026, 1, 1)),
        ("01.01.2026", date(2026, 1, 1)),
        ("2025-05-26", date(2025, 5, 26)),
        (" 31.12.2025 ", date(2025, 12, 31)),
        ("29.2.2024", date(2024, 2, 29)),
    ],
)
def test_parse_date_examples(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "32.1.2025", "29.2.2025", "1.13.2025", "0.1.2025", "26.5.25", "26/5/2025", "2025-5-26",
     "2025-13-01", "26.5.2025 12:00", "tomorrow", "26.5.2025."],
)
def test_parse_date_rejects(text: str) -> None:
    with pytest.raises(DateError, match="not a date"):
        parse_date(text)


def test_date_error_message_and_hierarchy() -> None:
    with pytest.raises(AmountError) as exc:
        parse_date("32.1.2025")
    assert isinstance(exc.value, DateError)
    assert str(exc.value) == "not a date: '32.1.2025' (use d.m.yyyy)"


def test_format_date() -> None:
    assert format_date(date(2025, 5, 26)) == "26.5.2025"
    assert format_date(date(2026, 1, 1)) == "1.1.2026"


@given(st.dates())
def test_date_round_trip(d: date) -> None:
    assert parse_date(format_date(d)) == d


def _end_of(d: date) -> datetime:
    return datetime.combine(d, time.max, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-09-01T12:00:00+00:00", datetime(2025, 9, 1, 12, 0, tzinfo=UTC)),
        ("2025-09-01T15:00:00+03:00", datetime(2025, 9, 1, 12, 0, tzinfo=UTC)),
        ("2025-09-01T12:00:00Z", datetime(2025, 9, 1, 12, 0, tzinfo=UTC)),
        ("2025-09-01T12:00", datetime(2025, 9, 1, 12, 0, tzinfo=UTC)),
        ("2025-09-01 12:00:00.250000", datetime(2025, 9, 1, 12, 0, 0, 250000, tzinfo=UTC)),
        ("2025-09-01", _end_of(date(2025, 9, 1))),
        ("1.9.2025", _end_of(date(2025, 9, 1))),
        ("01.09.2025", _end_of(date(2025, 9, 1))),
        ("1.9.2025 12:30", datetime(2025, 9, 1, 12, 30, tzinfo=UTC)),
        ("1.9.2025 12:30:05", datetime(2025, 9, 1, 12, 30, 5, tzinfo=UTC)),
        ("1.9.2025 12:30:05 UTC", datetime(2025, 9, 1, 12, 30, 5, tzinfo=UTC)),
    ],
)
def test_parse_datetime_examples(text: str, expected: datetime) -> None:
    result = parse_datetime(text)
    assert result == expected
    assert result.utcoffset() == timedelta(0)


def test_bare_date_is_end_of_day() -> None:
    assert parse_datetime("1.9.2025") == datetime(2025, 9, 1, 23, 59, 59, 999999, tzinfo=UTC)


@pytest.mark.parametrize(
    "text",
    ["", "tomorrow", "32.1.2025", "1.9.2025 25:00", "1.9.2025 12:60", "2025-09-01T25:00",
     "20250901", "2025-W36", "1.9.2025 12", "2025-09-01Tfoo"],
)
def test_parse_datetime_rejects(text: str) -> None:
    with pytest.raises(DateError, match="not a date/time"):
        parse_datetime(text)


def test_format_datetime() -> None:
    assert format_datetime(datetime(2025, 9, 1, 12, 30, 5, tzinfo=UTC)) == "1.9.2025 12:30:05 UTC"
    helsinki_summer = timezone(timedelta(hours=3))
    assert format_datetime(datetime(2025, 9, 1, 15, 30, 5, tzinfo=helsinki_summer)) == "1.9.2025 12:30:05 UTC"
    assert format_datetime(datetime(2025, 9, 1, 12, 30, 5)) == "1.9.2025 12:30:05 UTC"


@given(st.datetimes(min_value=datetime(1000, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.just(UTC)))
def test_datetime_round_trip_to_the_second(dt: datetime) -> None:
    assert parse_datetime(format_datetime(dt)) == dt.replace(microsecond=0)
