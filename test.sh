#!/usr/bin/env bash
# Install the kiosk and its test tools into ./.venv and run the whole test suite.
# Any arguments go to pytest, e.g.  ./test.sh -k timeline
# The tests are shared out to one worker per core (KIOSK_TEST_WORKERS=1 for one process, e.g. to read -x output).
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv || { echo "Could not create a virtual environment. On Debian/Raspberry Pi OS run: sudo apt-get install python3-venv" >&2; exit 1; }
fi
stamp=.venv/.installed-test-$(sha1sum pyproject.toml | cut -c1-12)
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  PYTHONWARNINGS="ignore:Editable installation" .venv/bin/python -m pip install --quiet -e ".[test]"
  touch "$stamp"
fi
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
workers=${KIOSK_TEST_WORKERS:-auto}
if [ "$workers" = 1 ]; then
  exec .venv/bin/python -m pytest -q "$@"
fi
exec .venv/bin/python -m pytest -q -n "$workers" --dist worksteal "$@"
