"""``incidents edit|merge|suggestions|decide``: the editor's work from the command line.

Every command that changes a record needs ``--actor``: the audit log says who
changed what, so there is no anonymous default.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from ..errors import ValidationFailed
from ..store import make_engine, repo, session_scope
from .common import DbOption, resolve_db, translate_errors

# Fields whose value is a list: given as "a; b" or "a,b" on the command line.
LIST_FIELDS = frozenset({"secondary_types", "minimum_counts", "victim_groups"})

ActorOption = Annotated[
    str, typer.Option("--actor", help="Your name, recorded in the audit log.", show_default=False)
]


def register(app: typer.Typer) -> None:
    app.command("edit")(edit_command)
    app.command("merge")(merge_command)
    app.command("suggestions")(suggestions_command)
    app.command("decide")(decide_command)


def parse_assignments(assignments: list[str]) -> dict[str, Any]:
    """``["killed=5", "settlement="]`` -> ``{"killed": "5", "settlement": None}``.

    An empty value clears the field (unknown); list fields split on ``;`` or ``,``.
    Validation of the values themselves is the store's (one set of rules).
    """
    changes: dict[str, Any] = {}
    problems: list[str] = []
    for item in assignments:
        field, sep, raw = item.partition("=")
        field = field.strip()
        if not sep or not field:
            problems.append(f"--set {item!r}: expected FIELD=VALUE")
            continue
        if field in changes:
            problems.append(f"--set {field}: given twice")
            continue
        value = raw.strip()
        if field in LIST_FIELDS:
            changes[field] = [p.strip() for p in value.replace(",", ";").split(";") if p.strip()]
        else:
            changes[field] = value or None
    if problems:
        raise ValidationFailed("cannot read the changes", problems)
    if not changes:
        raise ValidationFailed("nothing to change: give at least one --set FIELD=VALUE")
    return changes


@translate_errors
def edit_command(
    public_id: Annotated[str, typer.Argument(help="Public ID, e.g. UA-2024-000012.")],
    assignments: Annotated[
        list[str],
        typer.Option("--set", help="FIELD=VALUE (repeatable); an empty VALUE clears the field."),
    ],
    actor: ActorOption,
    db: DbOption = None,
) -> None:
    """Correct fields of a record; every changed field is audited.

    Example: incidents edit UA-2024-000012 --set killed=7 --set status=reviewed --actor "O. P."
    """
    changes = parse_assignments(assignments)
    with session_scope(make_engine(resolve_db(db))) as s:
        repo.update_incident(s, public_id, changes, actor=actor)
    typer.echo(f"{public_id}: updated {', '.join(sorted(changes))}")


@translate_errors
def merge_command(
    survivor: Annotated[str, typer.Argument(help="The ID that stays.")],
    merged: Annotated[str, typer.Argument(help="The ID merged into it (it keeps resolving).")],
    actor: ActorOption,
    db: DbOption = None,
) -> None:
    """Merge two records of the same incident: the survivor keeps every source and the
    merged ID keeps resolving to it.

    Example: incidents merge UA-2023-000019 UA-2023-000020 --actor "O. Petrenko"
    """
    with session_scope(make_engine(resolve_db(db))) as s:
        repo.merge_incidents(s, survivor, merged, actor=actor)
    typer.echo(f"{merged} merged into {survivor}")


@translate_errors
def suggestions_command(
    status: Annotated[
        str, typer.Option("--status", help="open, accepted, rejected or all.")
    ] = "open",
    db: DbOption = None,
) -> None:
    """List merge suggestions (possible duplicates found by ingest), best score first.

    Example: incidents suggestions --status open
    """
    if status not in ("open", "accepted", "rejected", "all"):
        raise ValidationFailed(f"--status {status!r}: use open, accepted, rejected or all")
    with session_scope(make_engine(resolve_db(db)), write=False) as s:
        rows = repo.list_merge_suggestions(s, None if status == "all" else status)
    for row in rows:
        typer.echo(
            f"#{row['id']}  {row['a']} ~ {row['b']}  score {row['score']:.2f}  [{row['status']}]"
        )
        for reason in row["reasons"]:
            typer.echo(f"    - {reason}")
    typer.echo(f"{len(rows)} suggestion(s) ({status}).")


@translate_errors
def decide_command(
    suggestion_id: Annotated[int, typer.Argument(help="Suggestion number from `suggestions`.")],
    decision: Annotated[str, typer.Argument(help="accept (merge the pair) or reject.")],
    actor: ActorOption,
    db: DbOption = None,
) -> None:
    """Accept (merge) or reject a merge suggestion.

    Example: incidents decide 3 reject --actor "O. Petrenko"
    """
    if decision not in ("accept", "reject"):
        raise ValidationFailed(f"decision {decision!r}: use accept or reject")
    with session_scope(make_engine(resolve_db(db))) as s:
        repo.decide_merge_suggestion(s, suggestion_id, decision == "accept", actor=actor)
    typer.echo(f"suggestion #{suggestion_id}: {decision}ed")
