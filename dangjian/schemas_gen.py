"""JSON Schemas for each kind of record file, made from the model (for editors)."""

from __future__ import annotations

import dataclasses
import json
import typing

from dangjian import model
from dangjian.schema import _hints, _type_name, doc_title, json_schema, record_fields

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
    "street": (model.StreetFile, "street/street.yaml"),
    "partners": (model.PartnersFile, "street/partners.yaml"),
    "street-lists": (model.ListsFile, "street/lists/<年>.yaml"),
    "street-meetings": (model.StreetMeetingsFile, "street/meetings/<年>.yaml"),
    "street-visits": (model.VisitsFile, "street/visits/<年>.yaml"),
    "street-registrations": (model.RegistrationsFile, "street/registrations/<年>.yaml"),
    "street-evaluations": (model.EvaluationsFile, "street/evaluations/<年>.yaml"),
}


def schema_texts() -> dict[str, str]:
    """file name → JSON text, e.g. 'members.json' → schema of members.yaml."""
    out = {}
    for name, (cls, title) in FILE_KINDS.items():
        schema = {"$schema": "http://json-schema.org/draft-07/schema#", **json_schema(cls, title)}
        out[f"{name}.json"] = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    return out


def _title(cls) -> str:
    return doc_title(cls).rstrip("。") or cls.__name__


def field_tables() -> str:
    """Markdown tables of every record key, for docs/records.md (kept in step by a test)."""
    seen: set = set()
    parts: list[str] = []

    def table(cls, title: str) -> None:
        if cls in seen:
            return
        seen.add(cls)
        hints = _hints(cls)
        rows = ["| 键 | 必填 | 类型 | 说明 |", "|---|---|---|---|"]
        nested = []
        for f in record_fields(cls):
            tp = hints[f.name]
            if typing.get_origin(tp) in (typing.Union, __import__("types").UnionType):
                tp = next(a for a in typing.get_args(tp) if a is not type(None))
            args = typing.get_args(tp)
            inner = args[0] if typing.get_origin(tp) is list and args else tp
            kind = _type_name(tp, f.metadata["kind"])
            if dataclasses.is_dataclass(inner):
                kind = f"{'列表，每项为' if inner is not tp else ''}“{_title(inner)}”"
                nested.append(inner)
            elif typing.get_origin(tp) is list:
                kind = "一项或列表"
            doc = f.metadata["doc"]
            if f.metadata["choices"]:
                doc = (doc + "；" if doc else "") + "可选：" + "、".join(f.metadata["choices"])
            rows.append(f"| {f.metadata['key']} | {'是' if f.metadata['required'] else ''} | {kind} | {doc} |")
        parts.append(f"#### {title}\n\n" + "\n".join(rows) + "\n")
        for sub in nested:
            table(sub, _title(sub))

    for cls, title in FILE_KINDS.values():
        table(cls, title)
    return "\n".join(parts)
