"""The ``gazetteer`` command: look names up, show entities, validate alias files.

Exit status: 0 when every query resolved (or the files are valid), 1 when a
query was ambiguous or not found (or the files have errors), 2 for a usage
error, input that is not UTF-8, output that could not be written or a
gazetteer that could not be loaded, 130 when interrupted (Ctrl-C). Errors
are one line each on stderr, never a traceback. ``--json`` prints the
results' ``to_dict()`` (docs/results.schema.json).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from typing import Any, NoReturn, TextIO

import attrs

from gazetteer._version import __version__
from gazetteer.errors import AliasFileError, GazetteerError
from gazetteer.loader import PACKS, load, validate
from gazetteer.model import Kind, Match, Resolution, Status
from gazetteer.resolver import Gazetteer

__all__ = ["main"]

EXIT_OK, EXIT_UNRESOLVED, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130


def _print_json(obj: dict[str, Any]) -> None:
    print(json.dumps(obj, ensure_ascii=False, allow_nan=False))


def _match_line(match: Match) -> str:
    return f"{match.entity.id}\t{match.entity.name}\t{match.score:.2f}\t{match.explanation}"


def _print_resolution(resolution: Resolution, candidates: Sequence[Match], out: TextIO) -> None:
    if resolution.status is Status.RESOLVED and resolution.match is not None:
        print(f"{resolution.query}: resolved", file=out)
        print(f"  {_match_line(resolution.match)}", file=out)
    elif resolution.status is Status.AMBIGUOUS:
        print(f"{resolution.query}: ambiguous between {len(resolution.tied)} entities", file=out)
        for match in resolution.tied:
            print(f"  {_match_line(match)}", file=out)
    else:
        print(f"{resolution.query}: not found", file=out)
    shown = {m.entity.id for m in resolution.tied}
    others = [m for m in candidates if m.entity.id not in shown]
    if others:
        print("  other candidates:", file=out)
        for match in others:
            print(f"    {_match_line(match)}", file=out)


def _decode(data: bytes, source: str, line: int = 1) -> str:
    """``data`` read as UTF-8; if it is not, the error says where (``line``
    is the number of its first line in ``source``)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        where = line + data.count(b"\n", 0, exc.start)
        bad = data[exc.start]
        raise GazetteerError(f"{source}:{where}: not valid UTF-8 (byte {bad:#04x})") from None


def _stdin_lines() -> Iterator[str]:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text stream put in place of stdin
        yield from sys.stdin
        return
    for number, raw in enumerate(stream, 1):
        yield _decode(raw, "<stdin>", number)


def _queries(args: argparse.Namespace) -> Iterator[str]:
    for query in args.queries:
        if query == "-":
            for line in _stdin_lines():
                if line.strip():
                    yield line.rstrip("\r\n")
        else:
            yield query


def _read_text(path: str) -> str:
    """The text of the file ``path`` (stdin for ``-``), which must be UTF-8."""
    if path == "-":
        stream = getattr(sys.stdin, "buffer", None)
        return sys.stdin.read() if stream is None else _decode(stream.read(), "<stdin>")
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise GazetteerError(f"cannot read {path}: {exc.strerror or exc}") from None
    return _decode(data, path)


def _load(args: argparse.Namespace) -> Gazetteer:
    return load(args.path or (), bundled=not args.no_bundled, packs=args.pack or ())


def _cmd_lookup(args: argparse.Namespace) -> int:
    g = _load(args)
    status = EXIT_OK
    options: dict[str, Any] = {"kinds": args.kind, "lang": args.lang, "min_score": args.min_score}
    readings = {"demonyms": args.demonyms, "adjectives": args.adjectives}  # resolve's only
    if args.country and args.kind:
        raise GazetteerError("--country answers countries: it takes no --kind")
    if args.country and (args.demonyms or args.adjectives):
        raise GazetteerError("--country reads names: it takes no --demonyms or --adjectives")
    for query in _queries(args):
        if args.country:
            resolution = g.country(
                query, codes=args.codes, lang=args.lang, min_score=args.min_score
            )
        else:
            resolution = g.resolve(query, codes=args.codes, **options, **readings)
        if resolution.resolved:
            # an answer: its own candidates are the list (the wider search of
            # near misses, with its index of every form, is for a name that
            # found no answer)
            candidates = resolution.candidates[: max(0, args.limit)]
        elif args.country:  # the countries it weighed (candidates() lists every kind)
            candidates = resolution.candidates[: max(0, args.limit)]
        else:
            candidates = g.candidates(query, limit=args.limit, **options)
        if not resolution.resolved:
            status = EXIT_UNRESOLVED
        if args.json:
            # The listed candidates are Gazetteer.candidates' (near misses too).
            _print_json(attrs.evolve(resolution, candidates=candidates).to_dict())
        else:
            _print_resolution(resolution, candidates, sys.stdout)
        sys.stdout.flush()
    return status


