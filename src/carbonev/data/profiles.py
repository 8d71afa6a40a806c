"""All shipped profile files merged into one read-only set (held by the catalog)."""

from __future__ import annotations

from dataclasses import dataclass, field

from carbonev.data.profile_file import ChargingProfileData, GridShapeData, ProfileFile, Target, ValleyWindow
from carbonev.errors import DataError


@dataclass(frozen=True, eq=False)
class ProfileSet:
    """Grid shapes by (region, year), charging profiles, valley windows and pilot targets.

    ``key`` identifies the content (the files' hashes): caches are keyed on it.
    """

    key: str = "empty"
    grid_shapes: dict[tuple[str, int], GridShapeData] = field(default_factory=dict)
    charging_profiles: dict[str, ChargingProfileData] = field(default_factory=dict)
    valley_windows: dict[str, ValleyWindow] = field(default_factory=dict)
    pilot_targets: dict[str, Target] = field(default_factory=dict)
    citations: dict[str, str] = field(default_factory=dict)  # "file/source" -> citation

    def __hash__(self) -> int:
        return hash(self.key)

    def __eq__(self, other) -> bool:
        return isinstance(other, ProfileSet) and other.key == self.key


def merge(files: list[tuple[ProfileFile, str]], key: str) -> ProfileSet:
    """One set from parsed files (with their shown paths); duplicate names are errors."""
    shapes: dict = {}
    profiles: dict = {}
    valleys: dict = {}
    targets: dict = {}
    cites: dict = {}
    for pf, shown in files:
        for sid, src in pf.sources.items():
            cites[f"{pf.name}/{sid}"] = src.citation
        for i, g in enumerate(pf.grid_shapes):
            if (g.region, g.year) in shapes:
                raise DataError(f"grid shape {g.region} {g.year} is defined twice", file=shown,
                                field=f"grid_shapes[{i}]")
            shapes[(g.region, g.year)] = g
        for name, p in pf.charging_profiles.items():
            if name in profiles:
                raise DataError(f"charging profile {name!r} is defined twice", file=shown,
                                field=f"charging_profiles.{name}")
            profiles[name] = p
        valleys.update(pf.valley_windows)
        targets.update(pf.pilot_targets)
    return ProfileSet(key, shapes, profiles, valleys, targets, cites)
