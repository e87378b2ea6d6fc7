"""Trigger words added for coverage: each sentence (written for this test) must give an event
of the expected type from the expected rule, with the actors it names; and the senses the
rules leave out must not give one.
"""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from eventdesk.coder import get_coder
from eventdesk.extract.triggers import TriggerMatcher
from test_coder_rules import events

# (sentence, PLOVER type, rule, source code or None, target code or None); None: not checked
CASES = [
    # ASSAULT
    ("The Nigerian army said it had eliminated twelve insurgents near the lake.",
     "ASSAULT", "assault.eliminate", "NGAMIL", "REB"),
    ("Egyptian troops crushed the uprising in the Sinai within days.",
     "ASSAULT", "assault.crush_uprising", "EGYMIL", None),
    ("Ethiopian forces crushed the rebel militia near the border.",
     "ASSAULT", "assault.crush_enemy", "ETHMIL", "REB"),
    ("Turkish tanks rolled into the Syrian border town at dawn.",
     "ASSAULT", "assault.advance", "TURMIL", None),
    ("The Syrian army's advance on the rebel-held town stalled.",
     "ASSAULT", "assault.advance_noun", None, None),
    ("Israeli strikes on weapons depots near Damascus destroyed several warehouses.",
     "ASSAULT", "assault.military_strike", "ISRMIL", None),
    ("Nigeria sees the fight against Boko Haram as its first task.",
     "ASSAULT", "assault.fight", "NGAGOV", "NGAREBBKH"),
    ("The United States launched strikes on militant camps in Somalia.",
     "ASSAULT", "assault.launch_strike", "USAGOV", None),
    ("Iranian forces downed an American surveillance drone over the Gulf.",
     "ASSAULT", "assault.down_aircraft", "IRNMIL", "USAMIL"),
    # unnamed militants take no country from where the bomb was (issue 12: unknown stays unknown)
    ("Militants planted a bomb under a bridge in southern Afghanistan.",
     "ASSAULT", "assault.plant_bomb", "REB", None),
    ("Syrian helicopters dropped barrel bombs on the town.",
     "ASSAULT", "assault.drop_bombs", "SYRMIL", None),
    ("Syrian government forces used chlorine against civilians in the suburb.",
     "ASSAULT", "assault.chemical_use", "SYRMILSAA", "CVL"),
    ("Russian warplanes hammered the rebel-held district for a third day.",
     "ASSAULT", "assault.hammer", "RUSMIL", None),
    ("Gunmen fired shots at a police checkpoint in Kenya.",  # unknown gunmen: no country
     "ASSAULT", "assault.fire_shots", "REB", None),
    # COERCE
    ("Libyan militias captured Gharyan on Wednesday.",
     "COERCE", "coerce.capture", "LBYREB", None),
    ("The Turkish capture of Kafr Dalil angered the Kurds.",
     "COERCE", "coerce.capture_noun", "TURGOV", None),
    ("Iranian boats intercepted a British tanker in the Strait of Hormuz.",
     "COERCE", "coerce.intercept_vessel", "IRNGOV", "GBRGOV"),
    ("Iraqi forces cut off the main road linking Mosul and Raqqa.",
     "COERCE", "coerce.cut_off_route", "IRQMIL", None),
    ("Turkish prosecutors charged two journalists with terrorism offences.",
     "COERCE", "coerce.charge_person", "TURJUD", "MED"),
    ("The Egyptian authorities disbanded the opposition party.",
     "COERCE", "coerce.disband_organization", "EGYGOV", "OPP"),
    ("Chinese police spied on Uighur dissidents abroad.",
     "COERCE", "coerce.surveil", "CHNCOP", "OPP"),
    # RETREAT
    ("The Houthi rebels released twenty Saudi prisoners.",
     "RETREAT", "retreat.release_captives", "YEMREBHTH", "SAUCVL"),
    ("Kazakhstan repatriated dozens of children from Syria.",
     "RETREAT", "retreat.repatriate_people", "KAZGOV", None),
    ("Kurdish authorities handed over five orphans to Norwegian diplomats.",
     "RETREAT", "retreat.hand_over_people", None, None),
    ("The United States pulled its troops out of northern Syria.",
     "RETREAT", "retreat.pull_troops", "USAGOV", None),
    ("Washington halved its troop presence in Iraq.",
     "RETREAT", "retreat.reduce_troops", "USAGOV", None),
    ("Kurdish forces handed control of the border crossing to the Syrian army.",
     "RETREAT", "retreat.hand_over_territory", None, None),
    # AID
    ("Lebanon has taken in more than a million Syrian refugees.",
     "AID", "aid.host_refugees", "LBNGOV", "SYRCVL"),
    ("Jordanian ambulances evacuated wounded civilians from the Syrian border area.",
     "AID", "aid.evacuate_people", "JORGOV", "CVL"),
    ("Iran supplied the Houthi rebels throughout the war.",
     "AID", "aid.supply_forces", "IRNGOV", "YEMREBHTH"),
    ("Russia sent military advisers to the Central African Republic.",
     "AID", "aid.send_advisers", "RUSGOV", "CAFGOV"),
    ("Russian air support allowed Syrian government troops to advance.",
     "AID", "aid.military_backing", "RUSGOV", None),
    # SUPPORT
    ("The minister drummed up support for the plan.",
     "SUPPORT", "support.win_support", None, None),
    ("The Arab League reinstated Syria's membership.",
     "SUPPORT", "support.readmit", "IGOARL", "SYRGOV"),
    # ACCUSE
    ("The German foreign minister expressed concern over the Turkish offensive.",
     "ACCUSE", "accuse.voice_concern", "DEUGOV", None),
    ("Six Egyptian police officers will stand trial for the death of the student.",
     "ACCUSE", "accuse.trial", "EGYCOP", None),
    ("Human Rights Watch documented killings by the Syrian army.",
     "ACCUSE", "accuse.document_abuses", None, "SYRMILSAA"),
    # REJECT
    ("The Russian defence ministry dismissed the reports as fabrications.",
     "REJECT", "reject.dismiss_claims", "RUSGOV", None),
    ("Iran resisted pressure from the United States to renegotiate the deal.",
     "REJECT", "reject.resist", "IRNGOV", "USAGOV"),
    # CONCEDE
    ("The Sudanese opposition dropped its demand that the military council resign.",
     "CONCEDE", "concede.drop_demand", "SDNOPP", None),
    ("The Algerian teachers' union suspended its strike.",
     "CONCEDE", "concede.end_protest", "DZALAB", None),
    # COOPERATE
    ("British forces fought alongside Kurdish fighters in Syria.",
     "COOPERATE", "cooperate.fight_alongside", "GBRMIL", None),
    ("Turkey bought the S-400 missile system from Russia.",
     "COOPERATE", "cooperate.buy_arms", "TURGOV", None),
    ("Russia and Iran formed an alliance to back the Syrian government.",
     "COOPERATE", "cooperate.form_alliance", "IRNGOV+RUSGOV", None),
    # MOBILIZE
    ("Israel scrambled fighter jets after the drone entered its airspace.",
     "MOBILIZE", "mobilize.scramble", "ISRGOV", None),
    ("Turkey set up observation posts in Idlib province.",
     "MOBILIZE", "mobilize.set_up_base", "TURGOV", None),
    # PROTEST
    ("Sudanese protesters burned flags outside the Egyptian embassy.",
     "PROTEST", "protest.burn_symbols", "SDNCVL", None),
    ("Students heckled the Algerian prime minister during his visit.",
     "PROTEST", "protest.heckle", "CVL", "DZAGOV"),
    # SANCTION
    ("Germany banned arms sales to Saudi Arabia.",
     "SANCTION", "sanction.ban_exports", "DEUGOV", "SAUGOV"),
    ("Russia suspended all flights to Georgia.",
     "SANCTION", "sanction.halt_exchanges", "RUSGOV", "GEOGOV"),
    ("The United States designated Iran's Revolutionary Guard a terrorist organisation.",
     "SANCTION", "sanction.terror_designation", "USAGOV", "IRNMILIRGC"),
]


