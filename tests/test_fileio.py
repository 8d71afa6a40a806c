"""Atomic output files (fileio.write_atomic / atomic_path): all or nothing."""

from __future__ import annotations

import pytest

from carbonev.errors import SpecError
from carbonev.io.files import atomic_path, write_atomic


def test_write_atomic_writes_utf8_and_leaves_no_temporary_file(tmp_path):
    out = tmp_path / "r.txt"
    write_atomic(out, "浙江 1.5 kg CO2e\n")
    assert out.read_text(encoding="utf-8") == "浙江 1.5 kg CO2e\n"
    assert [p.name for p in tmp_path.iterdir()] == ["r.txt"]


def test_missing_folder_names_the_file_and_the_option(tmp_path):
    out = tmp_path / "nope" / "m.json"
    with pytest.raises(SpecError) as err:
        write_atomic(out, "{}", "--manifest")
    assert str(err.value) == f"{out}: --manifest: folder does not exist"


def test_failure_inside_the_block_keeps_the_old_file_and_removes_the_temporary(tmp_path):
    out = tmp_path / "r.txt"
    out.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_path(out) as tmp:
        tmp.write_text("half", encoding="utf-8")
        raise RuntimeError("disk full")
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.txt"]
