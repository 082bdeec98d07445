"""Quotes and attribution: quote marks, kinds, cues and speakers."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from eventwire.context import ArticleContext
from eventwire.ids import stable_id
from eventwire.models import Actor, Quote, Result, Span
from eventwire.stages.actors.index import ActorIndex
from eventwire.stages.quotes import find_quotes, quote_kind
from eventwire.stages.quotes.cues import find_cues, mention, speaker_token, speech_verbs
from eventwire.stages.quotes.labels import find_labels
from eventwire.stages.quotes.marks import find_marked, paragraphs

EMPTY = ActorIndex([])


def quotes_in(doc: Doc, index: ActorIndex, *, article_id: str) -> list[Quote]:
    """The quotes stage over ``doc``, with ``index`` as the article's actors."""
    return find_quotes(ArticleContext.of(doc, article_id).with_actors(index))


@pytest.mark.parametrize(
    "text, contents",
    [
        ('The mayor said "we will rebuild the bridge" on Monday.', ["we will rebuild the bridge"]),
        ("She called it “a fair deal” and left.", ["a fair deal"]),
        ('"The port is open," he said. "Ships can dock."', ["The port is open,", "Ships can dock."]),
        ("“He told me ‘never again’ twice,” she said.", ["He told me ‘never again’ twice,"]),
        ('"He told me “never again” twice," she said.', ["He told me “never again” twice,"]),
        ("“The vote is close,” said Ann, “but we lead.”", ["The vote is close,", "but we lead."]),
        ("Nothing quoted here, only the council's plan.", []),
        ('The "reform" bill passed.', ["reform"]),
        # two apostrophes stand for a straight double mark; a plural possessive is no mark
        ("''The port is open,'' he said. ''Ships can dock.''", ["The port is open,", "Ships can dock."]),
        ("She called it ''a fair deal'' and left the farmers' hall.", ["a fair deal"]),
    ],
)
def test_marks_pair_within_a_paragraph(text: str, contents: list[str]) -> None:
    assert [text[m.start:m.end] for m in find_marked(text)] == contents


def test_page_break_inside_a_quote_is_joined() -> None:
    text = 'Asked about it, she said: "The talks have no bearing\n\non our plans for the harbour."\n\nNext.'
    (chunk,) = find_marked(text)
    assert text[chunk.start:chunk.end] == "The talks have no bearing\n\non our plans for the harbour."
    assert chunk.closed is not None


def test_doubled_apostrophes_link_multi_paragraph_quotes() -> None:
    text = "''We will stay.\n\n''We will not be moved,'' he said."
    assert [(m.continued, m.continues, m.outer_end) for m in find_marked(text)] == [(False, True, 15), (True, False, 42)]


@pytest.mark.parametrize(
    "text, flags",
    [
        ('"We will stay.\n\n"We will not be moved," he said.', [(False, True), (True, False)]),
        ("“First part.\n\n“Second part.\n\n“Third part,” she said.", [(False, True), (True, True), (True, False)]),
        ('"An unclosed mark ends here.\n\nA new paragraph.', [(False, False)]),
    ],
)
def test_multi_paragraph_quotes_are_linked(text: str, flags: list[tuple[bool, bool]]) -> None:
    assert [(m.continued, m.continues) for m in find_marked(text)] == flags


@pytest.mark.parametrize(
    "text, content",
    [
        ('"The levee held\nthrough the night," she said.', "The levee held\nthrough the night,"),
        ('"The levee held\n\nthrough the night," she said.', "The levee held\n\nthrough the night,"),
        ('"The levee held\n\nThrough the night," she said.', "The levee held"),
    ],
)
def test_line_breaks_inside_a_sentence_are_joined(text: str, content: str) -> None:
    assert text[find_marked(text)[0].start:find_marked(text)[0].end] == content


def test_unclosed_quote_stops_at_the_paragraph_end() -> None:
    text = '"An unclosed mark ends here.\n\nA new paragraph.'
    (chunk,) = find_marked(text)
    assert chunk.closed is None and text[chunk.start:chunk.end] == "An unclosed mark ends here."


@pytest.mark.parametrize(
    "text, count",
    [("One.\n\nTwo.", 2), ("One.\n \n\nTwo.\n", 2), ("One line.\nAnother.", 2), ("\n\n", 0)],
)
def test_paragraphs_split_on_line_breaks(text: str, count: int) -> None:
    assert len(paragraphs(text)) == count


@pytest.mark.parametrize(
    "words, tags, kind",
    [
        (["He", "said", ":", '"', "We", "will", "win", "this", "seat", ".", '"'],
         ["PRP", "VBD", ":", "``", "PRP", "MD", "VB", "DT", "NN", ".", "''"], "direct"),
        (["His", '"', "unreliable", '"', "actions", "hurt", "."],
         ["PRP$", "``", "JJ", "''", "NNS", "VBD", "."], "partial"),
        (["She", "backed", "a", '"', "deal", "that", "works", "for", "all", '"', "."],
         ["PRP", "VBD", "DT", "``", "NN", "WDT", "VBZ", "IN", "DT", "''", "."], "partial"),
        (['"', "A", "long", "and", "costly", "war", '"', ",", "he", "said", "."],
         ["``", "DT", "JJ", "CC", "JJ", "NN", "''", ",", "PRP", "VBD", "."], "partial"),
    ],
)
def test_quote_kind_on_tagged_docs(make_doc, words, tags, kind) -> None:
    doc = make_doc(words, tags=tags)
    (chunk,) = find_marked(doc.text)
    assert quote_kind(ArticleContext.of(doc), chunk) == kind


