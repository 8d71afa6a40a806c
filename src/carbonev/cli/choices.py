"""Option choices shared by several commands."""

from __future__ import annotations

from enum import StrEnum


class TableFormat(StrEnum):
    """``--format`` of commands whose result is a table."""

    table = "table"
    json = "json"
    csv = "csv"
