#!/usr/bin/env bash
# Checks .github/workflows/ci.yml without running it (it runs on GitHub, not here): valid against
# the published GitHub workflow schema (check-jsonschema's built-in copy, installed into a
# virtual environment in the build directory the first time), and saying what the project
# promises: the three systems, and the README's test command on Linux.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
workflow="$root/.github/workflows/ci.yml"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
venv="$target_dir/check-jsonschema"
version=0.33.0
if [[ ! -x "$venv/bin/check-jsonschema" ]]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "check-jsonschema==$version"
fi
"$venv/bin/check-jsonschema" --builtin-schema vendor.github-workflows "$workflow"

fail() {
  echo "check-workflow.sh: $*" >&2
  exit 1
}
for runner in ubuntu-22.04 ubuntu-24.04 macos-14 windows-latest; do
  grep -q "$runner" "$workflow" || fail "the workflow does not run on $runner"
done
# The test command the README gives is the one Linux runs.
command="$(grep -m1 -E '^    \./scripts/test\.sh' "$root/README.md" | sed 's/^ *//')"
[[ -n "$command" ]] || fail "the README gives no test command"
grep -q "run: $command\$" "$workflow" || fail "the workflow does not run the README's test command ($command)"
# The Tauri CLI is the one scripts/package.sh pins.
cli="$(sed -n 's/^tauri_cli_version=//p' "$root/scripts/package.sh")"
grep -q "@tauri-apps/cli@$cli\"" "$workflow" || fail "the workflow's Tauri CLI is not $cli (scripts/package.sh)"
grep -q 'run: ./scripts/package.sh' "$workflow" || fail "no job makes the .deb and .rpm with scripts/package.sh"
for bundle in appimage dmg msi; do
  grep -q -- "--bundles .*$bundle" "$workflow" || fail "no job makes the $bundle bundle"
done
echo "workflow: valid, three systems, the README's test command, bundles deb rpm appimage dmg msi"
