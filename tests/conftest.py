"""Shared test fixtures: corpus paths and a real CLI runner (a subprocess, like a user)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

pytest_plugins = ["browser_support"]  # the real-browser fixtures: browser, open_page

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="Rewrite golden output files instead of comparing against them.")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


def run_cli(*args: str, input: bytes | None = None, cwd: Path | None = None,
            env: dict | None = None) -> Run:
    """Run `python -m resdiff ARGS` as a user would; decode output as UTF-8."""
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    done = subprocess.run([sys.executable, "-m", "resdiff", *args], input=input,
                          capture_output=True, cwd=cwd or ROOT, env=full_env, timeout=120)
    return Run(done.returncode, done.stdout.decode("utf-8", "replace"),
               done.stderr.decode("utf-8", "replace"))


@pytest.fixture
def cli():
    return run_cli
