from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from vigil.triage import cli


def _write(path: Path, lines: list[str]) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_cli_triages_in_time_order_reports_bad_lines_and_links_duplicates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    later = {
        "id": "b",
        "submitted_at": "2026-02-11T08:20:00Z",
        "channel": "web",
        "text": "Black suitcase with a pink ribbon left by the ticket barriers at Leeds station, nobody with it.",
        "location_text": "",
        "extra": 1,
    }
    earlier = {
        "id": "a",
        "submitted_at": "2026-02-11T07:52:00Z",
        "channel": "phone",
        "text": "Caller reports a black suitcase with a pink ribbon unattended by the ticket barriers at "
        "Leeds station for 25 mins, no owner seen. Callback 07700 900218.",
        "location_text": "Leeds station",
    }
    _write(src, [json.dumps(later), "{not json", json.dumps({"id": "c", "text": "x"}), json.dumps(earlier)])
    monkeypatch.delenv("VIGIL_REFERENCE_DIR", raising=False)
    monkeypatch.chdir(tmp_path)  # no ../shared/data/reference from here
    parser = argparse.ArgumentParser()
    cli.add_arguments(parser)
    code = cli.run(parser.parse_args(["--input", str(src), "--output", str(out)]))
    err = capsys.readouterr().err
    assert code == 1
    assert "line 2: not valid JSON" in err
    assert "line 3:" in err and "submitted_at" in err
    assert "without geography" in err
    assert "2/2 reports" in err
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["a", "b"]
    assert rows[0]["entities"]["phones"] == ["+447700900218"]
    assert rows[0]["category"] == "suspicious_item"
    assert rows[1]["duplicate_of"] == "a"
    assert set(rows[0]) >= {
        "id",
        "category",
        "urgency",
        "hate_strand",
        "score",
        "reasons",
        "entities",
        "force",
        "ct_region",
        "protected_person",
        "duplicate_of",
        "related",
        "engine_version",
    }


def test_cli_reports_an_unreadable_input(tmp_path: Path) -> None:
    parser = argparse.ArgumentParser()
    cli.add_arguments(parser)
    args = parser.parse_args(
        ["--input", str(tmp_path / "missing.jsonl"), "--output", str(tmp_path / "o.jsonl")]
    )
    assert cli.run(args) == 2


def test_the_library_imports_no_database_or_web_code() -> None:
    code = (
        "import sys, vigil.triage, vigil.triage.pipeline, vigil.triage.cli;"
        "bad=[m for m in sys.modules if m.split('.')[0] in {'sqlalchemy','fastapi','starlette'}"
        " or m.startswith(('vigil.db','vigil.web','vigil.reference'))];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout
