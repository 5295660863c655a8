"""Merge a .pot into a .po: keep existing translations, add new terms, drop obsolete ones.

Terms are taken from ``--fill`` JSON files (``{"English": "中文"}``, written with a feature; they win over the
existing translation, so a feature may correct one), then new terms from the
identical term in Odoo's own ``zh_CN.po`` files under ``--odoo-src`` (labels of fields inherited from Odoo, such as
the chatter's, keep Odoo's wording). Prints the terms still untranslated and exits 1 when there are any.
"""
import argparse
import glob
import json
import os
import sys

import polib

parser = argparse.ArgumentParser()
parser.add_argument("pot")
parser.add_argument("po")
parser.add_argument("--fill", action="append", default=[], help="JSON file of English → Chinese terms")
parser.add_argument("--odoo-src", help="Odoo source whose addons' zh_CN.po may fill the remaining terms")
args = parser.parse_args()

pot = polib.pofile(args.pot)
try:
    existing = {e.msgid: e.msgstr for e in polib.pofile(args.po) if e.msgstr and not e.obsolete}
except OSError:
    existing = {}
fill = {}
for path in args.fill:
    with open(path, encoding="utf-8") as f:
        fill.update(json.load(f))
wanted = {e.msgid for e in pot} - set(existing) - set(fill)
odoo = {}
if args.odoo_src and wanted:
    for path in sorted(glob.glob(os.path.join(args.odoo_src, "odoo", "addons", "*", "i18n", "zh_CN.po"))):
        for entry in polib.pofile(path):
            if entry.msgid in wanted and entry.msgstr and entry.msgid not in odoo:
                odoo[entry.msgid] = entry.msgstr

po = polib.POFile(wrapwidth=78)
po.metadata = dict(pot.metadata)
po.metadata.update({"Language": "zh_CN", "Plural-Forms": "nplurals=1; plural=0;"})
missing = []
for entry in pot:
    entry.msgstr = fill.get(entry.msgid) or existing.get(entry.msgid) or odoo.get(entry.msgid) or ""
    if not entry.msgstr:
        missing.append(entry.msgid)
    po.append(entry)
po.save(args.po)
for msgid in missing:
    print(f"untranslated: {msgid!r}")
sys.exit(1 if missing else 0)