def test_unparsed_doc_gives_quotes_without_speakers(make_doc) -> None:
    doc = make_doc(["He", "said", ":", '"', "We", "will", "win", "this", "seat", ".", '"'])
    (quote,) = quotes_in(doc, EMPTY, article_id="a1")
    assert (quote.kind, quote.text, quote.speaker) == ("direct", "We will win this seat.", None)
    assert doc.text[quote.start:quote.end] == quote.text
    assert quote.id == stable_id("q", "a1", quote.start, quote.end)


def test_lexicon_has_classes() -> None:
    verbs = speech_verbs()
    assert verbs["say"].kind == "speech" and verbs["believe"].kind == "cognition"
    assert verbs["deny"].object_content and not verbs["tell"].object_content


# Model layer: cue and speaker parsing on sentences written for these tests.
CASES = [
    ('"The bridge will reopen in May," the mayor said.', "direct", "The bridge will reopen in May", "the mayor", "said"),
    ('"We are ready," said Mr. Okafor, who leads the union.', "direct", "We are ready", "Mr. Okafor", "said"),
    ('The minister said: "Our budget is balanced and fair."', "direct", "Our budget is balanced", "The minister", "said"),
    ("The governor said that the dam would hold.", "indirect", "that the dam would hold", "The governor", "said"),
    ("Officials believe the strike will end soon.", "indirect", "the strike will end soon", "Officials", "believe"),
    ("The senator told reporters that she would run again.", "indirect", "that she would run again",
     "The senator", "told"),
    ("The factory will close next year, according to the union.", "indirect", "The factory will close",
     "the union", "according to"),
    ("The company says it will hire 200 workers.", "indirect", "it will hire 200 workers", "The company", "says"),
    ("Rain will delay the harvest, farmers warned on Tuesday.", "indirect", "Rain will delay the harvest",
     "farmers", "warned"),
    ('"The reforms are overdue," a local paper quoted the premier as saying.', "direct", "The reforms are overdue",
     "the premier", "quoted the premier as saying"),
    ("The campaign said it would appeal the ruling.", "indirect", "it would appeal the ruling", "The campaign", "said"),
    # the quote's own subject parsed into the cue's clause: the subject nearest the verb speaks
    ('"If the river rises, it will flood the town," said Ana Ruiz, a hydrologist.', "direct",
     "it will flood the town", "Ana Ruiz", "said"),
    ('"The plan is dead. Totally dead," said Tom Berg, who chairs the board.', "direct", "Totally dead",
     "Tom Berg", "said"),
    # a question closes its sentence: the cue without content right after it still attributes it
    ("“Why is the bridge still closed to traffic?” Ruiz asked.", "direct", "Why is the bridge", "Ruiz", "asked"),
    # a parse running from the headline across the dateline: the name before the aside speaks
    ("Bridge Will Open in 'Record Time.'\n\nBERLIN -- Mayor Ana Ruiz, opening the new bridge on Monday, said it "
     "would carry 5,000 cars a day.", "indirect", "it would carry 5,000 cars a day", "Mayor Ana Ruiz", "said"),
    # a parse joining a column name to the headline: the subject after the colon speaks
    ("The Latest: Mayor Ana Ruiz urges voters to check the new polling places.", "indirect",
     "to check the new polling places", "Mayor Ana Ruiz", "urges"),
    # a name set beside a common-noun subject; the name right before a subjectless "-ing" cue
    ("At the end of the season, the club chairman, Tom Berg, said the team would stay.", "indirect",
     "the team would stay", "Tom Berg", "said"),
    ("The ad uses footage of Ana Ruiz asking, “Why are we not 50 points ahead?”", "direct", "Why are we not",
     "Ana Ruiz", "asking"),
    # a relative clause's pronoun speaker is the subject of the clause around it
    ("The union condemned what it called a “reckless plan.”", "partial", "reckless plan", "The union", "called"),
    # a stance taken on what the object names, with why or as what; a phrase carrying the content
    ("The senator endorsed the governor's plan for the harbour.", "indirect", "the governor's plan for the harbour",
     "The senator", "endorsed"),
    ("The union accused the mayor of breaking her promise.", "indirect", "the mayor of breaking her promise",
     "The union", "accused"),
    ("Ana Ruiz called the new toll a disgrace.", "indirect", "the new toll a disgrace", "Ana Ruiz", "called"),
    ("The governor talked about the drought at length.", "indirect", "the drought", "The governor", "talked"),
    ("The farmers called for a new vote on the dam.", "indirect", "a new vote on the dam", "The farmers", "called"),
    ("The minister declined to comment on the report.", "indirect", "to comment on the report", "The minister",
     "declined"),
    ("The council voted to distance itself from the new toll.", "indirect", "the new toll", "The council",
     "distance"),
    # noun cues and viewpoint phrases
    ("The union's plan to strike on Monday was dropped.", "indirect", "to strike on Monday", "The union",
     "plan"),
    ("Ruiz made the claim that the port would close.", "indirect", "that the port would close", "Ruiz", "claim"),
    ("In the mayor's view, the bridge is safe.", "indirect", "the bridge is safe", "the mayor",
     "In the mayor's view"),
    ("Tom Berg fought what he called a “cynical delay” by the council.", "partial", "cynical delay",
     "Tom Berg", "called"),
    # a quotation closed on a comma or an exclamation goes on into its attribution, whatever the verb
    ("“We will keep the harbour open all winter,” Ruiz shot back.", "direct", "We will keep the harbour open",
     "Ruiz", "shot back"),
    ("“This is a fine day for the town!” beamed Tom Berg of Leeds.", "direct", "This is a fine day", "Tom Berg",
     "beamed"),
    # a name or a noun is content on its own; a lone pronoun is not
    ("Tom Berg blasted the council and defended Ruiz in a long interview.", "indirect", "Ruiz", "Tom Berg",
     "defended"),
    ("The governor talked about Ruiz at length.", "indirect", "Ruiz", "The governor", "talked"),
    # a finding after "in" reports the rest of its clause
    ("In a county poll last month, Ruiz had a ten-point lead over Berg.", "indirect", "Ruiz had a ten-point lead",
     "a county poll", "In a county poll last month"),
    # the object of a verb of outcome does what follows it
    ("The storm left many farmers wondering whether the dam would hold.", "indirect", "whether the dam would hold",
     "many farmers", "wondering"),
    # an "as" clause beside what it reports; cues of more than one word
    ("As the engineer noted, the bridge is old.", "indirect", "the bridge is old", "the engineer", "noted"),
    ("The mayor is confident that the bridge will hold.", "indirect", "the bridge will hold", "The mayor",
     "confident"),
    ("The mayor made it clear that she would run again.", "indirect", "she would run again", "The mayor", "clear"),
    ('The mayor interjected: "That is not true at all."', "direct", "That is not true", "The mayor", "interjected"),
]


