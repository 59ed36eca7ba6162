"""Trains the Rasa model only when something it is trained from has changed.

The model file is named after a content hash of the training data, config, domain and the
custom NLU code, so `make run` and `make test` reuse it across runs and retrain exactly when
an input changed. Editing knowledge/ never retrains: answers are read at run time.
"""

import argparse
import hashlib
import os
from pathlib import Path
import subprocess
import sys
from typing import Iterable, List

from bot.paths import PROJECT_ROOT

MODELS_DIR = PROJECT_ROOT / "bot" / "models"
TRAINING_DATA = PROJECT_ROOT / "bot" / "data"
# The custom graph components' code shapes the trained model too.
_TRAINING_INPUTS = ("config.yml", "domain.yml", "bot/data", "bot/nlu", "bot/langid",
                    "bot/text_normalization.py", "requirements.txt")


def _files(paths: Iterable[str]) -> List[Path]:
    found = []
    for relative in paths:
        path = PROJECT_ROOT / relative
        if path.is_dir():
            found.extend(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        elif path.exists():
            found.append(path)
    return sorted(found)


def training_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in _files(_TRAINING_INPUTS):
        digest.update(str(path.relative_to(PROJECT_ROOT)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def model_path() -> Path:
    return MODELS_DIR / f"model-{training_fingerprint()}.tar.gz"


def ensure_model(quiet: bool = False) -> Path:
    """Returns the model for the current inputs, training it first if it does not exist.
    The project's own small models (bot/trained_artifacts.py) are trained too."""
    _ensure_artifacts()
    target = model_path()
    if target.exists():
        if not quiet:
            print(f"Model up to date: {target.relative_to(PROJECT_ROOT)}")
        return target
    print(f"Training data, config or domain changed: training {target.name} …", flush=True)
    MODELS_DIR.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable, "-m", "rasa", "train",
        "--config", "config.yml", "--domain", "domain.yml", "--data", str(TRAINING_DATA),
        "--out", str(MODELS_DIR), "--fixed-model-name", target.name[: -len(".tar.gz")],
    ]
    subprocess.run(command, cwd=PROJECT_ROOT, check=True, env=rasa_environment())
    for old in MODELS_DIR.glob("model-*.tar.gz"):  # keep the folder from growing forever
        if old != target:
            old.unlink()
    return target


def _ensure_artifacts() -> None:
    # Importing a model's module registers it.
    import bot.emergency.situation_model  # noqa: F401
    import bot.langid.latin_model  # noqa: F401
    from bot.trained_artifacts import ARTIFACTS

    for artifact in ARTIFACTS.values():
        artifact.ensure()


def rasa_environment() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH")]))
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # TensorFlow's start-up chatter
    env.setdefault("PYTHONWARNINGS", "ignore::DeprecationWarning")  # Rasa's dependencies' noise
    return env


def _ensure(args: argparse.Namespace) -> int:
    ensure_model()
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    model = subparsers.add_parser("model", help="the trained Rasa model")
    commands = model.add_subparsers(dest="model_command", required=True)
    commands.add_parser("ensure", help="train only if training inputs changed").set_defaults(
        handler=_ensure
    )
