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


# --- decisions cited the Swedish way ----------------------------------------------------------

@pytest.mark.parametrize(("text", "body"), [
    ("KF 26.5.2025 § 50", "valtuusto"), ("SFM 26.5.2025 § 50", "valtuusto"),
    ("Stadsfullmäktige 26.5.2025 § 50", "valtuusto"), ("kommunfullmäktige 26.5.2025 § 50", "valtuusto"),
    ("KS 3.2.2025 § 12", "hallitus"), ("SS 3.2.2025 § 12", "hallitus"),
    ("Stadsstyrelsen 3.2.2025 § 12", "hallitus"), ("Kommunstyrelsen 3.2.2025 § 12", "hallitus"),
    ("Bildningsnämnden 12.3.2025 § 7", "lautakunta"), ("nämnd 12.3.2025 § 7", "lautakunta"),
    ("Tjänsteinnehavare 1.4.2025 § 3", "viranhaltija"),
])
def test_a_swedish_citation_names_its_body_and_is_printed_as_cited(text, body):
    decision = parse_decision(text, lang="sv")
    assert decision.body == body
    assert format_decision(decision) == text, "a decision keeps the language it was cited in"


def test_ks_is_the_board_in_swedish_and_no_body_in_finnish_or_english():
    """KS is kommunstyrelsen in a Swedish citation, the käyttösuunnitelma in Finnish (and in the English
    UI, which keeps the Finnish KS): read by the citation's language, refused where it is no body."""
    assert parse_decision("KS 3.2.2025 § 12", lang="sv").body == "hallitus"
    for lang in ("fi", "en"):
        with pytest.raises(Rejected) as caught:
            parse_decision("KS 3.2.2025 § 12", lang=lang)
        assert caught.value.code == "decision.abbreviation_of_language"
        assert str(caught.value).startswith("decision: 'KS 3.2.2025 § 12'") and "käyttösuunnitelma" in str(caught.value)


def test_an_unambiguous_citation_reads_the_same_in_every_language():
    """Only KS depends on the language: "KF" and "KV", "Stadsfullmäktige" and "Sivistyslautakunta" are the
    same body whichever language the clerk's UI speaks, and each keeps the words it was cited in."""
    for text in ("KF 26.5.2025 § 50", "KV 26.5.2025 § 50", "Stadsfullmäktige 26.5.2025 § 50",
                 "Sivistyslautakunta 12.3.2025 § 7"):
        read = {parse_decision(text, lang=lang) for lang in ("fi", "sv", "en")}
        assert len(read) == 1 and format_decision(read.pop()) == text


def test_a_finnish_citation_is_stored_as_before():
    """A Finnish abbreviation or word keeps no organ, so events recorded before Swedish came are the same bytes."""
    assert parse_decision("kaupunginvaltuusto 26.5.2025 § 50", lang="sv").organ == ""
    assert format_decision(parse_decision("Kv 26.5.2025 § 50")) == "KV 26.5.2025 § 50"


_NAME = st.from_regex(r"[A-ZÅÄÖ][a-zåäö]{2,10}", fullmatch=True)
_BODIES = {
    "fi": st.one_of(st.sampled_from(["KV", "kv", "KH", "LTK", "JAOS", "VH", "valtuusto", "Kaupunginhallitus"]),
                    st.builds(lambda n, s: n + s, _NAME, st.sampled_from(["lautakunta", "jaosto"]))),
    "sv": st.one_of(st.sampled_from(["KF", "SFM", "KS", "SS", "Stadsfullmäktige", "Kommunfullmäktige",
                                     "Stadsstyrelsen", "Kommunstyrelsen", "tjänsteinnehavare", "KV", "KH"]),
                    st.builds(lambda n, s: n + s, _NAME, st.sampled_from(["nämnden", "nämnd", "sektionen"]))),
}


@pytest.mark.parametrize("lang", ["fi", "sv"])
@given(data=st.data(), day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2999, 12, 31)),
       section=st.from_regex(r"[1-9][0-9]{0,2}(/[1-9])?", fullmatch=True),
       document=st.sampled_from(["", "liite 3", "bilaga 2"]))
def test_a_printed_decision_reads_back_as_the_same_decision(lang, data, day, section, document):
    body = data.draw(_BODIES[lang])
    text = f"{body} {day.day}.{day.month}.{day.year} § {section} {document}".strip()
    decision = parse_decision(text, lang=lang)
    assert parse_decision(format_decision(decision), lang=lang) == decision


@pytest.mark.parametrize(("text", "sv"), [("KV 26.5.2025 § 50", "KF 26.5.2025 § 50"), ("KH 2.6.2026 § 80", "SS 2.6.2026 § 80"),
                                          ("Kaupunginhallitus 2.6.2026 § 80 liite 3", "SS 2.6.2026 § 80 liite 3"),
                                          ("LTK 3.3.2026 § 7", "nämnd 3.3.2026 § 7")])
def test_a_finnish_citation_is_printed_the_swedish_way_in_swedish_only(text, sv):
    """Swedish output says the board SS, never KS, which a Swedish screen also shows as the operating plan's column."""
    decision = parse_decision(text)
    assert format_decision(decision, "sv") == sv
    assert format_decision(decision, "fi") == format_decision(decision, "en") == format_decision(decision)
    assert format_decision(decision).split()[0] in ("KV", "KH", "LTK")


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_a_decision_cited_in_swedish_keeps_its_words_in_every_language(lang):
    assert format_decision(parse_decision("Stadsfullmäktige 26.5.2025 § 50", lang="sv"), lang) == "Stadsfullmäktige 26.5.2025 § 50"
    assert format_decision(parse_decision("KS 2.6.2026 § 80", lang="sv"), lang) == "KS 2.6.2026 § 80"


@pytest.mark.parametrize("read_in", ["fi", "sv"])
@given(data=st.data(), day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2999, 12, 31)),
       section=st.from_regex(r"[1-9][0-9]{0,2}", fullmatch=True))
def test_a_finnish_citation_printed_in_swedish_reads_back_as_the_same_body_in_either_language(read_in, data, day, section):
    decision = parse_decision(f"{data.draw(_BODIES['fi'])} {day.day}.{day.month}.{day.year} § {section}")
    back = parse_decision(format_decision(decision, "sv"), lang=read_in)
    assert (back.body, back.date, back.section) == (decision.body, decision.date, decision.section)
