"""The shipped curriculum's words, held to the December 2026 clinical and language review.

Readability per scene and audience in both languages (Spanish with a syllable counter of our own, tested on the
words textstat gets wrong), the children's vocabulary (one word per idea, across every scene), statements the
review found wrong or misleading (they must not come back), "raise your hand" from the first step of every
procedure, and an FAQ grouped by topic. The scenes read are the pinned shipped ones (see test_content.py).
"""

from __future__ import annotations

import re

import pytest

from readability import flesch_kincaid_grade
from readability_es import fernandez_huerta, sentences, spoken_words, syllables, words
from test_content import (LANGUAGES, SCENE_ORDER, faq, fold, kids_texts, parents_texts, scene,  # noqa: F401
                          shown_texts)

KIDS_GRADE_LIMIT = 2.5        # Flesch-Kincaid grade, English
PARENTS_GRADE_LIMIT = 6.5
KIDS_EASE_MINIMUM = 80        # Fernández-Huerta, Spanish: 80-90 is "easy" (about 5th grade), as easy as the English
PARENTS_EASE_MINIMUM = 70     # 70-80 "fairly easy" (about 6th grade), the AMA's advice for patient material

# Procedures: the scenes where something is done to the child's tooth. "Raise your hand" comes at their first step.
PROCEDURES = ("pulpotomy", "pulpectomy", "cant-be-saved", "front-tooth")
RAISE_YOUR_HAND = {"en": r"raise your hand", "es": r"levanta la mano"}


# --- the Spanish syllable counter ----------------------------------------------------------------------


@pytest.mark.parametrize("word, count", [
    ("agua", 2),         # a-gua: an unstressed u joins the next vowel (textstat says 1)
    ("raíces", 3),       # ra-í-ces: a stressed í stands alone (textstat says 2)
    ("pulpotomía", 5),   # pul-po-to-mí-a (textstat says 4)
    ("poeta", 3),        # po-e-ta: two strong vowels are two syllables (textstat says 2)
    ("cuidado", 3),      # cui-da-do: two weak vowels are one
    ("pingüino", 3),     # pin-güi-no
    ("hoy", 1),          # a final y is a vowel, in a diphthong
    ("ayuda", 3),        # a-yu-da: y before a vowel is a consonant
    ("y", 1),
    ("MTA", 4),          # spoken letter by letter: e-me-te-a
    ("911", 6),          # nue-ve u-no u-no
    ("12", 2),           # do-ce
])
def test_spanish_syllable_counter_counts_as_the_word_is_spoken(word, count):
    # Given a Spanish word with a diphthong, a hiatus, a y, an abbreviation or a number
    # When its syllables are counted
    found = syllables(word)
    # Then the count is the spoken one
    assert found == count


@pytest.mark.parametrize("word, said", [("muela", 1), ("MTA", 3), ("D3220", 5), ("12", 1), ("911", 3), ("a", 1)])
def test_codes_numbers_and_abbreviations_count_as_the_words_said_aloud(word, said):
    # Given a written word, a number, an abbreviation or a dental code
    # When the words said aloud for it are counted
    found = spoken_words(word)
    # Then a code or abbreviation is as many words as letters and digits are read out
    assert found == said


def test_fernandez_huerta_matches_a_hand_computed_score():
    # Given a text of 2 sentences, 8 words and 14 syllables, counted by hand:
    #   el(1) dien-te(2) se(1) duer-me(2) = 6;  la(1) pul-pa(2) sa-le(2) po-qui-to(3) = 8
    text = "El diente se duerme. La pulpa sale poquito."
    assert (len(words(text)), sentences(text), sum(syllables(w) for w in words(text))) == (8, 2, 14)
    # When its reading ease is computed
    score = fernandez_huerta(text)
    # Then it is 206.84 - 60 * 14/8 - 1.02 * 8/2
    assert score == pytest.approx(206.84 - 60 * 14 / 8 - 1.02 * 4)


# --- readability per scene and audience ----------------------------------------------------------------


@pytest.mark.parametrize("scene_id", SCENE_ORDER)
def test_kids_spanish_is_at_least_as_easy_as_its_english_twin(scene_id):
    # Given one scene's kids' Spanish, all steps a child sees together
    text = kids_texts(scene(scene_id), "es")
    # When its Fernández-Huerta reading ease is computed with our syllable counter
    ease = fernandez_huerta(text)
    # Then it is easy (80 or more), as the English is at grade 2.5 or lower
    assert ease >= KIDS_EASE_MINIMUM, f"{scene_id}: kids' Spanish reading ease {ease:.1f}"


