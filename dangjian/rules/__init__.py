"""Every rule, registered by importing each rule module explicitly (no scanning).

The registry itself (the Rule type, `@rule`) is dangjian/rules/registry.py; a rule module
imports that, and this package imports every rule module, so that `all_rules()` and `get()`
see them all.
"""

from __future__ import annotations

from dangjian.rules import (  # noqa: F401 - imported for registration
    certification,
    development,
    dues,
    evaluation,
    fileformat,
    identity,
    integrity,
    meetings,
    members,
    organisation,
    premises,
    privacy,
    profile,
    regional,
    schedule,
    service,
    setup,
    suppressions,
    talks,
    training,
    votes,
)
from dangjian.rules.registry import _REGISTRY, Rule, format_rule, rule

__all__ = ["Rule", "all_rules", "format_rule", "get", "is_rule", "rule"]


def all_rules() -> list[Rule]:
    return list(_REGISTRY.values())


def get(rule_id: str) -> Rule:
    return _REGISTRY[rule_id]


def is_rule(rule_id: str) -> bool:
    return rule_id in _REGISTRY
