"""The TOML configuration: loading, validation, defaults.

Contract (other tools depend on it; extend, don't break):

    [storage]
    db = "fundwatch.db"
    [http]
    allow_private_networks = false
    [schedule]
    interval_seconds = 900           # or: cron = "*/15 * * * *"
    [[feeds]]
    url = "https://..."              # name = "...", lang = "de" optional
    [[alerts]]
    url = "json://host/path"         # any apprise URL, plus filters (alerts.targets)
    [report]
    weekly = false                   # true: the market report to the alert targets once a week
    since = "30d"                    # the period it covers (30d, 12w)
    [scale]                          # optional: read pages and extract rounds on a Dask cluster
    workers = 2                      # a local cluster of 2 worker processes (0: no Dask), or
                                     # dask_address = "tcp://host:8786" (an existing scheduler);
                                     # without Dask: read_processes = 1 (the default on 2+ cores;
                                     # 0 reads in the cycle's own process)

Unknown keys and bad values raise `ConfigError` naming the key; the CLI turns it
into exit code 2. Sections owned by other packages ([http], [[alerts]]) are
validated by those packages' `from_mapping`, which raise ValueError("key: why").
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from alerts.targets import AlertTarget
from scrapers.http import HttpSettings

ENV_VAR = "FUNDWATCH_CONFIG"
DEFAULT_INTERVAL_SECONDS = 900


class ConfigError(Exception):
    """The configuration cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class FeedConfig:
    url: str
    name: str | None = None
    lang: str | None = None


@dataclass(frozen=True)
class Schedule:
    interval_seconds: int | None = DEFAULT_INTERVAL_SECONDS
    cron: str | None = None


@dataclass(frozen=True)
class ReportSettings:
    weekly: bool = False
    since: str = "30d"


@dataclass(frozen=True)
class ScaleSettings:
    """Where pages are read and rounds extracted: here (the default) or on a Dask cluster.

    Writing stays in the cycle's own process whatever is chosen: SQLite has one writer.
    """

    dask_address: str | None = None  # an existing scheduler ("tcp://host:8786")
    workers: int = 0                 # a local process cluster of this many workers; 0: no Dask
    # Without Dask: processes beside the cycle's that read pages and extract rounds
    # (flows/process_reading.py); 0 reads in the cycle's own process. None: 1 on a
    # machine of 2 or more cores, else 0.
    read_processes: int | None = None

    @property
    def uses_dask(self) -> bool:
        return bool(self.dask_address or self.workers)

    @property
    def local_readers(self) -> int:
        """Reading processes of a cycle without Dask (0: read in the cycle's process)."""
        if self.uses_dask:
            return 0
        if self.read_processes is not None:
            return self.read_processes
        return 1 if (os.cpu_count() or 1) >= 2 else 0


@dataclass(frozen=True)
class Config:
    db_path: Path
    http: HttpSettings
    schedule: Schedule
    feeds: tuple[FeedConfig, ...]
    alerts: tuple[AlertTarget, ...] = ()
    source: str = "<defaults>"
    report: ReportSettings = ReportSettings()
    scale: ScaleSettings = ScaleSettings()
    extra: dict[str, Any] = field(default_factory=dict)


def _check_keys(section: str, table: dict[str, Any], allowed: set[str]) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise ConfigError(f"{section}: unknown key {unknown[0]!r} (allowed: {', '.join(sorted(allowed))})")


def _expect(section: str, key: str, value: Any, kind: type | tuple[type, ...]) -> Any:
    # bool is an int in Python; a port number of `true` is still a mistake.
    if isinstance(value, bool) and kind is not bool and bool not in (kind if isinstance(kind, tuple) else (kind,)):
        raise ConfigError(f"{section}.{key}: expected {getattr(kind, '__name__', kind)}, got {value!r}")
    if not isinstance(value, kind):
        name = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise ConfigError(f"{section}.{key}: expected {name}, got {value!r}")
    return value


def _parse_storage(table: dict[str, Any], base: Path) -> Path:
    _check_keys("storage", table, {"db"})
    db = _expect("storage", "db", table.get("db", "fundwatch.db"), str)
    if not db.strip():
        raise ConfigError("storage.db: must not be empty")
    path = Path(db).expanduser()
    # Relative paths are relative to the config file, so a config works from any cwd.
    return path if path.is_absolute() else base / path


def _parse_schedule(table: dict[str, Any]) -> Schedule:
    _check_keys("schedule", table, {"interval_seconds", "cron"})
    if "interval_seconds" in table and "cron" in table:
        raise ConfigError("schedule: set interval_seconds or cron, not both")
    if "cron" in table:
        cron = _expect("schedule", "cron", table["cron"], str)
        if len(cron.split()) not in (5, 6):
            raise ConfigError(f"schedule.cron: not a cron expression: {cron!r}")
        return Schedule(interval_seconds=None, cron=cron)
    seconds = _expect("schedule", "interval_seconds", table.get("interval_seconds", DEFAULT_INTERVAL_SECONDS), int)
    if seconds < 1:
        raise ConfigError(f"schedule.interval_seconds: must be at least 1, got {seconds}")
    return Schedule(interval_seconds=seconds)


