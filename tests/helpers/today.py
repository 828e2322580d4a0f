"""The day the suite lives on: a Monday, the day the demos are built as of and the day of the
worked figures of docs/domain/. Tests hand it to the code (`today=`, `as_of=`) or take it as the
`today` fixture; no clock is patched."""

import datetime as dt

TODAY = dt.date(2026, 11, 23)
