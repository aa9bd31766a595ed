#!/usr/bin/env bash
# Sets up a checkout for running and testing Contour: the .venv with the package and its test
# extra, Debian Chromium for the browser tests, and the built web app. Idempotent; each step is
# skipped when its inputs have not changed since it last succeeded.
#
# Environment: PYTHON (interpreter for a new .venv, default python3), CONTOUR_SKIP_WEB=1 (do not
# build web/), CONTOUR_SKIP_CHROMIUM=1 (do not install Chromium), CONTOUR_SKIP_FIFTYONE=1 (do not
# create .venv-fiftyone; the FiftyOne client tests then skip).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf 'setup: %s\n' "$*"; }
warn() { printf 'setup: WARNING: %s\n' "$*" >&2; }
die() { printf 'setup: ERROR: %s\n' "$*" >&2; exit 1; }

# --- Python environment -------------------------------------------------------------------------
venv=.venv
stamp="$venv/.contour-setup-stamp"
python=${PYTHON:-python3}

if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import sys' >/dev/null 2>&1; then
    command -v "$python" >/dev/null 2>&1 || die "$python not found; install Python >= 3.11"
    "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
        || die "$python is $("$python" -V 2>&1); Contour needs Python >= 3.11 (set PYTHON=...)"
    say "creating $venv with $("$python" -V 2>&1)"
    rm -rf "$venv"
    "$python" -m venv "$venv"
    rm -f "$stamp"
fi

# The stamp records a successful install; pyproject.toml or requirements.lock changing after it
# (or the console script vanishing) means the install is stale.
if [ -f "$stamp" ] && [ "$stamp" -nt pyproject.toml ] && [ "$stamp" -nt requirements.lock ] \
    && [ -x "$venv/bin/contour" ]; then
    say "Python packages up to date"
else
    say "installing contour[test] into $venv (constraints: requirements.lock)"
    "$venv/bin/python" -m pip install --quiet --no-input --disable-pip-version-check \
        -c requirements.lock -e '.[test]'
    touch "$stamp"
fi

# --- FiftyOne, a real third-party CVAT client, in a virtual environment of its own -----------------
# tests/clients drive it against a live server; its dependencies must never constrain the server's.
fo_venv=.venv-fiftyone
fo_stamp="$fo_venv/.contour-setup-stamp"
fo_requirements=tests/clients/fiftyone-requirements.txt
fo_lock=tests/clients/fiftyone-requirements.lock
if [ "${CONTOUR_SKIP_FIFTYONE:-}" = 1 ]; then
    warn "CONTOUR_SKIP_FIFTYONE=1: not setting up $fo_venv; the FiftyOne client tests will skip"
elif [ -f "$fo_stamp" ] && [ "$fo_stamp" -nt "$fo_requirements" ] && [ "$fo_stamp" -nt "$fo_lock" ] \
    && [ -x "$fo_venv/bin/python" ] && "$fo_venv/bin/python" -c 'import sys' >/dev/null 2>&1; then
    say "FiftyOne client environment up to date"
else
    say "creating $fo_venv with FiftyOne (constraints: $fo_lock)"
    rm -rf "$fo_venv"
    "$python" -m venv "$fo_venv"
    "$fo_venv/bin/python" -m pip install --quiet --no-input --disable-pip-version-check \
        -c "$fo_lock" -r "$fo_requirements"
    touch "$fo_stamp"
fi

# --- Chromium for the end-to-end tests ----------------------------------------------------------
if [ -x /usr/bin/chromium ]; then
    :
elif [ "${CONTOUR_SKIP_CHROMIUM:-}" = 1 ]; then
    warn "/usr/bin/chromium is missing (CONTOUR_SKIP_CHROMIUM=1); end-to-end tests cannot run"
elif [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    warn "/usr/bin/chromium is missing and this is not root with apt-get;" \
        "install it with 'sudo apt-get install chromium' or the end-to-end tests cannot run"
else
    say "installing Debian chromium (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    if apt-get -o DPkg::Lock::Timeout=300 update -qq \
        && apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends chromium \
            >/dev/null; then
        say "installed $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
    else
        warn "apt-get could not install chromium; end-to-end tests cannot run"
    fi
fi

# --- Web app ------------------------------------------------------------------------------------
if [ ! -f web/package.json ]; then
    say "no web/package.json; skipping the web app build"
elif [ "${CONTOUR_SKIP_WEB:-}" = 1 ]; then
    warn "CONTOUR_SKIP_WEB=1: not building the web app"
else
    command -v npm >/dev/null 2>&1 || die "npm not found; install Node.js 20+ or set CONTOUR_SKIP_WEB=1"
    deps_stamp=web/node_modules/.contour-npm-stamp
    if [ -f "$deps_stamp" ] && [ "$deps_stamp" -nt web/package.json ] \
        && { [ ! -f web/package-lock.json ] || [ "$deps_stamp" -nt web/package-lock.json ]; }; then
        say "web dependencies up to date"
    else
        say "installing web dependencies (npm ci)"
        (cd web && npm ci --no-audit --no-fund --loglevel=error)
        touch "$deps_stamp"
    fi
    build_stamp=web/dist/.contour-build-stamp
    # Rebuild when any source file (anything outside node_modules/ and dist/) is newer.
    if [ -f "$build_stamp" ] && [ -z "$(find web \( -path web/node_modules -o -path web/dist \) -prune \
        -o -type f -newer "$build_stamp" -print -quit)" ]; then
        say "web app build up to date"
    else
        say "building the web app (npm run build)"
        (cd web && npm run build --silent)
        mkdir -p web/dist
        touch "$build_stamp"
    fi
fi

say "done"
