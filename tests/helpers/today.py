"""The day the suite lives on: a Monday, the day the demos are built as of and the day of the
worked figures of docs/domain/. Tests hand it to the code (`today=`, `as_of=`) or take it as the
`today` fixture; no clock is patched."""

import datetime as dt

TODAY = dt.date(2026, 11, 23)


class Clock:
    """A window's clock in a test (MainWindow(settings, today=clock)): the real today until
    the test gives a day (`clock.day = TODAY`), then that day, e.g. the next one at « midnight »."""

    def __init__(self, day: dt.date | None = None):
        self.day = day

    def __call__(self) -> dt.date:
        return self.day or dt.date.today()
