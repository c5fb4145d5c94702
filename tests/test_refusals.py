"""The refusal catalog (data: ledger/domain/catalog.py, code: ledger/domain/refusals.py): every reason in
every language, every refusal by code.

The catalog is walked for languages and placeholders; the code of cli/, ledger/ and tui/ is
read as a syntax tree so a ``Rejected(...)`` with a reason the catalog does not know,
or with params its template does not name, fails here and not in front of a clerk.
The same holds for what ``kirjuri verify`` finds (``FINDINGS``, ``Finding.of``, ``Check.of``).
"""

from __future__ import annotations

import ast
import datetime as dt
import string
from pathlib import Path

import pytest

from events.model import EVENT_TYPES
from ledger.domain import catalog, refusals
from ledger.audit.authority import KINDS as RULES_KINDS
from ledger.audit.findings import Check, Finding
from ledger.audit.findings import say as say_finding
from ledger.domain.refusals import CATALOG, FINDINGS, LANGUAGES, Rejected, reason, say, why
from tui.i18n import LANGUAGES as UI_LANGUAGES

ROOT = Path(__file__).parents[1]
SCANNED = sorted(p for folder in ("cli", "ledger", "tui") for p in (ROOT / folder).rglob("*.py"))
#: params a Finnish reason leaves unsaid: within the fiscal year the kind of event adds nothing
UNSAID = {"effective.outside_fiscal_year": {"kind"}}
#: the catalog's own module builds a Rejected from another's code (Rejected.as_field)
SELF = "ledger/domain/refusals.py"
#: templates made only of their params: the refusal in "{field}: {value!r} {refusal:why}" is said in the language
SAID_BY_PARAMS = {"rules.refused"}
#: every template of both catalogs, by code
TEMPLATES = {**CATALOG, **FINDINGS}


def _fields(template: str) -> set[tuple[str, str | None, str]]:
    """The placeholders of a template with their conversion and format spec."""
    return {(name, conversion, spec) for _text, name, spec, conversion in string.Formatter().parse(template)
            if name is not None}


def _calls() -> list[tuple[str, ast.Call]]:
    """Every ``Rejected(...)`` call in cli/, ledger/ and tui/, with its file."""
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
    for code, templates in TEMPLATES.items():
        assert set(templates) == set(LANGUAGES), f"{code}: languages {sorted(templates)}"
        for lang, template in templates.items():
            assert template.strip(), f"{code} has an empty {lang} template"
        fields = {lang: _fields(template) for lang, template in templates.items()}
        left_out = {(name, c, s) for name, c, s in fields["en"] if name in UNSAID.get(code, ())}
        assert fields["fi"] == fields["en"] - left_out, f"{code}: placeholders differ {fields}"
        assert fields["fi"] <= fields["sv"] <= fields["en"], f"{code}: the Swedish placeholders differ {fields}"


def test_the_finnish_is_not_the_english():
    same = [code for code, t in TEMPLATES.items() if t["fi"] == t["en"] and code not in SAID_BY_PARAMS]
    assert not same, f"Finnish templates copied from English: {same}"


def test_the_swedish_is_neither_the_english_nor_the_finnish():
    same = [code for code, t in TEMPLATES.items() if t["sv"] in (t["en"], t["fi"]) and code not in SAID_BY_PARAMS]
    assert not same, f"Swedish templates copied: {same}"


def test_a_refusal_is_said_in_swedish_with_its_kind_in_swedish_words():
    error = Rejected("decision", "", "decision.missing", kind="TaAmended")
    assert why(error, "sv") == "saknas: budgetändring kräver ett beslut (organ, datum, §, t.ex. 'KF 26.5.2025 § 50')"
    assert reason("authority.body", {"decision": "KS 3.2.2025 § 12", "body": "hallitus",
                                     "kind": "reallocation_across", "allowed": "valtuusto"}, "sv") == (
        "KS 3.2.2025 § 12: styrelsen får inte besluta om anslagsöverföring över bindningsnivån "
        "(reglerna tillåter: fullmäktige)")


