"""Sentence-level tests for the coder's clause and actor rules (stop 9).

Each sentence is written for this test; codes are CAMEO-style actor codes.
"""

from __future__ import annotations

from test_coder_rules import DATE, events, triples


def types(text: str, date: str | None = DATE) -> set[str]:
    return {t[0] for t in triples(text, date)}


# -- subjects reached through adjectives, possessives and partitives --------------------

def test_subject_of_willing_to() -> None:
    assert ("AGREE", "DEUGOV", "UKRGOV") in triples(
        "Germany was finally willing to deliver tanks to Ukraine.")


def test_their_meeting_is_the_subjects_meeting() -> None:
    assert ("CONSULT", "GHAGOV", "NGAGOV") in triples(
        "Ghanaian ministers used their meeting with Nigerian envoys to discuss trade.")


def test_leaders_of_a_group_stand_for_the_group() -> None:
    [agree] = [e for e in events("The leaders of the Serbian opposition accepted the "
                                 "government's offer of talks.") if e["plover_type"] == "AGREE"]
    assert agree["source"][0]["code"] == "SRBOPP"


def test_residence_demonym_before_an_ethnic_one() -> None:
    assert ("REJECT", "BIHCVL", None) in triples("Bosnian Serbs rejected the ruling.")


def test_transnational_group_takes_no_country_from_the_sentence() -> None:
    [attack] = [e for e in events("Islamic State fighters attacked a checkpoint in Iraq.")
                if e["plover_type"] == "ASSAULT"]
    assert attack["source"][0]["code"].startswith("IMG")
    assert attack["source"][0]["country"] is None


def test_pronoun_refers_to_an_earlier_subject_of_the_sentence() -> None:
    found = triples("Speaking in Muscat, the Omani foreign minister said he was ready to hold "
                    "talks with Iranian officials.")
    assert any(t[0] == "AGREE" and t[1] == "OMNGOV" for t in found)


# -- what the main event is --------------------------------------------------------------

def test_seeking_to_cooperate_is_intent_not_a_request() -> None:
    found = types("Brazil seeks to strengthen trade ties with Argentina.")
    assert "AGREE" in found
    assert "REQUEST" not in found


def test_demand_clause_attached_to_the_verb_belongs_to_the_demand() -> None:
    found = triples("The World Health Organization repeated its demand that Israel lift "
                    "the blockade.")
    assert ("REQUEST", "IGOWHO", "ISRGOV") in found or any(
        t[0] == "REQUEST" and t[1].startswith("IGO") and t[2] == "ISRGOV" for t in found)
    assert not {"RETREAT", "CONCEDE"} & {t[0] for t in found}


def test_insisted_on_demands_that_names_the_addressee() -> None:
    found = triples("The rebels insisted on their demand that the Malian government release "
                    "all prisoners.")
    assert any(t[0] == "REQUEST" and t[2] == "MLIGOV" for t in found)


def test_speech_participle_explains_the_main_act() -> None:
    assert types("Farmers staged a rally in Paris, saying the minister must resign.") == \
        {"PROTEST"}
    assert types("Hungary vetoed the proposal, urging the commission to start again.") == \
        {"REJECT"}


def test_purpose_protest_is_the_event() -> None:
    assert "PROTEST" in types("Taxi drivers blocked roads in Lagos to protest against fuel "
                              "prices.")


def test_a_body_meeting_alone_consults_nobody() -> None:
    assert "CONSULT" not in types("The Italian cabinet met on Monday.")
    assert "CONSULT" in types("The Italian cabinet met the French ambassador on Monday.")


def test_capable_of_is_not_an_attack() -> None:
    assert "ASSAULT" not in types("Iran has built drones capable of attacking Israel.")


# -- one event from two triggers; riots; joint exercises; preparation -------------------

def test_killed_in_a_strike_is_one_event() -> None:
    assaults = [e for e in events("Two soldiers were killed in a Russian drone strike near "
                                  "Kharkiv.") if e["plover_type"] == "ASSAULT"]
    assert len(assaults) == 1
    assert assaults[0]["source"][0]["country"] == "RUS"


def test_protesters_violence_is_a_riot() -> None:
    [riot] = [e for e in events("Demonstrators torched a police car in Nairobi.")]
    assert (riot["plover_type"], riot["cameo_code"]) == ("PROTEST", "145")


def test_stone_throwing_is_a_riot() -> None:
    assert "PROTEST" in types("Youths threw stones at police in Belfast.")


def test_soldiers_destroying_homes_stay_an_assault() -> None:
    assert "ASSAULT" in types("Soldiers destroyed homes in the village.")


