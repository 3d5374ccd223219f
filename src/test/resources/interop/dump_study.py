"""Prints every study of a storage as Optuna 3.1 reads it: usage: dump_study.py STORAGE_URL"""
import sys

import optuna

from common import emit


def trial_json(t):
    return {
        "number": t.number,
        "state": t.state.name,
        "params": t.params,
        "distributions": {k: optuna.distributions.distribution_to_json(d) for k, d in t.distributions.items()},
        "values": t.values,
        "intermediate_values": [[step, v] for step, v in sorted(t.intermediate_values.items())],
        "user_attrs": t.user_attrs,
        "system_attrs": t.system_attrs,
        "datetime_start": t.datetime_start.isoformat(sep=" ") if t.datetime_start else None,
        "datetime_complete": t.datetime_complete.isoformat(sep=" ") if t.datetime_complete else None,
    }


def main(url):
    storage = optuna.storages.RDBStorage(url)
    studies = []
    for frozen in storage.get_all_studies():
        study = optuna.load_study(study_name=frozen.study_name, storage=storage)
        studies.append({
            "name": study.study_name,
            "directions": [d.name for d in study.directions],
            "user_attrs": study.user_attrs,
            "system_attrs": study.system_attrs,
            "trials": [trial_json(t) for t in study.get_trials(deepcopy=False)],
        })
    emit({
        "schema_current": storage.get_current_version(),
        "schema_head": storage.get_head_version(),
        "studies": studies,
    })


if __name__ == "__main__":
    main(sys.argv[1])
