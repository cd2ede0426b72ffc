"""The words a flag shows, read from the one file the browser extension uses too.

`browser_extension/shared/labels.json` is the truth (the extension can load only files inside its
own folder); the Python tests and `node --test` both hold their side to it. Read from the copy
this install has (meetscout/extension.py): the package's own in a wheel, the checkout's otherwise.
"""

from __future__ import annotations

import json

from .extension import extension_dir
from .model import Access, Assessment, Crowd, Event, Group, Kind, Outcome, Status

LABELS_PATH = extension_dir() / "shared" / "labels.json"

_WORDS = json.loads(LABELS_PATH.read_text(encoding="utf-8"))
LABELS = {crowd: _WORDS["crowd"][crowd.value] for crowd in Crowd}  # "Where the employed go", …
ACCESS_LABELS = {access: _WORDS["access"][access.value] for access in Access}  # "Guest pass", …
UNJUDGED = _WORDS["unjudged"]  # a flag when meetscout cannot tell who goes
CANCELLED = _WORDS["cancelled"]  # a cancelled meeting's flag, whoever would have gone
UNSURE = _WORDS["unsure"]  # a judgement that is not sure (Assessment.sure), shown quietly
# The same meeting on another site, by that listing's source: "Also on the chapter's site", …
ALSO_AT = dict(_WORDS["also_at"])
KIND_LABELS = {kind: _WORDS["kind"][kind.value] for kind in Kind}  # "Professional association", …
OUTCOME_LABELS = {o: _WORDS["outcome"][o.value] for o in Outcome}  # "Referral", …


def kind_label(value: str | None, unknown: str = "") -> str:
    """ "professional_association" -> "Professional association"; anything else -> `unknown`."""
    return _WORDS["kind"].get(value or "", unknown)


def is_cancelled(subject: Event | Group | None) -> bool:
    return isinstance(subject, Event) and subject.status == Status.cancelled


def flag_label(subject: Event | Group | None, assessment: Assessment | None) -> str:
    """What a flag says: "Cancelled" for a cancelled meeting (it counts in no crowd), else the
    crowd's words, "Not sure" for an unsure judgement, or that meetscout cannot tell."""
    if is_cancelled(subject):
        return CANCELLED
    if assessment is None:
        return UNJUDGED
    return LABELS[assessment.crowd] if assessment.sure else UNSURE
