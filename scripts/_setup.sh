# Shared steps of scripts/demo and scripts/test: sourced, not run.
#
# Each step is idempotent and skips its work when nothing it depends on has changed, so running a
# script again on a machine that is already set up takes seconds.

PYTHON="${PYTHON:-python3}"
VENV=".venv"

say() { printf '\n==> %s\n' "$*"; }
die() {
    printf '\nERROR: %s\n' "$*" >&2
    exit 1
}

# The checksum of some files, to tell whether an install step must run again.
checksum() { cat "$@" 2>/dev/null | sha256sum | cut -d' ' -f1; }

# Python packages, pinned by requirements/constraints.txt. $1 is the pip extra ("" or "test").
setup_python() {
    local extra="${1:-}" target="." stamp want
    command -v "$PYTHON" >/dev/null || die "Python 3.11 or newer is needed: '$PYTHON' was not found (set PYTHON=...)."
    "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
        die "Python 3.11 or newer is needed: '$PYTHON' is $("$PYTHON" --version 2>&1)."
    if [ ! -x "$VENV/bin/python" ]; then
        say "Creating the virtual environment in $VENV"
        "$PYTHON" -m venv "$VENV"
    fi
    [ -n "$extra" ] && target=".[$extra]"
    stamp="$VENV/.dcfp-installed${extra:+-$extra}"
    want="$(checksum pyproject.toml requirements/constraints.txt)"
    if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        say "Installing Python packages (pinned by requirements/constraints.txt)"
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
            -c requirements/constraints.txt -e "$target"
        echo "$want" >"$stamp"
    fi
    export PATH="$PWD/$VENV/bin:$PATH"
}

# Front-end packages from package-lock.json, then the stylesheet.
setup_frontend() {
    local want
    command -v npm >/dev/null || die "Node.js and npm are needed to build the stylesheet: 'npm' was not found."
    want="$(checksum package-lock.json)"
    if [ ! -d node_modules ] || [ "$(cat node_modules/.dcfp-installed 2>/dev/null)" != "$want" ]; then
        say "Installing front-end packages (npm ci)"
        npm ci --no-audit --no-fund --loglevel=error
        echo "$want" >node_modules/.dcfp-installed
    fi
    if [ ! -f static_build/css/app.css ] || [ ! -f static_build/govuk/govuk-frontend.min.js ] ||
        [ -n "$(find frontend node_modules/.dcfp-installed -newer static_build/css/app.css -print -quit)" ]; then
        say "Building the stylesheet and scripts"
        npm run --silent build
    fi
}

# True when something answers on TCP host $1 port $2.
port_answers() { timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }

# Wait up to $3 seconds for host $1 port $2.
wait_for_port() {
    local i
    for ((i = 0; i < $3 * 2; i++)); do
        port_answers "$1" "$2" && return 0
        sleep 0.5
    done
    return 1
}