def test_exercise_of_two_countries_is_cooperation() -> None:
    found = types("Indian and French warships launched naval exercises in the Arabian Sea.")
    assert "COOPERATE" in found and "MOBILIZE" not in found


def test_preparing_to_strike_is_mobilization() -> None:
    found = types("Azerbaijani units were preparing to shell Armenian positions.")
    assert "MOBILIZE" in found and "THREATEN" not in found


def test_trained_hackers_are_mobilization() -> None:
    assert "MOBILIZE" in types("Iran trained dozens of Houthi fighters.")


# -- nouns: support from, pressure on, days of fighting ---------------------------------

def test_support_from_names_the_source() -> None:
    [support] = [e for e in events("The plan won support from Brazil and India.")
                 if e["plover_type"] == "SUPPORT"]
    assert {a["code"] for a in support["source"]} == {"BRAGOV", "INDGOV"}


def test_facing_pressure_is_a_request_to_the_subject() -> None:
    found = triples("The Serbian government faces pressure from the European Union to "
                    "recognise Kosovo.")
    assert any(t[0] == "REQUEST" and t[1].startswith("IGO") and t[2] == "SRBGOV"
               for t in found)


def test_weeks_of_attacks_take_the_verbs_subject() -> None:
    found = triples("Sudanese troops began two weeks of attacks on the rebel town.")
    assert any(t[0] == "ASSAULT" and t[1] == "SDNMIL" for t in found)


def test_fighting_named_in_a_temporal_phrase_is_an_event_too() -> None:
    """Taking a town by force is fighting (ASSAULT); the days of fighting before it happened
    too, and are reported as such."""
    found = [e for e in events("Ethiopian forces retook the town following a week of "
                               "fighting.") if e["plover_type"] == "ASSAULT"]
    assert [e["trigger"]["text"] for e in found] == ["retook", "fighting"]


def test_a_round_of_talks_keeps_its_own_participants() -> None:
    talks = [e for e in events("Russia and Ukraine met in Istanbul on Friday. Lavrov outlined "
                               "proposals for the next round of talks.")
             if e["plover_type"] == "CONSULT" and e["modality"] == "planned"]
    assert {a["country"] for e in talks for a in e["source"] + e["target"]} == {"RUS", "UKR"}


# -- statements that accuse ----------------------------------------------------------------

def test_a_country_saying_another_attacked_accuses_it() -> None:
    found = triples("Armenia said that Azerbaijan had shelled its border villages.")
    assert ("ACCUSE", "ARMGOV", "AZEGOV") in found
    assert any(t[0] == "ASSAULT" and t[1] == "AZEGOV" for t in found)


def test_a_trailing_attribution_is_no_accusation() -> None:
    found = types("Azerbaijani troops shelled Armenian border villages, officials in Yerevan "
                  "said.")
    assert "ASSAULT" in found and "ACCUSE" not in found


def test_evidence_against_is_an_accusation() -> None:
    assert ("ACCUSE", "CANGOV", "CHNGOV") in triples(
        "Canada submitted evidence against China to the trade panel.")
    assert "ACCUSE" not in types("Canada submitted evidence to the trade panel.")


def test_rioters_in_a_clash_riot() -> None:
    found = triples("Kenyan police clashed with rioters in Nairobi.")
    assert any(t[0] == "PROTEST" and t[1] == "KENCVL" and t[2] == "KENCOP" for t in found)
    assert any(t[0] == "ASSAULT" and t[1] == "KENCOP" for t in found)


# -- no participant without evidence ----------------------------------------------------------

def test_a_protest_without_target_has_none() -> None:
    assert triples("Dozens of Moroccan teachers have gone on hunger strike.") == {
        ("PROTEST", "MAREDU", None)}
    assert triples("Hundreds of Bolivians marched through La Paz on Saturday.") == {
        ("PROTEST", "BOLCVL", None)}


def test_an_unknown_author_stays_unknown() -> None:
    """A roadside bomb has an armed author the text does not name: the event stays, the source
    is empty; neither the place (Kandahar) nor anything else stands in for it."""
    found = triples("A roadside bomb killed three police officers near Kandahar.")
    assert found and all(t[0] == "ASSAULT" and t[1] is None for t in found)


# -- intent, goals and attempts ----------------------------------------------------------------

def test_object_compound_picks_the_rule() -> None:
    assert "ASSAULT" in types("Government forces broke the ceasefire deal near the border.")


def test_sworn_to_fight_is_a_threat() -> None:
    found = types("The militia vowed to keep fighting until it captures the provincial "
                  "capital.")
    assert "THREATEN" in found
    assert not {"COERCE", "ASSAULT"} & found  # the capture is the goal, not a fact