def _documents(args: argparse.Namespace) -> Iterator[tuple[str, str]]:
    """(text, document id) of each document to tag: each FILE (its path is
    its id; - is stdin), or with ``--jsonl`` each line ``{"id": ..., "text":
    ...}`` of each FILE."""
    for path in args.file:
        if not args.jsonl:
            yield _read_text(path), path
            continue
        for number, line in enumerate(_read_text(path).splitlines(), 1):
            if not line.strip():
                continue
            where = f"{'<stdin>' if path == '-' else path}:{number}"
            try:
                document = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GazetteerError(f"{where}: not a JSON object ({exc.msg})") from None
            if not isinstance(document, dict) or not isinstance(document.get("text"), str):
                raise GazetteerError(f'{where}: a line must be {{"id": ..., "text": "..."}}')
            yield document["text"], str(document.get("id", where))


def _cmd_tag(args: argparse.Namespace) -> int:
    g = _load(args)
    several = len(args.file) > 1 or args.jsonl
    found = g.tag_all(
        _documents(args),
        as_tuples=True,
        kinds=args.kind,
        lang=args.lang,
        lowercase=args.lowercase,
        demonyms=args.demonyms,
        adjectives=args.adjectives,
    )
    for mentions, document in found:
        for mention in mentions:
            if args.json:
                _print_json(
                    {"doc": document, **mention.to_dict()} if several else mention.to_dict()
                )
                continue
            named = (
                mention.entity.id
                if mention.entity
                else "ambiguous: " + ", ".join(e.id for e in mention.candidates)
            )
            print(
                (f"{document}\t" if several else "")
                + f"{mention.start}\t{mention.end}\t{mention.surface}\t{named}\t"
                + ("demonym" if mention.demonym else mention.method.value)
            )
    return EXIT_OK


def _cmd_show(args: argparse.Namespace) -> int:
    g = _load(args)
    entity = g[args.id]
    if args.json:
        _print_json(entity.to_dict(full=True))
        return EXIT_OK
    print(f"{entity.id}\t{entity.name}")
    for field in ("country", "parent"):
        if getattr(entity, field):
            print(f"  {field}: {getattr(entity, field)}")
    for code, value in entity.codes.items():
        print(f"  {code}: {value}")
    for alias in entity.aliases:
        print(f"  [{alias.lang}] {alias.text}" + (" (weak)" if alias.tier.value == "weak" else ""))
    for text in entity.deny:
        print(f"  never: {text}")
    return EXIT_OK


def _cmd_validate(args: argparse.Namespace) -> int:
    report = validate(args.paths, bundled=not args.no_bundled, packs=args.pack or ())
    for problem in report.errors:
        print(f"error: {problem}", file=sys.stderr)
    for problem in report.warnings:
        print(f"warning: {problem}", file=sys.stderr)
    summary = (
        f"{len(report.files)} file(s) checked: {len(report.errors)} error(s), "
        f"{len(report.warnings)} warning(s)"
    )
    print(summary)
    return EXIT_UNRESOLVED if report.errors else EXIT_OK


def _count(text: str) -> int:
    value = int(text) if text.isdigit() else -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number of 0 or more, got {text!r}")
    return value


