"""The fast matcher must find what a plain regular-expression search finds."""

import re
from pathlib import Path

import orjson

from meetscout.classify.lexicon import load_lexicon
from meetscout.classify.matcher import WORD_END, WORD_START, Matcher, pattern_keys

HERE = Path(__file__).parent


def test_keys_of_patterns():
    assert pattern_keys(r"in\s+(?:a\s+)?transition") == {"in a transit", "in transitio"}
    assert pattern_keys(r"(?-i:PMI)", re.IGNORECASE) == {"pmi"}
    assert pattern_keys(r"[a-z]+\s+chapter") is None


def test_slow_patterns_still_match():
    m = Matcher(word_end={})
    m.add("host", "c0", r"[a-z]+\s+chapter")
    m.add("host", "c1", "bni")
    assert m.build() == [r"[a-z]+\s+chapter"]
    text = "The BNI Riverside chapter meets"
    found = {(owner, text[start:end]) for _, owner, start, end in m.scan(text)}
    assert found == {("c1", "BNI"), ("c0", "Riverside chapter")}


def test_gate_finds_what_a_plain_search_finds():
    lex = load_lexicon()
    matcher = lex.matcher
    by_category: dict[str, list[str]] = {}
    for alt in matcher._alts:
        src = alt.source if alt.case_sensitive else alt.source
        by_category.setdefault(alt.category, []).append(f"(?P<{alt.owner}_{alt.seq}>{src})")
    plain = {
        c: re.compile(
            WORD_START + "(?:" + "|".join(parts) + ")" + ("" if c == "access" else WORD_END),
            re.IGNORECASE,
        )
        for c, parts in by_category.items()
    }
    texts = []
    for line in (HERE / "corpus.jsonl").read_text().splitlines():
        obj = orjson.loads(line)
        texts += [obj.get("title") or "", obj.get("group_name") or "", obj.get("description") or ""]
    missed = []
    for text in texts:
        fast = {(category, start) for category, _, start, _ in matcher.scan(text)}
        for category, regex in plain.items():
            for m in regex.finditer(text):
                if (category, m.start()) not in fast:
                    missed.append((category, m.group(), text))
    assert not missed, missed[:5]


def test_phrases_are_read_as_their_strings():
    from re import _parser as sre_parse

    from meetscout.classify.literals import literals

    def read(source, flags=0):
        return literals(sre_parse.parse(source, flags))

    found = read(r"job\s*seekers?\s+(?:club|group)\b")
    assert set(found.strings) == {
        f"{a}{b} {c}"
        for a in ("jobseeker", "job seeker")
        for b in ("", "s")
        for c in ("club", "group")
    }
    assert found.word_end and not found.case_sensitive
    assert read(r"(?-i:PMI)", re.IGNORECASE).strings == ("PMI",)
    assert read(r"(?-i:PMI)", re.IGNORECASE).case_sensitive
    # Open-ended, looking around, or partly case-sensitive: left to the regex path.
    for source in (
        r"[a-z]+\s+chapter",
        r"free(?=[.;!,])",
        r"(?<=\w )bar",
        r"(?-i:ISACA)\s+chapter",
    ):
        assert read(source, re.IGNORECASE) is None, source


def test_phrases_match_like_their_regex():
    m = Matcher(word_end={"access": False})
    m.add("audience", "c0", r"job\s*seekers?")
    m.add("audience", "c1", r"job\s+seekers\s+club")  # written later: loses where both start
    m.add("host", "c2", "(?-i:PMI)")
    m.add("access", "a0", r"non-?members?\s+welcome")
    assert m.build() == []
    text = (
        "PMI chapter. Jobseekers, job seekers club; pmi. Non-members welcome, non members welcome."
    )
    found = [(owner, text[start:end]) for _, owner, start, end in m.scan(text)]
    assert found == [
        ("c2", "PMI"),
        ("c0", "Jobseekers"),
        ("c0", "job seekers"),
        ("a0", "Non-members welcome"),
    ]
    # A phrase is a whole word at both ends.
    assert m.scan("jobseekersclub and ajob seekers") == []
