"""The organisation tree (kaupunki → toimiala → vastuualue → yksikkö) with type-to-filter."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static, Tree
from textual.widgets.tree import TreeNode

from ledger.domain.text import shown as shown_text
from tui.i18n import Texts
from tui.messages import UnitChosen
from tui.viewmodel import PART_LEVEL, TreeEntry, filter_entries, tree_code


def _matches(entry: TreeEntry, text: str) -> bool:
    needle = text.strip().casefold()
    return needle in entry.code.casefold() or needle in entry.name.casefold()


def _label(entry: TreeEntry) -> Text:
    """A unit or project by its code, as short as tells it apart (``tree_code``), and its name; a part of the
    budget by its name alone (its code is the UI's)."""
    if entry.level == PART_LEVEL:
        return Text(shown_text(entry.name), style="bold italic")
    code = tree_code(entry.code, entry.name)
    if code is None:
        return Text(shown_text(entry.name))
    return Text.assemble((shown_text(code), "bold"), " ", shown_text(entry.name))


class FilterInput(Input):
    """The filter line: what is typed is text; Enter or ↓ goes to the tree keeping the filter, Escape clears it."""

    BINDINGS: ClassVar = [
        Binding("enter,down", "leave", show=False),
        Binding("escape", "cancel", show=False),
    ]

    def action_leave(self) -> None:
        org = self.query_ancestor(OrgTree)
        self.screen.set_focus(org.tree)

    def action_cancel(self) -> None:
        org = self.query_ancestor(OrgTree)
        org.clear_filter()
        self.screen.set_focus(org.tree)


class OrgTree(Vertical):
    """A year line, a filter line (shown on "/") and the tree; posts ``UnitChosen`` as the cursor moves."""

    def __init__(self, texts: Texts, **kwargs) -> None:
        super().__init__(**kwargs)
        self.texts = texts
        self.entries: list[TreeEntry] = []
        self.nodes: dict[str, TreeNode[str]] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="years")
        yield FilterInput(placeholder=self.texts("tree.filter"), id="filter")
        tree: Tree[str] = Tree(self.texts("tree.title"), id="tree")
        tree.show_root = False
        tree.guide_depth = 2
        yield tree

    @property
    def tree(self) -> Tree[str]:
        return self.query_one("#tree", Tree)

    @property
    def filter_input(self) -> Input:
        return self.query_one("#filter", Input)

    @property
    def filter_text(self) -> str:
        return self.filter_input.value if self.filter_input.display else ""

    @property
    def codes(self) -> list[str]:
        """The codes the tree shows now, top to bottom (collapsed branches included)."""
        return list(self.nodes)

    def show_years(self, years: list[int], year: int) -> None:
        """"< 2024 [2025] 2026 >": the year shown between the ones "<" and ">" go to."""
        before = [y for y in years if y < year]
        after = [y for y in years if y > year]
        line = Text("< " + (f"{before[-1]} " if before else ""))
        line.append(f"[{year}]", style="bold reverse")
        line.append((f" {after[0]}" if after else "") + " >")
        self.query_one("#years", Static).update(line)

    def show(self, entries: list[TreeEntry], keep: str | None) -> str | None:
        """Rebuild from ``entries``, keep the cursor on ``keep`` if it is still there; return the code under it.

        The same organisation again (time travel that crossed no unit's change) keeps the
        tree as it is: at a thousand units a rebuild costs a keypress 50–150 ms.
        """
        if entries == self.entries and keep is not None and keep in self.nodes and self.cursor_code == keep:
            return keep
        self.entries = entries
        return self._rebuild(keep)

    def _rebuild(self, keep: str | None) -> str | None:
        shown = filter_entries(self.entries, self.filter_text)
        tree = self.tree
        tree.clear()
        self.nodes = {}
        stack: list[TreeNode[str]] = [tree.root]
        for i, entry in enumerate(shown):
            del stack[entry.depth + 1:]
            label = _label(entry)
            has_children = i + 1 < len(shown) and shown[i + 1].depth > entry.depth
            node = stack[-1].add(label, data=entry.code, expand=True, allow_expand=has_children)
            self.nodes[entry.code] = node
            stack.append(node)
        target = keep if keep in self.nodes else self._first_match(shown)
        if target is not None:
            self.move_to(target)
            self.post_message(UnitChosen(target))
        return target

    def _first_match(self, shown: list[TreeEntry]) -> str | None:
        text = self.filter_text
        hit = next((e.code for e in shown if _matches(e, text)), None) if text else None
        return hit or (shown[0].code if shown else None)

    def move_to(self, code: str) -> bool:
        """Put the cursor on ``code``, opening the branches above it; False if it is not shown."""
        node = self.nodes.get(code)
        if node is None:
            return False
        parent = node.parent
        while parent is not None:
            parent.expand()
            parent = parent.parent
        self.tree.last_line  # noqa: B018 - lays out the lines so the node knows its line
        self.tree.move_cursor(node)
        return True

    def open_filter(self) -> None:
        """Show the filter line and type into it at once (a fast typist's next key lands there)."""
        if not self.filter_input.display:
            self.filter_input.value = ""
        self.filter_input.display = True
        self.screen.set_focus(self.filter_input)

    def clear_filter(self) -> None:
        keep = self.cursor_code
        self.filter_input.value = ""
        self.filter_input.display = False
        self._rebuild(keep)

    @property
    def cursor_code(self) -> str | None:
        node = self.tree.cursor_node
        return node.data if node is not None else None

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.filter_input.display:
            keep = self.cursor_code
            matched = [e.code for e in self.entries if _matches(e, event.value)]
            self._rebuild(keep if keep in matched else None)

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        event.stop()
        if event.node.data is not None:
            self.post_message(UnitChosen(event.node.data))