@pytest.mark.model
@pytest.mark.parametrize("text, kind, content, speaker, cue", CASES)
def test_cues_and_speakers(nlp, text, kind, content, speaker, cue) -> None:
    quotes = quotes_in(nlp(text), EMPTY, article_id="t")
    found = [q for q in quotes if content in q.text and q.kind == kind]
    assert found, [(q.kind, q.text) for q in quotes]
    quote = found[0]
    assert quote.speaker is not None and speaker in quote.speaker.name
    assert quote.cue is not None and quote.cue.text == cue


@pytest.mark.model
@pytest.mark.parametrize(
    "text, pieces",
    [
        ("The only problem, the mayor said, is that the bridge is closed.",
         ["The only problem", "is that the bridge is closed"]),
        ("The factory, according to the union, will close next year.", ["The factory", "will close next year"]),
        ("The bridge will reopen in May, she said.", ["The bridge will reopen in May"]),
    ],
)
def test_a_cue_interrupting_its_clause_gives_two_pieces(nlp, text: str, pieces: list[str]) -> None:
    quotes = quotes_in(nlp(text), EMPTY, article_id="t")
    assert [q.text for q in quotes] == pieces
    assert len({(q.speaker, q.cue) for q in quotes}) == 1


@pytest.mark.model
def test_a_belief_inside_a_report_is_part_of_it(nlp) -> None:
    quotes = quotes_in(nlp("The mayor said she believes the bridge will reopen."), EMPTY, article_id="t")
    speakers = {q.text: q.speaker.name if q.speaker else None for q in quotes}
    assert speakers == {"she believes the bridge will reopen": "The mayor"}


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "reports"),
    [
        ("Ruiz said she told the council that the bridge will reopen.", ["Ruiz"]),
        ("Ruiz said voters want a new bridge.", ["Ruiz"]),
        ("Ruiz said Tom Berg told the council that the bridge will reopen.", ["Ruiz", "Tom Berg"]),
    ],
)
def test_a_report_inside_a_report_is_its_own_only_for_another_speaker(nlp, text: str, reports: list[str]) -> None:
    quotes = quotes_in(nlp(text), EMPTY, article_id="t")
    assert [q.speaker.name if q.speaker else None for q in quotes if q.kind == "indirect"] == reports


@pytest.mark.model
def test_a_report_runs_on_to_the_close_of_a_quotation_it_opens(nlp) -> None:
    text = 'Ruiz said the council\'s plan was "a gift to the builders."'
    quotes = quotes_in(nlp(text), EMPTY, article_id="t")
    (report,) = [q for q in quotes if q.kind == "indirect"]
    assert report.text == 'the council\'s plan was "a gift to the builders.'
    assert [q.kind for q in quotes if q.kind != "indirect"] == ["partial"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "report"),
    [
        ('Ana Ruiz said it was foolish to think that, if the city cut the budget, "the parks would look after '
         'themselves."', 'it was foolish to think that, if the city cut the budget, "the parks would look after '
                         'themselves.'),
        ('The mayor told reporters that she thinks "the bridge will open in May."',
         'that she thinks "the bridge will open in May.'),
    ],
)
def test_a_report_carrying_a_quoted_clause_in_words_of_its_own_holds_it(nlp, text: str, report: str) -> None:
    quotes = quotes_in(nlp(text), EMPTY, article_id="t")
    assert [(q.kind, q.text) for q in quotes if q.kind != "partial"] == [("indirect", report)]
    assert {q.speaker.name if q.speaker else None for q in quotes} == {text.split(" said")[0].split(" told")[0]}


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "report"),
    [
        ("Tom Berg quietly handed the keys to the council, then says the new bridge will open in May.",
         ("the new bridge will open in May", "Tom Berg")),
        ("The bridge will open in May, the mayor said on Tuesday.", ("The bridge will open in May", "the mayor")),
    ],
)
def test_a_cue_reports_the_clause_after_it_when_the_parse_hangs_one_on_either_side(
        nlp, text: str, report: tuple[str, str]) -> None:
    quotes = quotes_in(nlp(text), EMPTY, article_id="t")
    said = [(q.text, q.speaker.name if q.speaker else None) for q in quotes if q.cue and q.cue.text in {"says", "said"}]
    assert said == [report]


@pytest.mark.model
def test_a_quote_another_speech_verb_brings_in_stays_direct(nlp) -> None:
    text = 'Ana Ruiz said she welcomed the vote and added, "We will build the bridge next year."'
    quotes = quotes_in(nlp(text), EMPTY, article_id="t")
    direct = [(q.text, q.cue.text if q.cue else None) for q in quotes if q.kind == "direct"]
    assert direct == [("We will build the bridge next year.", "added")]


