#!/usr/bin/env bash
# Refreshes the bot patterns that BotDetector loads, from the npm package crawler-user-agents
# (MIT). Keeps only the "pattern" strings, in the package's order, plus the licence text.
# Usage: functions/stats/update-crawler-list.sh [version]   (default: latest)
# Needs npm, tar and jq. Afterwards: update the version in docs/third-party.md and run the tests.
set -euo pipefail

version="${1:-latest}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target="$here/src/main/resources/bloghome/stats/visitor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "crawler-user-agents@$version" >/dev/null)
tar -xzf "$work"/crawler-user-agents-*.tgz -C "$work"

jq '[.[].pattern]' "$work/package/crawler-user-agents.json" >"$target/crawler-user-agents.json"
cp "$work/package/LICENSE" "$target/crawler-user-agents.LICENSE"

resolved="$(jq -r .version "$work/package/package.json")"
count="$(jq length "$target/crawler-user-agents.json")"
echo "crawler-user-agents $resolved: $count patterns written to $target"