def _score(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:  # NaN too
        raise argparse.ArgumentTypeError(f"expected a score from 0 to 1, got {text!r}")
    return value


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line on stderr."""

    def error(self, message: str) -> NoReturn:
        message = " ".join(message.split())
        self.exit(EXIT_ERROR, f"gazetteer: error: {message} (see '{self.prog} --help')\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="gazetteer",
        description="Resolve multilingual, multi-script names to canonical entity ids.",
    )
    parser.add_argument("--version", action="version", version=f"gazetteer {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    sources = _Parser(add_help=False)
    sources.add_argument(
        "--path",
        action="append",
        metavar="PATH",
        help="an alias file or folder of your own, merged over the bundled data (repeatable)",
    )
    sources.add_argument("--no-bundled", action="store_true", help="leave out the bundled data")
    sources.add_argument(
        "--pack",
        action="append",
        choices=PACKS,
        help="add a data pack to the bundled data (repeatable): cities = GeoNames' cities "
        "(pip install 'gazetteer[cities]')",
    )

    kinds = _Parser(add_help=False)
    kinds.add_argument(
        "--kind",
        action="append",
        choices=[k.value for k in Kind],
        help="only entities of this kind (repeatable)",
    )

    lookup = sub.add_parser(
        "lookup",
        parents=[sources, kinds],
        help="resolve names to entities",
        description="Resolve each QUERY (or each line of stdin for '-').",
    )
    lookup.add_argument("queries", nargs="+", metavar="QUERY", help="a name, or - for stdin")
    lookup.add_argument("--json", action="store_true", help="one JSON object per query")
    lookup.add_argument(
        "--lang",
        metavar="CODE",
        help="the language of the queries (picks the romanisations tried for Cyrillic)",
    )
    lookup.add_argument(
        "--limit",
        type=_count,
        default=5,
        metavar="N",
        help="list up to N candidates (default 5)",
    )
    lookup.add_argument(
        "--min-score",
        type=_score,
        default=0.0,
        metavar="X",
        help="drop matches scoring below X (0 to 1) before deciding and listing",
    )
    lookup.add_argument(
        "--codes",
        action="store_true",
        help="read a query written as a code (KAZ, KZ, 398, Q232, KZ-75) as one first",
    )
    lookup.add_argument(
        "--country",
        action="store_true",
        help="answer the country a query points to, a place's country for a place "
        "(LOUISIANA, Dubai, 'Karachi, Pakistan')",
    )
    lookup.add_argument(
        "--demonyms",
        action="store_true",
        help="read a noun for a people (британците, американцы) as its country, as tag does",
    )
    lookup.add_argument(
        "--adjectives",
        action="store_true",
        help="read a demonym adjective (американских) as its country, as tag does",
    )
    lookup.set_defaults(run=_cmd_lookup)

    tag = sub.add_parser(
        "tag",
        parents=[sources, kinds],
        help="find the entities a text names",
        description="Print every mention of a known entity in FILE (or stdin for '-').",
    )
    tag.add_argument("file", metavar="FILE", nargs="+", help="UTF-8 text files, or - for stdin")
    tag.add_argument(
        "--jsonl",
        action="store_true",
        help='each FILE holds one document a line: {"id": ..., "text": ...}',
    )
    tag.add_argument("--json", action="store_true", help="one JSON object per mention")
    tag.add_argument(
        "--lowercase",
        action="store_true",
        help="the text is lower-cased: do not require names to be capitalised",
    )
    tag.add_argument(
        "--demonyms",
        action="store_true",
        help="also report the nouns for a people (британците, американцы), linked to the country",
    )
    tag.add_argument(
        "--adjectives",
        action="store_true",
        help="also report demonym adjectives (azerbaijanskaya armiya), linked to the country",
    )
    tag.add_argument(
        "--lang",
        metavar="CODE",
        help="the language of the text: only its inflection rules are applied",
    )
    tag.set_defaults(run=_cmd_tag)

    show = sub.add_parser("show", parents=[sources], help="show an entity and all its names")
    show.add_argument("id", help="an entity id, such as country:az")
    show.add_argument("--json", action="store_true", help="print the entity as JSON")
    show.set_defaults(run=_cmd_show)

    check = sub.add_parser(
        "validate",
        help="check alias files and report every problem",
        description="Check alias files as loading them would, and report every problem.",
    )
    check.add_argument("paths", nargs="+", metavar="PATH", help="alias files or folders")
    check.add_argument(
        "--no-bundled",
        action="store_true",
        help="check the files on their own, not as overlays on the bundled data",
    )
    check.add_argument(
        "--pack",
        action="append",
        choices=PACKS,
        help="check against the bundled data with this data pack (repeatable): cities",
    )
    check.set_defaults(run=_cmd_validate)
    return parser


def _check_arguments(argv: Sequence[str]) -> None:
    # The interpreter decodes bytes that are not UTF-8 to lone surrogates.
    for arg in argv:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            try:
                shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            except UnicodeEncodeError:
                shown = arg.encode("utf-8", "backslashreplace").decode("utf-8")
            raise GazetteerError(f"argument '{shown}' is not valid UTF-8") from None


def _silence_stdout() -> None:
    """Point the process's stdout at the null device after a write failed,
    so that the interpreter's last flush of what is left does not fail too."""
    stdout = sys.__stdout__
    if stdout is None or sys.stdout is not stdout:  # a stream put in place of stdout
        return
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, stdout.fileno())
        os.close(null)
    except (OSError, ValueError):  # pragma: no cover - nothing more to do
        pass


def _fail(message: str) -> int:
    print(f"gazetteer: error: {message}", file=sys.stderr)
    return EXIT_ERROR


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        _check_arguments(arguments)
        args = _parser().parse_args(arguments)
        code: int = args.run(args)
        sys.stdout.flush()
    except SystemExit as exc:  # --help, --version and usage errors (one line printed)
        return exc.code if isinstance(exc.code, int) else EXIT_ERROR
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except AliasFileError as exc:
        hint = "; 'gazetteer validate' lists them all" if len(exc.problems) > 1 else ""
        return _fail(f"{exc}{hint}")
    except GazetteerError as exc:
        return _fail(str(exc))
    except BrokenPipeError:  # e.g. piped into head
        _silence_stdout()
        return EXIT_OK
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start : exc.end]
        return _fail(
            f"cannot write {bad!r} in the output's encoding ({exc.encoding}): "
            "set PYTHONIOENCODING=utf-8"
        )
    except OSError as exc:  # the files read report their own errors: this is the output
        _silence_stdout()
        return _fail(f"cannot write the output: {exc.strerror or exc}")
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
