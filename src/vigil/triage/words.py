"""One tokenise-and-look-up pass for every word cue.

Cues are still *written* as regular expressions over lower-cased text (readable, and what the
lexicon has always been), but they are *compiled* here into phrase tables and matched in one
pass over the report's tokens, instead of running ~60 regexes over the whole text.

What a cue pattern may contain: literals, alternations ``(?:a|b)``, optional parts (``s?``,
``(?:ed)?``), character classes of letters (``[sz]``), ``\\w*``/``\\w+`` at the end of a word
(a prefix: ``jihad\\w*``), ``\\d+`` (any number), ``\\b``/``^``/``$`` (ignored), and *gaps*
(``[^.]{0,80}``, ``.*``, ``\\W+(?:\\w+\\W+){0,2}``), which mean "later in the same sentence,
within about a word per five characters". Anything else raises at import time.

Matching works on tokens: the text is split into sentences at ``.!?;`` followed by a space or
the end and then into runs of letters and digits; contractions are expanded (``won't`` ->
``will not``, ``he'll`` -> ``he will``, ``'s`` dropped) the same way for patterns and text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from re import _parser as sre_parse  # type: ignore[attr-defined]

from vigil.triage.word_patterns import (
    GAP_CHARS_PER_TOKEN,
    Chain,
    Elem,
    Phrase,
    _segments,
    _strings,
    expand_contractions,
    phrase_of,
)

_TOKEN_OR_BREAK = re.compile(r"[a-z0-9]+|[.!?;]+(?=\s|$)|\n")
_BREAK_CHARS = frozenset(".!?;\n")


@dataclass(slots=True)
class Tokens:
    """A report as tokens, with the sentence each token is in."""

    words: list[str]
    sentence: list[int]

    @classmethod
    def of(cls, lower: str) -> Tokens:
        words: list[str] = []
        sentence: list[int] = []
        n = 0
        for tok in _TOKEN_OR_BREAK.findall(expand_contractions(lower)):
            if tok[0] in _BREAK_CHARS:
                n += 1
            else:
                words.append(tok)
                sentence.append(n)
        return cls(words, sentence)


class _Node:
    """A trie node over tokens: exact next words, prefix next words, a number, and the
    phrase sets that end here."""

    __slots__ = ("ends", "exact", "has_next", "number", "prefix")

    def __init__(self) -> None:
        self.exact: dict[str, _Node] = {}
        self.prefix: dict[str, _Node] = {}
        self.number: _Node | None = None
        self.ends: list[int] = []
        self.has_next = False

    def child(self, elem: Elem) -> _Node:
        self.has_next = True
        text, kind = elem
        if kind == 2:
            if self.number is None:
                self.number = _Node()
            return self.number
        table = self.prefix if kind == 1 else self.exact
        node = table.get(text)
        if node is None:
            node = table[text] = _Node()
        return node

    def step(self, word: str) -> list[_Node]:
        out: list[_Node] = []
        node = self.exact.get(word)
        if node is not None:
            out.append(node)
        if self.prefix:
            out.extend(n for p, n in self.prefix.items() if word.startswith(p))
        if self.number is not None and word.isdigit():
            out.append(self.number)
        return out


@dataclass(slots=True)
class Lexicon:
    """Every phrase set of every named pattern, in one token trie matched in one pass."""

    phrases: list[list[Phrase]] = field(default_factory=list)
    patterns: dict[str, list[Chain]] = field(default_factory=dict)
    simple: dict[str, frozenset[int]] = field(default_factory=dict)
    gapped: dict[str, list[Chain]] = field(default_factory=dict)
    names_of_set: dict[int, set[str]] = field(default_factory=dict)
    gapped_from: dict[int, list[tuple[str, Chain]]] = field(default_factory=dict)
    _root: _Node = field(default_factory=_Node)
    _cache: dict[str, list[_Node]] = field(default_factory=dict)

    def add(self, name: str, pattern: str) -> None:
        if name in self.patterns:
            # a second pattern under one name would replace the first's spans (`find`) while
            # both still count as a match (`names`): merge them into one alternation instead
            raise ValueError(f"cue pattern {name!r} is defined twice")
        self._add(name, pattern)
        chains = self.patterns[name]
        self.simple[name] = frozenset(c.sets[0] for c in chains if len(c.sets) == 1)
        self.gapped[name] = [c for c in chains if len(c.sets) > 1]
        for sid in self.simple[name]:
            self.names_of_set.setdefault(sid, set()).add(name)
        for chain in self.gapped[name]:
            self.gapped_from.setdefault(chain.sets[0], []).append((name, chain))

    def _add(self, name: str, pattern: str) -> None:
        chains: list[Chain] = []
        for chain in _segments(sre_parse.parse(pattern)):
            sets: list[int] = []
            gaps: list[int] = []
            for items, gap in chain:
                phrases = sorted({p for s in _strings(items) if (p := phrase_of(s))})
                if not phrases:
                    continue
                sets.append(self._add_set(phrases))
                gaps.append(max(1, gap // GAP_CHARS_PER_TOKEN + 1) if gap else 0)
            if sets:
                chains.append(Chain(tuple(sets), tuple(gaps)))
        self.patterns[name] = chains

    def _add_set(self, phrases: list[Phrase]) -> int:
        sid = len(self.phrases)
        self.phrases.append(phrases)
        for phrase in phrases:
            node = self._root
            for elem in phrase:
                node = node.child(elem)
            if sid not in node.ends:
                node.ends.append(sid)
        self._cache.clear()
        return sid

    def _from_root(self, word: str) -> list[_Node]:
        hit = self._cache.get(word)
        if hit is None:
            hit = self._root.step(word)
            if len(self._cache) < 200_000:
                self._cache[word] = hit
        return hit

    def match(self, tokens: Tokens) -> Matches:
        words = tokens.words
        n = len(words)
        spans: dict[int, list[tuple[int, int]]] = {}
        cache = self._cache
        for i, word in enumerate(words):
            roots = cache.get(word)
            if roots is None:
                roots = self._from_root(word)
            for root in roots:
                node, j = root, i + 1
                while True:
                    for sid in node.ends:
                        if sid in spans:
                            spans[sid].append((i, j))
                        else:
                            spans[sid] = [(i, j)]
                    if j >= n or not node.has_next:
                        break
                    following = node.step(words[j])
                    if not following:
                        break
                    if len(following) > 1:  # rare: a prefix and an exact word both continue
                        for other in following[1:]:
                            _walk(other, i, j + 1, words, spans)
                    node, j = following[0], j + 1
        for found in spans.values():
            found.sort()
        return Matches(self, tokens, spans)


def _walk(node: _Node, i: int, j: int, words: list[str], spans: dict[int, list[tuple[int, int]]]) -> None:
    for sid in node.ends:
        spans.setdefault(sid, []).append((i, j))
    if j < len(words) and node.has_next:
        for nxt in node.step(words[j]):
            _walk(nxt, i, j + 1, words, spans)


@dataclass(slots=True)
class Matches:
    lexicon: Lexicon
    tokens: Tokens
    spans: dict[int, list[tuple[int, int]]]
    _memo: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    _names: set[str] | None = None

    def find(self, name: str) -> list[tuple[int, int]]:
        """Token spans (start, end) where the named pattern matches, in text order."""
        memo = self._memo.get(name)
        if memo is not None:
            return memo
        out: list[tuple[int, int]] = []
        for chain in self.lexicon.patterns[name]:
            out.extend(self._chain(chain))
        out.sort()
        self._memo[name] = out
        return out

    def has(self, name: str) -> bool:
        return name in self.names()

    def names(self) -> set[str]:
        """The names of every pattern that matches (computed once, from the sets found)."""
        if self._names is None:
            lex = self.lexicon
            found: set[str] = set()
            for sid in self.spans:
                found |= lex.names_of_set.get(sid, set())
                for name, chain in lex.gapped_from.get(sid, ()):
                    if (
                        name not in found
                        and all(later in self.spans for later in chain.sets[1:])
                        and self._chain(chain)
                    ):
                        found.add(name)
            self._names = found
        return self._names

    def _chain(self, chain: Chain) -> Iterable[tuple[int, int]]:
        first = self.spans.get(chain.sets[0])
        if not first:
            return []
        if len(chain.sets) == 1:
            return first
        sent = self.tokens.sentence
        out: list[tuple[int, int]] = []
        for start, end in first:
            cur_end: int | None = end
            for sid, gap in zip(chain.sets[1:], chain.gaps[1:], strict=True):
                nxt = [
                    s
                    for s in self.spans.get(sid, ())
                    if cur_end is not None and cur_end <= s[0] <= cur_end + gap and sent[s[0]] == sent[start]
                ]
                cur_end = min(e for _, e in nxt) if nxt else None
                if cur_end is None:
                    break
            if cur_end is not None:
                out.append((start, cur_end))
        return out

    def words_before(self, start: int, k: int) -> list[str]:
        """Up to `k` words before token `start` in the same sentence."""
        sent = self.tokens.sentence
        return [
            w
            for j, w in enumerate(self.tokens.words[max(0, start - k) : start], max(0, start - k))
            if sent[j] == sent[start]
        ]


def build(patterns: Iterable[tuple[str, str]]) -> Lexicon:
    lex = Lexicon()
    for name, pattern in patterns:
        lex.add(name, pattern)
    return lex
