import datetime as dt

from crmdesk.reports.text import clean, escape, fr_date, fr_long_date, fr_time, para


def test_french_dates():
    assert fr_date("2026-11-20T10:32:00") == "20/11/2026"
    assert fr_date(dt.date(2026, 11, 27)) == "27/11/2026"
    assert fr_long_date(dt.date(2026, 11, 23)) == "23 novembre 2026"
    assert fr_long_date("2026-08-01") == "1er août 2026"
    assert fr_long_date(dt.date(2026, 2, 14)) == "14 février 2026"
    assert fr_time("2026-11-20T09:05:00+01:00") == "9 h 05"
    assert fr_time("2026-11-20") == ""
    assert fr_date("") == "" and fr_date(None) == ""
    assert fr_date("pas une date") == "pas une date"


def test_clean():
    assert clean(None) == ""
    assert clean(42) == "42"
    assert clean("  a\x00b\x1fc\td  ") == "abc d"
    assert clean("l1\r\nl2\u2028l3") == "l1 l2 l3"
    assert clean("l1\r\n\nl2", multiline=True) == "l1\nl2"
    assert clean("\u202eevil\u202c\u200f") == "evil"
    assert clean("ok 😀") == "ok \ufffd"
    assert clean("a\u00a0b") == "a\u00a0b"
    assert clean("é€", charset=frozenset(map(ord, "é"))) == "é\ufffd"


def test_escape_keeps_markup_visible():
    assert escape('<b>Dupont</b> & "Fils"') == "&lt;b&gt;Dupont&lt;/b&gt; &amp; &quot;Fils&quot;"
    assert para("a\nb<", multiline=True) == "a<br/>b&lt;"
