#!/usr/bin/env bash
# Prepare everything `make run` and `make test` need: Python venv with Odoo's dependencies, an Odoo 18.0
# source importable from the venv, Chromium for the browser tours, and a PostgreSQL that answers.
source "$(dirname "$0")/common.sh"

# 1. Python virtualenv with the pinned requirements (re-installed only when requirements.txt changes).
python3 -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' \
    || say "warning: Odoo 18 is pinned here for Python 3.11, found $(python3 --version)"
[ -x "$PY" ] || { say "creating $VENV"; python3 -m venv "$VENV"; }
stamp="$VENV/.requirements.sha"
want=$(sha256sum requirements.txt | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "installing Python requirements into $VENV"
    constraints=$(mktemp)
    echo 'setuptools<70' > "$constraints"       # old sdists still import pkg_resources in their build
    mkdir -p "$LOCAL"
    pip_log=$LOCAL/pip.log
    { "$PY" -m pip install -q --upgrade pip wheel 'setuptools<70' \
        && PIP_CONSTRAINT="$constraints" "$PY" -m pip install -q -r requirements.txt; } >"$pip_log" 2>&1 \
        || { grep -v "^WARNING: Location" "$pip_log" | tail -30; die "installing the Python requirements failed (log: $pip_log)"; }
    rm -f "$constraints"
    echo "$want" > "$stamp"
fi

# 2. Odoo 18.0 source.
if [ ! -f "$ODOO_SRC/odoo-bin" ] || [ ! -d "$ODOO_SRC/odoo/addons/base" ]; then
    say "no Odoo source in $ODOO_SRC: cloning Odoo 18.0 from $ODOO_GIT_URL"
    mkdir -p "$(dirname "$ODOO_SRC")"
    if ! git clone --quiet --depth 1 --branch 18.0 "$ODOO_GIT_URL" "$ODOO_SRC"; then
        rm -rf "$ODOO_SRC"
        die "Odoo 18.0 source missing. Provide it yourself, then run again:
    git clone --depth 1 --branch 18.0 https://github.com/odoo/odoo.git \"$ODOO_SRC\"
or point ODOO_SRC at a folder that holds odoo-bin and the odoo/ package of Odoo 18.0 Community:
    make run ODOO_SRC=/path/to/odoo-18.0"
    fi
fi
grep -q "version_info = (18, 0" "$ODOO_SRC/odoo/release.py" || die "$ODOO_SRC is not Odoo 18.0"
# Make `import odoo` work inside the venv (pytest-odoo imports it).
site=$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
echo "$ODOO_SRC" > "$site/odoo-src.pth"

# 3. Chromium for the HttpCase browser tours.
if ! command -v chromium >/dev/null && ! command -v google-chrome >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        say "installing Debian's chromium for the browser tours"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
    else
        say "warning: no chromium found: install Debian's 'chromium' package, or 'make test' fails on the tours"
    fi
fi

# 4. wkhtmltopdf for the PDF printouts (contracts, quotes), with the Chinese fonts they use, and poppler's
#    pdftotext/pdffonts with which the tests read the PDFs back.
#    (grep reads fc-list to the end: ``grep -q`` would stop early and, under pipefail, fail the check by SIGPIPE.)
if ! command -v wkhtmltopdf >/dev/null || ! command -v pdftotext >/dev/null \
        || ! fc-list 2>/dev/null | grep "Noto Sans CJK SC" >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        say "installing Debian's wkhtmltopdf, poppler-utils and fonts-noto-cjk for the PDF printouts"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wkhtmltopdf poppler-utils fonts-noto-cjk >/dev/null
    else
        say "warning: install Debian's 'wkhtmltopdf', 'poppler-utils' and 'fonts-noto-cjk', or PDF printing and its tests fail"
    fi
fi

# 5. PostgreSQL.
"$ROOT/scripts/postgres.sh"
