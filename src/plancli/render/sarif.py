"""SARIF 2.1.0, the format CI systems read static-analysis results in (``plancli check --format sarif``).

One run of the driver ``plancli``; each check is a reporting rule, each finding a
result at its first side, the other sides as related locations. Lines are the
file's (``Location.line``); the words there are the region's snippet.
"""
from __future__ import annotations

import json
from pathlib import PurePath
from typing import IO
from urllib.parse import quote

from .. import __version__
from ..check import CHECKS, CheckReport, Location

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _physical(loc: Location) -> dict:
    region = {"startLine": max(1, loc.line), "snippet": {"text": loc.text}}
    return {"artifactLocation": {"uri": quote(PurePath(loc.path).as_posix(), safe="/:")}, "region": region}


def sarif_log(report: CheckReport, settings: dict[str, str | None] | None = None) -> dict:
    settings = settings or {}
    rule_ids = [cid for cid in CHECKS if settings.get(cid, CHECKS[cid].severity)]
    rules = [{"id": cid, "shortDescription": {"text": CHECKS[cid].summary},
              "defaultConfiguration": {"level": LEVELS[settings.get(cid, CHECKS[cid].severity)]},
              "properties": {"scope": CHECKS[cid].scope}} for cid in rule_ids]
    results = []
    for f in report.findings:
        first, *others = f.locations
        result = {"ruleId": f.check, "ruleIndex": rule_ids.index(f.check), "level": LEVELS[f.severity],
                  "message": {"text": f"{f.message}. Why: {f.why}."},
                  "locations": [{"physicalLocation": _physical(first)}]}
        if others:
            result["relatedLocations"] = [{"id": n, "physicalLocation": _physical(loc),
                                           "message": {"text": f"the other side, line {loc.line}"}}
                                          for n, loc in enumerate(others, start=1)]
        results.append(result)
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0",
            "runs": [{"tool": {"driver": {"name": "plancli", "version": __version__, "rules": rules}},
                      "results": results}]}


def write_sarif(report: CheckReport, stream: IO[str], settings: dict[str, str | None] | None = None) -> None:
    stream.write(json.dumps(sarif_log(report, settings), ensure_ascii=False, indent=2) + "\n")
