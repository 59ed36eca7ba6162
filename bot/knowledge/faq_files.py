"""Reads knowledge/faq/*.yml into Faq objects, with every problem located by file and line."""

from datetime import date
from pathlib import Path
from typing import List, Tuple

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError

from bot.knowledge.fact_consistency import check_facts
from bot.knowledge.faq import Faq
from bot.knowledge.punctuation import check_punctuation
from bot.knowledge.validation import Problem, ProblemList, _line, check_entry


def faq_files(folder: Path) -> List[Path]:
    return sorted(p for p in (folder / "faq").glob("*.yml") if not p.name.startswith("."))


def _plain(value):
    """ruamel's commented maps and sequences as plain dicts and lists of str."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


def _as_list(value) -> List[str]:
    return [value] if isinstance(value, str) else list(value or [])


def read_faq_file(path: Path, today: date) -> Tuple[List[Faq], List[Problem]]:
    """All FAQs of one file, or none if the file has an error (its problems say why)."""
    problems = ProblemList(path)
    try:
        document = YAML(typ="rt").load(path.read_text(encoding="utf-8"))
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problems.error(mark.line + 1 if mark else 1, f"the file is not valid YAML "
                       f"({error.problem}).", "check the indentation and quotes on this line; "
                       "text containing ': ' or starting with a special character needs quotes.")
        return [], problems
    except UnicodeDecodeError:
        problems.error(1, "the file is not UTF-8 text.", "save it as UTF-8.")
        return [], problems
    entries = document.get("faqs") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        problems.error(1, "the file has no `faqs:` list.", "start the file with 'faqs:' and "
                       "list the FAQs below it (see knowledge/README.md).")
        return [], problems
    faqs = []
    for entry in entries:
        if not check_entry(entry, problems, today):
            continue
        check_facts(entry, problems)
        check_punctuation(entry, problems)
        plain = _plain(entry)
        faqs.append(Faq(
            id=plain["id"], category=plain["category"], department=plain["department"],
            source=plain["source"].strip(), reviewed=entry["reviewed"],
            title={k: v.strip() for k, v in plain["title"].items()},
            questions={k: _as_list(v) for k, v in plain["questions"].items()},
            answer=plain["answer"],
            synonyms={k: _as_list(v) for k, v in (plain.get("synonyms") or {}).items()},
            staff_only=plain.get("staff_only", False),
            consistency_exceptions=[e for e in _as_list(plain.get("consistency_exceptions"))
                                    if isinstance(e, dict)],
            file=path, line=_line(entry, None, 1),
        ))
    if any(p.severity == "error" for p in problems):
        return [], problems
    return faqs, problems
