"""A decision and a deciding body inside a finding or a refusal are said in the language asked for:
"KF 9.12.2024 § 80" and "fullmäktige" in Swedish, "KV 9.12.2024 § 80" and "valtuusto" in Finnish
(issue 19). The finding carries the ``Decision`` and the body's key, not a text formatted in Finnish."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from conftest import KV, small_city

from events.model import Decision, Line
from ledger.app import Kirjuri
from ledger.audit import authority
from ledger.audit.findings import say
from ledger.domain.refusals import Rejected, reason, why

#: rules under which only the hallitus adopts a TA or reallocates: a valtuusto's decision breaks them
BOARD_ONLY = dataclasses.replace(authority.DEFAULT, municipality="Testilä",
                                 bodies={**authority.DEFAULT.bodies, "ta": ("hallitus",),
                                         "reallocation_within": ("hallitus",)})
KV_RULES = Decision(body="valtuusto", date=dt.date(2026, 11, 23), section="50")


@pytest.fixture
def city(ledger) -> Kirjuri:
    small_city(ledger)
    ledger.adopt(2025, [Line("JL", "MENOT", -1_000_00), Line("KP", "MENOT", -500_00)], decision=KV)
    return ledger


def body_finding(app: Kirjuri):
    found = [f for c in app.verify(rules_of=BOARD_ONLY).checks for f in c.findings if f.code == "authority.body"]
    assert len(found) == 1
    return found[0]


def test_a_finding_about_a_kv_decision_is_said_with_the_languages_words(city):
    finding = body_finding(city)
    assert finding.params["decision"] == KV and finding.params["body"] == "valtuusto"
    assert say(finding, "sv") == ("KF 9.12.2024 § 80: fullmäktige får inte besluta om budgetens godkännande "
                                  "(reglerna tillåter: styrelsen)")
    assert say(finding, "fi").startswith("KV 9.12.2024 § 80: valtuusto ei saa sääntöjen mukaan päättää")
    assert say(finding, "fi").endswith("(säännöt sallivat: hallitus)")
    assert finding.what.startswith("KV 9.12.2024 § 80: a valtuusto may not decide")


def test_a_refusal_of_a_kv_decision_at_write_time_says_it_in_the_language(city):
    city.use_rules_file(BOARD_ONLY)
    with pytest.raises(Rejected) as refused:
        city.reallocate(2025, [("JL", "MENOT", "KP", "MENOT", 10_00)], effective=dt.date(2025, 3, 1),
                        decision=Decision(body="valtuusto", date=dt.date(2025, 2, 24), section="7"))
    sv, fi = why(refused.value, "sv"), why(refused.value, "fi")
    assert "KF 24.2.2025 § 7: fullmäktige får inte besluta" in sv and "KV" not in sv and "valtuusto" not in sv
    assert "KV 24.2.2025 § 7: valtuusto ei saa" in fi and "KF" not in fi and "fullmäktige" not in fi


def test_the_rules_already_in_force_are_refused_with_their_decision_in_the_language(city):
    rules = dataclasses.replace(authority.DEFAULT, municipality="Testilä")
    city.adopt_rules(rules, decision=KV_RULES)
    with pytest.raises(Rejected) as again:
        city.adopt_rules(rules, decision=KV_RULES)
    assert again.value.code == "rules.unchanged" and again.value.params["decision"] == KV_RULES
    assert why(again.value, "sv") == "är redan de gällande reglerna (KF 23.11.2026 § 50): inget att anta"
    assert why(again.value, "fi").startswith("ovat jo voimassa olevat säännöt (KV 23.11.2026 § 50)")
    with pytest.raises(Rejected) as other:
        city.use_rules_file(BOARD_ONLY)
    assert other.value.code == "rules.not_adopted"
    assert "(KF 23.11.2026 § 50)" in why(other.value, "sv") and "(KV 23.11.2026 § 50)" in why(other.value, "fi")


def test_a_decision_cited_in_swedish_keeps_its_words_and_a_body_list_is_said_word_by_word():
    cited = Decision(body="valtuusto", date=dt.date(2025, 5, 26), section="50", organ="Stadsfullmäktige")
    params = {"decision": cited, "body": "hallitus", "kind": "reallocation_across", "allowed": ("valtuusto", "hallitus")}
    assert reason("authority.body", params, "fi").startswith("Stadsfullmäktige 26.5.2025 § 50: hallitus ei saa")
    assert reason("authority.body", params, "sv").endswith("(reglerna tillåter: fullmäktige, styrelsen)")
    assert reason("authority.body", params, "en").endswith("(the rules allow: valtuusto, hallitus)")
    assert reason("authority.no_body", {**params, "allowed": ()}, "sv").startswith(
        "Stadsfullmäktige 26.5.2025 § 50: styrelsen får inte besluta")


# --- a body inside a Swedish sentence takes its definite form (issue 19) -----------------------------

#: each body as a Swedish sentence names it
SV_DEFINITE = {"valtuusto": "fullmäktige", "hallitus": "styrelsen", "lautakunta": "nämnden", "jaosto": "sektionen",
               "viranhaltija": "tjänsteinnehavaren"}


@pytest.mark.parametrize("body", sorted(SV_DEFINITE))
def test_every_swedish_message_naming_a_body_says_it_in_the_definite_form(body):
    """"styrelsen får inte besluta", "lades fram för nämnden": every Swedish message that names a body says the
    definite form, in a list too; Finnish says the word and English the stored key, as before."""
    from ledger import locale

    decision = Decision(body="valtuusto", date=dt.date(2025, 5, 26), section="50")
    params = {"decision": decision, "body": body, "to_body": body, "kind": "amendment", "allowed": (body, "valtuusto")}
    said = {code: reason(code, params, "sv") for code in ("authority.body", "authority.no_body",
                                                          "authority.proposal_body", "proposal.other_body")}
    definite = SV_DEFINITE[body]
    assert said["authority.body"].startswith(f"KF 26.5.2025 § 50: {definite} får inte besluta om budgetändring")
    assert said["authority.body"].endswith(f"(reglerna tillåter: {definite}, fullmäktige)")
    assert said["authority.no_body"].startswith(f"KF 26.5.2025 § 50: {definite} får inte besluta")
    assert said["authority.proposal_body"].startswith(f"är riktat till {definite}, som enligt reglerna")
    assert said["proposal.other_body"].endswith(f"det lades fram för {definite}")
    for lang in ("fi", "sv", "en"):
        assert ":body}" in locale.text("refusal", "proposal.other_body", lang), "the key is said, never printed"
    assert reason("proposal.other_body", params, "fi").endswith(f"toimielimelle {locale.text('word.bodies', body, 'fi')}")
    assert reason("proposal.other_body", params, "en").endswith(f"put to the {body}")


def test_a_body_list_and_a_label_keep_the_bare_word():
    """`kirjuri rules` lists who may decide a kind: "fullmäktige, styrelse, nämnd", the vocabulary's words."""
    from ledger.domain.refusals import bodies_said

    assert bodies_said(("valtuusto", "hallitus", "lautakunta"), "sv") == "fullmäktige, styrelse, nämnd"


