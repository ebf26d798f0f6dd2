"""Typer command modules; each exposes ``register(app)``.  Thin: parse, call the
package, print.  ``incidents.cli`` assembles them."""