@pytest.mark.model
def test_thing_noting_inside_reported_speech_is_not_a_speaker(nlp) -> None:
    text = "Ruiz said many of the examples that critics cite failed to note that the bridge was built on time."
    quotes = quotes_in(nlp(text), EMPTY, article_id="t")
    assert [q.speaker.name if q.speaker else None for q in quotes] == ["Ruiz"]


@pytest.mark.model
def test_fragment_belongs_to_its_own_sentence(nlp) -> None:
    text = "The council chief, Ana Ruiz, said the plan was fair. The board then adopted the “harbour charter” at once."
    fragment = next(q for q in quotes_in(nlp(text), EMPTY, article_id="t") if q.kind == "partial")
    assert (fragment.speaker.name if fragment.speaker else None, fragment.cue) == ("The board", None)


@pytest.mark.model
def test_dateline_is_not_the_subject_of_a_fragment(nlp) -> None:
    text = "BERLIN (AP) — In a new video, Ana Ruiz sings “Harbour Lights” for the crowd."
    (quote,) = quotes_in(nlp(text), EMPTY, article_id="t")
    assert (quote.kind, quote.speaker.name if quote.speaker else None) == ("partial", "Ana Ruiz")


@pytest.mark.model
def test_quote_introduced_by_a_colon_takes_the_introducing_subject(nlp) -> None:
    text = "Mayor Ana Ruiz has a new message for voters: “The bridge will reopen in May.”"
    (quote,) = quotes_in(nlp(text), EMPTY, article_id="t")
    assert (quote.kind, quote.speaker.name if quote.speaker else None) == ("direct", "Mayor Ana Ruiz")


@pytest.mark.model
def test_quote_paragraph_without_cue_takes_the_previous_speaker(nlp) -> None:
    text = ('"The river rose fast," the engineer said.\n\n'
            '"We opened the gates at dawn and the water went down by noon."\n\nThe town was quiet.')
    quotes = [q for q in quotes_in(nlp(text), EMPTY, article_id="t") if q.kind == "direct"]
    assert [q.speaker.name if q.speaker else None for q in quotes] == ["the engineer", "the engineer"]


@pytest.mark.model
def test_speaker_resolves_to_an_actor_covering_its_head(nlp) -> None:
    text = '"Taxes will fall," said Maria Lopez.'
    start = text.index("Maria")
    mention = Span(start, start + len("Maria Lopez"), "Maria Lopez")
    actor = Actor("ac-1", "Maria Lopez", "ESPGOV", "ESP", ("GOV",), "person", (mention,))
    (quote,) = quotes_in(nlp(text), ActorIndex([actor]), article_id="t")
    assert quote.speaker is not None
    assert (quote.speaker.actor, quote.speaker.code, quote.speaker.name) == ("ac-1", "ESPGOV", "Maria Lopez")


@pytest.mark.model
@pytest.mark.shared
def test_seed_article_quotes(nlp, seed_path) -> None:
    text = seed_path.read_text(encoding="utf-8")
    quotes = quotes_in(nlp(text), EMPTY, article_id="seed")
    for quote in quotes:
        assert text[quote.start:quote.end] == quote.text
    strategic = next(q for q in quotes if q.text.startswith("Only a strategic and long-term relationship"))
    assert strategic.kind == "direct" and "Velayati" in strategic.speaker.name
    presence = next(q for q in quotes if q.text.startswith("His presence or absence"))
    assert presence.text.endswith("mission in Moscow.") and presence.kind == "direct"
    assert any(q.text == "unreliable" and q.kind == "partial" for q in quotes)
    messages = next(q for q in quotes if q.text.startswith("he would deliver messages"))
    assert messages.kind == "indirect" and messages.speaker.name == "He"


@pytest.mark.parametrize(
    "words, spaces, speaker",
    [
        (["“", "We", "need", "new", "roads", "now", ".", "”", "―", "Ana", "Ruiz"],
         [False, True, True, True, True, False, False, True, True, True, False], "Ana Ruiz"),
        (["“", "We", "need", "new", "roads", "now", ".", "”", "—", "Lee", "\n", "Next"],
         [False, True, True, True, True, False, False, True, True, False, False, False], "Lee"),
        (["“", "We", "need", "new", "roads", "now", ".", "”", "said", "Lee"],
         [False, True, True, True, True, False, False, True, True, False], None),
    ],
)
def test_quote_signed_after_a_dash(make_doc, words, spaces, speaker) -> None:
    doc = make_doc(words, spaces=spaces)
    quote = quotes_in(doc, EMPTY, article_id="a")[0]
    assert (quote.speaker.name if quote.speaker else None) == speaker


def test_fragment_signed_after_a_dash(make_doc) -> None:
    words = ["“", "The", "worst", "plan", "ever", ".", "”", "―", "Ana", "Ruiz"]
    spaces = [False, True, True, True, False, False, True, True, True, False]
    (quote,) = quotes_in(make_doc(words, spaces=spaces), EMPTY, article_id="a")
    assert (quote.kind, quote.speaker.name if quote.speaker else None) == ("partial", "Ana Ruiz")


def test_name_ending_the_previous_line_does_not_make_a_quote_partial(make_doc) -> None:
    words = ["Signed", "by", "Ana", "\n", "“", "We", "need", "new", "roads", "now", ".", "”"]
    spaces = [True, True, False, False, False, True, True, True, True, False, False, False]
    doc = make_doc(words, spaces=spaces)
    (quote,) = quotes_in(doc, EMPTY, article_id="a")
    assert quote.kind == "direct"


def test_title_case_turns_of_a_transcript_are_labels() -> None:
    text = "Bridge talks go on\n\nAna Ruiz: Well, we will see.\n\nTom Berg: No.\n\nAna Ruiz: Yes, we will.\n\nUpdate: done."
    found = [(text[b.start:b.end], text[b.content_start:b.content_end]) for b in find_labels(text)]
    assert found == [("Ana Ruiz", "Well, we will see."), ("Ana Ruiz", "Yes, we will.")]


