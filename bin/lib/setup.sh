# Sourced by bin/run-local and bin/test (from the project root): finds or makes what they need
# besides a JDK (bin/lib/jdk25.sh) and Maven (./mvnw downloads it).
#
# pick_python: a Python that imports moto.server (the local DynamoDB), samtranslator and cfnlint
#   (the template's lint and offline SAM transform). The first that has all three of:
#   BLOGHOME_PYTHON, the project's venv, python3 on the PATH, pyenv's versions, /usr/bin/python3.
#   Else it makes the venv once (BLOGHOME_VENV, default .venv/, git-ignored) with pip and the
#   pinned versions below; pip's own settings apply (PIP_INDEX_URL, PIP_FIND_LINKS, PIP_NO_INDEX:
#   a local wheel directory works). Exports BLOGHOME_PYTHON.
# ensure_chromium: Chromium and its chromedriver for the browser tests; installs the Debian
#   packages with apt-get when running as root or with passwordless sudo, else stops with the
#   command to run.

BLOGHOME_PIP_PACKAGES=("moto[server]==5.2.1" "cfn-lint==1.51.0")
BLOGHOME_PYTHON_CHECK="import moto.server, samtranslator, cfnlint"

python_has_tools() {
  [ -n "$1" ] && command -v "$1" >/dev/null 2>&1 && "$1" -c "$BLOGHOME_PYTHON_CHECK" >/dev/null 2>&1
}

pick_python() {
  local venv="${BLOGHOME_VENV:-$PWD/.venv}" candidate base
  local pyenv_root="${PYENV_ROOT:-${HOME:-/nonexistent}/.pyenv}"
  for candidate in "${BLOGHOME_PYTHON:-}" "$venv/bin/python3" python3 "$pyenv_root"/versions/*/bin/python3 /usr/bin/python3; do
    if python_has_tools "$candidate"; then
      BLOGHOME_PYTHON="$("$candidate" -c 'import sys; print(sys.executable)')"
      export BLOGHOME_PYTHON
      return 0
    fi
  done
  if [ -n "${BLOGHOME_PYTHON:-}" ]; then
    echo "bloghome: BLOGHOME_PYTHON=$BLOGHOME_PYTHON cannot $BLOGHOME_PYTHON_CHECK" >&2
    return 1
  fi
  for base in python3 /usr/bin/python3; do
    if command -v "$base" >/dev/null 2>&1 && "$base" -c "import venv, ensurepip" >/dev/null 2>&1; then
      break
    fi
    base=""
  done
  if [ -z "$base" ]; then
    echo "bloghome: no Python 3 with venv and ensurepip found. Install one (Debian: apt-get install -y python3-venv) or set BLOGHOME_PYTHON." >&2
    return 1
  fi
  echo "bloghome: no Python with moto and cfn-lint; making $venv with pip install ${BLOGHOME_PIP_PACKAGES[*]} (once)"
  rm -rf "$venv"
  if ! "$base" -m venv "$venv" || ! "$venv/bin/python3" -m pip install --quiet "${BLOGHOME_PIP_PACKAGES[@]}" \
      || ! python_has_tools "$venv/bin/python3"; then
    rm -rf "$venv"
    echo "bloghome: could not install ${BLOGHOME_PIP_PACKAGES[*]} into $venv." >&2
    echo "bloghome: point pip at a source that has them (PIP_INDEX_URL, or PIP_FIND_LINKS=<wheel dir>), or set BLOGHOME_PYTHON to a Python that can $BLOGHOME_PYTHON_CHECK." >&2
    return 1
  fi
  BLOGHOME_PYTHON="$venv/bin/python3"
  export BLOGHOME_PYTHON
}

ensure_chromium() {
  local chromium="${BLOGHOME_CHROMIUM:-/usr/bin/chromium}" driver="${BLOGHOME_CHROMEDRIVER:-/usr/bin/chromedriver}"
  local install="apt-get update && apt-get install -y chromium chromium-driver" sudo_cmd=""
  if [ -x "$chromium" ] && [ -x "$driver" ]; then
    return 0
  fi
  if [ "$(id -u)" -ne 0 ]; then
    if sudo -n true >/dev/null 2>&1; then
      sudo_cmd="sudo"
    else
      echo "bloghome: the browser tests need Chromium and its chromedriver ($chromium, $driver). Run:" >&2
      echo "  sudo sh -c '$install'" >&2
      return 1
    fi
  fi
  echo "bloghome: installing Chromium and chromedriver (Debian packages chromium chromium-driver)"
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get update -q &&
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q chromium chromium-driver
  if [ ! -x "$chromium" ] || [ ! -x "$driver" ]; then
    echo "bloghome: still no $chromium and $driver (BLOGHOME_CHROMIUM, BLOGHOME_CHROMEDRIVER name others)." >&2
    return 1
  fi
}

# cfn-lint from the chosen Python (its console script is cfnlint.runner:main).
run_cfn_lint() {
  "$BLOGHOME_PYTHON" -c 'import sys; from cfnlint.runner import main; sys.argv[0] = "cfn-lint"; sys.exit(main())' "$@"
}
