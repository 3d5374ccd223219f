"""Describes a SQLite database's schema, or creates one with Optuna first.

usage: describe_schema.py PATH [--create]
"""
import sqlite3
import sys

import optuna

from common import emit


def describe(path):
    con = sqlite3.connect(path)
    tables = {}
    names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    for table in names:
        columns = [list(r[1:]) for r in con.execute(f'PRAGMA table_info("{table}")')]
        indexes = []
        for _, name, unique, origin, partial in con.execute(f'PRAGMA index_list("{table}")'):
            if name.startswith("ix_metaloop_"):
                continue
            cols = [r[2] for r in con.execute(f'PRAGMA index_info("{name}")')]
            indexes.append([name, unique, origin, partial, cols])
        keys = [list(r[2:5]) for r in con.execute(f'PRAGMA foreign_key_list("{table}")')]
        tables[table] = {"columns": columns, "indexes": sorted(indexes), "foreign_keys": keys}
    rows = {
        "version_info": [list(r) for r in con.execute("SELECT * FROM version_info")],
        "alembic_version": [list(r) for r in con.execute("SELECT * FROM alembic_version")],
    }
    con.close()
    return {"tables": tables, "rows": rows}


def main(path, create):
    if create:
        optuna.storages.RDBStorage("sqlite:///" + path)
    storage = optuna.storages.RDBStorage("sqlite:///" + path)
    emit({
        "schema": describe(path),
        "current": storage.get_current_version(),
        "head": storage.get_head_version(),
        "compatible": storage.get_current_version() == storage.get_head_version(),
    })


if __name__ == "__main__":
    main(sys.argv[1], "--create" in sys.argv[2:])