@pytest.mark.parametrize(
    "text, labels",
    [
        # a transcript: the host is never named in a sentence, but takes more than one turn
        ('Gov. Ana Ruiz spoke on Sunday.\n\n"HOST: Will you run?\n\n"RUIZ: I will not.\n\n"HOST: Why not?',
         [("HOST", "Will you run?"), ("RUIZ", "I will not."), ("HOST", "Why not?")]),
        ("The mayor, Tom Berg, spoke.\n\nBERG: The bridge stays shut.", [("BERG", "The bridge stays shut.")]),
        ("Berg: Bridge Will Stay Shut\n\nMayor Tom Berg spoke on Monday.", [("Berg", "Bridge Will Stay Shut")]),
        ("The bridge reopened.\n\nCORRECTION: An earlier version misstated the date.", []),
        ("Berg: Bridge Will Stay Shut\n\nNobody else is named here.", []),
        ("Tom Berg spoke.\n\nNote from Berg: the date changed.", []),
        ("The Latest: Mayor Tom Berg opens the bridge.", []),  # a column name, not a speaker
        # names with inner capitals, initials and titles
        ("Dr. Ana McRuiz: Bridge Will Reopen\n\nThe bridge will reopen, said Ana McRuiz.",
         [("Dr. Ana McRuiz", "Bridge Will Reopen")]),
    ],
)
def test_paragraph_speaker_labels(text: str, labels: list[tuple[str, str]]) -> None:
    found = find_labels(text)
    assert [(text[b.start:b.end], text[b.content_start:b.content_end]) for b in found] == labels


def test_labelled_turns_become_direct_quotes_of_the_label(make_doc) -> None:
    words = ["Mayor", "Tom", "Berg", "spoke", ".", "\n\n", '"', "BERG", ":", "We", "will", "rebuild", ".",
             "\n\n", "The", "end", "."]
    spaces = [True, True, True, False, False, False, False, False, True, True, True, False, False,
              False, True, False, False]
    doc = make_doc(words, spaces=spaces)
    (quote,) = quotes_in(doc, EMPTY, article_id="a")
    assert (quote.kind, quote.text, quote.speaker.name, quote.cue) == ("direct", "We will rebuild.", "BERG", None)


# The whole pipeline on the canonical wire story (read from ../shared/seed, never copied).
@pytest.fixture(scope="module")
def seed_result() -> Result:
    from conftest import shared_path

    import eventwire

    return eventwire.extract(shared_path("seed", "000_d0042f3ec4aaeb2c.txt"))


def _speaker_actor(result: Result, quote: Quote) -> str | None:
    actors = {a.id: a.name for a in result.actors}
    return actors.get(quote.speaker.actor) if quote.speaker and quote.speaker.actor else None


@pytest.mark.model
@pytest.mark.shared
@pytest.mark.parametrize(
    "opening, kind, actor, cue",
    [
        ("The relationship between Iran", "direct", "Velayati", "quoted Velayati as saying"),  # ISNA the channel
        ("Only a strategic and long-term", "direct", "Velayati", "said"),
        ("A frank dialogue", "direct", "Amir-Abdollahian", "said"),
        ("His presence or absence", "direct", "Velayati", "said"),
        ("strategic relationship", "partial", "Velayati", "hailed"),  # inside what he hailed
        ("unreliable", "partial", "Velayati", "saying"),
        ("very sensitive", "partial", "Velayati", "said"),
        ("terrorism and its sponsors", "partial", "Velayati", "called"),
        ("unreliable individual", "partial", "Velayati", "described"),
        ("he would deliver messages", "indirect", "Velayati", "said"),
        ("the United States might consider", "indirect", "Pompeo", "said"),
        ("Velayati was scheduled to meet", "indirect", "Amir-Abdollahian", "said"),
    ],
)
def test_seed_quotes_speakers_resolve_to_actors(seed_result, opening, kind, actor, cue) -> None:
    found = [q for q in seed_result.quotes if q.text.startswith(opening)]
    assert found, [q.text[:30] for q in seed_result.quotes]
    quote = min(found, key=lambda q: len(q.text))
    assert quote.kind == kind
    assert actor in (_speaker_actor(seed_result, quote) or "")
    assert (quote.cue.text if quote.cue else None) == cue


@pytest.mark.model
@pytest.mark.shared
def test_seed_direct_quotes_are_whole_sentences(seed_result) -> None:
    direct = [q for q in seed_result.quotes if q.kind == "direct"]
    assert len(direct) == 4
    assert all(len(q.text.split()) >= 8 and q.speaker is not None for q in direct)
    speakers = sorted(q.speaker.name.split()[-1] for q in direct)
    assert speakers == ["Amir-Abdollahian", "Velayati", "Velayati", "Velayati"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ('A "stubborn man who refuses every offer we make and wastes the time of both delegations" is how the '
         'minister sees the envoy.', "direct"),
        ('The minister described the envoy as a "stubborn man who refuses every offer we make and wastes '
         'the time of both delegations."', "partial"),
        ('The minister called the plan "unworkable" and left the room.', "partial"),
        ('She called the talks "a waste of time" on Friday.', "partial"),
    ],
)
def test_long_embedded_quotations_are_direct_speech_unless_inside_a_report(nlp, sentence: str, kind: str) -> None:
    quotes = [q for q in quotes_in(nlp(sentence), EMPTY, article_id="t") if q.kind != "indirect"]
    assert [q.kind for q in quotes] == [kind]


@pytest.mark.model
@pytest.mark.shared
def test_seed_events_inside_reported_speech_link_to_the_quote(seed_result) -> None:
    quotes = {q.id: q for q in seed_result.quotes}
    linked = [e for e in seed_result.events if e.quote is not None]
    assert {e.trigger.text.split()[0] for e in linked} >= {"reimpose", "meet"}
    for event in linked:
        quote = quotes[event.quote]
        assert quote.start <= event.trigger.start and event.trigger.end <= quote.end


