"""Harvest: candidate facts from the department's earlier answers, reviewed into the fact base.

with open_archive(path) as archive:
    found = harvest_archive(archive, "police vetting", prefix="vetting")
Path("facts/candidates/vetting.yaml").write_text(candidates_yaml(found.candidates, "..."))
"""

from drafter.harvest.candidate import Candidate
from drafter.harvest.files import candidates_yaml, read_candidates
from drafter.harvest.flags import Flag, flags
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
