"""Invisible and control characters stop at the boundaries: what scrapers return, identity keys,
and what the CLI prints (terminal and CSV)."""

from __future__ import annotations

import json
import sqlite3

from click.testing import CliRunner

from flows.cli import cli
from flows.terminal import json_text
from storage.identity import company_key
from support_http import http_server  # noqa: F401  (fixture)
from support_news import NewsSite

HIDDEN = ("\x1b", "\x07", "\x9b", "\u200b", "\u200d", "\u202e", "\u2066", "\u2069", "\u00ad", "\ufeff")
STORY = ("{name}, a Lisbon startup that builds software for port logistics, has raised €18 million in a "
         "Series A round led by Atlantic Harbour Ventures. {extra} The company will use the money to expand "
         "to Rotterdam and Hamburg.")
EXTRAS = ["Existing investor Quay Capital also took part.", "The round closed last week, the company said.",
          "Its founders met at the University of Porto.", "It employs 40 people in Lisbon and Porto."]
VARIANTS = ["Kelvin Labs", "Kel\u200bvin Labs", "\u202eKelvin Labs\u202c", "\u2066Kelvin\u2069 Labs"]


def run_cli(tmp_path, *args) -> str:
    config = tmp_path / "cli.toml"
    config.write_text(f'[storage]\ndb = "{tmp_path / "fundwatch.db"}"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, [*args, "--config", str(config)])
    assert result.exit_code == 0, result.output
    return result.output


def test_hidden_characters_in_names_make_no_extra_rounds(http_server, tmp_path):
    site = NewsSite(http_server)
    for i, (name, extra) in enumerate(zip(VARIANTS, EXTRAS)):
        site.story(f"/news/{i}", STORY.format(name=name, extra=extra), title=f"{name} raises €18 million")
    db_path, alerts = site.run_cycle(tmp_path)
    conn = sqlite3.connect(db_path)
    rounds = conn.execute("select company, company_key, source_count from events where source_count > 0").fetchall()
    assert rounds == [("Kelvin Labs", "kelvin labs", 4)]
    assert len(alerts) == 1 and alerts[0]["title"].startswith("Kelvin Labs raised")
    for (title, text) in conn.execute("select title, text from articles"):
        assert not any(c in title + text for c in HIDDEN)


def test_escape_sequences_in_titles_never_reach_the_terminal_or_a_csv(http_server, tmp_path):
    site = NewsSite(http_server)
    trap = "\x1b]0;pwned\x07\x1b[2J\x9b31m"
    site.story("/news/k", STORY.format(name="Kelvin Labs", extra=EXTRAS[0]),
               title=f"Kelvin Labs raises €18 million {trap}", page_title=f"Kelvin Labs raises €18 million {trap}")
    db_path, _ = site.run_cycle(tmp_path)
    conn = sqlite3.connect(db_path)
    assert not any(c in conn.execute("select title from articles").fetchone()[0] for c in HIDDEN)
    # Rows stored before text was cleaned on the way in: the CLI cleans on the way out too.
    conn.execute("update event_sources set title = ?, evidence = ?", (f"Old title {trap}", f"Old {trap}\u202eevidence"))
    conn.execute("update events set company = ?", (f"Kelvin {trap}Labs",))
    conn.commit()
    event_id = conn.execute("select id from events").fetchone()[0]
    for args in (["events", "show", str(event_id)], ["events", "list", "--all"], ["events", "export", "--format", "csv"],
                 ["search", "Kelvin"]):
        output = run_cli(tmp_path, *args)
        assert "Kelvin" in output, args
        assert not any(c in output for c in HIDDEN), (args, output)
    as_json = run_cli(tmp_path, "events", "show", str(event_id), "--json")
    assert not any(c in as_json for c in HIDDEN)
    assert json.loads(as_json)["company"] == f"Kelvin {trap}Labs"   # JSON keeps the data, escaped


def test_identity_keys_and_json_ignore_or_escape_hidden_characters():
    assert company_key("Kel\u200bvin Labs") == company_key("\u202eKelvin Labs\u202c") == "kelvin labs"
    assert company_key("Ｋｅｌｖｉｎ Labs") == "kelvin labs"        # NFKC: full-width letters
    assert json_text({"t": "a\u202eb\x9bc"}) == '{"t": "a\\u202eb\\u009bc"}'


def test_the_table_of_hidden_ranges_is_what_unicodedata_says():
    # The table spares each process 1.1 million look-ups; it must say what they would.
    import unicodedata

    from scrapers import unicode_text

    computed = unicode_text.hidden_ranges()
    table = unicode_text._HIDDEN_RANGES.get(unicodedata.unidata_version)
    if table is not None:
        assert list(table) == computed
    for a, b in computed:
        assert unicode_text.hidden_pattern().fullmatch(chr(a)) and unicode_text.hidden_pattern().fullmatch(chr(b))
    assert unicode_text.strip_hidden("Kel\u200bvin\u202e Labs\n\tx") == "Kelvin Labs\n\tx"