def _parsed(make_doc, rows: list[tuple[str, str, str, int, str]], spaces: list[bool] | None = None) -> Doc:
    """A hand-parsed Doc from ``(word, lemma, pos, head, dep)`` rows."""
    return make_doc([r[0] for r in rows], lemmas=[r[1] for r in rows], pos=[r[2] for r in rows],
                    heads=[r[3] for r in rows], deps=[r[4] for r in rows], spaces=spaces)


CONTROL_ROWS = [
    ("The", "the", "DET", 1, "det"), ("ruling", "ruling", "NOUN", 2, "nsubj"), ("VERB", "VERB", "VERB", 2, "ROOT"),
    ("the", "the", "DET", 4, "det"), ("senator", "senator", "NOUN", 2, "dobj"), ("to", "to", "PART", 6, "aux"),
    ("announce", "announce", "VERB", 2, "xcomp"), ("that", "that", "SCONJ", 9, "mark"),
    ("she", "she", "PRON", 9, "nsubj"), ("runs", "run", "VERB", 6, "ccomp"), (".", ".", "PUNCT", 2, "punct"),
]


@pytest.mark.parametrize("verb, lemma, speaker", [("led", "lead", "senator"), ("prompted", "prompt", "senator"),
                                                 ("urged", "urge", "ruling"), ("asked", "ask", "ruling")])
def test_an_outcome_verb_hands_the_speech_to_its_object(make_doc, verb: str, lemma: str, speaker: str) -> None:
    rows = list(CONTROL_ROWS)
    rows[2] = (verb, lemma, "VERB", 2, "ROOT")
    doc = _parsed(make_doc, rows)
    found = speaker_token(doc[6])
    assert found is not None and found.text == speaker


def test_a_subject_hung_on_the_line_before_still_speaks(make_doc) -> None:
    rows = [
        ("It", "it", "PRON", 1, "nsubj"), ("is", "be", "AUX", 10, "ccomp"), ("time", "time", "NOUN", 1, "attr"),
        ("for", "for", "ADP", 2, "prep"), ("Plan", "plan", "PROPN", 7, "compound"), ("B.", "b.", "PROPN", 7, "compound"),
        ("\n\n", "\n\n", "SPACE", 5, "dep"), ("Ruiz", "Ruiz", "PROPN", 3, "pobj"), ("has", "have", "AUX", 10, "aux"),
        ("not", "not", "PART", 10, "neg"), ("said", "say", "VERB", 10, "ROOT"), ("whether", "whether", "SCONJ", 13, "mark"),
        ("she", "she", "PRON", 13, "nsubj"), ("runs", "run", "VERB", 10, "ccomp"), (".", ".", "PUNCT", 10, "punct"),
    ]
    spaces = [True, True, True, True, True, False, False, True, True, True, True, True, True, False, False]
    doc = _parsed(make_doc, rows, spaces)
    found = speaker_token(doc[10])
    assert found is not None and found.text == "Ruiz"
    # on one line the same parse leaves the verb without a speaker of its own
    rows[6] = ("--", "--", "PUNCT", 5, "punct")
    found = speaker_token(_parsed(make_doc, rows, [True] * len(rows))[10])
    assert found is None


def test_a_name_in_apposition_before_a_subjectless_cue_speaks(make_doc) -> None:
    rows = [
        ("In", "in", "ADP", 9, "prep"), ("a", "a", "DET", 2, "det"), ("letter", "letter", "NOUN", 0, "pobj"),
        (",", ",", "PUNCT", 2, "punct"), ("her", "her", "PRON", 5, "poss"), ("aide", "aide", "NOUN", 2, "appos"),
        (",", ",", "PUNCT", 5, "punct"), ("Berg", "Berg", "PROPN", 5, "appos"), (",", ",", "PUNCT", 2, "punct"),
        ("said", "say", "VERB", 9, "ROOT"), ("it", "it", "PRON", 11, "nsubj"), ("ends", "end", "VERB", 9, "ccomp"),
        (".", ".", "PUNCT", 9, "punct"),
    ]
    found = speaker_token(_parsed(make_doc, rows)[9])
    assert found is not None and found.text == "Berg"


@pytest.mark.model
@pytest.mark.parametrize(
    "text, cue, speaker",
    [
        ("Mayor Ruiz said on Monday that he will try to form a new council and insisted that his party was still "
         "the largest.", "insisted", "Mayor Ruiz"),
        ("Tom Berg said he saw no reason to change the plan, telling reporters that the bridge would open in May.",
         "telling", "Tom Berg"),
    ],
)
def test_a_second_cue_hung_inside_a_report_is_the_first_speakers(nlp, text: str, cue: str, speaker: str) -> None:
    quotes = quotes_in(nlp(text), EMPTY, article_id="t")
    (second,) = [q for q in quotes if q.cue is not None and q.cue.text == cue]
    assert second.speaker is not None and second.speaker.name == speaker


@pytest.mark.model
def test_a_lone_pronoun_object_is_no_content(nlp) -> None:
    quotes = quotes_in(nlp("Tom Berg blasted the council and defended her in a long interview."), EMPTY, article_id="t")
    assert [q.text for q in quotes if q.cue is not None and q.cue.text == "defended"] == []