def _parse_report(table: dict[str, Any]) -> ReportSettings:
    _check_keys("report", table, {"weekly", "since"})
    weekly = _expect("report", "weekly", table.get("weekly", False), bool)
    since = _expect("report", "since", table.get("since", "30d"), str)
    if not re.fullmatch(r"\s*\d+\s*[dDwW]\s*", since) or int(re.sub(r"\D", "", since)) < 1:
        raise ConfigError(f"report.since: expected a number of days or weeks (30d, 12w), got {since!r}")
    return ReportSettings(weekly=weekly, since=since.strip().lower())


def _parse_scale(table: dict[str, Any]) -> ScaleSettings:
    _check_keys("scale", table, {"dask_address", "workers", "read_processes"})
    read_processes = table.get("read_processes")
    if read_processes is not None:
        read_processes = _expect("scale", "read_processes", read_processes, int)
        if read_processes < 0:
            raise ConfigError(f"scale.read_processes: must be 0 (read in the cycle's process) or more, "
                              f"got {read_processes}")
        if "dask_address" in table or table.get("workers"):
            raise ConfigError("scale: read_processes is for reading without Dask; with Dask, its workers read")
        return ScaleSettings(read_processes=read_processes)
    if "dask_address" in table and "workers" in table:
        raise ConfigError("scale: set dask_address (an existing cluster) or workers (a local one), not both")
    if "dask_address" in table:
        address = _expect("scale", "dask_address", table["dask_address"], str).strip()
        scheme, sep, rest = address.partition("://")
        if not sep or scheme not in ("tcp", "tls", "ucx", "inproc") or not rest:
            raise ConfigError(f"scale.dask_address: expected a scheduler address like tcp://host:8786, got {address!r}")
        return ScaleSettings(dask_address=address)
    workers = _expect("scale", "workers", table.get("workers", 0), int)
    if workers < 0:
        raise ConfigError(f"scale.workers: must be 0 (no Dask) or more, got {workers}")
    return ScaleSettings(workers=workers)


def _host(url: str) -> str | None:
    try:
        return urlsplit(url).hostname
    except ValueError:  # a malformed port or IPv6 literal
        return None


def _parse_feeds(items: Any) -> tuple[FeedConfig, ...]:
    if not isinstance(items, list):
        raise ConfigError("feeds: expected an array of tables ([[feeds]])")
    feeds = []
    seen = set()
    for i, item in enumerate(items):
        where = f"feeds[{i}]"
        if not isinstance(item, dict):
            raise ConfigError(f"{where}: expected a table")
        _check_keys(where, item, {"url", "name", "lang"})
        if "url" not in item:
            raise ConfigError(f"{where}.url: missing")
        url = _expect(where, "url", item["url"], str).strip()
        if not url.lower().startswith(("http://", "https://")):
            raise ConfigError(f"{where}.url: only http and https feeds are supported, got {url!r}")
        if not _host(url):
            # "https:///feed" or "https://": every poll would fail; say so now.
            raise ConfigError(f"{where}.url: no host in {url!r} (expected https://host/path)")
        if url in seen:
            raise ConfigError(f"{where}.url: listed twice: {url}")
        seen.add(url)
        name = _expect(where, "name", item["name"], str) if "name" in item else None
        lang = _expect(where, "lang", item["lang"], str).lower() if "lang" in item else None
        feeds.append(FeedConfig(url=url, name=name, lang=lang))
    return tuple(feeds)


def _parse_alerts(items: Any) -> tuple[AlertTarget, ...]:
    if not isinstance(items, list):
        raise ConfigError("alerts: expected an array of tables ([[alerts]])")
    targets = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise ConfigError(f"alerts[{i}]: expected a table")
        try:
            targets.append(AlertTarget.from_mapping(item))
        except ValueError as exc:
            raise ConfigError(f"alerts[{i}].{exc}") from exc
    return tuple(targets)


def parse_config(data: dict[str, Any], base: Path, source: str) -> Config:
    """Validate an already-parsed TOML document."""
    _check_keys("config", data, {"storage", "http", "schedule", "feeds", "alerts", "report", "scale"})
    for section in ("storage", "http", "schedule", "report", "scale"):
        if section in data and not isinstance(data[section], dict):
            raise ConfigError(f"{section}: expected a table ([{section}])")
    try:
        http = HttpSettings.from_mapping(data.get("http", {}))
    except ValueError as exc:
        raise ConfigError(f"http.{exc}") from exc
    return Config(
        db_path=_parse_storage(data.get("storage", {}), base),
        http=http,
        schedule=_parse_schedule(data.get("schedule", {})),
        feeds=_parse_feeds(data.get("feeds", [])),
        alerts=_parse_alerts(data.get("alerts", [])),
        source=source,
        report=_parse_report(data.get("report", {})),
        scale=_parse_scale(data.get("scale", {})),
    )


def default_config_text() -> str:
    """The packaged default: real public funding-news feeds in English and German."""
    return resources.files("flows").joinpath("default_config.toml").read_text(encoding="utf-8")


def load_config(path: str | os.PathLike[str] | None = None) -> Config:
    """Load `path`, else $FUNDWATCH_CONFIG, else the packaged default."""
    chosen = path or os.environ.get(ENV_VAR)
    if chosen:
        file = Path(chosen).expanduser()
        try:
            text = file.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"{file}: cannot read config: {exc.strerror or exc}") from exc
        base, source = file.resolve().parent, str(file)
    else:
        text, base, source = default_config_text(), Path.cwd(), "<packaged default>"
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source}: not valid TOML: {exc}") from exc
    try:
        return parse_config(data, base, source)
    except ConfigError as exc:
        raise ConfigError(f"{source}: {exc}") from exc
