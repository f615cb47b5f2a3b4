"""Agencies: plancli against underthesea's named-entity recogniser.

What a user without plancli would do is run ``underthesea.ner`` and keep the
ORG entities. This script does that over the sentences of each development document and
prints, side by side, the organisations NER finds and the assigned agencies
(with roles) plancli finds, and how many of the gold agencies of the
development set each recovers.

    .venv/bin/python bench/ner_baseline.py
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import yaml  # noqa: E402
from underthesea import ner  # noqa: E402

import plancli  # noqa: E402
from plancli.normalize import fold_diacritics  # noqa: E402

GOLD = ROOT.parent / "shared" / "eval" / "gold"
DOCS = GOLD.parent / "docs"


def _key(name: str) -> str:
    return " ".join(fold_diacritics(name).casefold().split())


def ner_organisations(text: str) -> list[str]:
    found = []
    for sentence in re.split(r"(?<=[.;:])\s+|\n+", text):
        if not sentence.strip():
            continue
        current: list[str] = []
        for token in ner(sentence):
            word, tag = token[0], token[-1]
            if tag.endswith("ORG") and (tag.startswith("B") or not current):
                if current:
                    found.append(" ".join(current))
                current = [word]
            elif tag == "I-ORG" and current:
                current.append(word)
            else:
                if current:
                    found.append(" ".join(current))
                current = []
        if current:
            found.append(" ".join(current))
    return found


def main() -> None:
    total_gold = total_ner = total_plancli = 0
    print(f"{'document':<32} {'gold':>4} {'NER ORG':>8} {'NER hits':>8} {'plancli':>8} {'plancli hits':>12}")
    for gold_file in sorted(GOLD.glob("*.yaml")):
        gold = yaml.safe_load(gold_file.read_text(encoding="utf-8"))
        required = [g for g in gold.get("agencies") or [] if not g.get("optional")]
        names = [[_key(n) for n in (g["name"] if isinstance(g["name"], list) else [g["name"]])] for g in required]
        record = plancli.extract(next(DOCS.glob(gold_file.stem + ".*")))
        organisations = ner_organisations(record.text)
        ner_keys = {_key(o) for o in organisations}
        # NER gives no role: count a gold agency found if any ORG has its name
        ner_hits = sum(1 for alts in names if ner_keys & set(alts))
        ours = {(_key(a.name), a.role) for a in record.agencies}
        our_hits = sum(1 for g, alts in zip(required, names) if any((k, g["role"]) in ours for k in alts))
        total_gold += len(required)
        total_ner += ner_hits
        total_plancli += our_hits
        print(f"{gold_file.stem:<32} {len(required):>4} {len(organisations):>8} {ner_hits:>8} "
              f"{len(record.agencies):>8} {our_hits:>12}")
        if organisations:
            print("    NER ORG:", "; ".join(sorted(set(organisations))[:8]))
        print("    plancli:", "; ".join(f"{a.name} ({a.role})" for a in record.agencies[:8]) or "-")
    print(f"\ngold agencies recovered: underthesea NER {total_ner}/{total_gold} (names only, no role); "
          f"plancli {total_plancli}/{total_gold} (name and role)")


if __name__ == "__main__":
    main()
