# XTools CRM for Odoo 18 — the two commands: `make run` and `make test`.
.PHONY: run test setup lint i18n bench help

help:
	@echo "make run    set up, create/upgrade the 'xtools' database with demo data, serve http://localhost:8069"
	@echo "make test   install + upgrade on a throw-away database, run all tests and browser tours"
	@echo "make setup  only the set-up (venv, Odoo source, Chromium, PostgreSQL)"
	@echo "make lint   ruff and pylint-odoo (also run first by every full make test)"
	@echo "make bench  benchmark database (crm + contacts there only): generate, measure vs Odoo's apps, load test"
	@echo "make i18n   re-export addons/xtools_crm/i18n/xtools_crm.pot and merge it into zh_CN.po"

run:
	@LOG="$(LOG)" bash scripts/run.sh

test:
	@bash scripts/test.sh

setup:
	@bash scripts/setup.sh

lint:
	@bash scripts/lint.sh

i18n:
	@FILL="$(FILL)" bash scripts/i18n.sh

bench:
	@bash bench/run.sh
