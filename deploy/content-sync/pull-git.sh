#!/bin/sh
# Pull the clinic's content from a git repository into a staging clone, export it as a release, then flip.
#   pull-git.sh REPOSITORY BASE [BRANCH]
#   e.g. pull-git.sh https://git.example.org/clinic/kiosk-content.git /home/kiosk/kiosk-content main
# The staging clone is never what the kiosk reads; a release is a clean copy (git archive) of one commit.
set -eu
REPO=$1
BRANCH=${3:-main}
mkdir -p "$2/releases"
BASE=$(cd "$2" && pwd)
STAGING="$BASE/staging"

if [ ! -d "$STAGING/.git" ]; then
    git clone --quiet --branch "$BRANCH" "$REPO" "$STAGING"
else
    git -C "$STAGING" fetch --quiet origin "$BRANCH"
    git -C "$STAGING" checkout --quiet --force -B "$BRANCH" "origin/$BRANCH"
fi
COMMIT=$(git -C "$STAGING" rev-parse --short=12 HEAD)
NEW="$BASE/releases/$COMMIT"
if [ "$(readlink -f "$BASE/current" 2>/dev/null || true)" = "$(readlink -f "$NEW" 2>/dev/null || echo none)" ]; then
    exit 0  # already showing this commit
fi
rm -rf "$NEW.tmp"
mkdir -p "$NEW.tmp"
git -C "$STAGING" archive --format=tar HEAD | tar -x -C "$NEW.tmp"
rm -rf "$NEW"
mv "$NEW.tmp" "$NEW"
exec "$(dirname "$0")/flip.sh" "$BASE" "$NEW"
