"""The refusal catalog (ledger/refusals.py): every reason in every language, every refusal by code.

The catalog is walked for languages and placeholders; the code of ledger/ and tui/ is
read as a syntax tree so a ``Rejected(...)`` with a reason the catalog does not know,
or with params its template does not name, fails here and not in front of a clerk.
"""

from __future__ import annotations

import ast
import datetime as dt
import string
from pathlib import Path

import pytest

from events.model import EVENT_TYPES
from ledger import refusals
from ledger.refusals import CATALOG, LANGUAGES, Rejected, reason, say, why
from tui.i18n import LANGUAGES as UI_LANGUAGES

ROOT = Path(__file__).parents[1]
SCANNED = sorted(p for folder in ("ledger", "tui") for p in (ROOT / folder).rglob("*.py"))
#: files whose refusals are still English sentences; each must still hold one, so the list only shrinks
LEGACY: set[str] = set()
#: params a Finnish reason leaves unsaid: within the fiscal year the kind of event adds nothing
UNSAID = {"effective.outside_fiscal_year": {"kind"}}
#: the catalog's own module builds a Rejected from another's code (Rejected.as_field)
SELF = "ledger/refusals.py"


def _fields(template: str) -> set[tuple[str, str | None, str]]:
    """The placeholders of a template with their conversion and format spec."""
    return {(name, conversion, spec) for _text, name, spec, conversion in string.Formatter().parse(template)
            if name is not None}


def _calls() -> list[tuple[str, ast.Call]]:
    """Every ``Rejected(...)`` call in ledger/ and tui/, with its file."""
    out = []
    for path in SCANNED:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "Rejected":
                out.append((path.relative_to(ROOT).as_posix(), node))
    return out


def _code(call: ast.Call) -> str | None:
    arg = call.args[2] if len(call.args) > 2 else None
    return arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None


# --- the catalog -------------------------------------------------------------------------------


def test_every_code_has_every_language_and_the_same_placeholders_in_each():
    for code, templates in CATALOG.items():
        assert set(templates) == set(LANGUAGES), f"{code}: languages {sorted(templates)}"
        for lang, template in templates.items():
            assert template.strip(), f"{code} has an empty {lang} template"
        fields = {lang: _fields(template) for lang, template in templates.items()}
        left_out = {(name, c, s) for name, c, s in fields["en"] if name in UNSAID.get(code, ())}
        assert fields["fi"] == fields["en"] - left_out, f"{code}: placeholders differ {fields}"


def test_the_finnish_is_not_the_english():
    same = [code for code, t in CATALOG.items() if t["fi"] == t["en"]]
    assert not same, f"Finnish templates copied from English: {same}"


def test_every_language_of_the_ui_has_the_reasons():
    assert set(UI_LANGUAGES) <= set(LANGUAGES)


def test_codes_are_stable_names_not_sentences():
    for code in CATALOG:
        assert code == code.strip() and " " not in code and "." in code, code


# --- the code that refuses ---------------------------------------------------------------------


def test_every_rejected_in_ledger_and_tui_names_a_catalog_code_and_its_params():
    calls = _calls()
    assert len(calls) > 90, "the scan found too few refusals: did the files move?"
    for where, call in calls:
        if where in LEGACY or where == SELF:
            continue
        code = _code(call)
        assert code in CATALOG, f"{where}:{call.lineno}: Rejected without a catalog code ({ast.unparse(call)})"
        if any(kw.arg is None for kw in call.keywords):
            continue  # **params: checked by rendering in the tests of the rule
        given = {kw.arg for kw in call.keywords}
        wanted = {name for name, _conversion, _spec in _fields(CATALOG[code]["en"])}
        assert given == wanted, f"{where}:{call.lineno}: {code} needs {sorted(wanted)}, gets {sorted(given)}"


def test_the_legacy_files_still_refuse_in_sentences():
    """Once a file's refusals all have codes, it comes off LEGACY and is checked like the rest."""
    for where in LEGACY:
        assert any(_code(call) not in CATALOG for w, call in _calls() if w == where), f"{where} is migrated"


def test_every_code_in_the_catalog_is_used():
    used = {_code(call) for _where, call in _calls()}
    assert set(CATALOG) - used == set()


# --- saying a refusal ----------------------------------------------------------------------------


def test_the_english_why_is_the_line_the_cli_prints():
    error = Rejected("lines[1].unit", "XX", "unit.unknown")
    assert str(error) == "lines[1].unit: 'XX' is not a known unit"
    assert error.why == why(error) == "is not a known unit"
    assert why(error, "fi") == "ei ole tunnettu yksikkö"
    assert (error.code, error.params) == ("unit.unknown", {})


def test_dates_and_cents_are_said_the_finnish_way_in_both_languages():
    error = Rejected("amount", "300", "move.below_toteuma", unit="JL", account="Henkilöstökulut",
                     after=-70_000_00, toteuma=-80_012_50)
    assert why(error, "fi") == ("jättäisi yksikön JL tilin Henkilöstökulut määrärahaksi -70 000 €, mikä alittaa "
                                "sen toteuman -80 012,50 €")
    assert why(error) == "would leave JL Henkilöstökulut at -70 000, below its toteuma -80 012,50"
    window = Rejected("effective", "1.2.2027", "effective.outside_fiscal_year", kind="TaAmended", year=2026,
                      first=dt.date(2026, 1, 1), last=dt.date(2026, 12, 31))
    assert say(window, "fi") == "'1.2.2027' ei ole talousvuoden 2026 sisällä (1.1.2026–31.12.2026)"
    assert say(window, "en") == "'1.2.2027' is outside the window for TaAmended 2026 (1.1.2026–31.12.2026)"


def test_a_kind_is_named_in_the_language():
    error = Rejected("decision", "", "decision.missing", kind="Reallocated")
    assert say(error, "fi").startswith("puuttuu: määrärahasiirto vaatii päätöksen (toimielin, päivämäärä, §")
    assert say(error, "en").startswith("is missing: Reallocated needs one (body, date, §")


def test_cents_are_never_taken_as_float():
    with pytest.raises(TypeError):
        reason("move.below_toteuma", {"unit": "JL", "account": "MENOT", "after": -700.0, "toteuma": -800}, "fi")


def test_a_refusal_renamed_for_a_form_keeps_its_code_and_params():
    error = Rejected("lines[1].unit", "HALL", "unit.closed", since=dt.date(2026, 1, 1)).as_field("unit")
    assert (error.field, error.value, error.code) == ("unit", "HALL", "unit.closed")
    assert say(error, "fi") == "'HALL' on lakkautettu (1.1.2026 alkaen)"


def test_an_unknown_code_is_refused_and_a_legacy_sentence_stays_english():
    with pytest.raises(ValueError, match="unknown refusal code 'unit.unknwon'"):
        Rejected("unit", "XX", "unit.unknwon")
    legacy = Rejected("lang", "sv", "is not fi or en")
    assert legacy.code is None
    assert str(legacy) == "lang: 'sv' is not fi or en"
    assert why(legacy, "fi") == "is not fi or en"
    assert legacy.as_field("kieli").why == "is not fi or en"


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="unknown language 'sv'"):
        why(Rejected("unit", "XX", "unit.unknown"), "sv")


def test_every_kind_has_a_finnish_name():
    assert {cls.__name__ for cls in EVENT_TYPES} <= set(refusals.KINDS_FI)
