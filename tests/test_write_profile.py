"""`kirjuri import BOOK --write-profile FILE`: what the import assumed where the book is silent (the city's
code, the toimiala codes, the investment lines' codes, each node's level and parent), written as a profile
the user edits and gives back with --profile. Given back unedited it records exactly the same events; an
edited code is the code recorded; it is written with and without --apply, and a path that would destroy
or lose something is refused in one line with nothing written."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import msgspec
from hypothesis import given, settings
from hypothesis import strategies as st
from test_cli import kirjuri

from ledger.app import Kirjuri
from ledger.books.assumed import profile_text
from ledger.books.plan import Node, load_profile
from ledger.store.log import Target

BOOKS = Path(__file__).parents[1].parent / "shared" / "books" / "seinajoki-tp-2024"
BLOCKS = str(BOOKS / "seinajoki_tp2024_8-1_kayttotalous_tulosalueet.txt")
INVESTMENTS = str(BOOKS / "seinajoki_tp2024_8-3_investointiosa.txt")
SEED = str(Path(__file__).parents[1].parent / "shared" / "seeds" / "001_aaaf02521da22339.txt")


def _events(db: str) -> list[dict]:
    """Every event the ledger holds, as data, less when it was recorded (two runs differ only there)."""
    app = Kirjuri(Target(sqlite_path=Path(db)))
    try:
        stored = app.records(range(1, app.state.seq + 1))
        return [{k: v for k, v in msgspec.to_builtins(s.event).items() if k != "recorded_at"}
                for _seq, s in sorted(stored.items())]
    finally:
        app.close()


def _ledger(tmp_path: Path, name: str) -> str:
    db = str(tmp_path / f"{name}.sqlite")
    assert kirjuri(db, "init").exit_code == 0
    return db


def _import(db: str, book: str, *args: str):
    return kirjuri(db, "import", book, *args, "--confirm", "authority.overrun")


def test_the_profile_given_back_records_exactly_the_same_events(tmp_path):
    for book in (BLOCKS, INVESTMENTS, SEED):
        first, second = _ledger(tmp_path, "first"), _ledger(tmp_path, "second")
        written = tmp_path / "assumed.toml"
        result = _import(first, book, "--write-profile", str(written), "--apply")
        assert result.exit_code == 0, result.output
        again = _import(second, book, "--profile", str(written), "--apply")
        assert again.exit_code == 0, again.output
        assert _events(first) == _events(second) and len(_events(first)) > 1
        written.unlink(), Path(first).unlink(), Path(second).unlink()


def test_the_profile_holds_what_the_book_does_not_say(tmp_path):
    written = tmp_path / "assumed.toml"
    assert _import(_ledger(tmp_path, "l"), BLOCKS, "--write-profile", str(written)).exit_code == 0
    profile = load_profile(written)
    assert (profile.root.code, profile.root.name) == ("SEINAJOEN-KAUPUNKI", "Seinäjoen kaupunki")
    assert profile.nodes["KONSERNIPALVELUT"] == Node("KONSERNIPALVELUT", "KONSERNIPALVELUT", "toimiala",
                                                     "SEINAJOEN-KAUPUNKI")
    assert profile.nodes["Vaalit"] == Node("100", "Vaalit", "vastuualue", "KONSERNIPALVELUT")
    assert sum(n.level == "vastuualue" for n in profile.nodes.values()) == 27
    invest = tmp_path / "invest.toml"
    assert _import(_ledger(tmp_path, "m"), INVESTMENTS, "--write-profile", str(invest)).exit_code == 0
    assert load_profile(invest).codes["Rakennukset"] == "SEINAJOEN-KAUPUNKI-I03"


def test_an_edited_code_is_the_code_recorded(tmp_path, english):
    written, edited = tmp_path / "assumed.toml", tmp_path / "edited.toml"
    db = _ledger(tmp_path, "l")
    assert _import(db, BLOCKS, "--write-profile", str(written)).exit_code == 0
    text = written.read_text(encoding="utf-8")
    edited.write_text(text.replace('code = "100"', 'code = "VAALIT"').replace(
        '"SEINAJOEN-KAUPUNKI"', '"SEINAJOKI"'), encoding="utf-8")
    assert _import(db, BLOCKS, "--profile", str(edited), "--apply").exit_code == 0
    app = Kirjuri(Target(sqlite_path=Path(db)))
    try:
        units = app.state.units
        assert "VAALIT" in units and "100" not in units and "SEINAJOEN-KAUPUNKI" not in units
        assert units["VAALIT"].parent == "KONSERNIPALVELUT" and units["KONSERNIPALVELUT"].parent == "SEINAJOKI"
        assert app.state.own_figures(2024, "VAALIT")
    finally:
        app.close()
    invest, db2 = tmp_path / "invest.toml", _ledger(tmp_path, "m")
    assert _import(db2, INVESTMENTS, "--write-profile", str(invest)).exit_code == 0
    invest.write_text(invest.read_text(encoding="utf-8").replace('"SEINAJOEN-KAUPUNKI-I03"', '"RAKENNUKSET"'),
                      encoding="utf-8")
    result = _import(db2, INVESTMENTS, "--profile", str(invest))
    assert "Project opened RAKENNUKSET Rakennukset" in result.output
    assert "SEINAJOEN-KAUPUNKI-I03" not in result.output


def test_a_parent_that_is_no_code_is_flagged_by_the_preview_as_apply_refuses_it(tmp_path, english):
    """An edited parent naming no unit: the preview says so in one line (field, value) and exits 1, as --apply
    does, with nothing written, for a tilinpäätös's blocks and for a budget book's tables alike."""
    for book in (BLOCKS, SEED):
        written, edited, db = tmp_path / "assumed.toml", tmp_path / "edited.toml", _ledger(tmp_path, "l")
        assert _import(db, book, "--write-profile", str(written)).exit_code == 0
        text = written.read_text(encoding="utf-8")
        assert 'parent = "' in text
        edited.write_text(re.sub(r'parent = "[^"]*"', 'parent = "EI-OLE"', text, count=1), encoding="utf-8")
        for apply in ((), ("--apply",)):
            result = _import(db, book, "--profile", str(edited), *apply)
            assert result.exit_code == 1, result.output
            assert result.output.count("EI-OLE") == 1 and \
                result.output.strip().splitlines()[-1] == "kirjuri: parent: 'EI-OLE' is not a known unit"
            assert kirjuri(db, "head").output.startswith("#0")
        assert _import(db, book, "--profile", str(written)).exit_code == 0
        written.unlink(), edited.unlink(), Path(db).unlink()


def test_written_with_and_without_apply_and_only_apply_records(tmp_path):
    preview, applied = tmp_path / "preview.toml", tmp_path / "applied.toml"
    db = _ledger(tmp_path, "l")
    assert _import(db, BLOCKS, "--write-profile", str(preview)).exit_code == 0
    assert kirjuri(db, "head").output.startswith("#0")
    assert _import(db, BLOCKS, "--write-profile", str(applied), "--apply").exit_code == 0
    assert not kirjuri(db, "head").output.startswith("#0")
    assert preview.read_text(encoding="utf-8") == applied.read_text(encoding="utf-8")


def test_a_path_that_would_destroy_or_lose_something_is_refused_with_nothing_written(tmp_path, english):
    db = _ledger(tmp_path, "l")
    given = tmp_path / "given.toml"
    assert _import(db, BLOCKS, "--write-profile", str(given)).exit_code == 0
    before = (Path(db).read_bytes(), given.read_text(encoding="utf-8"), Path(BLOCKS).read_bytes())
    folder = tmp_path / "folder"
    folder.mkdir()
    for path, why in ((db, "is the ledger itself"), (str(folder), "is a folder"), (BLOCKS, "reads"),
                      (str(given), "reads"), (str(tmp_path / "nowhere" / "p.toml"), "does not exist"),
                      ("/proc/kirjuri-profile.toml", "cannot be written")):
        for apply in ((), ("--apply",)):
            result = _import(db, BLOCKS, "--profile", str(given), "--write-profile", path, *apply)
            lines = result.output.strip().splitlines()
            assert result.exit_code == 1 and len(lines) == 1, result.output
            assert lines[0].startswith(f"kirjuri: --write-profile: {path!r}") and why in lines[0], lines[0]
            assert "Traceback" not in result.output
    assert (Path(db).read_bytes(), given.read_text(encoding="utf-8"), Path(BLOCKS).read_bytes()) == before
    assert list(folder.iterdir()) == [] and not (tmp_path / "nowhere").exists()


def test_an_existing_file_is_replaced_only_with_force(tmp_path, english):
    db, there = _ledger(tmp_path, "l"), tmp_path / "there.toml"
    there.write_text("# mine\n", encoding="utf-8")
    refused = _import(db, BLOCKS, "--write-profile", str(there))
    assert refused.exit_code == 1 and "already exists" in refused.output
    assert there.read_text(encoding="utf-8") == "# mine\n"
    assert _import(db, BLOCKS, "--write-profile", str(there), "--force").exit_code == 0
    assert load_profile(there).nodes["Vaalit"].code == "100"


def test_a_long_table_or_actuals_has_no_profile_to_write(tmp_path):
    db, path = _ledger(tmp_path, "l"), tmp_path / "p.toml"
    table = tmp_path / "figures.csv"
    table.write_text("year,column,unit,unit_path,unit_name,level,account,amount,decision,effective,period_start,"
                     "period_end,note\n", encoding="utf-8")
    result = kirjuri(db, "import", str(table), "--write-profile", str(path))
    assert result.exit_code == 1 and "--write-profile" in result.output and "figures.csv" in result.output
    assert not path.exists()


_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=30)


@settings(max_examples=60, deadline=None)
@given(root=st.tuples(_TEXT, _TEXT), title=_TEXT, node=st.tuples(_TEXT, _TEXT, _TEXT),
       codes=st.dictionaries(_TEXT, _TEXT, max_size=3))
def test_any_name_reads_back_as_written(tmp_path_factory, root, title, node, codes):
    """Quotes, backslashes and any letter in a name or code: the written profile reads back the same."""
    path = tmp_path_factory.mktemp("p") / "p.toml"
    nodes = {title: Node(node[0], node[1], node[2], root[0])}
    path.write_text(profile_text(source="k.pdf", digest="0" * 64, year=2024, root=root, nodes=nodes, codes=codes,
                                 decisions={}), encoding="utf-8")
    profile = load_profile(path)
    assert (profile.root.code, profile.root.name) == root
    assert profile.nodes == nodes and profile.codes == codes
    assert tomllib.loads(path.read_text(encoding="utf-8"))["root"]["code"] == root[0]
