"""Renderers: a finished Document or Comparison -> text in one output format.

Renderers only read the model; they never parse, align or diff again. Each module exposes
``render_document`` and/or ``render_comparison`` returning a str (or bytes for binary
formats). Modules are imported lazily by the CLI so a text run never loads jinja2.
"""
