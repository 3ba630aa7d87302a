"""`python -m resdiff`."""

from .cli import entry

entry()
