#!/bin/sh
# Shared by the pull scripts: check a new release folder, then make it current in one atomic step.
#   flip.sh BASE NEW
# BASE/current is a symbolic link to the release in use; the kiosk reads BASE/current/scenes and art.
# The link is replaced by rename(2), so the kiosk sees the old release or the new one, never a mix.
set -eu
BASE=$1
NEW=$2
CHECKOUT=$(cd "$(dirname "$0")/../.." && pwd)
KIOSK=${KIOSK:-$CHECKOUT/.venv/bin/kiosk}

if [ -x "$KIOSK" ] || command -v "${KIOSK%% *}" >/dev/null 2>&1; then
    # shellcheck disable=SC2086
    if ! $KIOSK check --config "$CHECKOUT/kiosk.yaml" --scenes "$NEW/scenes" --art "$NEW/art"; then
        echo "the new content has errors (above); keeping the current content" >&2
        rm -rf "$NEW"
        exit 1
    fi
fi

ln -sfn "$NEW" "$BASE/current.tmp"
mv -T "$BASE/current.tmp" "$BASE/current"
echo "now showing $(basename "$NEW")"

# Keep the three newest releases (the one in use is always among them).
ls -1dt "$BASE"/releases/*/ 2>/dev/null | tail -n +4 | while read -r old; do
    [ "$(readlink -f "$old")" = "$(readlink -f "$BASE/current")" ] || rm -rf "$old"
done
