#!/usr/bin/env bash
# Creates .venv with Python 3.10 (the version Rasa 3.6 needs) and installs the pinned
# requirements. Re-installs only when requirements.txt changed.
set -euo pipefail
cd "$(dirname "$0")/.."

want="$(cat .python-version)"   # e.g. 3.10
venv=.venv
stamp="$venv/.requirements.sha256"

find_python() {
  local candidate
  if command -v pyenv >/dev/null 2>&1; then
    candidate="$(pyenv which "python$want" 2>/dev/null || true)"
    [ -n "$candidate" ] && { echo "$candidate"; return; }
  fi
  for candidate in "python$want" python3 python; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       [ "$("$candidate" -c 'import sys; print("%d.%d" % sys.version_info[:2])')" = "$want" ]; then
      command -v "$candidate"; return
    fi
  done
}

if [ ! -x "$venv/bin/python" ]; then
  python="$(find_python)"
  if [ -z "$python" ]; then
    echo "error: Python $want is required (Rasa 3.6 runs on Python 3.10 only) and none was found." >&2
    echo "Install it, e.g. 'pyenv install $want' (this folder's .python-version selects it)," >&2
    echo "or put a python$want on PATH, then run make again." >&2
    exit 1
  fi
  echo "Creating $venv with $python"
  "$python" -m venv "$venv"
fi

wanted_sha="$(sha256sum requirements.txt | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted_sha" ]; then
  echo "Installing the pinned requirements into $venv (about 2 minutes the first time)…"
  "$venv/bin/python" -m pip install --quiet --upgrade pip
  "$venv/bin/python" -m pip install --quiet -r requirements.txt
  echo "$wanted_sha" > "$stamp"
fi
