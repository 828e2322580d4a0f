"""The guard the suite uses to turn hostile names into files (tests/helpers/paths.py)."""

from __future__ import annotations

import pytest

from tests.helpers.machine_guard import changes, snapshot
from tests.helpers.paths import UnsafeName, file_in


@pytest.mark.parametrize(
    "name",
    ["/etc/passwd", "../../etc/passwd", "..", ".", "", "a/b", "C:\\Windows\\win.ini", "\\\\server\\share\\x", "C:evil"],
)
def test_a_name_that_leaves_the_folder_is_refused(tmp_path, name):
    with pytest.raises(UnsafeName):
        file_in(tmp_path, name)


@pytest.mark.parametrize("name", ["con.txt", "facture\u202etxt.exe", "piece\x00.pdf", "é" * 300])
def test_a_plain_name_stays_in_the_folder(tmp_path, name):
    assert file_in(tmp_path, name).parent == tmp_path


def test_the_guard_sees_a_file_written_in_the_home(tmp_path):
    home = tmp_path / "home"
    (home / ".config").mkdir(parents=True)
    before = snapshot(home)
    (home / ".config" / "crmdesk.ini").write_text("x")
    assert str(home / ".config" / "crmdesk.ini") in changes(before, snapshot(home))
