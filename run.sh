#!/usr/bin/env bash
# Install the kiosk into ./.venv (first run only) and start it with the shipped scenes.
# Any arguments go to `kiosk`, e.g.  ./run.sh --windowed --size 1280x720   or   ./run.sh check
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv || { echo "Could not create a virtual environment. On Debian/Raspberry Pi OS run: sudo apt-get install python3-venv" >&2; exit 1; }
fi
stamp=.venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  PYTHONWARNINGS="ignore:Editable installation" .venv/bin/python -m pip install --quiet -e .
  touch "$stamp"
fi
# `./run.sh --windowed ...` means `kiosk run --windowed ...`: options alone are the kiosk's own.
case "${1:-}" in
  --windowed|--size|--size=*|--rotate|--rotate=*|--idle-timeout|--idle-timeout=*|--state|--state=*) set -- run "$@" ;;
esac
exec .venv/bin/kiosk "$@"