def test_attempts_to_resolve_are_no_agreement() -> None:
    assert "AGREE" not in types("Egypt's efforts to settle the row between Ethiopia and "
                                "Eritrea came to nothing.")


def test_under_pressure_from_is_a_request_and_pressure_alone_is_not() -> None:
    found = triples("Pakistan remains under strong pressure from the United States to close "
                    "the camps.")
    assert ("REQUEST", "USAGOV", "PAKGOV") in found
    assert "REQUEST" not in types("The storm piled pressure on hospitals in Lebanon.")


def test_own_envoy_is_not_the_target() -> None:
    assert triples("Venezuela recalled its ambassador from Colombia.") == {
        ("SANCTION", "VENGOV", "COLGOV")}


def test_defeat_is_fighting() -> None:
    assert any(t[0] == "ASSAULT" and t[2] == "SYRREB" for t in triples(
        "The Syrian rebels were defeated by government forces in Aleppo."))


def test_accused_of_a_gerund_names_no_actor() -> None:
    assert triples("Egypt accused Israel of spying.") == {("ACCUSE", "EGYGOV", "ISRGOV")}


def test_lower_case_demonyms_are_read_but_not_common_words() -> None:
    assert any(t[1] == "TUNCVL" for t in triples("Angry tunisian youths hurled stones at "
                                                  "police."))
    from eventdesk.coder import get_coder

    coder = get_coder()
    doc = coder.nlp("Polish workers polish the statues; tunisian rioters watch.")
    found = {m.surface for m in coder.stages.mentions.find(doc)}
    assert {"Polish", "Tunisian"} <= found
    assert not any(doc[m.start].text == "polish" for m in coder.stages.mentions.find(doc))


def test_archive_office_holders_depend_on_the_date() -> None:
    [talks] = events("Prime Minister Thatcher held talks with Mitterrand in Paris.",
                     date="1985-05-01")
    assert {a["code"] for a in talks["source"] + talks["target"]} >= {"GBRGOV", "FRAGOV"}
    # a surname alone names a lexicon person only while in office (or once named in full)
    later = [e for e in events("Spain praised Thatcher in Madrid.", date="2020-05-01")
             if e["plover_type"] == "SUPPORT"]
    assert later
    assert all(a["code"] in (None, "UNK") for e in later for a in e["target"])


def test_talks_between_held_in_a_capital() -> None:
    """The capital where they met is the venue, no party to the talks."""
    [talks] = events("Talks between Russia and China were held in Beijing.")
    parties = {a["code"] for a in talks["source"] + talks["target"]}
    assert parties == {"RUSGOV", "CHNGOV"}


def test_troops_sent_are_not_the_target() -> None:
    assert triples("The UK agreed to send troops to Estonia.") == {("AGREE", "GBRGOV", "ESTGOV")}


def test_a_scheduled_visit_stays_a_planned_consult() -> None:
    [visit] = events("Egypt's foreign minister will visit Israel next week.")
    assert (visit["plover_type"], visit["modality"]) == ("CONSULT", "planned")
    [offer] = events("Egypt is ready to host talks between Israel and Hamas.")
    assert offer["plover_type"] == "AGREE"


def test_the_author_of_a_criticised_act_is_the_target() -> None:
    assert ("ACCUSE", "IRNGOV", "USAGOV") in triples(
        "The Iranian president criticized the sanctions imposed by the US.")
    assert ("SUPPORT", "JPNGOV", "SRBGOV+XKXGOV") in triples(
        "Japan welcomed the agreement between Serbia and Kosovo.")


def test_future_of_a_light_verb_makes_its_event_planned() -> None:
    [talks] = events("Russia and Ukraine will hold talks in Istanbul on Monday.")
    assert (talks["plover_type"], talks["modality"]) == ("CONSULT", "planned")


def test_a_bare_passive_participle_acts_on_the_main_subject() -> None:
    asked = [e for e in events("Pressed on the attack, the Foreign Office said it had no "
                               "information.") if e["plover_type"] == "REQUEST"]
    assert asked and all(e["source"] == [] and e["target"][0]["text"] == "Foreign Office"
                         for e in asked)


def test_a_body_sitting_alone_consults_nobody() -> None:
    assert "CONSULT" not in types("The Kenyan doctor sat down.")


def test_asked_about_is_a_question() -> None:
    assert "REQUEST" not in types("Asked about the attack, the Foreign Office said it had no "
                                  "information.")
    assert "AGREE" not in types("Obama was asked about the deal.")


def test_conditions_are_demands_only_when_set() -> None:
    assert "REQUEST" in types("Russia has set conditions for a ceasefire with Ukraine.")
    assert "REQUEST" not in types("Turkish tanks degrade quickly under combat conditions.")