def test_a_level_of_the_organisation_is_said_in_swedish_in_a_refusal_and_on_screen():
    """"är en yksikkö" was a Finnish word in a Swedish sentence: a refusal, the palette and the trail say the level in
    Swedish (the sentence needs no article, since ansvarsområde is an ett-word); Finnish and English keep the term."""
    from ledger.domain import vocabulary
    from events.model import LEVELS
    from tui.i18n import Texts

    params = {"parent_level": "yksikkö", "level": "vastuualue"}
    assert reason("parent.level", params, "sv") == "är på nivån enhet: nivån ansvarsområde ska ligga under en högre nivå"
    assert reason("parent.required", {"level": "toimiala"}, "sv") == "krävs på nivån sektor"
    assert "taso vastuualue" not in reason("parent.level", params, "fi") and "vastuualue" in reason(
        "parent.level", params, "fi")
    assert reason("parent.level", params, "en") == "is a yksikkö: a vastuualue must sit below a higher level"
    assert set(LEVELS) <= set(vocabulary.LEVELS)
    assert [Texts("sv").level(level) for level in LEVELS] == ["stad", "sektor", "ansvarsområde", "enhet"]
    assert Texts("fi").level("yksikkö") == "yksikkö" and Texts("sv").level("osa") == "osa"


@pytest.mark.parametrize(("count", "findings", "confirmed"), [
    (1, "1 iakttagelse", "1 varning bekräftad vid bokföringen"),
    (3, "3 iakttagelser", "3 varningar bekräftade vid bokföringen")])
def test_verifys_headings_say_one_and_many_in_swedish_so_one_reads_right(count, findings, confirmed):
    """"1 varningar bekräftade" was wrong for one: the heading takes the singular or the plural by its count."""
    from ledger.audit import verify

    assert verify.said("verify.findings", "sv", check="Överskridningar", count=count) == f"Överskridningar: {findings}"
    assert verify.said("verify.confirmed", "sv", check="Överskridningar", count=count) == f"Överskridningar: {confirmed}"
