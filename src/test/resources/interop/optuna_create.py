"""Creates a study with Optuna, runs a few trials and enqueues one: usage: optuna_create.py URL STUDY"""
import sys

import optuna

from common import emit, objective


def main(url, name):
    study = optuna.create_study(study_name=name, storage=url, direction="maximize",
                                sampler=optuna.samplers.RandomSampler(seed=11))
    study.set_user_attr("created_by", "optuna")
    study.optimize(objective, n_trials=3)
    study.enqueue_trial({"x": 1.25, "c": "tanh"})
    emit({"trials": len(study.trials)})


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