@pytest.mark.parametrize("text, plover_type, rule, source, target", CASES,
                         ids=[c[2] for c in CASES])
def test_new_trigger_codes_its_event(text, plover_type, rule, source, target) -> None:
    found = [e for e in events(text) if e["plover_type"] == plover_type
             and e["rule"].split()[0] == rule and not e["negated"]]
    assert found, events(text)
    codes = {("+".join(sorted(str(a["code"]) for a in e["source"])) or None,
              "+".join(sorted(str(a["code"]) for a in e["target"])) or None) for e in found}
    assert any((source is None or src == source) and (target is None or tgt == target)
               for src, tgt in codes), codes


@pytest.mark.parametrize("text, plover_type", [
    ("The earthquake hit the town before dawn.", "ASSAULT"),
    ("The documentary captured the mood of the city.", "COERCE"),
    ("The photographs captured the moment the wall fell.", "COERCE"),
    ("The Brazilian team recaptured the title in 2019.", "COERCE"),
    ("Investors bought shares in the Russian bank.", "COOPERATE"),
    ("The French unions went on strike against the pension reform.", "ASSAULT"),
    ("The Turkish opposition sought to strengthen its position before the vote.", "MOBILIZE"),
    ("The Moroccan minister raised the issue at the summit.", "ACCUSE"),
    ("The Iraqi government released its budget figures.", "RETREAT"),
])
def test_left_out_senses_give_no_event(text, plover_type) -> None:
    assert not any(e["plover_type"] == plover_type for e in events(text)), events(text)


