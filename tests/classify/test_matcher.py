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
    found = {(x.owner, x.text) for x in m.scan("The BNI Riverside chapter meets")}
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
        fast = {(x.category, x.start) for x in matcher.scan(text)}
        for category, regex in plain.items():
            for m in regex.finditer(text):
                if (category, m.start()) not in fast:
                    missed.append((category, m.group(), text))
    assert not missed, missed[:5]
