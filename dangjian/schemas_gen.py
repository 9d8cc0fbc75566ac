"""JSON Schemas for each kind of record file, made from the model (for editors)."""

from __future__ import annotations

import json

from dangjian import model
from dangjian.schema import json_schema

FILE_KINDS = {
    "dangjian": (model.RepoConfig, "dangjian.yaml"),
    "branch": (model.Branch, "branch.yaml"),
    "members": (model.MembersFile, "members.yaml"),
    "applicants": (model.ApplicantsFile, "applicants.yaml"),
    "meetings": (model.MeetingsFile, "meetings/<年>.yaml"),
    "dues": (model.DuesFile, "dues/<年>.yaml"),
    "trainings": (model.TrainingsFile, "trainings/<年>.yaml"),
    "talks": (model.TalksFile, "talks/<年>.yaml"),
    "activities": (model.ActivitiesFile, "activities/<年>.yaml"),
}


def schema_texts() -> dict[str, str]:
    """file name → JSON text, e.g. 'members.json' → schema of members.yaml."""
    out = {}
    for name, (cls, title) in FILE_KINDS.items():
        schema = {"$schema": "http://json-schema.org/draft-07/schema#", **json_schema(cls, title)}
        out[f"{name}.json"] = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    return out
