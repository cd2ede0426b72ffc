"""The matcher must find what a plain regular-expression search finds."""

import re
from pathlib import Path

import orjson
import pytest

from meetscout.classify.lexicon import LexiconError, compile_lexicon, load_lexicon
from meetscout.classify.matcher import Matcher

HERE = Path(__file__).parent
WORD_START, WORD_END = r"(?<!\w)", r"(?!\w)"


def test_patterns_are_found_where_their_starts_are():
    """Every match of a plain search over the corpus, with all of a category's phrases and
    patterns in one alternation in written order, is found by the automaton too: the `starts`
    written in the lexicon hold every beginning a match has."""
    lex = load_lexicon()
    written: dict[str, dict[int, str]] = {}
    for phrases, patterns in lex.matcher._words.values():
        for p in patterns:
            written.setdefault(p.category, {})[p.rank] = p.regex.pattern
        for phrase in phrases:
            words = r"\s+".join(re.escape(w) for w in phrase.text.split())
            words = f"(?-i:{words})" if phrase.case_sensitive else words
            end = "" if phrase.category == "access" else WORD_END
            written.setdefault(phrase.category, {})[phrase.rank] = words + end
    plain = {
        c: re.compile(WORD_START + "(?:" + "|".join(parts[r] for r in sorted(parts)) + ")", re.I)
        for c, parts in written.items()
    }
    texts = []
    for name in ("corpus.jsonl", "holdout.jsonl", "holdout2.jsonl"):
        for line in (HERE / name).read_text().splitlines():
            obj = orjson.loads(line)
            texts += [obj.get(k) or "" for k in ("title", "group_name", "description")]
    missed = []
    for text in texts:
        text = " ".join(text.split())
        fast = {(m.category, m.start) for m in lex.matcher.scan(text)}
        for category, regex in plain.items():
            for m in regex.finditer(text):
                if (category, m.start()) not in fast:
                    missed.append((category, m.group(), text))
    assert not missed, missed[:5]


def test_phrases_match_whole_words_in_any_case():
    m = Matcher(word_end={"access": False})
    m.add_phrase("audience", "c0", "job seekers", case_sensitive=False)
    m.add_phrase("audience", "c0", "jobseekers", case_sensitive=False)
    m.add_phrase("audience", "c1", "job seekers club", case_sensitive=False)  # written later
    m.add_phrase("host", "c2", "PMI", case_sensitive=True)
    m.add_phrase("access", "a0", "non-members welcome", case_sensitive=False)
    m.build()
    text = (
        "PMI chapter. Jobseekers, job seekers club; pmi. Non-members welcome, non members welcome."
    )
    found = [(match.owner, text[match.start : match.end]) for match in m.scan(text)]
    assert found == [
        ("c2", "PMI"),
        ("c0", "Jobseekers"),
        ("c0", "job seekers"),
        ("a0", "Non-members welcome"),
    ]
    # A phrase is a whole word at both ends (access words need only begin one)...
    assert m.scan("jobseekersclub and ajob seekers") == []
    assert [x.owner for x in m.scan("non-members welcomed")] == ["a0"]
    # ...its space is any break between words, but its own punctuation must be there.
    assert [x.owner for x in m.scan("job-seekers")] == ["c0"]
    assert m.scan("non.members welcome") == m.scan("non members welcome") == []


def test_patterns_are_tried_where_a_start_begins():
    m = Matcher(word_end={})
    m.add_pattern("host", "c0", r"[a-z]+\s+chapter", starts=["riverside", "garden"])
    m.add_phrase("host", "c1", "BNI", case_sensitive=True)
    m.build()
    text = "The BNI Riverside chapter meets; the Garden chapter too; the Other chapter not."
    found = {(x.owner, text[x.start : x.end]) for x in m.scan(text)}
    assert found == {("c1", "BNI"), ("c0", "Riverside chapter"), ("c0", "Garden chapter")}


def test_the_cue_written_first_wins_where_two_start_at_one_place():
    m = Matcher(word_end={})
    m.add_pattern("host", "c0", r"career\s+transition\s+circle", starts=["career"])
    m.add_phrase("host", "c0", "career transition", case_sensitive=False)
    m.add_phrase("host", "c1", "career", case_sensitive=False)
    m.build()
    text = "Career Transition Circle"
    assert [(x.owner, x.end) for x in m.scan(text)] == [("c0", len(text))]


@pytest.mark.parametrize(
    "words, message",
    [
        ('["  "]', "an empty phrase"),
        ("[{ regex = 'x' }]", "neither a phrase nor"),
        ("[{ starts = [], regex = 'x' }]", "starts"),
        ("[{ starts = ['x'], regex = '(unclosed' }]", "bad pattern"),
        ("[]", "has no words"),
    ],
)
def test_lexicon_mistakes_are_named(words, message):
    text = f'[[cue]]\nid = "broken"\ncategory = "host"\ncrowd = "employed"\nwords = {words}\n'
    with pytest.raises(LexiconError, match=f"cue 'broken'.*{message}"):
        compile_lexicon(text)