@pytest.mark.parametrize("scene_id", SCENE_ORDER)
def test_parents_spanish_is_fairly_easy(scene_id):
    # Given one scene's parents' Spanish
    text = parents_texts(scene(scene_id), "es")
    # When its reading ease is computed
    ease = fernandez_huerta(text)
    # Then it is fairly easy or easier (70 or more)
    assert ease >= PARENTS_EASE_MINIMUM, f"{scene_id}: parents' Spanish reading ease {ease:.1f}"


def _faq_topics() -> dict[str, list]:
    grouped: dict[str, list] = {}
    for question in faq().questions:
        grouped.setdefault((question.topic or {}).get("en", ""), []).append(question)
    return grouped


@pytest.mark.parametrize("topic", sorted(_faq_topics()))
def test_faq_answers_read_at_grade_six_and_a_half_and_fairly_easy_spanish(topic):
    # Given the answers of one FAQ topic, in each language
    answers = _faq_topics()[topic]
    english = " ".join(q.answer["en"] for q in answers)
    spanish = " ".join(q.answer["es"] for q in answers)
    # When their grade and reading ease are computed
    grade, ease = flesch_kincaid_grade(english), fernandez_huerta(spanish)
    # Then parents can read them in either language
    assert grade <= PARENTS_GRADE_LIMIT, f"{topic}: grade {grade:.1f}"
    assert ease >= PARENTS_EASE_MINIMUM, f"{topic}: Spanish reading ease {ease:.1f}"


# --- the children's vocabulary: one word per idea --------------------------------------------------------

# The brief's table (docs/content-brief-updates.md): for each idea, the children's words in each language, and
# the other words for the same idea that must not appear in children's captions (regular expressions on
# accent-folded text). A child who hears "tooth ring" in one scene must not hear "clamp" in the next.
VOCABULARY = {
    "decay": {"say": {"en": r"sugar bugs?", "es": r"bichitos del azucar"},
              "not": {"en": r"cavit\w*|decay|caries", "es": r"caries|cavidad\w*|picadura"}},
    "topical anesthetic": {"say": {"en": r"tooth jelly", "es": r"gelito"},
                           "not": {"en": r"\bgel\b|numbing", "es": r"\bgel\b|anestesi\w*"}},
    "local anesthetic": {"say": {"en": r"sleepy juice", "es": r"jugo dormilon"},
                         "not": {"en": r"anesthe\w*|numb\w*", "es": r"anestesi\w*"}},
    "rubber dam": {"say": {"en": r"tooth raincoat", "es": r"impermeable"},
                   "not": {"en": r"rubber dam|\bdam\b", "es": r"\bdique\b"}},
    "clamp": {"say": {"en": r"tooth ring", "es": r"anillito"},
              "not": {"en": r"clamp\w*", "es": r"ganch\w*|grapa\w*"}},
    "high-speed handpiece": {"say": {"en": r"mr\. whistle", "es": r"senor silbato"},
                             "not": {"en": r"handpiece|silbido", "es": r"silbido|instrumento\w*"}},
    "slow-speed handpiece": {"say": {"en": r"mr\. bumpy", "es": r"senor brinquitos"},
                             "not": {"en": r"handpiece", "es": r"instrumento\w*"}},
    "suction": {"say": {"en": r"mr\. thirsty", "es": r"senor sediento"},
                "not": {"en": r"suction", "es": r"succion|canula"}},
    "radiograph": {"say": {"en": r"tooth pictures?", "es": r"fotos de (los|tus) dientes|fotos del diente"},
                   "not": {"en": r"x-?rays?|radiograph\w*", "es": r"radiografi\w*|rayos x"}},
    "stainless steel crown": {"say": {"en": r"silver hat", "es": r"sombrerito plateado"},
                              "not": {"en": r"shiny hat|crowns?\b|steel", "es": r"coronas?\b|acero"}},
    "zirconia crown": {"say": {"en": r"white hat", "es": r"sombrerito blanco"},
                       "not": {"en": r"zirconia", "es": r"zirconia"}},
    "nitrous oxide": {"say": {"en": r"happy air", "es": r"aire feliz"},
                      "not": {"en": r"nitrous|laughing gas|\bgas\b", "es": r"oxido nitroso|\bgas\b"}},
    "inflamed or infected": {"say": {"en": r"\bsore\b", "es": r"malit[ao]s?"},
                             "not": {"en": r"\bsick\w*|infect\w*|inflam\w*", "es": r"enferm\w*|infecc\w*|inflam\w*"}},
    "pulpotomy and pulpectomy": {"say": {"en": r"top pulp|all of the pulp", "es": r"pulpa de arriba|toda la pulpa"},
                                 "not": {"en": r"pulpotom\w*|pulpectom\w*", "es": r"pulpotom\w*|pulpectom\w*"}},
    "the child's grown-up": {"say": {"en": r"grown-?up", "es": r"tu mama, tu papa o quien te cuida"},
                             "not": {"en": r"\badult\b|parent\w*", "es": r"tu adulto|un adulto"}},
}


