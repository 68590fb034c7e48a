"""Imports go one way (pyproject.toml, [tool.importlinter]): a new one against them fails here."""

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def test_every_import_goes_the_intended_way():
    lint_imports = pathlib.Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(  # our own tool, no input from outside
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout[-3000:]
