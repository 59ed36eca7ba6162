"""Edit → served latency of a staff edit to knowledge/, with the real FAQ set.

`python -m bench.reload_latency [--rounds 3]` copies knowledge/ to a temporary folder, loads
it the way the action server does (`KnowledgeBase` with `build_faq_index`), then edits one
FAQ file: a question added to one FAQ in one language, then in all six languages. For each
edit: the CPU and wall time of the refresh that applies it (until a search for the new
wording finds that FAQ), and of the background completion that makes the index exact. CPU is
`time.process_time` (the machine may be shared; wall time is only meaningful on a quiet one).
The watcher polls every 0.5 s: add up to that to the refresh. Last line: one JSON object.
"""

import argparse
import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Sequence

from bot.knowledge.faq_search import build_faq_index
from bot.knowledge.knowledge_base import KnowledgeBase
from bot.languages import LANGUAGES
from bot.paths import KNOWLEDGE_DIR

FAQ_FILE, FAQ_ID = "procedures.yml", "procedures-moving-in"


def add_question(path: Path, faq_id: str, languages: Sequence[str], question: str) -> None:
    """Adds `question` as the first question of `faq_id` in each of `languages` (a text edit,
    as a staff member would make it)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index(f"  - id: {faq_id}\n")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("  - id: ")),
               len(lines))
    in_questions = False
    out: List[str] = []
    for i, line in enumerate(lines):
        out.append(line)
        if start < i < end:
            if line.startswith("    ") and not line.startswith("     "):
                in_questions = line.strip() == "questions:"
            elif in_questions and line.strip().rstrip(":") in languages and \
                    line.startswith("      ") and not line.startswith("       "):
                out.append(f"        - {question}\n")
    path.write_text("".join(out), encoding="utf-8")  # longer: seen however coarse the clock


def measure(kb: KnowledgeBase, folder: Path, languages: Sequence[str], word: str
            ) -> Dict[str, float]:
    add_question(folder / "faq" / FAQ_FILE, FAQ_ID, languages, f"{word} {word}")
    cpu, wall = time.process_time(), time.perf_counter()
    assert kb.refresh()
    served_cpu, served_wall = time.process_time() - cpu, time.perf_counter() - wall
    for language in languages:
        top = kb.snapshot.index.search(word, language=language, top_k=1)
        assert top and top[0].id == FAQ_ID, (language, top)
    cpu, wall = time.process_time(), time.perf_counter()
    kb.wait_for_completion()
    assert kb.snapshot.index.exact
    return {"served_cpu_s": served_cpu, "served_wall_s": served_wall,
            "exact_after_cpu_s": time.process_time() - cpu,
            "exact_after_wall_s": served_wall + time.perf_counter() - wall}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory) / "knowledge"
        shutil.copytree(KNOWLEDGE_DIR, folder)
        cpu = time.process_time()
        kb = KnowledgeBase(folder, build_index=build_faq_index)
        result: Dict[str, object] = {"faqs": len(kb.snapshot.faqs),
                                     "cold_build_cpu_s": round(time.process_time() - cpu, 2)}
        for name, languages in (("one_language", ["en"]), ("all_languages", list(LANGUAGES))):
            rounds = [measure(kb, folder, languages, f"zqxedit{name.replace('_', '')}{r}")
                      for r in range(args.rounds)]
            result[name] = {key: round(statistics.median(r[key] for r in rounds), 2)
                            for key in rounds[0]}
            print(name, result[name], flush=True)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
