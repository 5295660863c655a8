"""Merge a .pot into a .po: keep existing translations, add new terms untranslated, drop obsolete ones.

Prints the terms still untranslated; exits 1 when there are any.
"""
import sys

import polib

pot_path, po_path = sys.argv[1:3]
pot = polib.pofile(pot_path)
try:
    old = {(e.msgctxt, e.msgid): e for e in polib.pofile(po_path)}
except OSError:
    old = {}
po = polib.POFile(wrapwidth=78)
po.metadata = dict(pot.metadata)
po.metadata.update({"Language": "zh_CN", "Plural-Forms": "nplurals=1; plural=0;",
                    "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": ""})
missing = []
for entry in pot:
    previous = old.get((entry.msgctxt, entry.msgid))
    entry.msgstr = previous.msgstr if previous else ""
    if not entry.msgstr:
        missing.append(entry.msgid)
    po.append(entry)
po.save(po_path)
for msgid in missing:
    print(f"untranslated: {msgid!r}")
sys.exit(1 if missing else 0)
