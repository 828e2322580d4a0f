"""A filter the dashboard puts on the client table (a click on a bar or a cell).

Apart from install.py so that the views (views.py) can make one without importing the window's side.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DashboardFilter:
    """The clients behind a bar: what the yellow bar says and the ContactQuery changes."""

    text: str  # « région Auvergne-Rhône-Alpes »
    changes: dict = field(default_factory=dict)  # {"region": "Auvergne-Rhône-Alpes"}
