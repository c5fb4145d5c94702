"""The figures' columns in pages: every column once, in order, and no page wider than the room."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.widgets.figures import LEAST_LABEL, PADDING, label_width, pages


@given(st.lists(st.integers(1, 30), max_size=12), st.integers(0, 60), st.integers(1, 200))
def test_every_column_once_in_order_and_each_page_fits_beside_the_labels(widths, label, room):
    found = pages(widths, label, room)
    assert [i for page in found for i in page] == list(range(len(widths)))
    left = room - label - PADDING - 1
    for page in found:
        # a page holds one column wider than the room alone (or none: a node with no figures), else what fits
        assert len(page) <= 1 or sum(widths[i] + PADDING for i in page) <= left


def test_a_table_not_laid_out_yet_is_one_page():
    assert pages([10, 12, 9], 20, 0) == [[0, 1, 2]]


def test_an_80_column_screen_turns_ta_muutokset_and_ta_plus_into_two_pages():
    # Joukkoliikenne at 80x24: 56 cells beside the tree, labels 23 wide; TA, TA-muutokset, TA+muutos
    assert pages([8, 12, 9], 23, 56) == [[0, 1], [2]]


@given(st.lists(st.integers(1, 30), max_size=12), st.integers(0, 80), st.integers(1, 200))
def test_the_labels_are_as_wide_as_the_longest_unless_the_two_widest_columns_then_would_not_fit(widths, widest, room):
    label = label_width(widest, widths, room)
    beside = sum(w + PADDING for w in sorted(widths, reverse=True)[:2])
    assert label <= widest
    if widest + PADDING + 1 + beside <= room:
        assert label == widest
    else:  # narrower, a longer label folding: the two widest columns fit beside it, or it is as narrow as allowed
        assert label + PADDING + 1 + beside <= room or label == min(widest, LEAST_LABEL)


def test_kevs_long_labels_fold_so_ta_and_ta_plus_muutos_fit_beside_them_at_80x24():
    # Konserni- ja elinvoimapalvelut at 80x24: 53 cells beside the tree, its longest label 51 wide
    label = label_width(51, [10, 12, 10, 10], 53)
    assert label < 51 and pages([10, 12, 10, 10], label, 53)[0] == [0, 1]


def test_a_page_header_too_wide_for_the_labels_column_says_its_page_whole_in_short(tmp_path):
    """Seinäjoki's city at 80x24 in Swedish: "Konto · c: kolumner 1/4" is wider than the labels' column,
    so the header says "c: kolumner 1/4" rather than a cut "Konto · c: kolumner 1/"."""
    import asyncio
    import datetime as dt
    import re

    from conftest import restore_example
    from cut import screen_lines
    from test_tui import settled

    from tui.app import KirjuriApp

    ledger = restore_example(tmp_path, "seinajoki")
    app = KirjuriApp(ledger, today=dt.date(2024, 11, 22), lang="sv")

    async def main() -> list[str]:
        async with app.run_test(size=(80, 24)) as pilot:
            await settled(app)
            await pilot.pause()
            return screen_lines(app)

    lines = asyncio.run(main())
    ledger.close()
    header = next(line for line in lines if "kolumner" in line)
    assert re.search(r"c: kolumner \d+/\d+", header), header
