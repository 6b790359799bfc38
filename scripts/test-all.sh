#!/usr/bin/env bash
# `npm test`: everything CI runs, in order of cost. Static checks and unit tests first (they need
# nothing), then the lab's real hosts (sshd + libvirt + QEMU on loopback) for the integration and
# end-to-end tests. Needs root for the lab. Prints one closing line: "tests: N passed, M failed".
set -euo pipefail
cd "$(dirname "$0")/.."
# No Electron binary download (`npm start` would fetch one); the desktop step uses a stand-in.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
mkdir -p artifacts
rm -f artifacts/*.json

step() { printf '\n=== %s\n' "$*"; }
# Tear the lab down at the end only if this run brought it up: a lab that was already up belongs
# to someone (a developer, another run) and stays as it was found.
lab_started=0
finish() {
  status=$?
  if [ "$lab_started" = 1 ] && [ -z "${FEDERATOR_KEEP_LAB:-}" ]; then
    step "lab down"
    bash lab/lab.sh down || true
  fi
  node scripts/summarize-tests.mjs artifacts || true
  exit $status
}
trap finish EXIT

step "Node and Debian packages"
node scripts/check-node.mjs
bash lab/lab.sh packages

step "typecheck"
npm run -s typecheck
step "lint"
npm run -s lint

step "unit tests"
npx vitest run --project unit --reporter=default --reporter=json --outputFile.json=artifacts/unit.json

step "lab up (real hosts on 127.0.0.11-13)"
[ -f .lab/lab.json ] || lab_started=1
bash lab/lab.sh up
bash lab/lab.sh jump-host   # hv4, reachable only through hv1 (ProxyJump tests)

step "integration tests (real sshd + libvirt)"
npx vitest run --project integration --reporter=default --reporter=json --outputFile.json=artifacts/integration.json

step "build"
npm run -s build

step "desktop app (npm start and npm run dev up to a stand-in Electron; what a package carries)"
npx vitest run --project desktop --reporter=default --reporter=json --outputFile.json=artifacts/desktop.json

step "end-to-end tests (Chromium against the web shell over the lab)"
npx playwright test
