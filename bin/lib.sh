# Shared by bin/serve and bin/test (sourced, not run): find Python 3.11, make .venv, install.
# Idempotent: pip runs only when pyproject.toml (or the wanted extras) changed since last time.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
loud() {
    printf '\n\033[1;31m%s\n!!! %s\n%s\033[0m\n\n' \
        "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" "$*" \
        "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
}
is_root() { [ "$(id -u)" = 0 ]; }

apt_install() {
    # Installs Debian packages when we may (root, apt present); returns non-zero otherwise.
    if ! is_root || ! command -v apt-get >/dev/null 2>&1; then
        return 1
    fi
    say "apt-get install $*"
    export DEBIAN_FRONTEND=noninteractive
    if [ -z "${_GONGHUI_APT_UPDATED:-}" ]; then
        apt-get update -qq || return 1
        _GONGHUI_APT_UPDATED=1
    fi
    apt-get install -y -qq --no-install-recommends "$@" || return 1
}

find_python() {
    local candidate
    for candidate in "${PYTHON:-}" python3.11 python3 python; do
        [ -n "$candidate" ] || continue
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

venv_ok() {
    [ -x "$VENV/bin/python" ] &&
        "$VENV/bin/python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null &&
        "$VENV/bin/python" -m pip --version >/dev/null 2>&1
}

ensure_venv() {
    # $1: the extras to install ("" or "dev").
    local extras="${1:-}" python spec stamp wanted
    if ! venv_ok; then
        python="$(find_python)" || {
            loud "Python 3.11 not found (tried python3.11, python3, python). Install it, or set PYTHON=/path/to/python3.11."
            return 1
        }
        [ -e "$VENV" ] && { say "Removing a broken or foreign .venv"; rm -rf "$VENV"; }
        say "Creating .venv with $python"
        if ! "$python" -m venv "$VENV" 2>/dev/null; then
            # Debian's python3.11 ships venv (ensurepip) in a separate package.
            rm -rf "$VENV"
            apt_install python3.11-venv || apt_install python3-venv || true
            "$python" -m venv "$VENV" || {
                loud "Could not create a virtual environment: install python3.11-venv (apt-get install python3.11-venv)."
                return 1
            }
        fi
    fi
    spec="."
    [ -n "$extras" ] && spec=".[$extras]"
    stamp="$VENV/.gonghui-installed"
    wanted="$(cat "$ROOT/pyproject.toml" | sha256sum | cut -c1-64) $spec"
    # A stamp for ".[dev]" also satisfies "." (dev is a superset).
    if [ -f "$stamp" ] && { [ "$(cat "$stamp")" = "$wanted" ] ||
        { [ "$spec" = "." ] && [ "$(cat "$stamp")" = "${wanted% *} .[dev]" ]; }; } &&
        "$VENV/bin/python" -c 'import gonghui' 2>/dev/null; then
        return 0
    fi
    say "Installing Gonghui and its dependencies into .venv (pip install -e \"$spec\")"
    (cd "$ROOT" && "$VENV/bin/python" -m pip install -q -e "$spec") || {
        loud "pip install -e \"$spec\" failed (see above)."
        return 1
    }
    echo "$wanted" >"$stamp"
}
