"""`fundwatch` commands: extraction (`extract`, `eval`)."""

from __future__ import annotations

import json
import sys

import click


def _iter_jsonl(stream, name: str):
    """(line number, object) for each non-blank line; a usage error names a bad line."""
    for number, line in enumerate(stream, 1):
        line = line.strip()
        if not line:
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise click.UsageError(f"{name}:{number}: not a JSON object: {exc.msg}") from exc
        if not isinstance(row, dict):
            raise click.UsageError(f"{name}:{number}: not a JSON object")
        yield number, row


def _read_jsonl(stream, name: str) -> list[dict]:
    return [row for _, row in _iter_jsonl(stream, name)]


@click.command("extract")
@click.argument("source", default="-", type=click.File("r", encoding="utf-8"))
def extract_command(source) -> None:
    """Extract funding events from articles given as JSON Lines.

    Each input line is {"id", "text", "title"?, "lang"?, "published"?}; each output
    line is {"id", "events": [...]}. A line that is not a JSON object stops the run
    with exit code 2 and names the line number.

    Example: fundwatch extract articles.jsonl > events.jsonl
    """
    from extraction import extract_events

    name = getattr(source, "name", "-")
    # Streamed line by line: a large input starts producing output at once.
    for number, row in _iter_jsonl(source, name):
        if not isinstance(row.get("text", ""), str):
            raise click.UsageError(f"{name}:{number}: expected an object with a text field")
        events = extract_events(row.get("text") or "", title=row.get("title"),
                                lang=row.get("lang"), published=row.get("published"))
        out = {"id": row.get("id"), "events": [e.as_dict() for e in events]}
        click.echo(json.dumps(out, ensure_ascii=False))


@click.command("eval")
@click.argument("cases", type=click.File("r", encoding="utf-8"))
@click.option("--lang", help="Score only the cases of this language (en, de, ...).")
@click.option("--errors", "show_errors", is_flag=True, help="Also list misses, false positives and wrong fields.")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
@click.option("--dedup", is_flag=True, help="Score duplicate detection (storage.dedup_eval) instead.")
def eval_command(cases, lang: str | None, show_errors: bool, as_json: bool, dedup: bool) -> None:
    """Score the extractor on labelled cases (the shared corpus format).

    Prints precision, recall of main events, F1, strict F1 (amount right too), field
    accuracies and the false-alarm rate on negative cases, per language and overall.

    Example: fundwatch eval ../shared/corpus/dev.jsonl --lang de --errors
    """
    rows = _read_jsonl(cases, getattr(cases, "name", "-"))
    if lang:
        rows = [r for r in rows if r.get("lang") == lang]
    if dedup:
        try:
            from storage.dedup_eval import evaluate_dedup, format_dedup_report
        except ImportError as exc:
            click.echo(f"Error: --dedup needs storage.dedup_eval, which is not available ({exc}).", err=True)
            sys.exit(1)
        report = evaluate_dedup(rows)
        click.echo(json.dumps(report, indent=1, ensure_ascii=False) if as_json else format_dedup_report(report))
        return
    from extraction.evaluation import evaluate, format_errors, format_report

    errors: list | None = [] if show_errors else None
    report = evaluate(rows, errors=errors)
    if as_json:
        click.echo(json.dumps(report, indent=1))
    else:
        click.echo(format_report(report))
    if errors:
        click.echo(format_errors(errors), err=as_json)  # keep --json output parseable


def register(cli: click.Group) -> None:
    """Add this module's commands to the `fundwatch` group."""
    cli.add_command(extract_command)
    cli.add_command(eval_command)
