"""Bad input lines get a one-line message naming the line and exit code 2, never a
traceback; the good lines of an `extract` input are still read. Real processes."""

from __future__ import annotations

import json
import subprocess
import sys

ARTICLE = {"id": "a1", "lang": "en",
           "text": "Fabrion, a Berlin robotics startup, has raised $40 million in a Series B round led by Oakline Partners."}


def fundwatch(*args, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flows", *args], input=stdin, capture_output=True, timeout=120)


def lines(*items) -> bytes:
    return b"".join((i if isinstance(i, bytes) else json.dumps(i).encode()) + b"\n" for i in items)


def test_extract_names_each_bad_line_and_reads_the_rest(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_bytes(lines(ARTICLE, b'{"id": 2, "text": "Caf\xe9 Nova raised \xa3 2m"}', {"id": 3}, b"[1, 2]",
                          {"id": 4, "text": 17}, b"{not json", dict(ARTICLE, id="a5")))
    result = fundwatch("extract", str(src))
    err = result.stderr.decode()
    assert result.returncode == 2
    assert "Traceback" not in err
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [row["id"] for row in out] == ["a1", "a5"] and all(row["events"] for row in out)
    problems = err.splitlines()
    assert problems[0] == f"error: {src}:2: not UTF-8 text (byte 0xe9 at column 23)"
    assert problems[1] == f'error: {src}:3: no "text" (or "title") to read'
    assert problems[2] == f"error: {src}:4: not a JSON object"
    assert problems[3] == f'error: {src}:5: "text" must be a string, not int'
    assert problems[4].startswith(f"error: {src}:6: not a JSON object: ")
    assert problems[5] == f"error: 5 lines of {src} could not be used (listed above)"


def test_extract_from_stdin_with_a_line_without_text():
    result = fundwatch("extract", "-", stdin=lines({"id": 1}))
    assert result.returncode == 2 and result.stdout == b""
    assert result.stderr.decode().splitlines()[0] == 'error: <stdin>:1: no "text" (or "title") to read'


def test_extract_good_input_exits_0():
    result = fundwatch("extract", "-", stdin=lines(ARTICLE))
    assert result.returncode == 0 and result.stderr == b""


def test_eval_refuses_cases_without_an_id(tmp_path):
    case = dict(ARTICLE, kind="funding", events=[])
    path = tmp_path / "cases.jsonl"
    path.write_bytes(lines(case, {k: v for k, v in case.items() if k != "id"}, dict(case, id=""), b"\xff\xfe"))
    for extra in ([], ["--dedup"]):
        result = fundwatch("eval", str(path), *extra)
        err = result.stderr.decode()
        assert result.returncode == 2 and "Traceback" not in err
        assert err.splitlines() == [
            f'error: {path}:2: no "id": every case needs one to be named in the results',
            f'error: {path}:3: no "id": every case needs one to be named in the results',
            f"error: {path}:4: not UTF-8 text (byte 0xff at column 1)",
            f"error: 3 lines of {path} could not be used (listed above)",
        ]
        assert result.stdout == b""  # nothing scored over a silently shortened corpus
