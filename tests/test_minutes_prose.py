"""A lisämääräraha the minutes decide in a sentence, not a table (issue 17): `Kunnanvaltuusto myöntää …
vuodelle 2026 lisämäärärahan 145.000 euroa.` Recorded as a TA-muutos of the investment part (a project named) or the
operating part (a unit named) under the decision the minutes state, only where the amount, the decision and the
one project or unit are unambiguous; every other such sentence listed with its line and why. Synthetic minutes
of a made-up town (Järvelä), its own names and numbers.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from handmade_pdf import A4_PORTRAIT, words_pdf
from hypothesis import given
from hypothesis import strategies as st
from test_books_minutes import kirjuri

from events.model import Decision, Line
from ledger.app import Kirjuri
from ledger.books.prose import amounts
from ledger.fold.investments import MENOT
from ledger.store.log import Target

DAY = "08.09.2026"


def _line(text: str) -> list[tuple[str, float, str]]:
    return [(text, 60.0, "l")]


def _header(organ: str, page: int) -> list[list[tuple[str, float, str]]]:
    return [[("Järvelän kunta", 60.0, "l"), ("Pöytäkirja", 300.0, "l"), ("7/2026", 420.0, "l"),
             (f"{page} (2)", 500.0, "l")], [(organ, 60.0, "l"), (DAY, 300.0, "l")], []]


def _minutes(path: Path, organ: str, items: list[list[str]]) -> None:
    """Minutes of ``organ`` on DAY: each item its lines, about 50 lines a page."""
    lines = [line for item in items for line in item]
    pages = [lines[i:i + 50] for i in range(0, len(lines), 50)]
    words_pdf(path, [_header(organ, n) + [_line(t) for t in page] for n, page in enumerate(pages, 1)],
              size=9, media=A4_PORTRAIT, top=800.0, step=13.0)


#: the valtuusto's items: (§, its lines); each grant sentence's amount differs, so the preview tells them apart
VALTUUSTO = [
    # through the hallitus: its copy is a proposal; the valtuusto's stage adopts the same sentence
    ["§ 51", "Myllyjoen silta / Lisämääräraha", "Kunnanhallitus, 25.08.2026, § 120", "Ehdotus",
     "Kunnanhallitus esittää kunnanvaltuustolle, että se myöntää Myllyjoen sillan",
     "korjaukseen vuodelle 2026 lisämäärärahan 145.000 euroa.", "Päätös", "Kunnanhallitus hyväksyi ehdotuksen.",
     "Kunnanvaltuusto, 08.09.2026, § 51", "Ehdotus",
     "Kunnanhallitus esittää kunnanvaltuustolle, että se myöntää Myllyjoen sillan",
     "korjaukseen vuodelle 2026 lisämäärärahan 145.000 euroa.", "Päätös",
     "Kunnanvaltuusto hyväksyi kunnanhallituksen ehdotuksen."],
    # the decision itself says it; a unit, not a project: the operating part
    ["§ 52", "Kirjaston aukioloajat", "Päätös",
     "Kunnanvaltuusto myöntää kirjastopalveluille 12 500 euron lisämäärärahan aukioloaikojen",
     "pidentämiseen vuodelle 2026."],
    # two projects' names in one sentence's words
    ["§ 53", "Pappilan koulun piha", "Päätös",
     "Kunnanvaltuusto myöntää Pappilan koulun pihan kunnostukseen 41 000 euron lisämäärärahan."],
    # two amounts
    ["§ 54", "Urheilutalon katto", "Päätös",
     "Kunnanvaltuusto myöntää Urheilutalon katon korjaukseen 33 000 euron lisämäärärahan, josta",
     "9 000 euroa katetaan vakuutuskorvauksella."],
    # sent back: the proposal is not the decision
    ["§ 55", "Urheilutalon ilmanvaihto", "Ehdotus",
     "Kunnanhallitus esittää, että valtuusto myöntää Urheilutalon ilmanvaihtoon vuodelle 2026",
     "lisämäärärahan 27 000 euroa.", "Päätös", "Kunnanvaltuusto palautti asian uudelleen valmisteltavaksi."],
    # nothing of the ledger named
    ["§ 56", "Satamatien valaistus", "Päätös",
     "Kunnanvaltuusto myöntää Satamatien valaistukseen 8 200 euron lisämäärärahan."],
    # a grant of another kind: no lisämääräraha
    ["§ 57", "Avustus", "Päätös", "Kunnanvaltuusto myöntää Järvelän Urheilijoille 5 300 euron avustuksen."],
]


def _town(db: str) -> None:
    """Järvelä: its technical services (a toimiala), the library (a unit) and five projects."""
    app = Kirjuri(Target(sqlite_path=Path(db)), create=True, author="testi")
    on, kv = dt.date(2026, 1, 1), Decision(body="valtuusto", date=dt.date(2025, 12, 15), section="90")
    app.register_unit("JRV", "Järvelän kunta", "kaupunki", None, effective=on)
    app.register_unit("TEK", "Tekniset palvelut", "toimiala", "JRV", effective=on)
    app.register_unit("KIRJ", "Kirjastopalvelut", "vastuualue", "JRV", effective=on)
    projects = (("5510", "Myllyjoen silta"), ("5520", "Urheilutalon katto"), ("5530", "Urheilutalon ilmanvaihto"),
                ("5601", "Pappilan koulu"), ("5602", "Pappilan koulun piha"))
    for code, name in projects:
        app.submit(app.project_opening(code, name, group="TEK", unit="TEK", cost_estimate=0, first_year=2026,
                                       last_year=2026, effective=on, decision=kv))
    lines = [Line(code, MENOT, -100_000_00) for code, _ in projects] + [Line("KIRJ", "MENOT", -300_000_00)]
    app.adopt(2026, lines, decision=kv)
    app.close()


def _said(result) -> str:
    return " ".join(result.output.split())


def test_a_sentence_grant_is_recorded_only_where_amount_decision_and_target_are_unambiguous(tmp_path, english):
    path, db = tmp_path / "kv.pdf", str(tmp_path / "l.sqlite")
    _minutes(path, "Kunnanvaltuusto", VALTUUSTO)
    _town(db)
    preview = kirjuri(db, "import", str(path))
    assert preview.exit_code == 0, preview.output
    said = _said(preview)
    assert "6 lisämäärärahat decided in sentences, 2 recorded" in said
    assert "5510 Myllyjoen silta: TA-muutos 2026: 145 000 (investment part), KV 8.9.2026 § 51" in said
    assert "KIRJ Kirjastopalvelut: TA-muutos 2026: 12 500 (operating part), KV 8.9.2026 § 52" in said
    assert "naming more than one project or unit of the ledger: 5601, 5602" in said
    assert "with 2 amounts in euros, not one" in said
    assert "does not adopt as printed: Kunnanvaltuusto palautti asian uudelleen valmisteltavaksi." in said
    assert "naming no project or unit of the ledger: Satamatien valaistukseen 8 200 euron lisämäärärahan." in said
    assert "5 300" not in said.split("to record")[1]  # an avustus is no lisämääräraha: nothing planned of it
    applied = kirjuri(db, "import", str(path), "--apply")
    assert applied.exit_code == 0 and "recorded 2 events" in _said(applied).lower()
    bridge = _said(kirjuri(db, "show", "5510", "--year", "2026"))
    assert "-245 000" in bridge  # 100 000 adopted, 145 000 granted
    library = _said(kirjuri(db, "show", "KIRJ", "--year", "2026"))
    assert "-312 500" in library
    assert "KV 8.9.2026 § 51" in _said(kirjuri(db, "history", "5510"))
    again = kirjuri(db, "import", str(path), "--apply")
    assert again.exit_code == 0 and "to record: 0 events" in again.output


def test_a_hallitus_proposing_a_grant_to_the_valtuusto_records_nothing_and_lists_it(tmp_path, english):
    path, db = tmp_path / "kh.pdf", str(tmp_path / "l.sqlite")
    _minutes(path, "Kunnanhallitus", [[
        "§ 120", "Myllyjoen silta / Lisämääräraha", "Kunnanhallitus, 08.09.2026, § 120", "Ehdotus",
        "Kunnanhallitus päättää esittää kunnanvaltuustolle, että se myöntää Myllyjoen sillan",
        "korjaukseen vuodelle 2026 lisämäärärahan 145.000 euroa.", "Päätös",
        "Kunnanhallitus hyväksyi ehdotuksen."]])
    _town(db)
    before = kirjuri(db, "head").output
    result = kirjuri(db, "import", str(path), "--apply")
    assert result.exit_code == 0, result.output
    said = _said(result)
    assert "1 lisämääräraha decided in a sentence, 0 recorded" in said
    assert "proposed to the valtuusto, not decided in these minutes" in said and "to record: 0 events" in said
    assert kirjuri(db, "head").output == before


def test_the_preview_of_a_sentence_grant_is_finnish_by_default(tmp_path):
    path, db = tmp_path / "kv.pdf", str(tmp_path / "l.sqlite")
    _minutes(path, "Kunnanvaltuusto", VALTUUSTO[1:2])
    _town(db)
    said = _said(kirjuri(db, "import", str(path)))
    assert "1 lauseena päätetty lisämääräraha, kirjataan 1" in said
    assert "KIRJ Kirjastopalvelut: TA-muutos 2026: 12 500 (käyttötalousosa)" in said


@given(cents=st.integers(0, 10**12), dots=st.booleans(), word=st.sampled_from(["euroa", "euron", "€"]))
def test_an_amount_in_a_sentence_reads_back_as_printed(cents, dots, word):
    """`1.234.567,89 euroa` or `1 234 567,89 €`: the euros and cents printed, whichever separator."""
    euros = f"{cents // 100:,}".replace(",", "." if dots else " ")
    printed = euros + (f",{cents % 100:02d}" if cents % 100 else "")
    assert amounts(f"myöntää vuodelle 2026 lisämäärärahan {printed} {word}.") == [cents]


def test_swedish_minutes_say_it_in_their_words():
    """The vocabulary is data: `beviljar … tilläggsanslag … euro`, a proposal the decision adopts (`godkände`)."""
    from ledger.books.minutes import Meeting
    from ledger.books.prose import read_grants

    clean = ["§ 12", "Tilläggsanslag för Norrbro skola", "Förslag",
             "Stadsstyrelsen föreslår att fullmäktige beviljar Norrbro skolas tak ett tilläggsanslag",
             "på 18 400 euro för år 2026.", "Beslut", "Stadsfullmäktige godkände förslaget."]
    grant, = read_grants(clean, set(), Meeting("Stadsfullmäktige", dt.date(2026, 5, 4), ()), set())
    assert (grant.item, grant.amounts, grant.year, grant.adopted, grant.lines) == ("12", [18_400_00], 2026, True, [4, 5])
    assert grant.target.startswith("Norrbro skolas tak")
    clean[-1] = "Ehdotus hyväksyttiin."  # the passive says it too
    assert read_grants(clean, set(), Meeting("Stadsfullmäktige", dt.date(2026, 5, 4), ()), set())[0].adopted
