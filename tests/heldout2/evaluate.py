"""Held-out evaluation, set 2: tests/heldout/evaluate.py's scoring run on this folder.

    .venv/bin/python tests/heldout2/evaluate.py [--verbose] [--json FILE]
"""
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

if __name__ == "__main__":
    sys.exit(subprocess.call([sys.executable, str(HERE.parent / "heldout" / "evaluate.py"),
                              "--dir", str(HERE), *sys.argv[1:]]))
