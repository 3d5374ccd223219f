"""Helpers shared by the interop scripts: quiet Optuna, print one JSON document."""
import json
import sys
import warnings

import optuna

warnings.simplefilter("ignore")
optuna.logging.set_verbosity(optuna.logging.ERROR)


def emit(document):
    """Prints the result for the Java test on stdout, as the last line."""
    sys.stdout.write(json.dumps(document) + "\n")
    sys.stdout.flush()


def objective(trial):
    """The same parameters the Java side suggests, so both fill one search space."""
    x = trial.suggest_float("x", -5, 5)
    lr = trial.suggest_float("lr", 1e-5, 1, log=True)
    n = trial.suggest_int("n", 1, 10, step=2)
    c = trial.suggest_categorical("c", ["relu", "tanh", None, 1.5, 2, True])
    trial.report(float("nan"), 0)
    trial.report(x, 1)
    trial.set_user_attr("by", "optuna")
    return x * x + lr + n + (0 if c is None else 1)
