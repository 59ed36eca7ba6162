"""Where the project's folders are, wherever the code is started from."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE_DIR = PROJECT_ROOT / "knowledge"
RUNTIME_DIR = PROJECT_ROOT / "var"  # databases and generated files, git-ignored
