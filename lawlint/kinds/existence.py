from __future__ import annotations

import re

from lawlint.engine.prefilter import met, needs
from lawlint.engine.schema import LazyPattern, compile_pattern
from lawlint.kinds.base import YamlRule, alternation, regex_alternatives

_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")


class Existence(YamlRule):
    """Tokens or patterns that must not appear (``tokens``: regular expressions)."""

    kind = "existence"
    keys = {"tokens": regex_alternatives}
    required = ("tokens",)
    fields = ("match",)
    default_message = "不应出现“{match}”"

    @classmethod
    def compile(cls, src, data):
        return {"pattern": compile_pattern(src, alternation(data["tokens"])), "tokens": tuple(data["tokens"])}

    def check(self, doc):
        pattern = self._possible(doc)
        if not self.anywhere(doc, pattern):
            return  # the usual case: the units are not even listed
        for unit in self.units(doc):
            for m in self.matches(doc, unit, pattern):
                yield self.report(unit.span(m.start(), m.end()), match=m[0])

    def _possible(self, doc):
        """The alternation of the tokens that can match in this document (what each match
        contains, ``prefilter.needs``, is in its text): a token that matches nowhere adds
        nothing to the alternation, but re tries it at every place — one token starting with
        any Han character costs more than the others together.  The whole alternation when
        all can, or when leaving some out could change what the rest match (a group that
        another token refers to, global flags)."""
        prepared = _TOKENS.get(type(self))
        if prepared is None:
            tokens = getattr(self, "tokens", ())
            safe = len(tokens) > 1 and not any(_GLOBAL_FLAGS.search(t) for t in tokens)
            prepared = _TOKENS[type(self)] = [(t, needs(LazyPattern(t))) for t in tokens] if safe else []
        if not prepared:
            return self.pattern
        text = self._scope_text(doc)
        kept = tuple(t for t, need in prepared if met(need, text, doc.presence))
        if len(kept) == len(prepared) or not kept:
            return self.pattern
        key = (type(self), kept)
        pattern = _PRUNED.get(key)
        if pattern is None:
            try:
                pattern = re.compile(alternation(list(kept)))
            except re.error:  # a token referring to a group of one left out
                pattern = None
            if pattern is not None and (pattern.groups or pattern.flags != self.pattern.flags):
                pattern = None  # without a group, no token can refer to one
            pattern = _PRUNED[key] = pattern or self.pattern
        return pattern


_TOKENS: dict[type, list] = {}         # per rule: each token with what its matches contain
_PRUNED: dict[tuple, re.Pattern] = {}  # per rule and tokens kept: their alternation
