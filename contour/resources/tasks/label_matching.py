"""How a moving task's labels meet its new project's: by name, after the caller's renames.

Pure logic over anything label-shaped (the ORM rows, or plain test objects): it finds, for every
label, sublabel and attribute spec of the task, its namesake in the project, and says in words
what has none. Attribute specs without a namesake are not a problem: their values are dropped,
as CVAT does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol


class SpecLike(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...


class LabelLike(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def attributes(self) -> Sequence[SpecLike]: ...
    @property
    def sublabels(self) -> Sequence[LabelLike]: ...


@dataclass(frozen=True)
class LabelTranslation:
    """Annotations of `old_id` become annotations of `new_id`; their attribute values keep only
    the specs in `specs` (old spec id → new spec id)."""

    old_id: int
    new_id: int
    specs: Mapping[int, int]
    # The old label had specs: values may need rewriting even when none survive.
    had_specs: bool


@dataclass
class LabelMatching:
    translations: list[LabelTranslation] = field(default_factory=list)
    # Task labels (or "skeleton/sublabel") whose target name the project lacks, in task order.
    missing: list[str] = field(default_factory=list)
    # Any other reason the labels do not fit, in words.
    conflicts: list[str] = field(default_factory=list)

    @property
    def fits(self) -> bool:
        return not self.missing and not self.conflicts


def _spec_translation(old: LabelLike, new: LabelLike) -> LabelTranslation:
    new_specs = {spec.name: spec.id for spec in new.attributes}
    specs = {spec.id: new_specs[spec.name] for spec in old.attributes if spec.name in new_specs}
    return LabelTranslation(old.id, new.id, specs, had_specs=bool(old.attributes))


def _described(old_name: str, target_name: str) -> str:
    return f"'{target_name}'" if old_name == target_name else f"'{target_name}' (for '{old_name}')"


def match_labels(
    task_labels: Sequence[LabelLike], project_labels: Sequence[LabelLike], renames: Mapping[int, str]
) -> LabelMatching:
    """Pair each task label with the project label named `renames.get(label.id, label.name)`,
    each skeleton's sublabels with the namesakes inside the paired skeleton."""
    result = LabelMatching()
    by_name = {label.name: label for label in project_labels}
    for old in task_labels:
        target_name = renames.get(old.id, old.name)
        new = by_name.get(target_name)
        if new is None:
            result.missing.append(_described(old.name, target_name))
            continue
        if (old.type == "skeleton") != (new.type == "skeleton"):
            which = "the task" if old.type == "skeleton" else "the project"
            result.conflicts.append(f"'{target_name}' is a skeleton only in {which}.")
            continue
        result.translations.append(_spec_translation(old, new))
        new_subs = {sub.name: sub for sub in new.sublabels}
        for old_sub in old.sublabels:
            new_sub = new_subs.get(old_sub.name)
            if new_sub is None:
                result.missing.append(f"'{target_name}/{old_sub.name}'")
            else:
                result.translations.append(_spec_translation(old_sub, new_sub))
    return result


def mismatch_messages(matching: LabelMatching) -> list[str]:
    """Why the labels do not fit, one sentence each."""
    messages: list[str] = []
    if matching.missing:
        noun = "label named" if len(matching.missing) == 1 else "labels named"
        messages.append(f"The project has no {noun} {', '.join(matching.missing)}.")
    return messages + matching.conflicts
