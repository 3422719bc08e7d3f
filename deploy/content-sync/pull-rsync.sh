#!/bin/sh
# Pull the clinic's content with rsync (over SSH, or from a local/USB path) into a new release, then flip.
#   pull-rsync.sh SOURCE BASE
#   e.g. pull-rsync.sh content@office-pc:/srv/kiosk-content/ /home/kiosk/kiosk-content
# SOURCE holds scenes/ and art/. Unchanged files are hard-linked from the current release (--link-dest),
# so a release costs almost no disk space. Nothing changes when SOURCE has not changed.
set -eu
SOURCE=${1%/}/
mkdir -p "$2/releases"
BASE=$(cd "$2" && pwd)
CURRENT=$(readlink -f "$BASE/current" 2>/dev/null || true)

if [ -n "$CURRENT" ] && [ -d "$CURRENT" ]; then
    changes=$(rsync -a --delete --dry-run --itemize-changes --exclude '.*' "$SOURCE" "$CURRENT/")
    if [ -z "$changes" ]; then
        exit 0  # nothing new
    fi
fi

NEW=$(mktemp -d "$BASE/releases/$(date +%Y%m%d-%H%M%S)-XXXX")
chmod 755 "$NEW"
if [ -n "$CURRENT" ] && [ -d "$CURRENT" ]; then
    rsync -a --delete --exclude '.*' --link-dest="$CURRENT" "$SOURCE" "$NEW/"
else
    rsync -a --delete --exclude '.*' "$SOURCE" "$NEW/"
fi
exec "$(dirname "$0")/flip.sh" "$BASE" "$NEW"
