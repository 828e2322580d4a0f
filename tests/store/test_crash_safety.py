"""A writer killed at any moment leaves a sound file holding every write it
reported as done (the full run: bench/bench_kill.py, 200 kills)."""

import pytest

from bench.bench_kill import kill_run


@pytest.mark.slow
def test_killing_a_writer_never_damages_the_file_nor_loses_a_reported_write(tmp_path):
    path = tmp_path / "tue.sqlite"
    figures = kill_run(path, kills=15, seed=2026, max_delay=0.25)
    assert figures.kills == 15, figures
    assert figures.reported > 0, figures          # the children did write between kills
    assert figures.damaged == []                  # integrity_check « ok » after every kill
    assert figures.lost == []                     # every id printed after its commit is in the file
    assert figures.half == []                     # no contact without its audit row, nor the reverse
    assert figures.rows >= figures.reported
