"""The ``gazetteer`` command: look names up, show entities, validate alias files.

Exit status: 0 when every query resolved (or the files are valid), 1 when a
query was ambiguous or not found (or the files have errors), 2 for a usage
error or a gazetteer that could not be loaded. Errors are one line each on
stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Iterator, Sequence
from typing import Any, TextIO

from gazetteer.errors import AliasFileError, GazetteerError
from gazetteer.loader import PACKS, load, validate
from gazetteer.model import Entity, Kind, Match, Mention, Resolution, Status
from gazetteer.resolver import Gazetteer

__all__ = ["main"]

EXIT_OK, EXIT_UNRESOLVED, EXIT_ERROR = 0, 1, 2


def _entity_json(entity: Entity) -> dict[str, Any]:
    return {"id": entity.id, "kind": entity.kind.value, "name": entity.name}


def _match_json(match: Match) -> dict[str, Any]:
    return {
        **_entity_json(match.entity),
        "alias": match.alias.text,
        "lang": match.alias.lang,
        "tier": match.alias.tier.value,
        "method": match.method.value,
        "score": match.score,
        "explanation": match.explanation,
    }


def resolution_json(resolution: Resolution, candidates: Sequence[Match]) -> dict[str, Any]:
    """The JSON object printed for one query (documented in docs/cli.md)."""
    return {
        "query": resolution.query,
        "status": resolution.status.value,
        "entity": _entity_json(resolution.entity) if resolution.entity else None,
        "match": _match_json(resolution.match) if resolution.match else None,
        "tied": [_match_json(m) for m in resolution.tied] if not resolution.resolved else [],
        "candidates": [_match_json(m) for m in candidates],
    }


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


def _queries(args: argparse.Namespace) -> Iterator[str]:
    for query in args.queries:
        if query == "-":
            if isinstance(sys.stdin, io.TextIOWrapper):
                sys.stdin.reconfigure(errors="replace")
            for line in sys.stdin:
                if line.strip():
                    yield line.rstrip("\r\n")
        else:
            yield query


def _load(args: argparse.Namespace) -> Gazetteer:
    return load(args.path or (), bundled=not args.no_bundled, packs=args.pack or ())


def _cmd_lookup(args: argparse.Namespace) -> int:
    g = _load(args)
    status = EXIT_OK
    for query in _queries(args):
        resolution = g.resolve(query, kinds=args.kind, lang=args.lang)
        candidates = g.candidates(query, kinds=args.kind, lang=args.lang, limit=args.limit)
        if not resolution.resolved:
            status = EXIT_UNRESOLVED
        if args.json:
            print(json.dumps(resolution_json(resolution, candidates), ensure_ascii=False))
        else:
            _print_resolution(resolution, candidates, sys.stdout)
        sys.stdout.flush()
    return status


def _mention_json(mention: Mention) -> dict[str, Any]:
    return {
        "start": mention.start,
        "end": mention.end,
        "surface": mention.surface,
        "entity": _entity_json(mention.entity) if mention.entity else None,
        "candidates": [_entity_json(e) for e in mention.candidates],
        "alias": mention.alias.text,
        "method": "demonym" if mention.demonym else mention.method.value,
        "score": mention.score,
    }


def _cmd_tag(args: argparse.Namespace) -> int:
    if args.file == "-":
        text = sys.stdin.read()
    else:
        try:
            with open(args.file, encoding="utf-8", errors="replace") as handle:
                text = handle.read()
        except OSError as exc:
            raise GazetteerError(f"cannot read {args.file}: {exc.strerror or exc}") from None
    g = _load(args)
    for mention in g.tag(
        text, kinds=args.kind, lang=args.lang, lowercase=args.lowercase, adjectives=args.adjectives
    ):
        if args.json:
            print(json.dumps(_mention_json(mention), ensure_ascii=False))
        else:
            named = (
                mention.entity.id
                if mention.entity
                else "ambiguous: " + ", ".join(e.id for e in mention.candidates)
            )
            print(
                f"{mention.start}\t{mention.end}\t{mention.surface}\t{named}\t"
                + ("demonym" if mention.demonym else mention.method.value)
            )
    return EXIT_OK


def _cmd_show(args: argparse.Namespace) -> int:
    g = _load(args)
    entity = g[args.id]
    if args.json:
        print(
            json.dumps(
                {
                    **_entity_json(entity),
                    "codes": dict(entity.codes),
                    "country": entity.country,
                    "parent": entity.parent,
                    "names": {lang: list(names) for lang, names in entity.names.items()},
                    "aliases": [
                        {"text": a.text, "lang": a.lang, "tier": a.tier.value}
                        for a in entity.aliases
                    ],
                    "deny": list(entity.deny),
                },
                ensure_ascii=False,
            )
        )
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
    report = validate(args.paths, bundled=not args.no_bundled)
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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gazetteer",
        description="Resolve multilingual, multi-script names to canonical entity ids.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    sources = argparse.ArgumentParser(add_help=False)
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

    kinds = argparse.ArgumentParser(add_help=False)
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
    lookup.set_defaults(run=_cmd_lookup)

    tag = sub.add_parser(
        "tag",
        parents=[sources, kinds],
        help="find the entities a text names",
        description="Print every mention of a known entity in FILE (or stdin for '-').",
    )
    tag.add_argument("file", metavar="FILE", help="a UTF-8 text file, or - for stdin")
    tag.add_argument("--json", action="store_true", help="one JSON object per mention")
    tag.add_argument(
        "--lowercase",
        action="store_true",
        help="the text is lower-cased: do not require names to be capitalised",
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
    check.set_defaults(run=_cmd_validate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except AliasFileError as exc:
        hint = "; 'gazetteer validate' lists them all" if len(exc.problems) > 1 else ""
        print(f"gazetteer: error: {exc}{hint}", file=sys.stderr)
        return EXIT_ERROR
    except GazetteerError as exc:
        print(f"gazetteer: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return EXIT_OK
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
