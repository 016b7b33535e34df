"""Harvest: candidate facts from the department's earlier answers, reviewed into the fact base.

with open_archive(path) as archive:
    found = harvest_archive(archive, "police vetting", prefix="vetting")
Path("facts/candidates/vetting.yaml").write_text(candidates_yaml(found.candidates, "..."))
"""

from typing import TYPE_CHECKING

# Imported now: the function `flags` shares its module's name, which importing the module
# would otherwise bind here. It needs no more than drafter.harvest.consistency does.
from drafter.harvest.flags import Flag, flags
from drafter.lazy import attribute_loader

if TYPE_CHECKING:
    from drafter.harvest.candidate import Candidate
    from drafter.harvest.files import candidates_yaml, read_candidates
    from drafter.harvest.review import accept, reject
    from drafter.harvest.run import Harvest, HarvestError, harvest_answers, harvest_archive

__all__ = [
    "Candidate",
    "Flag",
    "Harvest",
    "HarvestError",
    "accept",
    "candidates_yaml",
    "flags",
    "harvest_answers",
    "harvest_archive",
    "read_candidates",
    "reject",
]

# Each name loads its module on first use: a draft that checks earlier answers imports
# drafter.harvest.consistency, and with it this package, but none of the harvest itself.
__getattr__ = attribute_loader(
    __name__,
    {
        "Candidate": "drafter.harvest.candidate",
        "candidates_yaml": "drafter.harvest.files",
        "read_candidates": "drafter.harvest.files",
        "accept": "drafter.harvest.review",
        "reject": "drafter.harvest.review",
        "Harvest": "drafter.harvest.run",
        "HarvestError": "drafter.harvest.run",
        "harvest_answers": "drafter.harvest.run",
        "harvest_archive": "drafter.harvest.run",
    },
)
