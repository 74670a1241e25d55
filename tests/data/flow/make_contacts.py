#!/usr/bin/env python3
"""Writes contacts.jsonl: the affordable-housing practices of Portuguese and
Spanish cities in ../match/hub.jsonl, each repeated whole with a contact
and its impact figures (../match/indicators.jsonl) added, for the transfer
flow's chromium test (tests/http/t_transfer_flow.sh).

Ingested after hub.jsonl, a record with a nid the store holds replaces that
node whole (the store's writer is an INSERT ... ON CONFLICT DO UPDATE of
every column): a record carrying only the nid and the contact would empty
the practice. Hence the whole record, read from hub.jsonl, not a patch.

The contacts are invented, their addresses under .example (RFC 2606);
every address is one the pages must never show. Deterministic: running it
again rewrites the same bytes (t_transfer_flow.sh checks it).
Usage: make_contacts.py [OUT_DIR] (default: this directory).
"""
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
MATCH = os.path.join(HERE, "..", "match")

# (first name, family name, organisation) per city; the address is made from
# the names, under the city council's invented domain
PEOPLE = {
    "Lisboa": ("Inês", "Ferreira", "Câmara Municipal de Lisboa"),
    "Porto": ("Rui", "Almeida", "Câmara Municipal do Porto"),
    "Évora": ("Marta", "Sousa", "Câmara Municipal de Évora"),
    "Fundão": ("João", "Pires", "Câmara Municipal do Fundão"),
    "Barcelona": ("Núria", "Vidal", "Ajuntament de Barcelona"),
    "Soria": ("Pablo", "Martín", "Ayuntamiento de Soria"),
    "Madrid": ("Lucía", "García", "Ayuntamiento de Madrid"),
}


def ascii_word(s):
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def lines(name):
    with open(os.path.join(MATCH, name), encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main():
    figures = {r["nid"]: r["indicators"] for r in lines("indicators.jsonl")}
    out = []
    for r in lines("hub.jsonl"):
        if (r["type"] != "practice" or "Housing" not in r.get("themes", [])
                or r.get("country") not in ("Portugal", "Spain")):
            continue
        first, family, org = PEOPLE[r["city"]]
        r["contact"] = {
            "name": f"{first} {family}",
            "organisation": org,
            "email": f"{ascii_word(first)}.{ascii_word(family)}@{ascii_word(r['city'])}-habitacao.example",
            "website": None,
        }
        if r["nid"] in figures:
            r["indicators"] = figures[r["nid"]]
        out.append(r)
    out_dir = sys.argv[1] if len(sys.argv) > 1 else HERE
    with open(os.path.join(out_dir, "contacts.jsonl"), "w", encoding="utf-8") as f:
        for r in out:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