@pytest.mark.parametrize(
    "rows, speaker",
    [
        ([("Ruiz", "Ruiz", "PROPN", 4, "npadvmod"), ("and", "and", "CCONJ", 0, "cc"), ("Berg", "Berg", "PROPN", 0, "conj"),
          ("both", "both", "PRON", 4, "nsubj")], "Ruiz and Berg"),
        ([("Aides", "aide", "NOUN", 4, "npadvmod"), ("to", "to", "ADP", 0, "prep"), ("Ruiz", "Ruiz", "PROPN", 1, "pobj"),
          ("all", "all", "PRON", 4, "nsubj")], "Aides"),
    ],
)
def test_a_floating_quantifier_gives_the_phrase_it_counts(make_doc, rows, speaker: str) -> None:
    rows = [*rows, ("said", "say", "VERB", 4, "ROOT"), ("it", "it", "PRON", 6, "nsubj"), ("ends", "end", "VERB", 4, "ccomp"),
            (".", ".", "PUNCT", 4, "punct")]
    doc = _parsed(make_doc, rows)
    found = speaker_token(doc[4])
    assert found is not None and doc.text[mention(found).start:mention(found).end] == speaker


def test_a_cue_deep_in_its_clause_still_reaches_the_subject(make_doc) -> None:
    rows = [
        ("He", "he", "PRON", 1, "nsubj"), ("hopes", "hope", "VERB", 1, "ROOT"), ("to", "to", "PART", 3, "aux"),
        ("be", "be", "AUX", 1, "xcomp"), ("able", "able", "ADJ", 3, "acomp"), ("to", "to", "PART", 6, "aux"),
        ("sign", "sign", "VERB", 4, "xcomp"), ("donors", "donor", "NOUN", 6, "dobj"), ("by", "by", "ADP", 6, "prep"),
        ("citing", "cite", "VERB", 8, "pcomp"), ("polls", "poll", "NOUN", 9, "dobj"), (".", ".", "PUNCT", 1, "punct"),
    ]
    found = speaker_token(_parsed(make_doc, rows)[9])
    assert found is not None and found.text == "He"


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Turnout will matter - Ana Ruiz and Tom Berg: “The polls ended too early.”", "Ana Ruiz and Tom Berg"),
        ("More from Berg: “The county is only a starting point.”", "Berg"),
        ("Ana Ruiz: “The polls ended too early.”", "Ana Ruiz"),
        # a colon after words that are no name introduces the quote without naming its speaker
        ("Then came the punch line: “The polls ended too early.”", None),
        ("The Latest: “The polls ended too early.”", None),
        ("UPDATE: “The polls ended too early.”", None),
    ],
)
def test_a_name_and_colon_before_a_quote_speaks(make_doc, text: str, speaker: str | None) -> None:
    words = text.replace("“", "“ ").replace("”", " ”").replace(":", " :").replace(".", " .").split()
    spaces = [i + 1 < len(words) and words[i + 1] not in {":", ".", "”"} and words[i] != "“" for i in range(len(words))]
    doc = make_doc(words, spaces=spaces)
    assert doc.text == text
    quote = next(q for q in quotes_in(doc, EMPTY, article_id="a") if q.kind == "direct")
    assert (quote.speaker.name if quote.speaker else None) == speaker


@pytest.mark.model
@pytest.mark.parametrize(
    "text, contents",
    [("The governor will speak on Tuesday about the drought.", ["the drought"]),
     ("The governor will speak to farmers on Tuesday.", [])],
)
def test_a_date_after_a_preposition_is_no_content(nlp, text: str, contents: list[str]) -> None:
    assert [q.text for q in quotes_in(nlp(text), EMPTY, article_id="t")] == contents


def test_a_count_taken_for_a_modifier_still_speaks(make_doc) -> None:
    words = ["About", "4", "in", "10", "say", "they", "stay", "."]
    doc = make_doc(words, pos=["ADV", "NUM", "ADP", "NUM", "VERB", "PRON", "VERB", "PUNCT"],
                   heads=[1, 3, 3, 4, 4, 6, 4, 4], deps=["advmod", "quantmod", "quantmod", "nummod", "ROOT", "nsubj",
                                                         "ccomp", "punct"],
                   lemmas=["about", "4", "in", "10", "say", "they", "stay", "."],
                   ents=["B-CARDINAL", "I-CARDINAL", "I-CARDINAL", "I-CARDINAL", "O", "O", "O", "O"])
    found = speaker_token(doc[4])
    assert found is not None and doc.text[mention(found).start:mention(found).end] == "About 4 in 10"
    # a count that is no share of people (a date, a sum) is left alone
    doc = make_doc(words, pos=["ADV", "NUM", "ADP", "NUM", "VERB", "PRON", "VERB", "PUNCT"],
                   heads=[1, 3, 3, 4, 4, 6, 4, 4], deps=["advmod", "quantmod", "quantmod", "nummod", "ROOT", "nsubj",
                                                         "ccomp", "punct"],
                   lemmas=["about", "4", "in", "10", "say", "they", "stay", "."], ents=["O"] * 8)
    assert speaker_token(doc[4]) is None


def test_a_cue_the_parse_left_without_a_subject_takes_the_subject_before_it(make_doc) -> None:
    words = ["Ruiz", "criticized", "the", "plan", ",", "said", "it", "fails", "."]
    doc = make_doc(words, pos=["PROPN", "VERB", "DET", "NOUN", "PUNCT", "VERB", "PRON", "VERB", "PUNCT"],
                   heads=[1, 5, 3, 1, 5, 5, 7, 5, 5],
                   deps=["nsubj", "dep", "det", "dobj", "punct", "ROOT", "nsubj", "ccomp", "punct"],
                   lemmas=["Ruiz", "criticize", "the", "plan", ",", "say", "it", "fail", "."])
    (cue,) = [c for c in find_cues(doc) if c.token == 5]
    assert cue.speaker is not None and doc.text[cue.speaker.start:cue.speaker.end] == "Ruiz"
    # a thing as the only subject before it is no speaker
    doc = make_doc(["The", "plan", "failed", ",", "said", "it", "fails", "."],
                   pos=["DET", "NOUN", "VERB", "PUNCT", "VERB", "PRON", "VERB", "PUNCT"],
                   heads=[1, 2, 4, 4, 4, 6, 4, 4],
                   deps=["det", "nsubj", "dep", "punct", "ROOT", "nsubj", "ccomp", "punct"],
                   lemmas=["the", "plan", "fail", ",", "say", "it", "fail", "."])
    assert [c.speaker for c in find_cues(doc) if c.token == 4] == [None]


