"""One invented article per tricky pattern, its expected events beside it (tests/fixtures/extraction).

Adding a case is adding a file: {"description", "lang", "title", "text", "expected": [...]}.
Each expected event names the fields that matter for the pattern; the extractor must
return exactly as many events, and each must carry those values.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extraction import extract_events
from extraction.names import same_company

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "extraction").glob("*.json"))


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_fixture(path: Path) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    events = [e.as_dict() for e in extract_events(case["text"], title=case.get("title"), lang=case.get("lang"))]
    expected = case["expected"]
    assert len(events) == len(expected), f"{case['description']}: got {events}"
    unused = list(events)
    for want in expected:
        match = next((e for e in unused if same_company(e["company"], want["company"])
                      and ("amount" not in want or e["amount"] == want["amount"])), None)
        assert match is not None, f"{case['description']}: no event like {want} in {events}"
        unused.remove(match)
        for key, value in want.items():
            if key == "company":
                continue
            if key in ("lead_investors", "investors"):
                assert sorted(match[key]) == sorted(value), f"{key}: {match[key]} != {value}"
            else:
                assert match[key] == value, f"{key}: {match[key]!r} != {value!r}"


def test_fixture_folder_is_not_empty() -> None:
    assert len(FIXTURES) >= 10