def _childrens_captions(lang: str) -> list[tuple[str, str]]:
    """What a child reads under the pictures: kids' step texts of the steps children see, and kids' labels."""
    found = []
    for scene_id in SCENE_ORDER:
        for step in scene(scene_id).steps:
            if step.audience != "parents":
                found.append((f"{scene_id}/{step.id}", fold(step.text.kids[lang])))
            found += [(f"{scene_id}/{step.id}: label", fold(label.text[lang]))
                      for label in step.labels if label.audience == "kids"]
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_childrens_captions_use_one_word_per_idea(lang):
    # Given every caption a child reads
    captions = _childrens_captions(lang)
    # When each is searched for the other words of each idea in the vocabulary table
    other_words = [f"{where}: {idea}: {found.group(0)!r}" for idea, words_ in VOCABULARY.items()
                   for where, text in captions for found in re.finditer(words_["not"][lang], text)]
    # Then none is there: children hear the table's word for each idea, everywhere
    assert other_words == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_childrens_word_of_the_table_is_used(lang):
    # Given every caption a child reads
    text = " ".join(caption for _, caption in _childrens_captions(lang))
    # When the table's children's words are looked for
    unused = [idea for idea, words_ in VOCABULARY.items() if not re.search(words_["say"][lang], text)]
    # Then each is used somewhere, so the table is the curriculum's and not a wish list
    assert unused == []


def test_silver_hat_is_only_the_steel_crown_and_white_hat_only_the_white_one():
    # Given the steps whose children's words name a hat, and the crown drawing each one shows
    named = [(step, step.text.kids["en"].lower()) for scene_id in SCENE_ORDER for step in scene(scene_id).steps
             if "hat" in step.text.kids["en"].lower() and step.audience != "parents"]
    arts = {step.id: {layer.art for layer in step.layers} for step, _ in named}
    # When the words are compared with the pictures
    wrong = [step.id for step, words_ in named
             if ("silver hat" in words_ and not any("steel" in a for a in arts[step.id]))
             or ("white hat" in words_ and not any("white" in a for a in arts[step.id]))]
    # Then the silver hat is always the steel crown and the white hat the white crown (tell-show-do)
    assert named and wrong == []


