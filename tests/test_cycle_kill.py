"""Whole cycles SIGKILLed at random points of every stage (poll, fetch, store, deliver),
then run again until done: every round stored, nothing stored twice, every alert delivered
(resends only under their original Idempotency-Key), and no process left behind.

Most cycles run without Prefect (`fundwatch run --no-prefect`: the same steps as plain
calls, no server to start); a few are real `fundwatch run` cycles with Prefect's server.
The farm publishes new stories before every cycle, so each one has work in every stage.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from support_farm import NewsFarm, farm_config
from support_procs import descendants, wait_gone
from support_receivers import WebhookReceiver

STAGES = ("poll", "fetch", "store", "deliver")
MAX_DELAY = {"poll": 0.15, "fetch": 0.4, "store": 0.2, "deliver": 0.3}  # seconds after the stage is reached


def start_run(config: Path, prefect: bool = False) -> subprocess.Popen:
    env = dict(os.environ, PREFECT_HOME=str(config.parent / ".prefect"))
    env.pop("PREFECT_API_URL", None)
    args = [sys.executable, "-m", "flows", "run", "--config", str(config)] + ([] if prefect else ["--no-prefect"])
    return subprocess.Popen(args, cwd=config.parent, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def count(db: Path, sql: str) -> int:
    if not db.exists():
        return 0
    conn = sqlite3.connect(db, timeout=30)
    try:
        return conn.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:  # tables not created yet
        return 0
    finally:
        conn.close()


def stage_reached(stage: str, farm: NewsFarm, hook: WebhookReceiver, db: Path):
    """A predicate that turns true once a cycle started now has reached `stage`."""
    probes = {
        "poll": farm.feed_hits,
        "fetch": farm.page_hits,
        "store": lambda: count(db, "select count(*) from articles"),
        "deliver": lambda: len(hook.requests),
    }
    probe = probes[stage]
    before = probe()
    return lambda: probe() > before


def run_and_kill(proc: subprocess.Popen, reached, delay: float) -> bool:
    """SIGKILL `proc` `delay` seconds after `reached()`; False if it finished first."""
    deadline = time.monotonic() + 180
    while not reached() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    time.sleep(delay)
    if proc.poll() is not None:
        proc.communicate()
        return False
    children = descendants(proc.pid)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)
    left = wait_gone(children, timeout=5)
    assert not left, f"processes of a killed run still alive after 5 s: {sorted(left)}"
    return True


def run_to_completion(config: Path) -> str:
    proc = start_run(config)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err[-3000:]
    return out.strip().splitlines()[-1]


def table_counts(db: Path) -> dict[str, int]:
    return {
        "articles": count(db, "select count(*) from articles"),
        "entries": count(db, "select count(*) from entries"),
        "events": count(db, "select count(*) from events where source_count > 0"),
        "event_sources": count(db, "select count(*) from event_sources"),
        "outbox": count(db, "select count(*) from outbox"),
        "deliveries": count(db, "select count(*) from deliveries"),
    }


def rounds(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return sorted(r[0] for r in conn.execute("select company from events where source_count > 0 and main = 1"))
    finally:
        conn.close()


def test_killed_cycles_lose_nothing_and_store_nothing_twice(tmp_path):
    rng = random.Random(20261206)
    killed = tmp_path / "killed"
    killed.mkdir()
    kills: Counter = Counter()
    plan = [(stage, False) for _ in range(4) for stage in STAGES]
    plan += [(stage, True) for stage in STAGES]  # real `fundwatch run`, Prefect's server and all
    with NewsFarm(sites=3, feeds=2, latency=0.05) as farm, WebhookReceiver(delay=0.03) as hook:
        farm_config(killed / "fundwatch.toml", killed / "fundwatch.db", farm.feed_urls, hook.apprise_url())
        for stage, prefect in plan:
            farm.publish(2)  # 12 new stories: work for every stage of this cycle
            proc = start_run(killed / "fundwatch.toml", prefect=prefect)
            reached = stage_reached(stage, farm, hook, killed / "fundwatch.db")
            if run_and_kill(proc, reached, rng.uniform(0, MAX_DELAY[stage])):
                kills[(stage, "fundwatch run" if prefect else "--no-prefect")] += 1
        for _ in range(3):  # rerun until done
            last = run_to_completion(killed / "fundwatch.toml")
            if count(killed / "fundwatch.db", "select count(*) from entries where state = 'pending'") == 0 \
                    and "0 alerts sent" in last:
                break
        pending = count(killed / "fundwatch.db", "select count(*) from deliveries where status != 'sent'")
        assert pending == 0

        # The same farm read by one uninterrupted cycle: what must be there.
        clean = tmp_path / "clean"
        clean.mkdir()
        with WebhookReceiver() as clean_hook:
            farm_config(clean / "fundwatch.toml", clean / "fundwatch.db", farm.feed_urls, clean_hook.apprise_url())
            run_to_completion(clean / "fundwatch.toml")
        companies = sorted(farm.companies)

    expected = rounds(clean / "fundwatch.db")
    got = rounds(killed / "fundwatch.db")
    assert expected == companies, "the uninterrupted cycle reads every story"
    lost = sorted(set(expected) - set(got))
    duplicates = sum(n - 1 for n in Counter(got).values())
    extra_rows = {k: v - table_counts(clean / "fundwatch.db")[k]
                  for k, v in table_counts(killed / "fundwatch.db").items()}
    by_key = defaultdict(set)
    for request in hook.requests:
        by_key[request.idempotency_key].add(request.json["title"])
    alerted = {title.split(" raised")[0] for titles in by_key.values() for title in titles}
    resends = len(hook.requests) - len(by_key)
    print(f"\n{sum(kills.values())} kills {dict(kills)}; {len(expected)} rounds; rounds lost = {len(lost)}, "
          f"duplicate rows = {duplicates + sum(extra_rows.values())}; {len(hook.requests)} alert requests, "
          f"{resends} resent under their original key")
    assert sum(kills.values()) >= 16 and {stage for stage, _ in kills} == set(STAGES)
    assert lost == [] and duplicates == 0
    assert all(v == 0 for v in extra_rows.values()), extra_rows
    assert set(expected) <= alerted, "every round alerted at least once"
    assert len(by_key) == len(expected) and None not in by_key
    assert all(len(titles) == 1 for titles in by_key.values()), "a key always carries the same alert"
