"""The command line's own usage errors (an unknown option, a missing one, a value that is not one, an
extra argument) said in the language asked for.

Typer's parser says them in English only, in three lines ("Usage: …", "Try … --help", "Error: …").
For a Finnish or Swedish user (Finnish when no language is asked for) ``KirjuriGroup`` catches them
where the command line is parsed and says each in one line from the catalogues by its kind, naming the
option as it is typed (--year) or the argument in the language's word, and the value, with the
command's --help to turn to; exit status 2 as before, nothing written (no command ran). A kind the
catalogues do not know is said in the parser's own words, in the same one line. In English (asked for)
the parser's text is left as it always was.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from typer._click.exceptions import (BadOptionUsage, BadParameter, MissingParameter, NoArgsIsHelpError,
                                     NoSuchOption, UsageError)  # typer >= 0.29 parses with its own copy of Click
from typer.core import TyperGroup

from cli.common import OPTS, _cli_language, cli_said, err
from ledger import locale

#: the parser's words for arguments left over, and for a command it does not know
_EXTRA = re.compile(r"^Got unexpected extra argument\(s\) \((?P<args>.*)\)$", re.S)
_COMMAND = re.compile(r"^No such command '(?P<name>.*)'\.$", re.S)
#: the parser's words for a path refused as it is typed: "file 'x.pdf' does not exist." -> its value and why
_PATH = re.compile(r"^(?:file|directory|path) (?P<value>'.*') (?P<why>does not exist|is a file|is a directory|"
                   r"is not readable|is not writable)\.$", re.S | re.I)
_PATH_KINDS = {"does not exist": "missing", "is a file": "is_file", "is a directory": "is_dir",
               "is not readable": "unreadable", "is not writable": "unwritable"}
#: where the command line's arguments are kept for the errors of its commands (``ctx.meta``)
_ARGS = "kirjuri.args"


class Said(UsageError):
    """A usage error already said in the user's language: shown as its one line."""

    def show(self, file=None) -> None:
        err.print(self.message, markup=False)


class KirjuriGroup(TyperGroup):
    """The `kirjuri` command: its usage errors, and its commands', in the language asked for."""

    def make_context(self, info_name, args, parent=None, **extra):
        OPTS.lang = None  # the callback sets it from this command line; an earlier one's is not asked
        given = list(args)
        OPTS.line_lang = _lang_in(given)
        try:
            ctx = super().make_context(info_name, args, parent=parent, **extra)
        except UsageError as error:
            raise translated(error, usage_language(given)) from None
        ctx.meta[_ARGS] = given
        return ctx

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except UsageError as error:
            where = f"{ctx.command_path} {ctx.invoked_subcommand}" if ctx.invoked_subcommand else ctx.command_path
            raise translated(error, usage_language(ctx.meta.get(_ARGS, ())), where) from None


def usage_language(args: Sequence[str]) -> str:
    """The language a usage error is said in: the command line's --lang (it may not have been read yet), then
    the global one read, $KIRJURI_LANG, the locale, each passed over if Kirjuri does not speak it; else Finnish."""
    return _cli_language(_lang_in(args))  # the last --lang: a command's own (`tui --lang`) overrides the global one


def _lang_in(args: Sequence[str]) -> str | None:
    found = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg.startswith("--lang="):
            found = arg.split("=", 1)[1]
        elif arg == "--lang" and i + 1 < len(args):
            found = args[i + 1]
    return found


def translated(error: UsageError, lang: str, where: str = "kirjuri") -> UsageError:
    """``error`` said in ``lang`` in one line (a Said), or as it is in English and for a help screen."""
    if lang == "en" or isinstance(error, NoArgsIsHelpError) or isinstance(error, Said):
        return error
    said = Said(cli_said("usage.line", lang, what=_what(error, lang), help=_help(error, where)))
    said.ctx = error.ctx
    return said


def _what(error: UsageError, lang: str) -> str:
    """What went wrong, by its kind, in ``lang``; the parser's English for a kind the catalogues lack."""
    if isinstance(error, NoSuchOption):
        return cli_said("usage.no_such_option", lang, name=error.option_name)
    if isinstance(error, MissingParameter):
        key = "usage.missing_argument" if _kind(error) == "argument" else "usage.missing_option"
        return cli_said(key, lang, name=_hint(error, lang))
    if isinstance(error, BadParameter):
        if found := _PATH.match(error.message):
            return cli_said(f"usage.path.{_PATH_KINDS[found['why']]}", lang, param=_hint(error, lang),
                            value=found["value"])
        value = _value(error)
        if value is None:
            return cli_said("usage.invalid", lang, param=_hint(error, lang))
        return cli_said("usage.invalid_value", lang, param=_hint(error, lang), value=repr(value))
    if isinstance(error, BadOptionUsage):
        return cli_said("usage.option_misused", lang, name=error.option_name)
    return _by_message(error.message, lang) or error.format_message()


def _by_message(message: str, lang: str) -> str | None:
    """The kinds the parser raises as a plain UsageError, known by their English."""
    if found := _EXTRA.match(message):
        return cli_said("usage.unexpected", lang, args=found["args"])
    if found := _COMMAND.match(message):
        return cli_said("usage.no_such_command", lang, name=found["name"])
    return None


def _kind(error: MissingParameter) -> str:
    return error.param_type or (error.param.param_type_name if error.param is not None else "option")


def _hint(error: BadParameter, lang: str) -> str:
    """The parameter as the user knows it: an option as it is typed ("--year", its long name), an argument by
    its word in ``lang`` ("vuosi"), never by the parser's internal name of it."""
    param = error.param
    if param is not None and param.param_type_name == "argument":
        return argument_word(param.name or "", lang)
    if param is not None and param.opts:
        return next((name for name in param.opts if name.startswith("--")), param.opts[0])
    hint = error.param_hint
    if hint is None:
        return "?"
    return " / ".join(hint) if isinstance(hint, (list, tuple)) else str(hint)


def argument_word(name: str, lang: str) -> str:
    """A command's argument (``year``, ``lines``) as ``lang`` names it (``usage.arg.*`` in the catalogues)."""
    key = f"usage.arg.{name}"
    return cli_said(key, lang) if locale.has("cli", key, lang) else name


def _value(error: BadParameter) -> object | None:
    """The value refused, where the parser kept it (typer's conversions keep it in the validation error)."""
    cause = error.__cause__
    errors = getattr(cause, "errors", None)
    if callable(errors):
        found = errors()
        if found and "input" in found[0]:
            return found[0]["input"]
    return None


def _help(error: UsageError, where: str) -> str:
    """The --help of the command the error is in: "kirjuri show --help" (``where``, when the parser's error
    does not name its command)."""
    path = error.ctx.command_path if error.ctx is not None else where
    return f"{path} --help"
