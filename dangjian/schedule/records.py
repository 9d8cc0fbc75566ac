"""Read only what a plan needs: dangjian.yaml, each branch.yaml and members.yaml.

A street's meetings, dues and trainings are most of its bytes and play no part in a plan,
so the schedule does not go through the full loader. Problems in these files are left to
`dangjian validate`; a branch whose branch.yaml cannot be read comes back without info.
"""

from __future__ import annotations

from pathlib import Path

from dangjian import model
from dangjian.loader import CONFIG_FILE, RESERVED_DIRS, load_file


def load_for_schedule(root: Path) -> tuple[model.RepoConfig, list[model.BranchRecords]]:
    from dangjian.sources import WorkTree

    source = WorkTree(root)
    files = set(source.files())
    problems: list = []
    config = load_file(source, CONFIG_FILE, model.RepoConfig, problems) if CONFIG_FILE in files else None
    config = config or model.RepoConfig(name="（未命名）")
    dirs = sorted(f[: -len("/branch.yaml")] for f in files
                  if f.endswith("/branch.yaml") and f.split("/", 1)[0] not in RESERVED_DIRS)
    branches = []
    for directory in dirs:
        records = model.BranchRecords(directory=directory)
        records.info = load_file(source, f"{directory}/branch.yaml", model.Branch, problems)
        roster = f"{directory}/members.yaml"
        if roster in files:
            members = load_file(source, roster, model.MembersFile, problems)
            records.members = members.members if members else []
        branches.append(records)
    return config, branches