def test_the_catalog_is_data_and_the_refusals_module_its_code():
    """ledger/domain/catalog.py holds only tables (a new reason is a change there and nowhere else);
    refusals.py holds no template of its own."""
    tree = ast.parse((ROOT / "ledger/domain/catalog.py").read_text(encoding="utf-8"))
    for node in tree.body[1:]:
        assert isinstance(node, (ast.Assign, ast.AnnAssign, ast.ImportFrom)), f"catalog.py:{node.lineno} is code"
    assert refusals.CATALOG is catalog.CATALOG and refusals.FINDINGS is catalog.FINDINGS
    code = ast.parse((ROOT / SELF).read_text(encoding="utf-8"))
    tables = [ast.unparse(node.targets[0]) for node in code.body if isinstance(node, ast.Assign)]
    assert tables == ["__all__"] and not [node for node in code.body if isinstance(node, ast.AnnAssign)]


def test_every_language_of_the_ui_has_the_reasons():
    assert set(UI_LANGUAGES) <= set(LANGUAGES)


def test_codes_are_stable_names_not_sentences():
    for code in TEMPLATES:
        assert code == code.strip() and " " not in code and "." in code, code


def test_a_finding_is_no_refusal():
    """A finding's code never names a refusal's template (or a Rejected would take it)."""
    assert set(CATALOG) & set(FINDINGS) == set()
    with pytest.raises(ValueError, match="unknown refusal code 'chain.edited'"):
        Rejected("event", "x", "chain.edited")


# --- the code that refuses ---------------------------------------------------------------------


def test_every_rejected_in_cli_ledger_and_tui_names_a_catalog_code_and_its_params():
    calls = _calls()
    assert len(calls) > 90, "the scan found too few refusals: did the files move?"
    for where, call in calls:
        if where == SELF:
            continue
        code = _code(call)
        assert code in CATALOG, f"{where}:{call.lineno}: Rejected without a catalog code ({ast.unparse(call)})"
        if any(kw.arg is None for kw in call.keywords):
            continue  # **params: checked by rendering in the tests of the rule
        given = {kw.arg for kw in call.keywords}
        wanted = {name for name, _conversion, _spec in _fields(CATALOG[code]["en"])}
        assert given == wanted, f"{where}:{call.lineno}: {code} needs {sorted(wanted)}, gets {sorted(given)}"


def test_every_code_in_the_catalog_is_used():
    used = {_code(call) for _where, call in _calls()}
    assert set(CATALOG) - used == set()


# --- the code that finds ------------------------------------------------------------------------


def _finding_calls() -> list[tuple[str, ast.Call, str | None, set[str] | None]]:
    """Every ``Finding.of(...)`` and ``Check.of(...)`` in ledger/ and tui/: its file, the call, its code
    (None unless a constant) and the params it names (None when they come as ``**params``)."""
    out = []
    for path in SCANNED:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            func = node.func if isinstance(node, ast.Call) else None
            if not (isinstance(func, ast.Attribute) and func.attr == "of"
                    and getattr(func.value, "id", "") in ("Finding", "Check")):
                continue
            at = 1 if func.value.id == "Finding" else 3
            arg = node.args[at] if len(node.args) > at else None
            code = arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None
            given = None if any(kw.arg is None for kw in node.keywords) else {kw.arg for kw in node.keywords}
            out.append((path.relative_to(ROOT).as_posix(), node, code, given))
    return out


def _codes_in(call: ast.Call) -> set[str]:
    """The string constants of a call that name a finding (``"a" if x else "b"`` names both)."""
    return {node.value for node in ast.walk(call) if isinstance(node, ast.Constant) and node.value in FINDINGS}


def test_every_finding_and_scope_in_ledger_names_a_finding_code_and_its_params():
    calls = _finding_calls()
    assert len(calls) > 25, "the scan found too few findings: did the files move?"
    for where, call, code, given in calls:
        codes = {code} if code is not None else _codes_in(call)
        assert codes and codes <= set(FINDINGS), f"{where}:{call.lineno}: no finding code ({ast.unparse(call)})"
        assert given is not None, f"{where}:{call.lineno}: name the params ({ast.unparse(call)})"
        for each in codes:
            wanted = {name for name, _conversion, _spec in _fields(FINDINGS[each]["en"])}
            assert given == wanted, f"{where}:{call.lineno}: {each} needs {sorted(wanted)}, gets {sorted(given)}"


def test_every_code_of_the_findings_is_used():
    used = {code for _where, call, _code, _given in _finding_calls() for code in _codes_in(call)}
    assert set(FINDINGS) - used == set()


