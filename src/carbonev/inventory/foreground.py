"""The foreground inventory: the activities carbonev builds from a spec.

A foreground is a small tree: one root activity (the vehicle over its life)
taking 1 unit of each *stage* activity; each stage takes amounts of background
activities (by code) or emits elementary flows (by key). Every exchange keeps a
note of where its amount came from, so results can be traced to inputs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple

STAGES: tuple[str, ...] = (
    "materials_and_parts",
    "battery",
    "vehicle_assembly",
    "use_energy_upstream",
    "use_direct",
    "maintenance",
    "end_of_life",
    "end_of_life_credit",
)

STAGE_LABELS = {
    "materials_and_parts": "Materials and parts",
    "battery": "Traction battery",
    "vehicle_assembly": "Vehicle assembly and distribution",
    "use_energy_upstream": "Use: energy supply (upstream)",
    "use_direct": "Use: direct emissions",
    "maintenance": "Maintenance",
    "end_of_life": "End of life",
    "end_of_life_credit": "End of life: recycling credit",
}


Kind = Literal["generic", "plant", "supplier"]


class Origin(NamedTuple):
    """Where a link's amount comes from: its ``stage``, whether it is ``generic`` (shipped data),
    ``plant`` (a plant file's own data) or ``supplier`` (a supplier's footprint), and a ``key``
    naming the item (an activity code, a flow, or a role such as ``vehicle-distribution``)."""

    stage: str
    kind: Kind
    key: str


class Link(NamedTuple):
    """``amount`` [supplier unit per stage unit] of background activity ``code``,
    or of elementary flow ``flow``; ``basis`` says in words how the amount was derived and
    ``origin`` says it as data (code reads ``origin``, never ``basis``).

    A NamedTuple: sweeps and Monte Carlo build millions of them.
    """

    amount: float
    basis: str
    code: str | None = None
    flow: str | None = None
    year: int | None = None  # calendar year of use, for time-resolved use-phase links
    origin: Origin | None = None


@dataclass
class Stage:
    name: str
    links: list[Link] = field(default_factory=list)

    def add(self, amount: float, basis: str, *, code: str | None = None, flow: str | None = None,
            year: int | None = None, kind: Kind = "generic", key: str | None = None) -> None:
        """Add a link (zero amounts are dropped); ``kind`` and ``key`` form its :class:`Origin`
        (``key`` defaults to the code or flow)."""
        if (code is None) == (flow is None):
            raise ValueError("a link needs exactly one of code or flow")
        if amount != 0:
            origin = Origin(self.name, kind, key or code or flow or "")
            self.links.append(Link(amount, basis, code, flow, year, origin))

    def extend(self, links: list[Link], factor: float = 1.0) -> None:
        """Add ``links`` scaled by ``factor``, re-homed in this stage (origin kind and key kept)."""
        for link in links:
            origin = link.origin._replace(stage=self.name) if link.origin else None
            self.links.append(link._replace(amount=link.amount * factor, origin=origin))


@dataclass
class Foreground:
    """A vehicle's foreground: stages, the functional unit and notes."""

    key: str  # unique per spec content; prefixes the Brightway codes
    name: str
    lifetime_km: float
    stages: dict[str, Stage]
    notes: list[str] = field(default_factory=list)
    assumptions: dict[str, str] = field(default_factory=dict)


def merge_notes(notes: list[str]) -> list[str]:
    """Notes with the same message for several stages (``stage: message``) as one line naming the
    stages (``battery, vehicle_assembly: message``), in first-seen order."""
    stages: dict[str, list[str]] = {}
    for note in notes:
        stage, sep, message = note.partition(": ")
        if not sep or stage not in STAGE_LABELS:
            stage, message = "", note
        named = stages.setdefault(message, [])
        if stage and stage not in named:
            named.append(stage)
    return [f"{', '.join(named)}: {message}" if named else message for message, named in stages.items()]
