"""The terminal UI in a real terminal: tmux at 120×40 and at 80×24, driven from the keyboard.

A new user's path through the Kemijärvi example, as issue 4 asks: find Joukkoliikenne in
2026, read its 2026 service transfer in the audit trail (whole, at 80×24 too) and open it,
log a TA-muutos with its decision, travel back to before it and return, then quit. The real
``kirjuri tui`` runs in a private tmux server, under a shell that prints its exit status; keys
go in with ``send-keys`` (one at a time, a tenth of a second apart as a person types, or all in
one burst as keys arrive from a fast typist) and the screen comes back with ``capture-pane``:
every check reads what is on the screen. Last, the ledger file itself is read: the event is
there with its decision.

Needs tmux (CI installs it in .ci/run): without it this test fails rather than skips.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from events.model import TaAmended
from ledger.app import Kirjuri
from ledger.store.exchange import read_export
from ledger.store.log import Target
from ledger.domain.vocabulary import FIELDS

EXAMPLE = Path(__file__).parents[1] / "examples" / "kemijarvi.json"
EVENTS = 161
#: the events on Joukkoliikenne's audit trail in the example
TRAIL = 11
TITLE = "Joukkoliikenne (JOUKKOLIIKENNE) · 2026"
#: the 2026 service transfer (#111) as the trail's "Laji · Muutos" cell says it, whole
TRANSFER = "Palvelu siirretty · JOUKKOLIIKENNE: HALL → ELTY (vuoden 2026 luvuista)"
#: the line between the organisation tree and the right-hand side
BORDER = "▕"
#: a key and the next, pressed by a person (a new user is no faster)
GAP = 0.1
TIMEOUT = 20.0
EXITED_TEXT = "[kirjuri exited with status"
EXITED = re.compile(re.escape(EXITED_TEXT) + r" (\d+)")


def kirjuri_command() -> list[str]:
    """The installed ``kirjuri`` beside this Python (the venv's script), else its entry point run by this Python."""
    script = Path(sys.executable).parent / "kirjuri"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from cli.app import main; main()"]


class Terminal:
    """One program in a private tmux server at a fixed size: keys in, the screen as text out."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.socket = f"kirjuri-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.tmux_path = shutil.which("tmux")
        self.socket_path = ""

    def tmux(self, *args: str, check: bool = True) -> str:
        env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "TMUX_PANE")}
        done = subprocess.run([self.tmux_path, "-L", self.socket, "-f", "/dev/null", *args], env=env,
                              capture_output=True, text=True, timeout=10)
        if check and done.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def start(self, command: list[str], env: dict[str, str], cwd: Path) -> None:
        """Run ``command`` with ``env`` in the pane; a shell around it prints its exit status when it ends."""
        assert self.tmux_path, "tmux is not installed: this test needs a real terminal (apt-get install tmux)"
        script = f'{" ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())} "$@"; echo "{EXITED_TEXT} $?]"'
        self.tmux("new-session", "-d", "-s", "app", "-x", str(self.width), "-y", str(self.height), "-c", str(cwd),
                  "sh", "-c", script, "sh", *command,
                  ";", "set-option", "-g", "remain-on-exit", "on", ";", "set-option", "-g", "escape-time", "0")
        self.socket_path = self.tmux("display-message", "-p", "-t", "app", "#{socket_path}").strip()

    def close(self) -> None:
        """End the private server and everything in it; tmux leaves its socket file behind, so remove that too."""
        if self.tmux_path:
            self.tmux("kill-server", check=False)
        if self.socket_path:
            Path(self.socket_path).unlink(missing_ok=True)

    # --- the screen ------------------------------------------------------------------------------

    def screen(self, history: bool = False) -> str:
        """The screen as text (with ``history``, the lines scrolled off it too); the app's no-break spaces
        (thousands) read as spaces."""
        start = ["-S", "-"] if history else []
        return self.tmux("capture-pane", "-p", *start, "-t", "app").replace("\xa0", " ")

    def exit_status(self) -> int | None:
        """The program's exit status once it has ended (the shell of ``start`` prints it), else None."""
        found = EXITED.search(self.screen(history=True))
        return int(found.group(1)) if found else None

    def wait(self, seen: Callable[[str], bool], what: str, timeout: float = TIMEOUT) -> str:
        """The first screen on which ``seen`` holds and that the next capture shows unchanged (a frame reaches
        the pane in pieces: one capture may hold its top half over the last frame's bottom); fails with the
        last screen after ``timeout`` seconds, or at once if the program has ended."""
        deadline = time.monotonic() + timeout
        while True:
            text = self.screen()
            if seen(text) and self.screen() == text:
                return text
            ended = self.exit_status() is not None
            if ended or time.monotonic() > deadline:
                why = "the program ended" if ended else f"not seen in {timeout:.0f} s"
                text = self.screen(history=ended)
                raise AssertionError(f"{self.width}x{self.height}: {why}: {what}{hint(text)}\n{text}")
            time.sleep(0.05)

    def shot(self, name: str, text: str) -> str:
        """Print a screen the scenario looked at (shown with the failure, or with pytest -s)."""
        print(f"--- {self.width}x{self.height} {name} ---\n{text}")
        return text

    # --- the keyboard ----------------------------------------------------------------------------

    def press(self, *keys: str) -> None:
        """tmux key names (Tab, Enter, C-s, …), one after another as a person presses them."""
        for key in keys:
            self.tmux("send-keys", "-t", "app", key)
            time.sleep(GAP)

    def type(self, text: str) -> None:
        """Text, one character at a time ("§" too), with a person's gaps."""
        for char in text:
            self.tmux("send-keys", "-t", "app", "-l", "--", char)
            time.sleep(GAP)

    def burst(self, *parts: str) -> None:
        """Everything in one send-keys: key names (Tab, Enter) as keys, anything else as typed text."""
        self.tmux("send-keys", "-t", "app", *parts)


# --- reading the screen -----------------------------------------------------------------------------


def hint(screen: str) -> str:
    """What is visibly wrong on a screen the scenario waited for in vain."""
    right = right_side(screen)
    if {row.split()[0] for row in right if row.strip()} & {"MENO", "TULO", "NETT"}:
        return (" (the figures table's columns are drawn at their headers' widths, its numbers cut:"
                " the widths measured after the rows were added never reached the screen)")
    title = figures_title(screen)
    tree = "\n".join(line.split(BORDER)[0] for line in screen.splitlines() if BORDER in line)
    code = re.search(r"\(([A-Z0-9-]+)\)", title)
    unit = code.group(1) if code else title.split(" ")[0].upper()
    if unit and unit not in tree.upper():
        return (f" (the figures and the trail are those of {title.split(' (')[0]!r}, a unit the tree does not"
                " show: they did not follow the tree's cursor)")
    return ""


def right_side(screen: str) -> list[str]:
    """The lines right of the tree: figures title, figures, trail title, trail (same column for every line)."""
    return [line[line.index(BORDER) + 1:] for line in screen.splitlines() if BORDER in line]


def figures_title(screen: str) -> str:
    lines = right_side(screen)
    return lines[0].strip() if lines else ""


NUMBER = re.compile(r"-?\d{1,3}(?: \d{3})*(?:,\d+)?(?: %)?")


def figures(screen: str) -> dict[str, dict[str, str]]:
    """{row: {column: value}} of the figures table as drawn: a value belongs to the right-aligned
    header that ends where it ends (an empty cell is simply missing)."""
    lines = right_side(screen)
    at = next((i for i, line in enumerate(lines) if line.strip().startswith("Tili ")), None)
    if at is None:
        return {}
    ends = {m.end(): m.group() for m in re.finditer(r"\S+(?: \S+)*", lines[at])}
    table: dict[str, dict[str, str]] = {}
    for line in lines[at + 1:]:
        label = re.match(r"\s*(\S+(?: \S+)*)", line)
        if label is None or label.group(1).startswith("Muutoshistoria"):
            break
        cells = {ends[m.end()]: m.group() for m in NUMBER.finditer(line, label.end()) if m.end() in ends}
        table[label.group(1)] = cells
    return table


def trail(screen: str) -> list[list[str]]:
    """The audit trail's rows as drawn, each first line split into its cells (#, Voimassa, Laji · Muutos, …)."""
    return [re.split(r"\s{2,}", line.strip()) for line in right_side(screen) if re.match(r" ?#\d", line)]


def trail_events(screen: str) -> dict[str, str]:
    """{"#111": its "Laji · Muutos" cell as drawn, the lines it is broken into joined by spaces}."""
    lines = right_side(screen)
    header = next((line for line in lines if "Laji · Muutos" in line), None)
    if header is None:
        return {}
    left = header.index("Laji · Muutos")
    after = re.search(r"\S", header[left + len("Laji · Muutos"):])
    right = left + len("Laji · Muutos") + after.start() - 1 if after else None
    events: dict[str, list[str]] = {}
    seq = None
    for line in lines[lines.index(header) + 1:]:
        found = re.match(r" ?(#\d+) ", line)
        if found:
            seq = found.group(1)
            events[seq] = []
        elif line[:left].strip() or not line[left:right].strip():
            seq = None
        if seq is not None:
            events[seq].append(line[left:right].strip())
    return {seq: " ".join(parts) for seq, parts in events.items()}


def shown_year(screen: str) -> int | None:
    found = re.search(r"\[(\d{4})\]", screen)
    return int(found.group(1)) if found else None


def menot(screen: str) -> dict[str, str]:
    return figures(screen).get("MENOT", {})


# --- the scenario -------------------------------------------------------------------------------------


def main_screen(screen: str, *, events: int, top: str, ta_plus: str, travelling: bool) -> bool:
    """Joukkoliikenne 2026 on the main screen with everything loaded: figures, trail and banner as expected."""
    rows = trail(screen)
    shown = menot(screen)
    # at 80 columns TA+muutos may be on the figures' next page of columns (c): checked there by ta_plus_paged
    return (figures_title(screen) == TITLE and shown.get("TA+muutos", ta_plus if "c: sarakkeet" in screen else None)
            == ta_plus
            and f"Muutoshistoria · {events} tapahtumaa" in screen and bool(rows) and rows[0][0] == top
            and ("Aikamatka" in screen) == travelling)


def footer(screen: str) -> str:
    """The screen's last line: the keys of the screen in front, drawn after the rest of it."""
    lines = screen.rstrip("\n").splitlines()
    return lines[-1] if lines else ""


def transfer_listed(screen: str) -> bool:
    """Joukkoliikenne's main screen painted whole: its 11 events with the 2026 service transfer (#111) whole on
    the trail, down to the footer with the keys to write (``main_screen`` holds on a screen painted to its top)."""
    return (main_screen(screen, events=TRAIL, top="#161", ta_plus="-334 000", travelling=False)
            and trail_events(screen).get("#111") == TRANSFER and "a TA-muutos" in footer(screen))


def ta_plus_paged(term, ta_plus: str) -> None:
    """Where the figures' columns come in pages, c turns to the one with TA+muutos (it shows ``ta_plus``)
    and on round to the first again: no page ever cuts an amount."""
    screen = term.shot("page", term.wait(lambda s: TITLE in s, "the figures"))
    if "c: sarakkeet" not in screen:
        assert menot(screen)["TA+muutos"] == ta_plus, screen
        return
    pages = int(re.search(r"c: sarakkeet \d+/(\d+)", screen).group(1))
    seen: dict[str, str] = {}
    for page in range(2, pages + 2):
        term.press("c")
        number = (page - 1) % pages + 1
        screen = term.wait(lambda s, n=number: f"c: sarakkeet {n}/{pages}" in s, f"columns page {number}")
        seen.update(menot(screen))
    assert seen.get("TA+muutos") == ta_plus and "TA" in seen, seen
    assert re.search(r"c: sarakkeet 1/", screen), screen


@pytest.fixture
def example_ledger(tmp_path) -> Path:
    """examples/kemijarvi.json restored into an SQLite file, closed again for the UI to open."""
    path = tmp_path / "kemijarvi.sqlite"
    ledger = Kirjuri(Target(sqlite_path=path), create=True, author="talouspalvelut")
    ledger.submit_recorded(read_export(EXAMPLE)[1])
    assert ledger.state.seq == EVENTS
    ledger.close()
    return path


@pytest.mark.parametrize(("width", "height", "typing"), [(120, 40, "person"), (80, 24, "person"), (80, 24, "burst")],
                         ids=["120x40", "80x24", "80x24-burst"])
def test_a_new_user_amends_and_travels_in_time_from_the_keyboard(example_ledger, tmp_path, width, height, typing):
    term = Terminal(width, height)
    env = {"KIRJURI_AUTHOR": "testi", "KIRJURI_DATABASE_URL": "", "KIRJURI_DB": "", "TERM": "xterm-256color",
           "COLORTERM": "truecolor"}
    try:
        term.start([*kirjuri_command(), "--db", str(example_ledger), "tui"], env, cwd=tmp_path)
        screen = term.shot("start", term.wait(lambda s: "KEMIJARVI" in s and "(KEMIJARVI)" in figures_title(s),
                                              "the tree with KEMIJARVI and its figures"))

        # --- the year 2026, whatever today is ---
        year = shown_year(screen)
        assert year is not None, screen
        while year != 2026:
            term.press(">" if year < 2026 else "<")
            screen = term.wait(lambda s, y=year: shown_year(s) not in (None, y), "the year changing")
            year = shown_year(screen)

        # --- Joukkoliikenne: the filter matches names too, so the whole name, which only it has ---
        if typing == "burst":
            term.burst("/JOUKKOLIIKENNE", "Enter")
        else:
            term.press("/")
            term.type("joukkoliikenne")
            term.press("Enter")
        screen = term.shot("joukkoliikenne", term.wait(
            transfer_listed, f"{TITLE}: its figures, its trail of 11 events with #111 whole, the footer's keys"))
        assert menot(screen)["TA"] == "-334 000", screen
        assert "TA-muutokset" not in menot(screen), "no amendment yet"

        # --- the 2026 service transfer, whole on the trail at any size; then Tab Tab, down to its row, Enter ---
        rows = trail(screen)
        transfer = next((i for i, row in enumerate(rows) if row[2].startswith("Palvelu siirretty")), None)
        assert transfer is not None, screen
        assert rows[transfer][:2] == ["#111", "1.1.2026"], rows[transfer]
        assert re.search(r"^ .*JOUKKOLIIKENNE: HALL → ELTY", screen, re.M), "the transfer's change on one line"
        assert trail_events(screen)["#111"] == TRANSFER
        keys = ["Tab", "Tab", *["Down"] * transfer, "Enter"]
        if typing == "burst":
            term.burst(*keys)
        else:
            term.press(*keys)
        # the fields in the UI's words (the vocabulary's), not the model's names
        said = {FIELDS[name].fi: name for name in ("effective", "unit", "from_parent", "to_parent", "from_year")}
        screen = term.shot("transfer", term.wait(lambda s: "Tapahtuma #111" in s and FIELDS["from_year"].fi in s,
                                                 "event #111 in full"))
        fields = {said[label]: value for label, value in
                  (re.split(r"\s{2,}", line.strip(), maxsplit=1) for line in screen.splitlines()
                   if any(line.startswith(f" {label}  ") for label in said)) if label in said}
        assert fields == {"effective": "1.1.2026", "unit": "JOUKKOLIIKENNE", "from_parent": "HALL",
                          "to_parent": "ELTY", "from_year": "2026"}, screen
        assert "from_year" not in screen and "from_parent" not in screen, screen
        term.press("Escape")
        term.wait(lambda s: figures_title(s) == TITLE and "Tapahtuma #111" not in s, "back on the main screen")

        # --- a TA-muutos: "a" opens the form with the cursor in the amount ---
        if typing == "burst":
            term.burst("a-50 000", "Tab", "KV 15.6.2026 § 44")
        else:
            term.press("a")
            term.wait(lambda s: "Määrä €" in s, "the TA-muutos form")
            term.type("-50 000")
            term.press("Tab")
            term.type("KV 15.6.2026 § 44")
        screen = term.shot("form", term.wait(
            lambda s: re.search(r"^ Päätös +KV 15\.6\.2026 § 44 *$", s, re.M) and "Valmis tallennettavaksi" in s
            and re.search(r"Joukkoliikenne +MENOT TA\+muutos +-334 000 +-384 000 +-50 000", s),
            "the form with both fields typed, ready to save, its preview showing Joukkoliikenne"))
        field_line = r"^ (Vuosi|Yksikkö|Tili|Määrä €) +(\S.*?) *$"
        form = {m.group(1): m.group(2) for m in re.finditer(field_line, screen, re.M)}
        assert form["Vuosi"] == "2026", form
        assert form["Yksikkö"].startswith("JOUKKOLIIKENNE"), form
        assert form["Tili"] == "MENOT", form
        assert form["Määrä €"] == "-50 000", form
        assert "Esikatselu" in screen, screen
        assert re.search(r"NETTOMENO TA\+muutos +-244 000 +-294 000 +-50 000", screen), screen

        term.press("C-s")
        screen = term.shot("saved", term.wait(
            lambda s: main_screen(s, events=TRAIL + 1, top="#162", ta_plus="-384 000", travelling=False),
            "the main screen again, #162 on top of the trail, TA+muutos -384 000"))
        ta_plus_paged(term, "-384 000")
        assert trail(screen)[0][:2] == ["#162", "15.6.2026"], trail(screen)[0]
        assert trail_events(screen)["#162"] == "TA-muutos 2026 · MENOT -50 000", trail_events(screen)
        assert menot(screen)["TA"] == "-334 000", screen
        assert menot(screen)["TA-muutokset"] == "-50 000", screen
        if width >= 120:
            assert menot(screen)["KS"] == "-334 000", screen

        # --- "[": one event back, to before the amendment ---
        term.press("[")
        screen = term.shot("travelled", term.wait(
            lambda s: main_screen(s, events=TRAIL, top="#161", ta_plus="-334 000", travelling=True),
            "time travel to before #162: banner, TA+muutos -334 000, #161 on top"))
        ta_plus_paged(term, "-334 000")
        assert "Aikamatka: tiedossa" in screen and "tapahtuma #161/162" in screen, screen
        assert "TA-muutokset" not in menot(screen), screen
        assert "-50 000" not in "\n".join(right_side(screen)), screen

        # --- "n": back to now ---
        term.press("n")
        screen = term.shot("now", term.wait(
            lambda s: main_screen(s, events=TRAIL + 1, top="#162", ta_plus="-384 000", travelling=False),
            "back to now: no banner, TA+muutos -384 000, #162 on top"))
        ta_plus_paged(term, "-384 000")
        assert menot(screen)["TA-muutokset"] == "-50 000", screen

        # --- "q" quits, cleanly ---
        term.press("q")
        deadline = time.monotonic() + TIMEOUT
        while term.exit_status() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert term.exit_status() == 0, f"kirjuri tui did not quit cleanly\n{term.screen(history=True)}"
    finally:
        term.close()

    # --- the ledger file: exactly one event more, the TA-muutos with its decision ---
    ledger = Kirjuri(Target(sqlite_path=example_ledger))
    try:
        assert ledger.state.seq == EVENTS + 1
        event = ledger.records([EVENTS + 1])[EVENTS + 1].event
    finally:
        ledger.close()
    assert isinstance(event, TaAmended), event
    assert [(line.unit, line.account, line.amount) for line in event.lines] == [("JOUKKOLIIKENNE", "MENOT", -5_000_000)]
    decision = event.decision
    assert (decision.body, decision.date, decision.section) == ("valtuusto", dt.date(2026, 6, 15), "44")
    assert event.effective == dt.date(2026, 6, 15)
    assert event.author == "testi"
