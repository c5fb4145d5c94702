"""Compiles the gettext catalogues (ledger/locale/*/LC_MESSAGES/messages.po -> .mo) whenever the
package is built: ``pip install -e .`` as a wheel, so the installed Kirjuri reads compiled catalogues
and no .mo is ever kept in git (where it would go stale beside its .po).

An editable install reads the package from this tree, so the .mo are written beside their .po; a
wheel takes them as artifacts (they are git-ignored, which would otherwise leave them out). The
wheel ships the compiled catalogues only: the .po and the .pot stay in the sdist and the repository.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogueHook(BuildHookInterface):
    """``pybabel compile`` for every language, as a build step."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        for po in sorted(Path(self.root, "ledger", "locale").glob("*/LC_MESSAGES/messages.po")):
            with po.open("rb") as f:
                catalog = read_po(f, locale=po.parts[-3])
            with po.with_suffix(".mo").open("wb") as f:
                write_mo(f, catalog)
        build_data["artifacts"].append("ledger/locale/*/LC_MESSAGES/messages.mo")
