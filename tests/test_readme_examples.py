"""The README's e-mail and Datasette examples work as written (real SMTP server,
real Datasette, a database not called fundwatch.db)."""

from __future__ import annotations

import importlib.util
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from support_receivers import SmtpReceiver, insert_round

from alerts.targets import AlertTarget
from storage import open_db

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
FUNDWATCH = [sys.executable, "-m", "flows"]


def test_the_mailto_example_has_what_it_needs_and_delivers(tmp_path):
    (url,) = re.findall(r'url = "(mailtos?://[^"]+)"', README)
    target = AlertTarget.from_mapping({"url": url})  # apprise accepts it
    query = urlsplit(url).query
    assert "from=" in query and "to=" in query
    with SmtpReceiver(sender="fundwatch@example.com", recipient="deals@example.com") as smtp:
        # The same URL, but for the SMTP server on 127.0.0.1 (no TLS, no login).
        local = f"mailto://127.0.0.1:{smtp.port}?mode=insecure&{query}"
        config = tmp_path / "fundwatch.toml"
        config.write_text(f'[[alerts]]\nurl = "{local}"\n', encoding="utf-8")
        result = subprocess.run([*FUNDWATCH, "alerts", "test", "--config", str(config)], capture_output=True,
                                text=True, timeout=60)
        assert result.returncode == 0, result.stdout + result.stderr
        assert smtp.wait_for(1)
    mail = smtp.messages[0]
    assert mail.mail_from == "fundwatch@example.com" and mail.rcpt_tos == ["deals@example.com"]
    assert target.label == "mailtos://smtp.example.com:587"  # no password in what fundwatch prints


def readme_block(after: str) -> list[str]:
    section = README.split(after, 1)[1]
    block = section.split("```bash\n", 1)[1].split("```", 1)[0]
    return [line.split("  #")[0].strip() for line in block.splitlines() if line.strip()]


@pytest.mark.skipif(importlib.util.find_spec("datasette") is None, reason="datasette (the 'ui' extra) is not installed")
def test_datasette_from_the_venv_has_the_canned_queries_for_any_file_name(tmp_path):
    db_path = tmp_path / "rounds-2025.db"
    db = open_db(db_path)
    insert_round(db, "Lumora")
    db.conn.close()
    config = tmp_path / "fundwatch.toml"
    config.write_text(f'[storage]\ndb = "{db_path}"\n', encoding="utf-8")
    write_metadata, serve = readme_block("To run Datasette yourself")
    assert write_metadata.startswith(".venv/bin/fundwatch ") and serve.startswith(".venv/bin/datasette ")
    bin_dir = Path(sys.executable).parent
    argv = write_metadata.split(" > ")[0].replace(".venv/bin/", f"{bin_dir}/").split()
    metadata = subprocess.run(argv, capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert metadata.returncode == 0, metadata.stderr
    (tmp_path / "datasette-metadata.json").write_text(metadata.stdout, encoding="utf-8")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    argv = serve.replace(".venv/bin/", f"{bin_dir}/").replace("path/to/your.db", str(db_path)).split()
    process = subprocess.Popen([*argv, "--port", str(port)], cwd=tmp_path, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        import httpx

        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/rounds-2025/latest_rounds.json?_shape=array", timeout=5)
                break
            except httpx.TransportError:
                assert process.poll() is None and time.monotonic() < deadline, "datasette did not start"
                time.sleep(0.3)
        assert response.status_code == 200, response.text
        assert [row["company"] for row in response.json()] == ["Lumora"]
    finally:
        process.terminate()
        process.wait(timeout=10)
