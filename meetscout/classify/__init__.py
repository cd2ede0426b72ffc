"""Who goes there: classify events and groups into crowd, kind and access, with reasons.

    from meetscout.classify import classify_event, classify_group, CLASSIFIER_VERSION

The evidence lives in `lexicon.toml` beside this file; `meetscout reclassify` re-judges the store
after it changes (CLASSIFIER_VERSION follows the file's content).
"""

from __future__ import annotations

from .classifier import classifier_version, classify_event, classify_group
from .lexicon import Lexicon, LexiconError, load_lexicon

CLASSIFIER_VERSION = classifier_version()

__all__ = [
    "CLASSIFIER_VERSION",
    "Lexicon",
    "LexiconError",
    "classify_event",
    "classify_group",
    "load_lexicon",
]
