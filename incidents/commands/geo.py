"""``incidents geocode``: what the gazetteer makes of a place name."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from ..errors import GeocodeError
from ..schemas import PlaceResolution
from .common import translate_errors


def _line(r: PlaceResolution) -> str:
    where = ", ".join(x for x in (r.settlement, r.region_name) if x) or "no place"
    coords = f" ({r.lat:.4f}, {r.lon:.4f})" if r.lat is not None and r.lon is not None else ""
    flag = " AMBIGUOUS" if r.ambiguous else ""
    head = f"{r.query}: {where}{coords} [{r.precision.value}, {r.source}]{flag}"
    lines = [head, f"  why: {r.reason}"]
    lines += [f"  candidate: {c.settlement or '-'}, {c.region_code} ({c.lat}, {c.lon})"
              for c in r.candidates]
    return "\n".join(lines)


@translate_errors
def geocode(
    name: Annotated[str, typer.Argument(help="A place name in any spelling or language.")],
    context: Annotated[
        str | None,
        typer.Option("--context", help="Surrounding text, used to break ties between "
                     "places of the same name."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the resolution as JSON.")] = False,
) -> None:
    """Resolve a place name offline: region code, settlement, coordinates, precision."""
    if not name.strip():
        raise GeocodeError("empty place name: give a settlement or region, e.g. 'Bucha'")
    from ..geo.online import get_geocoder

    result = get_geocoder().resolve(name, context=context)
    if as_json:
        typer.echo(json.dumps(result.contract(), ensure_ascii=False, indent=2))
    else:
        typer.echo(_line(result))


def register(app: typer.Typer) -> None:
    app.command("geocode")(geocode)