@pytest.mark.model
def test_a_quote_paragraph_takes_the_speaker_of_the_report_before_it(nlp) -> None:
    text = 'Mayor Ana Ruiz said the bridge would hold.\n\n"It will stand for a hundred years."'
    quotes = quotes_in(nlp(text), EMPTY, article_id="t")
    (direct,) = [q for q in quotes if q.kind == "direct"]
    assert direct.speaker is not None and direct.speaker.name == "Mayor Ana Ruiz"


@pytest.mark.model
def test_a_fragment_hanging_on_an_owned_noun_is_the_owners(nlp) -> None:
    quotes = quotes_in(nlp('The crowd cheered his call for "a total ban" on imports.'), EMPTY, article_id="t")
    (fragment,) = [q for q in quotes if q.kind == "partial"]
    assert fragment.speaker is not None and fragment.speaker.name == "his"


def test_a_name_after_a_cue_without_subject_speaks_and_a_quotation_lends_none(make_doc) -> None:
    words = ['"', "It", "works", ",", '"', "said", "surgeon", "Ana", "Ruiz", "."]
    pos = ["PUNCT", "PRON", "VERB", "PUNCT", "PUNCT", "VERB", "NOUN", "PROPN", "PROPN", "PUNCT"]
    lemmas = ['"', "it", "work", ",", '"', "say", "surgeon", "Ana", "Ruiz", "."]
    heads = [2, 2, 5, 5, 5, 5, 8, 8, 5, 5]
    deps = ["punct", "nsubj", "ccomp", "punct", "punct", "ROOT", "compound", "compound", "dobj", "punct"]
    doc = make_doc(words, pos=pos, lemmas=lemmas, heads=heads, deps=deps, spaces=[False, True, False, False, True,
                                                                                 True, True, True, False, False])
    (cue,) = [c for c in find_cues(doc) if c.token == 5]
    assert cue.speaker is not None and doc.text[cue.speaker.start:cue.speaker.end] == "surgeon Ana Ruiz"
    # without the name, the subject inside the quotation is no speaker
    doc = make_doc([*words[:6], "."], pos=[*pos[:6], "PUNCT"], lemmas=[*lemmas[:6], "."], heads=[*heads[:6], 5],
                   deps=[*deps[:6], "punct"])
    assert [c.speaker for c in find_cues(doc) if c.token == 5] == [None]


def test_a_possessor_inside_a_fragment_is_the_quoted_speakers_own(make_doc) -> None:
    rows = [
        ("Ruiz", "Ruiz", "PROPN", 1, "nsubj"), ("offered", "offer", "VERB", 1, "ROOT"), ('"', '"', "PUNCT", 4, "punct"),
        ("my", "my", "PRON", 4, "poss"), ("thanks", "thanks", "NOUN", 1, "dobj"), ('"', '"', "PUNCT", 4, "punct"),
        (".", ".", "PUNCT", 1, "punct"),
    ]
    doc = _parsed(make_doc, rows, [True, True, False, True, False, False, False])
    (fragment,) = [q for q in quotes_in(doc, EMPTY, article_id="t") if q.text == "my thanks"]
    assert fragment.speaker is not None and fragment.speaker.name == "Ruiz"


def test_a_fragment_belongs_to_the_subject_of_its_own_clause(make_doc) -> None:
    rows = [
        ("Berg", "Berg", "PROPN", 1, "nsubj"), ("left", "leave", "VERB", 1, "ROOT"), ("after", "after", "SCONJ", 4, "mark"),
        ("Ruiz", "Ruiz", "PROPN", 4, "nsubj"), ("published", "publish", "VERB", 1, "advcl"), ('"', '"', "PUNCT", 7, "punct"),
        ("Plain", "plain", "PROPN", 7, "compound"), ("Words", "words", "PROPN", 4, "dobj"), ('"', '"', "PUNCT", 7, "punct"),
        (".", ".", "PUNCT", 1, "punct"),
    ]
    doc = _parsed(make_doc, rows, [True, True, True, True, True, False, True, False, False, False])
    (fragment,) = [q for q in quotes_in(doc, EMPTY, article_id="t") if q.text == "Plain Words"]
    assert fragment.speaker is not None and fragment.speaker.name == "Ruiz"
    rows[2] = ("that", "that", "SCONJ", 4, "mark")
    rows[4] = ("published", "publish", "VERB", 1, "ccomp")
    (fragment,) = [q for q in quotes_in(_parsed(make_doc, rows), EMPTY, article_id="t") if q.text == "Plain Words"]
    assert fragment.speaker is not None and fragment.speaker.name == "Berg"


@pytest.mark.model
@pytest.mark.parametrize(
    "text, speaker",
    [
        ("The gates closed early. “Not again!” Tom Berg, a ferry captain from Leith, said of the delay.", "Tom Berg"),
        ("The ferry left without them. “Next time,” Ana Ruiz barked and walked off.", "Ana Ruiz"),
    ],
)
def test_a_short_quotation_opening_its_sentence_takes_the_attribution_after_it(nlp, text: str, speaker: str) -> None:
    (quote,) = [q for q in quotes_in(nlp(text), EMPTY, article_id="t") if q.kind in {"partial", "direct"}]
    assert quote.speaker is not None and quote.speaker.name == speaker
