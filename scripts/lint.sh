#!/usr/bin/env bash
# make lint: ruff (pyproject.toml [tool.ruff]) and pylint-odoo's odoolint checks (pyproject.toml [tool.pylint]) on
# the addon, the bench and the scripts. Every full `make test` runs it first, so CI runs it too.
source "$(dirname "$0")/common.sh"
cd "$ROOT"
say "ruff"
"$VENV/bin/ruff" check addons bench scripts || die "ruff found problems (see above; many are fixed by: $VENV/bin/ruff check --fix)"
say "pylint-odoo"
# The three messages the config explains are switched off after odoolint is switched on (pylint reads the options of
# the command line after the file's, in order).
"$VENV/bin/pylint" --rcfile=pyproject.toml \
    --disable=prefer-env-translation,manifest-required-author,no-wizard-in-models \
    addons/xtools_crm || die "pylint-odoo found problems (see above)"
say "lint clean"
