"""``python -m carbonev.cli``."""

from carbonev.cli.main import run

run()
