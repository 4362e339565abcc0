"""`fundwatch` commands: extraction (`extract`, `eval`)."""

from __future__ import annotations

import json
import sys

import click


class BadLines:
    """Counts input lines that could not be used, each reported once on stderr."""

    def __init__(self, name: str) -> None:
        self.name, self.count = name, 0

    def report(self, number: int, problem: str) -> None:
        self.count += 1
        click.echo(f"error: {self.name}:{number}: {problem}", err=True)

    def exit_if_any(self) -> None:
        if self.count:
            click.echo(f"error: {self.count} line{'s' if self.count != 1 else ''} of {self.name} "
                       "could not be used (listed above)", err=True)
            sys.exit(2)


def _iter_jsonl(stream, bad: BadLines):
    """(line number, object) for each usable non-blank line; others go to `bad`.

    The stream is read as bytes and each line decoded on its own, so one line
    that is not UTF-8 is named instead of stopping the whole file with a traceback.
    """
    for number, raw in enumerate(stream, 1):
        try:
            line = raw.decode("utf-8").strip() if isinstance(raw, bytes) else raw.strip()
        except UnicodeDecodeError as exc:
            bad.report(number, f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})")
            continue
        if not line:
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            bad.report(number, f"not a JSON object: {exc.msg}")
            continue
        if not isinstance(row, dict):
            bad.report(number, "not a JSON object")
            continue
        yield number, row


def _article_problem(row: dict) -> str | None:
    """Why a line is no article to read, or None."""
    text, title = row.get("text"), row.get("title")
    for field, value in (("text", text), ("title", title)):
        if value is not None and not isinstance(value, str):
            return f'"{field}" must be a string, not {type(value).__name__}'
    # An empty text is an article with nothing in it (no events); a line with no
    # text field at all is a mistake in the input, such as the wrong file.
    if "text" not in row and not (title or "").strip():
        return 'no "text" (or "title") to read'
    return None


@click.command("extract")
@click.argument("source", default="-", type=click.File("rb"))
def extract_command(source) -> None:
    """Extract funding events from articles given as JSON Lines.

    Each input line is {"id", "text", "title"?, "lang"?, "published"?}; each output
    line is {"id", "events": [...]}. A line that cannot be read (not UTF-8, not a
    JSON object, no text) is named on stderr and skipped; the others are still
    read, and the exit code is then 2.

    Example: fundwatch extract articles.jsonl > events.jsonl
    """
    from extraction import extract_events

    bad = BadLines(getattr(source, "name", "-"))
    # Streamed line by line: a large input starts producing output at once.
    for number, row in _iter_jsonl(source, bad):
        problem = _article_problem(row)
        if problem:
            bad.report(number, problem)
            continue
        events = extract_events(row.get("text") or "", title=row.get("title"),
                                lang=row.get("lang"), published=row.get("published"))
        out = {"id": row.get("id"), "events": [e.as_dict() for e in events]}
        click.echo(json.dumps(out, ensure_ascii=False))
    bad.exit_if_any()


def _read_cases(stream) -> list[dict]:
    """Every labelled case, or exit 2 naming each unusable line: a score over a
    silently shortened corpus would mislead, so nothing is scored then."""
    bad = BadLines(getattr(stream, "name", "-"))
    rows = []
    for number, row in _iter_jsonl(stream, bad):
        if row.get("id") in (None, ""):
            bad.report(number, 'no "id": every case needs one to be named in the results')
            continue
        rows.append(row)
    bad.exit_if_any()
    return rows


@click.command("eval")
@click.argument("cases", type=click.File("rb"))
@click.option("--lang", help="Score only the cases of this language (en, de, ...).")
@click.option("--errors", "show_errors", is_flag=True, help="Also list misses, false positives and wrong fields.")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
@click.option("--dedup", is_flag=True, help="Score duplicate detection (storage.dedup_eval) instead.")
def eval_command(cases, lang: str | None, show_errors: bool, as_json: bool, dedup: bool) -> None:
    """Score the extractor on labelled cases (the shared corpus format).

    Prints precision, recall of main events, F1, strict F1 (amount right too), field
    accuracies and the false-alarm rate on negative cases, per language and overall.
    Korean and Japanese get an extra line (JSON: "ko_native", "ja_native") that compares
    names in their own script, which the shared scorer's name normaliser drops.

    Example: fundwatch eval ../shared/corpus/dev.jsonl --lang de --errors
    """
    rows = _read_cases(cases)
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
    from extraction.evaluation import (
        format_errors, format_native_report, format_report, native_script_report, predict, score,
    )

    errors: list | None = [] if show_errors else None
    preds = predict(rows)
    report = score(rows, preds, errors)
    # Korean and Japanese names in their own script, which the shared scorer's normaliser drops
    native = native_script_report(rows, preds)
    if as_json:
        click.echo(json.dumps({**report, **{f"{k}_native": v for k, v in native.items()}}, indent=1))
    else:
        click.echo(format_report(report))
        if native:
            click.echo("")
            click.echo(format_native_report(native))
    if errors:
        click.echo(format_errors(errors), err=as_json)  # keep --json output parseable


def register(cli: click.Group) -> None:
    """Add this module's commands to the `fundwatch` group."""
    cli.add_command(extract_command)
    cli.add_command(eval_command)
