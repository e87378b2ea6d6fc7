"""Title Case headlines: common words lowered before parsing, names and offsets kept."""

from eventdesk import code_text
from eventdesk.config import Settings
from eventdesk.nlp.headline import is_title_case, sentence_case

COMMON = frozenset({"hosts", "host", "talks", "talk", "between", "and", "in", "condemn",
                    "attack", "on", "capture", "government"})
NAMES = frozenset({"White House", "Free Syrian Army"})


def test_common_words_lowered_names_and_length_kept():
    title = "Ruritania Hosts Talks Between Vell Government And Rebels In Osterlich"
    cased = sentence_case(title, COMMON, NAMES)
    assert cased == "Ruritania hosts talks between Vell government and Rebels in Osterlich"
    assert len(cased) == len(title)


def test_multiword_names_and_acronyms_keep_their_capitals():
    assert sentence_case("White House Condemns Attack On NATO Base", COMMON, NAMES) == \
        "White House condemns attack on NATO Base"
    assert sentence_case("Free Syrian Army Fighters Capture Town", COMMON, NAMES) == \
        "Free Syrian Army Fighters capture Town"


def test_sentence_case_titles_are_left_alone():
    title = "Rebels capture the Town of Vell after weeks of fighting"
    assert not is_title_case(title)
    assert sentence_case(title, COMMON, NAMES) == title


def test_a_title_case_headline_is_coded_with_offsets_into_the_original():
    title = "Kenya Hosts Peace Talks Between Ethiopia And Eritrea"
    record = code_text("The two sides met in Nairobi.", title=title, date="2025-05-29",
                       settings=Settings(classifier="none"))
    titled = [e for e in record["events"] if e["segment"] == "title"]
    assert any(e["plover_type"] == "CONSULT" for e in titled), record["events"]
    for e in titled:
        t = e["trigger"]
        assert title[t["start"]:t["end"]] == t["text"]