def test_no_finding_is_made_of_an_english_sentence_in_ledger():
    """``Finding(...)`` and ``Check(...)`` with a text of their own say it in English only."""
    for path in SCANNED:
        if path.parent.name != "ledger":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Finding":
                raise AssertionError(f"{path.name}:{node.lineno}: Finding(...) without a code: use Finding.of")
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Check" and len(node.args) > 3:
                raise AssertionError(f"{path.name}:{node.lineno}: a scope without a code: use Check.of")


# --- saying a finding ------------------------------------------------------------------------------


def test_a_finding_is_said_in_english_as_the_cli_prints_it_and_in_finnish():
    finding = Finding.of(None, "authority.overrun", year=2023, unit="64130000", line="NETTOMENO", column="TPE",
                         actual=-637_000_00, budget=-592_287_00, over=44_713_00)
    assert finding.what == say_finding(finding) == say_finding(finding, "en") == (
        "2023 64130000 NETTOMENO: TPE -637 000 overruns TA+muutos -592 287 by 44 713, "
        "with no council decision covering it")
    assert say_finding(finding, "fi") == ("2023 64130000 NETTOMENO: TPE -637 000 € ylittää TA+muutoksen "
                                          "-592 287 €, ylitys 44 713 €, eikä sitä kata valtuuston päätös")
    assert finding.params["actual"] == -637_000_00  # kept raw: cents


def test_a_refusal_within_a_finding_is_said_in_the_language():
    refused = Rejected("decision.body", "hallitus", "decision.council_only", kind="TaAmended")
    finding = Finding.of(12, "rules.refused", "kh-muutos", field=refused.field, value=refused.value,
                         refusal=(refused.code, refused.params))
    assert finding.what == str(refused)
    assert say_finding(finding, "fi") == f"päätös, toimielin: 'hallitus' {why(refused, 'fi')}"
    assert say_finding(finding, "sv") == f"beslut, organ: 'hallitus' {why(refused, 'sv')}"
    assert finding.params["refusal"] == ("decision.council_only", {"kind": "TaAmended"})


def test_a_finding_or_scope_without_a_code_says_its_text_in_every_language():
    finding = Finding(3, "=HYPERLINK(\"http://x\")")
    assert say_finding(finding, "fi") == finding.what and finding.code == ""
    check = Check.of("chain", "The hash chain", [finding], "scope.events", count=3)
    assert (check.scope, reason(check.scope_code, check.scope_params, "fi")) == ("3 events", "3 tapahtumaa")


def test_percentages_and_the_rules_kinds_are_said_in_the_language():
    assert reason("book.contradiction_percent", {"line": 7, "what": "Toteuma-%", "stated": 1_075,
                                                 "computed": 1_068}, "fi") == (
        "rivi 7: Toteuma-%: kirjaan on painettu 107,5 %, mutta sen riveistä laskettuna 106,8 %")
    assert set(refusals.RULES_KINDS_FI) == set(RULES_KINDS)
    params = {"decision": "KH 1.1.2025 § 9", "body": "hallitus", "kind": "reallocation_across", "allowed": ()}
    assert reason("authority.no_body", params) == ("KH 1.1.2025 § 9: a hallitus may not decide a reallocation "
                                                   "across (the rules allow: no body)")
    assert reason("authority.no_body", params, "fi") == (
        "KH 1.1.2025 § 9: hallitus ei saa sääntöjen mukaan päättää määrärahasiirrosta sitovuustason yli: "
        "säännöt eivät anna sitä kenenkään päätettäväksi")


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


def test_an_unknown_code_or_an_english_sentence_in_place_of_a_code_is_refused():
    """The legacy path (a plain sentence said in English in every language) is gone: every reason has a code."""
    with pytest.raises(ValueError, match="unknown refusal code 'unit.unknwon'"):
        Rejected("unit", "XX", "unit.unknwon")
    with pytest.raises(ValueError, match="unknown refusal code 'is not fi or en'"):
        Rejected("lang", "sv", "is not fi or en")
    assert not hasattr(Rejected("lang", "sv", "choice.either", first="fi", second="en"), "sentence")


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="unknown language 'de'"):
        why(Rejected("unit", "XX", "unit.unknown"), "de")


def test_every_kind_has_a_finnish_name():
    assert {cls.__name__ for cls in EVENT_TYPES} <= set(refusals.KINDS_FI)
