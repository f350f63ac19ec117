"""YAML for front matter, composed with bounds before any Python object is built.

PyYAML's SafeLoader accepts what a page's front matter never needs and what can exhaust a
build: aliases that fan out ("billion laughs": a few lines that expand to billions of
values once anything walks or stringifies the tree), nesting deep enough to overflow
Python's stack in the recursive composer, and duplicate keys, of which it silently keeps
the last. `compose` counts while PyYAML composes the node graph, so nothing is expanded
before the bounds hold, and reports each problem at its line.
"""

from __future__ import annotations

import yaml

MAX_ALIASES = 100          # aliases (*name) in one front matter; pages written by hand use few or none
MAX_DEPTH = 32             # nested lists/mappings; the schemas need 3
MAX_EXPANDED = 10_000      # values the document holds once every alias is followed
MAX_CHARACTERS = 200_000   # front matter text; a page's metadata is a few hundred characters


class BoundError(yaml.MarkedYAMLError):
    """A front matter that breaks a bound: located like PyYAML's own errors."""

    def __init__(self, problem: str, mark: yaml.Mark | None, hint: str) -> None:
        super().__init__(problem=problem, problem_mark=mark)
        self.hint = hint


class _BoundedLoader(yaml.SafeLoader):
    """SafeLoader that counts aliases and depth while composing (before the tree exists)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._aliases = 0
        self._depth = 0

    def compose_node(self, parent, index):   # noqa: ANN001 - PyYAML's own signature
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise BoundError(f"more than {MAX_ALIASES} aliases (*name)", self.peek_event().start_mark,
                                 "Write the values out instead of repeating them with &anchor / *alias")
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise BoundError(f"lists or mappings nested more than {MAX_DEPTH} levels deep",
                                 self.peek_event().start_mark, "Front matter needs at most three levels; "
                                 "check for unclosed '[' or '{'")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def compose(text: str) -> tuple[yaml.Node | None, object]:
    """(node graph, constructed data) of a front matter text, or BoundError / yaml.YAMLError.

    Bounds are checked on the node graph, where an alias is one shared node: counting what
    it expands to is linear in the text, whatever the expansion would be.
    """
    if len(text) > MAX_CHARACTERS:
        raise BoundError(f"front matter is longer than {MAX_CHARACTERS} characters", None,
                         "Keep page metadata short; move long text into the page body")
    loader = _BoundedLoader(text)
    try:
        try:
            node = loader.get_single_node()
        except RecursionError:   # a bound that did not hold (another parser path): still located
            raise BoundError("front matter nested too deeply", None, "Check for unclosed '[' or '{'") from None
        if node is None:
            return None, None
        _check_expansion(node)
        return node, loader.construct_document(node)
    finally:
        loader.dispose()


def _check_expansion(root: yaml.Node) -> None:
    """Refuse a graph that expands to more than MAX_EXPANDED values, or refers to itself."""
    sizes: dict[int, int] = {}
    # Iterative post-order walk: an alias chain may be as long as MAX_ALIASES allows.
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    open_nodes: set[int] = set()
    while stack:
        node, children_done = stack.pop()
        ident = id(node)
        if children_done:
            open_nodes.discard(ident)
            total = 1 + sum(sizes[id(child)] for child in _children(node))
            if total > MAX_EXPANDED:
                raise BoundError(f"aliases (*name) expand the front matter to more than {MAX_EXPANDED} values",
                                 node.start_mark, "Write the values out instead of nesting aliases")
            sizes[ident] = total
            continue
        if ident in sizes:
            continue
        if ident in open_nodes:
            raise BoundError("an alias (*name) refers to a list or mapping that contains it", node.start_mark,
                             "Remove the alias: front matter values cannot contain themselves")
        open_nodes.add(ident)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in sizes)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def duplicate_keys(root: yaml.Node) -> list[tuple[str, int, int]]:
    """(key, first line, repeated line) for every key written twice in one mapping.

    Lines are 1-based within the YAML text. Merge keys (`<<`) are YAML's way to override
    on purpose and are not counted. The graph has passed `compose`, so walking it is bounded.
    """
    found: list[tuple[str, int, int]] = []
    seen_nodes: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first: dict[str, int] = {}
            for key_node, _ in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                    continue
                line = key_node.start_mark.line + 1
                if key_node.value in first:
                    found.append((key_node.value, first[key_node.value], line))
                else:
                    first[key_node.value] = line
        stack.extend(_children(node))
    return sorted(found, key=lambda item: item[2])


def shown(value: object, limit: int = 60) -> str:
    """A value as a message may echo it: control and invisible characters escaped, long text cut."""
    text = value if isinstance(value, str) else repr(value)
    if len(text) > limit:
        text = text[:limit] + "…"
    return "".join(c if c.isprintable() or c == " " else _escape(c) for c in text)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
