"""`meetscout classify` and `meetscout reclassify`: judge listings, or the whole store again."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, TextIO

import orjson
import typer

from ..classify import CLASSIFIER_VERSION
from ..classify.evaluate import Split, evaluate_lines, render
from ..classify.listing import ListingError, listing_event
from ..judge import Corrections, judge_event, judge_group
from ..model import Group, Profile
from ..store import Store
from .common import DbOption, console, fail, open_store, profile_in_use


def _profile(db: Path | None, targets: list[str] | None) -> Profile:
    """The person's profile (meetscout/profile.py): the stored one when a database exists, else
    meetscout.toml's `[profile]` (never create a database just to read it)."""
    profile, _ = profile_in_use(db)
    if targets:
        profile = profile.model_copy(
            update={"target_companies": [*profile.target_companies, *targets]}
        )
    return profile


def _open_input(file: str) -> TextIO:
    if file == "-":
        return sys.stdin
    try:
        return open(file, encoding="utf-8", errors="replace")  # noqa: SIM115 - closed below
    except OSError as exc:
        fail(f"cannot read {file}: {exc.strerror or exc}")


def classify_line(raw: str, profile: Profile) -> dict:
    """One input line to one output object (an error object when the line cannot be read)."""
    try:
        obj = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        return {"error": f"not JSON: {exc}"}
    if not isinstance(obj, dict):
        return {"error": f"expected a JSON object, got {type(obj).__name__}"}
    try:
        event = listing_event(obj)
    except (ListingError, ValueError) as exc:
        out = {"error": str(exc).splitlines()[0]}
        if "id" in obj:
            out["id"] = obj["id"]
        return out
    a = judge_event(event, None, profile, Corrections())
    out = {
        "crowd": a.crowd.value,
        "kind": a.kind.value,
        "confidence": a.confidence,
        "access": [x.value for x in a.access],
        "reasons": a.reasons,
        "targets": a.targets,
    }
    if "id" in obj:
        out["id"] = obj["id"]
    return out


def classify(
    file: Annotated[
        str, typer.Argument(help="A JSON lines file, or - (the default) for standard input.")
    ] = "-",
    evaluate: Annotated[
        bool,
        typer.Option(
            "--evaluate",
            help='Lines carry "expect": {crowd, kind, access}; print accuracy, per-class '
            "precision and recall, confusion matrices and the worst mistakes.",
        ),
    ] = False,
    split: Annotated[
        Split,
        typer.Option(
            help="With --evaluate: only the sealed fifth of the rows (by their id, as "
            "tests/classify/real/README.md says), only the rest (tune), or all.",
        ),
    ] = "all",
    target: Annotated[
        list[str] | None,
        typer.Option(help="A target company or industry to look for (repeatable)."),
    ] = None,
    db: DbOption = None,
) -> None:
    """Say who goes to each listing: JSON lines in, JSON lines out.

    Each input line is an object with any of title, description, group_name, organizer, url,
    source, is_online, fee (text or number), starts_at (ISO 8601); other fields are ignored.
    Each output line has crowd, kind, confidence, access, reasons, targets and the input's id.
    A line that is not a JSON object gets {"error": ...} and the run goes on. Targets come from
    your profile (`meetscout profile`: meetscout.toml's [profile], or as edited since) and
    --target.

    Example:

        echo '{"title": "Chapter meeting", "group_name": "ISACA NJ"}' | meetscout classify -

        meetscout classify --evaluate tests/classify/corpus.jsonl

        meetscout classify --evaluate tests/classify/real/listings.jsonl --split sealed
    """
    profile = _profile(db, target)
    stream = _open_input(file)
    try:
        if evaluate:
            typer.echo(render(evaluate_lines(stream, profile, split=split)))
            return
        out = sys.stdout
        for raw in stream:
            if not raw.strip():
                continue
            out.write(orjson.dumps(classify_line(raw, profile)).decode() + "\n")
            out.flush()  # a tool may be waiting on each answer
    finally:
        if stream is not sys.stdin:
            stream.close()


def reclassify_store(store: Store, *, everything: bool = False) -> dict[str, int]:
    """Judge stored groups and events again (those judged by another classifier version, or all),
    keeping the person's corrections. Returns counts."""
    profile = store.get_profile()
    corrections = Corrections.load(store)
    groups: dict[str, Group] = {}
    counts = {"groups": 0, "events": 0, "crowd_changed": 0}
    for batch in store.iter_rows("groups"):
        pairs = []
        for group in batch:
            if everything or _stale(group.assessment):
                a = judge_group(group, profile, corrections, fresh=True)
                group = group.model_copy(update={"assessment": a})
                pairs.append((group.id, a))
            groups[group.id] = group
        counts["groups"] += store.set_assessments("groups", pairs)
    for batch in store.iter_rows("events"):
        pairs = []
        for event in batch:
            if not (everything or _stale(event.assessment)):
                continue
            group = groups.get(event.group_id) if event.group_id else None
            a = judge_event(event, group, profile, corrections, fresh=True)
            if event.assessment is None or event.assessment.crowd != a.crowd:
                counts["crowd_changed"] += 1
            pairs.append((event.id, a))
        counts["events"] += store.set_assessments("events", pairs)
    return counts


def _stale(assessment) -> bool:
    return assessment is None or assessment.classifier_version != CLASSIFIER_VERSION


def reclassify(
    everything: Annotated[
        bool,
        typer.Option("--all", help="Judge every row, not only those judged by another version."),
    ] = False,
    db: DbOption = None,
) -> None:
    """Judge the stored events and groups again, after the lexicon or the classifier changed.

    Your corrections are kept: they are applied again on top of the new judgement.

    Example:

        meetscout reclassify --db ~/meetscout.db
    """
    store = open_store(db, must_exist=True)
    try:
        counts = reclassify_store(store, everything=everything)
    finally:
        store.close()
    console.print(
        f"Classifier {CLASSIFIER_VERSION}: judged {counts['events']} events and "
        f"{counts['groups']} groups again; {counts['crowd_changed']} events changed crowd."
    )
