#!/usr/bin/env bash
# Re-export xtools_crm's translation template from a database where the module is installed (default: the
# `make run` database) and merge it into zh_CN.po. New terms are filled from the JSON files given in FILL
# (space-separated, {"English": "中文"}) or from Odoo's own Chinese for identical terms; any term left
# untranslated is listed and makes the command fail.
source "$(dirname "$0")/common.sh"
"$ROOT/scripts/setup.sh"
I18N=addons/xtools_crm/i18n
db_exists "$DB_NAME" || die "database $DB_NAME not found: run 'make run' once first"
odoo_cmd -d "$DB_NAME" -u xtools_crm --stop-after-init --log-level=warn
odoo_cmd -d "$DB_NAME" --i18n-export="$I18N/xtools_crm.pot" --modules=xtools_crm --stop-after-init --log-level=warn
fill_args=()
for f in ${FILL:-}; do fill_args+=(--fill "$f"); done
"$PY" "$ROOT/scripts/po_merge.py" "$I18N/xtools_crm.pot" "$I18N/zh_CN.po" --odoo-src "$ODOO_SRC" "${fill_args[@]}"
# Load the new translations into the database.
odoo_cmd -d "$DB_NAME" -u xtools_crm --i18n-overwrite --stop-after-init --log-level=warn