def test_striking_down_a_policy_is_no_attack() -> None:
    assert "ASSAULT" not in types("A US federal judge struck down the asylum policy.")
    assert "ASSAULT" not in types("Senators attacked the policy of the Turkish government.")


def test_a_clash_between_people_is_a_quarrel() -> None:
    found = types("The Republican senator Bob Corker has clashed repeatedly with Donald Trump.",
                  date="2018-05-01")
    assert "ACCUSE" in found and "ASSAULT" not in found


def test_a_role_word_inside_a_place_name_is_no_actor() -> None:
    actors = [a for e in events("A protest was staged on Sunday at King's Cross station.")
              for a in e["source"] + e["target"]]
    assert not any((a["code"] or "").endswith("GOV") for a in actors)


def test_private_people_talking_or_asking_are_no_political_events() -> None:
    text = ("Ahmed Sharif, a Syrian refugee in Canada, met his neighbour. He complied. "
            "I asked him what he wanted.")
    assert not {"CONSULT", "CONCEDE", "REQUEST"} & types(text)
    assert "REQUEST" in types("The Canadian foreign minister asked Iran to release the "
                              "prisoners.")


# -- review cases -------------------------------------------------------------------------------

def test_a_subordinate_clause_with_its_own_subject_is_not_merged() -> None:
    found = triples("Israel struck Gaza after Hamas attacked Israel.")
    assert ("ASSAULT", "PSEREBHMS", "ISRGOV") in found


def test_object_modifiers_do_not_override_the_head_noun() -> None:
    assert "ASSAULT" in types("Ukrainian drones destroyed a Russian missile launcher in Crimea.")
    assert "ASSAULT" in types("Two Russian diplomats were shot dead in Syria.")


def test_a_third_party_report_is_no_accusation() -> None:
    assert "ACCUSE" not in types("Pentagon officials said Ukraine had struck Russian oil "
                                 "refineries.")


def test_foreign_victims_do_not_make_the_place_the_attacker() -> None:
    found = triples("Two Israeli soldiers were killed in southern Lebanon.")
    assert not any(t[1] == "LBN" for t in found)


def test_undergoing_measured_attacks() -> None:
    assert ("ASSAULT", "RUSMIL", "UKRGOV") in triples("Ukraine has suffered two years of Russian "
                                                "attacks.")
    assert ("ASSAULT", "RUSMIL", "UKRGOV") in triples(
        "Ukraine was under attack from Russian drones.")
    assert ("SANCTION", "IGOEUR", "RUSGOV") in triples("The EU drew up new sanctions against "
                                                    "Russia.")


def test_residence_only_for_ethnic_group_words() -> None:
    [talks] = events("Greek Cypriots and Turkish Cypriots held talks in Nicosia.")
    assert {a["country"] for a in talks["source"] + talks["target"]} == {"CYP"}


def test_crowds_demands_are_public() -> None:
    assert "REQUEST" in types("Protesters demanded the release of political prisoners.")


def test_a_state_protesting_has_no_home_target() -> None:
    assert triples("China protested strongly.") == {("PROTEST", "CHNGOV", None)}


def test_urged_to_protest_is_no_protest() -> None:
    found = types("The opposition leader urged Russians to protest against the war.")
    assert "REQUEST" in found and "PROTEST" not in found


def test_a_fight_between_a_soldier_and_a_civilian_is_no_quarrel() -> None:
    found = types("A soldier fought with a Palestinian man at the checkpoint.")
    assert "ASSAULT" in found and "ACCUSE" not in found


def test_preparation_and_its_modality() -> None:
    assert "MOBILIZE" in types("Israeli troops are poised to attack Rafah.")
    found = events("Israel would prepare to attack Lebanon if Hezbollah fired rockets.")
    assert {(e["plover_type"], e["modality"]) for e in found} == {
        ("MOBILIZE", "conditional"), ("ASSAULT", "conditional")}  # the rockets only if


def test_a_goal_in_another_subjects_clause_is_no_promise() -> None:
    found = types("The Houthis vowed to keep fighting until Saudi Arabia lifts the blockade.")
    assert "THREATEN" in found
    assert not {"AGREE", "CONCEDE"} & found


def test_able_to_is_factual() -> None:
    assert "ASSAULT" in types("Ukraine was able to shoot down 20 Russian drones overnight.")


def test_a_cabinet_meeting_in_its_capital_consults_nobody() -> None:
    assert "CONSULT" not in types("The Lebanese cabinet met in Beirut on Sunday.")


def test_a_state_stopping_work_on_a_project_is_no_strike() -> None:
    assert "PROTEST" not in types("After the funding dried up, Serbia stopped work on the "
                                  "rail bridge.")
