"""The learned weights: one linear score per kind over a listing's features, read from
`weights.json` beside this file (written by `python -m meetscout.classify.train`).

A kind's score is its bias plus the weights of the features present; the scores become
probabilities by softmax, and a crowd's probability is the sum over its kinds. Plain Python:
the work is a set intersection and one sum per kind, both done inside the interpreter's C code.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from operator import add
from pathlib import Path

from ..model import Kind

# Read through importlib.resources, so it is found inside a zipped egg too (Scrapyd).
_SHIPPED = resources.files("meetscout.classify").joinpath("weights.json")
WEIGHTS_PATH = Path(str(_SHIPPED))


# The kinds in the order the weights give them: the employed crowd's four, the job seekers' two,
# then not networking (the classifier sums a crowd's kinds by these places).
KINDS = (
    Kind.professional_association,
    Kind.alumni,
    Kind.industry_meetup,
    Kind.workshop_seminar,
    Kind.job_seeker_group,
    Kind.career_fair,
    Kind.not_networking,
)


# A feature is named as a reason when it moves the balance by at least this much (in score).
REASON_AT = 0.3


class WeightsError(ValueError):
    """The weights file is missing or malformed; the message says how to make it again."""


@dataclass(eq=False)  # compared and hashed by identity: caches key on it
class Weights:
    version: str
    kinds: tuple[Kind, ...]
    bias: tuple[float, ...]
    rows: dict[str, tuple[float, ...]]  # feature -> its weight for each kind
    about: dict  # how they were trained: rows, sources, settings

    def __post_init__(self) -> None:
        self.vocabulary = frozenset(self.rows)
        self._pulls: dict[tuple[int, int], tuple[dict[str, float], frozenset[str]]] = {}

    def pulls(self, mine: int, rival: int) -> tuple[dict[str, float], frozenset[str]]:
        """How much each feature favours kind `mine` over kind `rival` (by their places), and
        the features that favour it by at least REASON_AT: what a reason may name. Made once per
        pair of kinds."""
        pair = self._pulls.get((mine, rival))
        if pair is None:
            pulls = {f: row[mine] - row[rival] for f, row in self.rows.items()}
            strong = frozenset(f for f, pull in pulls.items() if pull >= REASON_AT)
            pair = self._pulls[(mine, rival)] = (pulls, strong)
        return pair

    def scores(
        self, words: list[str], features: dict[str, None]
    ) -> tuple[list[float], list[str], list[str]]:
        """Each kind's score, and the words and the other features that have weights. The
        weights are added in a set order (the words sorted, the other features as found), so a
        listing's scores are the same in every process: a set's own order changes from one
        process to the next, and with it the last digit of a sum."""
        vocabulary = self.vocabulary
        known_words = sorted(vocabulary.intersection(words))
        known = [feature for feature in features if feature in vocabulary]
        if not (known_words or known):
            return list(self.bias), known_words, known
        rows = self.rows.__getitem__
        by_kind = zip(*map(rows, known_words), *map(rows, known), strict=True)  # per kind
        return list(map(add, self.bias, map(sum, by_kind))), known_words, known


def softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


def parse_weights(text: str) -> Weights:
    try:
        data = json.loads(text)
        kinds = tuple(Kind(k) for k in data["kinds"])
        bias = tuple(float(b) for b in data["bias"])
        table = data["weights"]
        if len(bias) != len(kinds) or any(len(w) != len(kinds) for w in table.values()):
            raise ValueError("every row needs one weight per kind")
    except (ValueError, KeyError, TypeError) as exc:
        raise WeightsError(
            f"the classifier's weights cannot be read ({exc}); make them again with "
            "`python -m meetscout.classify.train`"
        ) from None
    if kinds != KINDS:
        raise WeightsError(f"the weights' kinds should be, in order, {', '.join(KINDS)}")
    return Weights(
        version=text_version(text),
        kinds=kinds,
        bias=bias,
        rows={feature: tuple(map(float, row)) for feature, row in table.items()},
        about=dict(data.get("about", {})),
    )


def text_version(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=4).hexdigest()


def weights_text(path: str | None = None) -> str:
    try:
        return (Path(path) if path else _SHIPPED).read_text(encoding="utf-8")
    except OSError as exc:
        raise WeightsError(
            f"no classifier weights at {path or WEIGHTS_PATH} ({exc.strerror}); make them with "
            "`python -m meetscout.classify.train`"
        ) from None


def file_version(path: str | None = None) -> str:
    """The version of a weights file without parsing it (cheap, for start-up); "none" when
    there is no file yet (training writes the first)."""
    try:
        return text_version(weights_text(path))
    except WeightsError:
        return "none"


@lru_cache(maxsize=4)
def load_weights(path: str | None = None) -> Weights:
    """The weights shipped with meetscout, or another file (training, a maintainer's trial)."""
    return parse_weights(weights_text(path))
