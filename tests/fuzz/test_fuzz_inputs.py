"""Fuzz every field of every shipped example file through the command a user runs on it (issue 12).

Each case replaces one node of one example (a value, a list or a mapping) by a hostile or unusual
value, or damages the text, and runs the command in-process. It must end in exit 0 with a sensible
result, or exit 2 with one line per problem, no traceback and no output written; crashes, hangs
(> 60 s), leftover temporary files and accepted nonsense fail the test. The run is seeded: a failure
names the file and the mutation, and re-running reproduces it.

The default run (CI) draws ``CARBONEV_FUZZ_CASES`` cases (default 200); the ``slow`` run mutates every
node of every file once plus nine kinds of text damage per file (about 3,000 cases).
"""

from __future__ import annotations

import json
import os
import random
import resource

import pytest
from mutations import TARGETS, Tally, cases, run_case

from cli_runner import invoke

MAX_RSS_KIB = 3 * 2**20  # the whole fuzz run stays under 3 GiB


def _run(session_store, tmp_path, seed: int, count: int | None) -> Tally:
    tally = Tally()
    rng = random.Random(seed)
    for n, (case, _, payload) in enumerate(cases(rng, count)):
        run_case(invoke, session_store, case, payload, tmp_path / f"c{n % 4}", tally)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    summary = {**tally.summary(), "seed": seed, "peak RSS [MiB]": round(peak / 1024)}
    print("\nfuzz:", json.dumps(summary, ensure_ascii=False))
    (tmp_path / "fuzz-summary.json").write_text(json.dumps({**summary, "crashes": tally.crashes,
                                                            "nonsense": tally.nonsense}, indent=2))
    assert not tally.crashes, "\n".join(tally.crashes[:20])
    assert not tally.nonsense, "\n".join(tally.nonsense[:20])
    assert tally.tried == tally.clean_errors + tally.accepted_sensible
    assert peak < MAX_RSS_KIB, f"peak RSS {peak / 2**20:.1f} GiB"
    return tally


def test_every_target_file_exists():
    for file, _ in TARGETS:
        assert file.is_file(), file
    assert len(TARGETS) >= 30


def test_fuzz_sample(session_store, tmp_path):
    count = int(os.environ.get("CARBONEV_FUZZ_CASES", "200"))
    tally = _run(session_store, tmp_path, seed=int(os.environ.get("CARBONEV_FUZZ_SEED", "12")), count=count)
    assert tally.tried == count
    assert tally.clean_errors > 0 and tally.accepted_sensible > 0  # both outcomes were exercised


@pytest.mark.slow
def test_fuzz_every_node_of_every_file(session_store, tmp_path):
    tally = _run(session_store, tmp_path, seed=2024, count=None)
    assert len(tally.by_target) == len({f for f, _ in TARGETS})