@pytest.mark.parametrize("scene_id", PROCEDURES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_raise_your_hand_comes_at_the_first_step_of_every_procedure(scene_id, lang):
    # Given the first step a child sees of a procedure
    first = next(step for step in scene(scene_id).steps if step.audience != "parents")
    # When its children's words are read
    words_ = fold(first.text.kids[lang])
    # Then they tell the child how to ask for a rest, before anything is done
    assert re.search(RAISE_YOUR_HAND[lang], words_), f"{scene_id}/{first.id}: {first.text.kids[lang]}"


# --- statements the review found wrong or misleading ----------------------------------------------------

# Each with the review's finding it stands for. Regular expressions on accent-folded text, any audience.
MISLEADING = {
    "en": {
        r"feel (pressure and )?sounds|should feel pressure": "C3: an absolute no-pain promise ('feel sounds')",
        r"dissolv\w*": "C2: the paste is absorbed over time, not dissolved with the roots",
        r"stay until age 10|until age 10 to 12": "C6: baby molars fall out at about 9 to 12",
        r"space maintainer (then )?holds": "C7: a space maintainer may be suggested; it is not automatic",
        r"infected all the way": "C9: too inflamed to heal or dead, while the roots are still long",
        r"root pulp is (likely )?healthy|if its pulp is healthy": "C5: the pulp is still alive, not healthy",
        r"change every year|change yearly": "C15: the code list is reviewed yearly; these codes are stable",
        r"give soft food until feeling": "C10: cool drinks or very soft food while numb, then soft food",
        r"ferric sulfate, or diluted formocresol": "C1: MTA and formocresol are the recommended two",
    },
    "es": {
        r"dique de goma|\bgoma\b": "b: in Mexico goma is an eraser or glue; rubber is hule",
        r"sensibilidad": "b: reads as tooth sensitivity; say 'se le quite lo dormido'",
        r"cavidad": "b: a calque; families say picado, picadura, hoyito",
        r"tu adulto": "b: a calque of 'your grown-up'; say tu mama, tu papa o quien te cuida",
        r"senor silbido": "b: silbido is the sound; the character is Senor Silbato",
        r"endodoncia de leche": "b: families say tratamiento de nervio",
        r"\d,\d": "b: Mexico and the US write a decimal point (89.6 %)",
        r"empaste|meriendas?": "b: Peninsular words; say relleno, botanas",
        r"rotatori\w*": "b: stiff; say instrumentos dentales",
        r"no se dan de rutina": "b: say 'normalmente no se recetan'",
        r"dura para siempre": "b: an over-promise",
        r"diente de nino grande|diente de leche de atras": "b: calques; say diente de grande, muelita",
        r"se disuelve": "C2: the paste is absorbed over time",
        r"hasta los 10 o 12": "C6: baby molars fall out at about 9 to 12",
        r"cambian cada ano": "C15: the code list is reviewed yearly",
    },
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_text_repeats_a_statement_the_review_found_wrong(lang):
    # Given every text anyone can see, in one language
    texts = [(shown.where, fold(shown.text[lang])) for shown in shown_texts() if shown.text]
    # When each is searched for the review's findings
    found = [f"{where}: {reason}" for pattern, reason in MISLEADING[lang].items()
             for where, text in texts if re.search(pattern, text)]
    # Then none is back
    assert found == []


def test_parents_hear_that_most_children_feel_pushing_and_a_raised_hand_stops_the_dentist():
    # Given the first step of both procedures and the FAQ's "Does it hurt?"
    hurt = next(q.answer["en"] for q in faq().questions if q.question["en"] == "Does it hurt?")
    texts = [scene(sid).steps[0].text.parents["en"] for sid in ("pulpotomy", "pulpectomy")] + [hurt]
    # When they are read
    # Then each says "most children", pushing, that a sore tooth can be harder to numb, and the raised hand (C3)
    for text in texts:
        assert "most children feel pushing" in text.lower(), text
        assert "harder to numb" in text and "raises a hand" in text, text


def test_after_your_visit_gives_an_emergency_level_beyond_calling_the_office():
    # Given the last step of "after your visit"
    text = scene("after-your-visit").steps[-1].text.parents
    # When it is read in both languages
    # Then it sends families to the emergency room for swelling toward the eye or neck, or trouble breathing (C12)
    assert "emergency room" in text["en"] and "911" in text["en"] and "breathing" in text["en"]
    assert "emergencias" in text["es"] and "911" in text["es"] and "respirar" in text["es"]


def test_pulpotomy_medicine_step_names_mta_and_formocresol_as_the_recommended_two():
    # Given the pulpotomy's medicine step
    step = next(s for s in scene("pulpotomy").steps if s.id == "tooth-medicine")
    # When its parents' words are read
    text = step.text.parents["en"]
    # Then MTA and formocresol are the recommended ones, and the dab-then-cover use of the others is told (C1)
    assert re.search(r"recommends MTA .*or formocresol", text)
    assert "dabbed on" in text and "zinc oxide" in text


# --- the FAQ -------------------------------------------------------------------------------------------


def test_faq_has_about_twenty_five_questions_in_a_few_topics():
    # Given the FAQ
    questions = faq().questions
    topics = _faq_topics()
    # When its questions and topics are counted
    # Then there are about 25 questions, each with a topic, in a handful of groups of more than one
    assert 22 <= len(questions) <= 30
    assert "" not in topics
    assert 4 <= len(topics) <= 8 and all(len(group) >= 2 for group in topics.values())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_faq_topic_has_one_name_per_language(lang):
    # Given the questions grouped by their English topic
    # When the topic's name in another language is read for each question of a group
    names = {topic: {q.topic[lang] for q in group} for topic, group in _faq_topics().items()}
    # Then a group has one name in each language (the screen groups by it)
    assert {topic: found for topic, found in names.items() if len(found) != 1} == {}


def test_faq_questions_of_one_topic_are_written_together():
    # Given the FAQ's topics in file order
    order = [q.topic["en"] for q in faq().questions]
    # When runs of the same topic are counted
    runs = [topic for i, topic in enumerate(order) if i == 0 or order[i - 1] != topic]
    # Then each topic is one run, so the file reads in the order the screen shows it
    assert len(runs) == len(set(runs)), runs


def test_faq_answers_the_questions_the_review_says_parents_ask():
    # Given the FAQ's English questions
    asked = " ".join(q.question["en"].lower() for q in faq().questions)
    # When the review's list is looked for
    expected = ["wait", "smaller treatment", "work", "not work", "fall out", "formocresol", "mta", "crown",
                "stay with my child", "insurance", "health", "x-rays", "toothpaste", "front"]
    # Then each is asked
    assert [topic for topic in expected if topic not in asked] == []


# --- traceability --------------------------------------------------------------------------------------


def test_every_shipped_scene_has_its_claims_listed_with_sources():
    # Given docs/clinical-sources.md, the list of every clinical claim with its scene, step and source
    from pathlib import Path
    doc = (Path(__file__).resolve().parents[1] / "docs" / "clinical-sources.md").read_text(encoding="utf-8")
    # When its scene sections are listed
    sections = set(re.findall(r"^### ([a-z0-9-]+)", doc, flags=re.M))
    # Then every shipped scene has one (a new scene's claims get their sources before it ships)
    assert sorted(set(SCENE_ORDER) - sections) == []
