"""Decisions cited as a tilinpäätös prints them: "Kv 22.4. §26", the year being the book's.

A book's own amendment rows name the valtuusto decision without its year; the reader knows the
year from the book, so the citation is read with it, and refused (field and value named) without.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.domain.citation import format_decision, parse_decision
from ledger.domain.refusals import Rejected


@pytest.mark.parametrize(("text", "day", "section"), [("Kv 22.4. §26", dt.date(2024, 4, 22), "26"),
                                                      ("Kv 9.12. §98", dt.date(2024, 12, 9), "98"),
                                                      ("KV 21.10. § 81", dt.date(2024, 10, 21), "81")])
def test_yearless_citation_takes_the_books_year(text, day, section):
    decision = parse_decision(text, year=2024)
    assert (decision.body, decision.date, decision.section) == ("valtuusto", day, section)


def test_yearless_citation_without_a_year_is_refused_naming_field_and_value():
    with pytest.raises(Rejected) as caught:
        parse_decision("Kv 22.4. §26", field="amendment")
    assert caught.value.code == "decision.yearless"
    message = str(caught.value)
    assert message.startswith("amendment: 'Kv 22.4. §26'") and "\n" not in message


def test_a_date_with_its_own_year_keeps_it():
    assert parse_decision("KV 26.5.2025 § 50", year=2024).date == dt.date(2025, 5, 26)


def test_an_impossible_yearless_date_is_refused():
    with pytest.raises(Rejected) as caught:
        parse_decision("Kv 30.2. §5", year=2024)
    assert caught.value.code == "decision.impossible_date"


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2999, 12, 31)),
       st.sampled_from(["Kv", "KH", "valtuusto", "Sivistyslautakunta"]),
       st.from_regex(r"[1-9][0-9]{0,2}", fullmatch=True))
def test_yearless_round_trip(day, body, section):
    """Printed without its year and read back with the book's year, a decision is the same decision."""
    decision = parse_decision(f"{body} {day.day}.{day.month}. §{section}", year=day.year)
    assert decision.date == day and decision.section == section
    assert parse_decision(format_decision(decision)) == decision
