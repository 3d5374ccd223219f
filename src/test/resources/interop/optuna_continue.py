"""Adds trials to an existing study with Optuna: usage: optuna_continue.py URL STUDY N SEED"""
import sys

import optuna

from common import emit, objective


def main(url, name, n, seed):
    study = optuna.load_study(study_name=name, storage=url, sampler=optuna.samplers.RandomSampler(seed=seed))
    before = len(study.trials)
    study.optimize(objective, n_trials=n)
    emit({"numbers": [t.number for t in study.trials[before:]]})


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
