"""A delivery process killed with SIGKILL mid-way, then rerun: no alert is lost, and
with the idempotency key the receiver keeps each alert exactly once."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time

from support_receivers import WebhookReceiver, insert_round

from storage import open_db

DELIVER = """
import json, sys
from alerts.delivery import deliver_pending
from alerts.targets import AlertTarget
from storage import open_db
db = open_db(sys.argv[1])
report = deliver_pending(db, [AlertTarget.from_mapping({"url": sys.argv[2]})])
print(json.dumps({"sent": report.sent, "failed": report.failed, "pending": report.pending}))
"""


def _rounds(path, names):
    db = open_db(path)
    try:
        for name in names:
            insert_round(db, name)
    finally:
        db.conn.close()


def _deliver(path, url) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", DELIVER, str(path), url], stdout=subprocess.PIPE, text=True)


def test_killed_between_send_and_mark_then_rerun(tmp_path):
    names = [f"Company {i}" for i in range(6)]
    path = tmp_path / "fundwatch.db"
    _rounds(path, names)
    with WebhookReceiver(delay=1.0) as hook:
        proc = _deliver(path, hook.apprise_url())
        # the receiver records a request before it answers: the 3rd one is sent, not yet marked
        assert hook.wait_for(3, timeout=60)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        assert proc.returncode == -signal.SIGKILL
        hook.delay = 0
        rerun = _deliver(path, hook.apprise_url())
        out, _ = rerun.communicate(timeout=60)
        assert json.loads(out) == {"sent": 4, "failed": 0, "pending": 0}

    titles = [r.json["title"] for r in hook.requests]
    assert len(titles) == 7, "the one alert in the window is sent twice ..."
    assert len(hook.deduplicated()) == 6, "... under the same key, so the receiver keeps it once"
    assert sorted(t.split(" raised")[0] for t in set(titles)) == names
    assert titles[2] == titles[3]  # resent first, as the oldest pending alert


def test_killed_at_random_moments_until_done_loses_nothing(tmp_path):
    names = [f"Company {i}" for i in range(12)]
    path = tmp_path / "fundwatch.db"
    _rounds(path, names)
    rng = random.Random(20260427)
    kills = 0
    with WebhookReceiver(delay=0.05) as hook:
        for _ in range(30):
            proc = _deliver(path, hook.apprise_url())
            # kill after 1-3 more requests arrived, at a random moment of the next send/mark
            target = len(hook.requests) + rng.randint(1, 3)
            deadline = time.monotonic() + 30
            while len(hook.requests) < target and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.005)
            if proc.poll() is None:
                time.sleep(rng.uniform(0, 0.08))
                if proc.poll() is None:
                    os.kill(proc.pid, signal.SIGKILL)
                    proc.wait(timeout=10)
                    kills += 1
                    continue
            out, _ = proc.communicate(timeout=60)
            if json.loads(out)["pending"] == 0:
                break
        else:
            raise AssertionError("delivery never completed")
        received = len(hook.requests)
        duplicates = received - len(hook.deduplicated())
        print(f"{kills} kills, {received} requests for {len(names)} alerts, {duplicates} resent under the same key")
    assert sorted({r.json["title"].split(" raised")[0] for r in hook.requests}) == sorted(names)
    assert len(hook.deduplicated()) == len(names)
    assert duplicates <= kills  # at most the one in-flight alert per kill
