"""Intent macro-F1 per language on held-out files (`python -m bot nlu eval tests/nlu`).

Each file `holdout_<lang>.yml` holds messages the model never saw in training. Predictions
go through the whole trained pipeline, fallback included: a message the model is unsure of
counts as a miss, as it would for the resident.
"""

import argparse
import asyncio
import json
import logging
from pathlib import Path
import re
from typing import Dict, List, Tuple

_LANGUAGE_FROM_FILE = re.compile(r"holdout_(?P<lang>[a-z-]+)\.yml$")


def _examples(path: Path) -> List[Tuple[str, str]]:
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(path))
    return [(m.get("text"), m.get("intent")) for m in data.intent_examples]


async def _predict(agent, texts: List[str]) -> List[str]:
    return [(await agent.parse_message(text))["intent"]["name"] for text in texts]


def evaluate(folder: Path, model: Path) -> Dict[str, Dict]:
    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog
    from sklearn.metrics import f1_score

    configure_structlog(logging.WARNING)  # not one debug line per parsed message
    agent = Agent.load(str(model))
    results = {}
    for path in sorted(folder.glob("holdout_*.yml")):
        language = _LANGUAGE_FROM_FILE.search(path.name).group("lang")
        examples = _examples(path)
        gold = [intent for _, intent in examples]
        predicted = asyncio.run(_predict(agent, [text for text, _ in examples]))
        results[language] = {
            "macro_f1": round(f1_score(gold, predicted, labels=sorted(set(gold)), average="macro"), 4),
            "n": len(gold),
            "errors": [
                {"text": text, "expected": g, "predicted": p}
                for (text, g), p in zip(examples, predicted) if g != p
            ],
        }
    return results


def _eval(args: argparse.Namespace) -> int:
    from bot.model_store import ensure_model

    results = evaluate(Path(args.folder), ensure_model(quiet=True))
    for language, result in results.items():
        if args.show_errors:
            for error in result["errors"]:
                print(f"miss\t{language}\t{error['expected']}→{error['predicted']}\t{error['text']}")
        print(f"{language}: intent macro-F1 {result['macro_f1']:.3f} on {result['n']} messages")
    print(json.dumps({lang: r["macro_f1"] for lang, r in results.items()}))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    nlu = subparsers.add_parser("nlu", help="NLU quality")
    commands = nlu.add_subparsers(dest="nlu_command", required=True)
    parser = commands.add_parser("eval", help="intent macro-F1 per language on held-out files")
    parser.add_argument("folder", help="folder of holdout_<lang>.yml files")
    parser.add_argument("--show-errors", action="store_true")
    parser.set_defaults(handler=_eval)