@pytest.mark.parametrize("text, plover_type, rule", [
    # a new rule must not take an existing one's sense
    ("Protesters blocked the main road into the capital.", "PROTEST", "protest.obstruct"),
    ("The Egyptian president hosted the Jordanian king in Cairo.", "CONSULT", "consult.host"),
    ("Police raided the homes of three Kenyan activists.", "COERCE", "coerce.raid"),
])
def test_existing_senses_are_kept(text, plover_type, rule) -> None:
    assert any(e["plover_type"] == plover_type and e["rule"].split()[0] == rule
               for e in events(text)), events(text)


def _rules_with_examples() -> list[tuple[str, str]]:
    """(rule, example) of every trigger rule that has an example sentence."""
    out = []
    for path in sorted((resources.files("eventdesk") / "data" / "events").iterdir()):
        if not path.name.endswith(".yaml"):
            continue
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        if document.get("kind") != "triggers":
            continue
        out += [(r["rule"], r["example"]) for r in document["rules"] if r.get("example")]
    return out


EXAMPLES = _rules_with_examples()


@pytest.fixture(scope="module")
def matcher_and_nlp():
    coder = get_coder()
    return TriggerMatcher(coder.lexicon.events, coder.nlp), coder.nlp


def test_the_examples_are_many() -> None:
    assert len(EXAMPLES) >= 60


@pytest.mark.parametrize("rule, example", EXAMPLES, ids=[r for r, _ in EXAMPLES])
def test_a_rules_example_matches_the_rule(matcher_and_nlp, rule, example) -> None:
    """The example sentence of a rule is its test: the rule's trigger is found in it."""
    matcher, nlp = matcher_and_nlp
    found = {e.rule for f in matcher.find(nlp(example)) for e in (f.entry, *f.alternatives)}
    assert rule in found, found  # the rule itself, or a sense the classifier may choose


@pytest.mark.parametrize("text, expected", [
    ("Kenya began exporting tea to Iran.", ("COOPERATE", "KENGOV", "IRNGOV")),
    ("Norway's exports to China rose by ten percent.", ("COOPERATE", "NORGOV", "CHNGOV")),
])
def test_trade_is_economic_cooperation(text, expected):
    found = {(e["plover_type"], "+".join(a["code"] for a in e["source"]),
              "+".join(a["code"] for a in e["target"])) for e in events(text)}
    assert expected in found, found
