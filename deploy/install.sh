#!/bin/sh
# Install the kiosk from this clone: a virtual environment in .venv, the kiosk in it, then the service.
#
#   deploy/install.sh                 # no desktop: the kiosk owns the screen (SDL on KMS/DRM), system service
#   deploy/install.sh --desktop       # inside the desktop session (X11/Wayland), user service
#   deploy/install.sh --no-service    # only the venv; start it yourself with .venv/bin/kiosk
#
# Any other option is passed to `kiosk install-service` (e.g. --run-as kiosk, --state DIR, --dry-run).
# Run it as the account that will run the kiosk; it asks for sudo only where it needs it.
set -eu

HERE=$(cd "$(dirname "$0")/.." && pwd)
VENV="$HERE/.venv"
PYTHON=${PYTHON:-python3}
SERVICE=yes
DISPLAY_MODE=""
PASS=""
for arg in "$@"; do
    case "$arg" in
        --no-service) SERVICE=no ;;
        --desktop) DISPLAY_MODE=--desktop ;;
        --kms) DISPLAY_MODE=--kms ;;
        *) PASS="$PASS $arg" ;;
    esac
done

say() { printf '\n== %s\n' "$*"; }
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi

if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then
    echo "The kiosk needs Python 3.10 or newer; this system has: $("$PYTHON" --version 2>&1)" >&2
    echo "On Debian/Ubuntu/Raspberry Pi OS: sudo apt install python3 python3-venv" >&2
    exit 1
fi

if command -v apt-get >/dev/null 2>&1; then
    missing=""
    "$PYTHON" -c 'import venv, ensurepip' 2>/dev/null || missing="$missing python3-venv"
    command -v setterm >/dev/null 2>&1 || missing="$missing util-linux"
    # The SDL inside the pygame-ce wheel loads these from the system to draw without a desktop (KMS/DRM).
    LDCONFIG=$(command -v ldconfig || echo /sbin/ldconfig)
    for pair in libgbm.so.1:libgbm1 libEGL.so.1:libegl1 libGLESv2.so.2:libgles2 libdrm.so.2:libdrm2; do
        "$LDCONFIG" -p 2>/dev/null | grep -q "${pair%%:*}" || missing="$missing ${pair#*:}"
    done
    if [ -n "$missing" ]; then
        say "Installing system packages:$missing"
        $SUDO apt-get update
        # shellcheck disable=SC2086
        $SUDO apt-get install -y $missing
    fi
fi

say "Creating the virtual environment in $VENV"
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --upgrade --quiet pip
say "Installing the kiosk (pygame-ce, PyYAML, Pillow, pydantic, segno)"
"$VENV/bin/python" -m pip install --quiet -e "$HERE[console]"

say "Checking the content"
(cd "$HERE" && "$VENV/bin/kiosk" check) || echo "(fix the problems above; the kiosk shows only the scenes that are valid)"

if [ "$SERVICE" = no ]; then
    say "Done. Start the kiosk with: $VENV/bin/kiosk"
    exit 0
fi

if [ -z "$DISPLAY_MODE" ]; then
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then DISPLAY_MODE=--desktop; else DISPLAY_MODE=--kms; fi
fi

say "Installing the service ($DISPLAY_MODE)"
cd "$HERE"
if [ "$DISPLAY_MODE" = --kms ]; then
    # A system service starts at boot before anyone logs in; it runs as this account.
    # shellcheck disable=SC2086
    $SUDO "$VENV/bin/kiosk" install-service --kms --system --run-as "$(id -un)" $PASS
else
    # shellcheck disable=SC2086
    "$VENV/bin/kiosk" install-service --desktop --user $PASS
fi

say "Checking the kiosk's health"
"$VENV/bin/kiosk" doctor || true
echo
echo "Next: docs/install.md (touch screen, portrait mount, screen blanking) and docs/staff-guide.md."
