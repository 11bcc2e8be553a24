#!/usr/bin/env bash
# Runs every test of ingroup: formatting and lints, Rust unit and integration tests, the
# bundled course's check, the runtime's unit tests and the end-to-end tests in headless
# Chromium. Installs what a fresh machine lacks (Debian's chromium and unzip, the npm test
# packages).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

install_debian_packages() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v unzip >/dev/null || missing+=(unzip)
  if [ ${#missing[@]} -eq 0 ]; then return; fi
  step "installing Debian's ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

install_node_packages() {
  local package
  for package in playwright-core axe-core scorm-again xmllint-wasm; do
    [ -d "node_modules/$package" ] || { npm_ci; return; }
  done
}

npm_ci() {
  step "installing npm test packages"
  npm ci --no-audit --no-fund --loglevel=error
}

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy"
cargo clippy --all-targets --quiet -- -D warnings

step "cargo test (unit and integration)"
cargo build --release --quiet
cargo test --release --quiet

step "bundled course passes ingroup check with no warnings"
target/release/ingroup check --root . --deny-warnings

install_debian_packages
install_node_packages

step "runtime unit tests (node --test)"
node --test tests/js/

step "end-to-end tests in headless Chromium"
INGROUP_BIN="$PWD/target/release/ingroup" node --test --test-concurrency=1 tests/e2e/
