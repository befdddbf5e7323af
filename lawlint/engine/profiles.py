"""Document profiles: what kind of document this is, and what that kind must contain.

A profile is data (``lawlint/data/profiles/*.yml``, or a file shipped by a plugin or named
in the config).  It says how the kind is recognised (a title pattern, or the
opening paragraph when a copy lost its title), its mandatory parts with their
heading synonyms and the report year from which they apply, its deadlines, and
rules that do not apply to it.  ``extends`` builds a provincial profile on
another: parts are merged by ``id``, deadlines key by key.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from lawlint.document.layout import title_core
from lawlint.engine.resources import read_text
from lawlint.engine.schema import (
    YamlSource,
    check_keys,
    check_regex,
    list_of,
    month_day,
)
from lawlint.lang.text import squeeze
from lawlint.rule import ConfigError

if TYPE_CHECKING:  # pragma: no cover
    from importlib.resources.abc import Traversable

_OPENING_CHARS = 300
_CITED = re.compile(r"《[^《》]*》")


@dataclass(frozen=True)
class Part:
    """A mandatory (or optional) part of a document, recognised by its heading."""

    id: str
    name: str
    headings: tuple[re.Pattern, ...]
    year_offset: int | None = None
    optional: bool = False
    # Reports often give this part as several topical sections (一、强化组织领导 …) that
    # name no part: first-level sections before the other parts are then this part.
    topical: bool = False
    # How the body speaks of the part when no heading names it (said in a sentence only).
    mentions: tuple[re.Pattern, ...] = ()

    def matches(self, heading: str) -> bool:
        return any(p.search(heading) for p in self.headings)

    def mentioned_in(self, text: str) -> bool:
        return any(p.search(text) for p in self.mentions)


@dataclass(frozen=True)
class Deadlines:
    """Report deadlines as (month, day) of the year after the report year."""

    since: int | None = None
    signing: dict[str, tuple[int, int]] = field(default_factory=dict)
    publication: tuple[int, int] | None = None


@dataclass(frozen=True)
class Profile:
    name: str
    title: str = ""
    extends: str | None = None
    default: bool = False
    basis: str = ""
    detect_title: re.Pattern | None = None
    detect_opening: re.Pattern | None = None
    detect_topic: re.Pattern | None = None
    topic_min: int = 3
    topic_every: int = 1000  # … and at least one mention per this many characters
    detect_not: re.Pattern | None = None
    parts: tuple[Part, ...] = ()
    parts_since: int | None = None
    deadlines: Deadlines = Deadlines()
    ignore: tuple[str, ...] = ()
    depth: int = 0
    source: str = ""

    def recognises(self, doc) -> bool:
        """By the title; a copy that lost its title by its opening paragraph, or by its
        topic (``topic_min`` mentions in its headings and paragraphs, and one in every
        ``topic_every`` characters of them) when its opening does not say it is another
        kind of document (``not``)."""
        meta = doc.meta
        if meta.title is not None:
            return self.detect_title is not None and self.detect_title.search(title_core(meta.title)) is not None
        opening = squeeze("".join(b.text for b in doc.paragraphs if not b.part)[:_OPENING_CHARS])
        if self.detect_not is not None and self.detect_not.search(_CITED.sub("", opening)):
            return False  # (a document cited in 《》 says nothing of this one's kind)
        if self.detect_opening is not None and self.detect_opening.search(opening):
            return True
        if self.detect_topic is not None:
            body = doc.text_of("heading", "paragraph")
            mentions = len(self.detect_topic.findall(body))
            return mentions >= self.topic_min and mentions * self.topic_every >= len(body)
        return False

    def with_deadlines(self, override: dict[str, Any]) -> Profile:
        """This profile with deadlines replaced key by key (from the user's config)."""
        return replace(self, deadlines=_merge_deadlines(self.deadlines, override, None, ()))


_PART_KEYS = {"id": str, "name": str, "headings": list_of(str), "year_offset": int, "optional": bool,
              "topical": bool, "mentions": list_of(str)}
_PARTS_KEYS = {"since": int, "items": list, "remove": list_of(str)}
_DEADLINE_KEYS = {"since": int, "signing": dict, "publication": str}
_PROFILE_KEYS = {"name": str, "title": str, "extends": str, "default": bool, "basis": str,
                 "detect": dict, "parts": dict, "deadlines": dict, "ignore": list_of(str)}


def read_profile(text: str, source: str) -> tuple[YamlSource, dict]:
    src = YamlSource(text, source)
    raw = check_keys(src, src.data, _PROFILE_KEYS, required=("name",))
    check_keys(src, raw.get("detect"), {"title": check_regex, "opening": check_regex, "topic": check_regex,
                                        "topic_min": int, "topic_every": int, "not": check_regex}, "detect")
    parts = check_keys(src, raw.get("parts"), _PARTS_KEYS, "parts")
    for i, item in enumerate(parts.get("items") or []):
        check_keys(src, item, _PART_KEYS, "parts", "items", i, required=("id",))
        for key in ("headings", "mentions"):
            for j, pattern in enumerate(item.get(key) or []):
                check_regex(src, pattern, "parts", "items", i, key, j)
    deadlines = check_keys(src, raw.get("deadlines"), _DEADLINE_KEYS, "deadlines")
    for kind, value in (deadlines.get("signing") or {}).items():
        month_day(src, value, "deadlines", "signing", kind)
    if "publication" in deadlines:
        month_day(src, deadlines["publication"], "deadlines", "publication")
    return src, raw


def load_profiles(files: Iterable[Traversable | Path]) -> dict[str, Profile]:
    """Read profile files and resolve ``extends``; a duplicate or unknown name is an error."""
    raw: dict[str, tuple[YamlSource, dict]] = {}
    for path in files:
        src, data = read_profile(read_text(path, "文档类型文件"), str(path))
        if data["name"] in raw:
            raise src.error(f"文档类型 “{data['name']}” 重复定义（另见 {raw[data['name']][0].name}）", "name")
        raw[data["name"]] = (src, data)
    built: dict[str, Profile] = {}

    def build(name: str, chain: tuple[str, ...]) -> Profile:
        if name in built:
            return built[name]
        src, data = raw[name]
        parent = None
        if data.get("extends"):
            base = data["extends"]
            if base not in raw:
                raise src.error(f"“extends” 指向不存在的文档类型 “{base}”", "extends")
            if base in chain:
                raise src.error(f"文档类型继承出现循环：{' → '.join(chain + (base,))}", "extends")
            parent = build(base, chain + (base,))
        built[name] = _build(src, data, parent)
        return built[name]

    for name in raw:
        build(name, (name,))
    return built


def _build(src: YamlSource, data: dict, parent: Profile | None) -> Profile:
    detect = data.get("detect") or {}
    parts_data = data.get("parts") or {}
    parts = {p.id: p for p in parent.parts} if parent else {}
    for removed in parts_data.get("remove") or []:
        parts.pop(removed, None)
    for item in parts_data.get("items") or []:
        old = parts.get(item["id"])
        if old is None and not item.get("name"):
            raise src.error(f"新的部分 “{item['id']}” 需要 “name”", "parts")
        parts[item["id"]] = Part(
            id=item["id"],
            name=item.get("name") or old.name,
            headings=tuple(re.compile(h) for h in item["headings"]) if "headings" in item else old.headings,
            year_offset=item.get("year_offset", old.year_offset if old else None),
            optional=item.get("optional", old.optional if old else False),
            topical=item.get("topical", old.topical if old else False),
            mentions=(tuple(re.compile(h) for h in item["mentions"]) if "mentions" in item
                      else (old.mentions if old else ())),
        )
    base_deadlines = parent.deadlines if parent else Deadlines()
    return Profile(
        name=data["name"],
        title=data.get("title", parent.title if parent else ""),
        extends=data.get("extends"),
        default=data.get("default", False),
        basis=data.get("basis", parent.basis if parent else ""),
        detect_title=re.compile(detect["title"]) if "title" in detect else (parent.detect_title if parent else None),
        detect_opening=(re.compile(detect["opening"]) if "opening" in detect
                        else (parent.detect_opening if parent else None)),
        detect_topic=(re.compile(detect["topic"]) if "topic" in detect
                      else (parent.detect_topic if parent else None)),
        topic_min=detect.get("topic_min", parent.topic_min if parent else 3),
        topic_every=detect.get("topic_every", parent.topic_every if parent else 1000),
        detect_not=re.compile(detect["not"]) if "not" in detect else (parent.detect_not if parent else None),
        parts=tuple(parts.values()),
        parts_since=parts_data.get("since", parent.parts_since if parent else None),
        deadlines=_merge_deadlines(base_deadlines, data.get("deadlines") or {}, src, ("deadlines",)),
        ignore=tuple((parent.ignore if parent else ()) + tuple(data.get("ignore") or ())),
        depth=parent.depth + 1 if parent else 0,
        source=src.name,
    )


def _merge_deadlines(base: Deadlines, override: dict, src: YamlSource | None, path: tuple) -> Deadlines:
    signing = dict(base.signing)
    for kind, value in (override.get("signing") or {}).items():
        signing[kind] = month_day(src, value, *path, "signing", kind)
    publication = base.publication
    if "publication" in override:
        publication = month_day(src, override["publication"], *path, "publication")
    return Deadlines(override.get("since", base.since), signing, publication)


def choose(doc, profiles: dict[str, Profile], forced: str | None = None) -> Profile:
    """The profile named by the config, else the most specific one that recognises ``doc``."""
    if forced:
        if forced not in profiles:
            raise ConfigError(f"未知的文档类型 “{forced}”（可用：{'、'.join(sorted(profiles))}）")
        return profiles[forced]
    for profile in sorted(profiles.values(), key=lambda p: (-p.depth, p.name)):
        if profile.recognises(doc):
            return profile
    defaults = [p for p in profiles.values() if p.default]
    if defaults:
        return defaults[0]
    return Profile(name="generic")
