"""Shared paths and helpers. Tests run on the real samples, the fixtures made
from them (tests/fixtures/make_fixtures.py) and, where the checkout has it
beside it, the shared development corpus."""
from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
EVAL_DOCS = SHARED / "eval" / "docs"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def schema_validator():
    import jsonschema

    from plancli.model import json_schema

    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def check_record(record: dict, validator) -> None:
    """A record is valid against the schema and every span lies in its text."""
    errors = sorted(validator.iter_errors(record), key=str)
    assert not errors, errors[0]
    json.dumps(record, ensure_ascii=False)


def headless_chromium(tmp_path: Path):
    """Run Debian's chromium headless on a page: ``run(path, *extra_flags)`` → CompletedProcess.
    The test is skipped on a machine without chromium, and fails under CI, which must have it."""
    import pytest

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have Debian's chromium (.ci/run installs it)")
        pytest.skip("no chromium on this machine (apt-get install chromium)")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr", "--v=0"]

    def run(page: Path, *extra: str) -> subprocess.CompletedProcess:
        return subprocess.run([chromium, *flags, *extra, page.as_uri()], capture_output=True, text=True, timeout=120)

    return run


def shared_scores(script: str, command: str, *args: str) -> dict:
    """Run a scorer of the shared development set (``score.py``, ``align_score.py``) on
    ``plancli COMMAND`` and return its JSON; the test is skipped where the set is not beside
    the checkout."""
    import pytest

    evaluation = SHARED / "eval"
    if not (evaluation / script).exists():
        pytest.skip(f"{evaluation / script} is not here (clone beside shared/ to run the yardstick)")
    run = f"{shlex.quote(sys.executable)} -m plancli {command}"
    done = subprocess.run([sys.executable, str(evaluation / script), *args, "--docs", str(evaluation / "docs"),
                           "--run", run, "--json"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)
