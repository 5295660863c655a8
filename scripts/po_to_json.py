"""Write the translations of a .po file as a JSON fill file for scripts/po_merge.py ({"English": "中文"}).

Used when merging branches: keep one side's .po, regenerate the .pot, and fill the other side's terms from its .po
(``git show <branch>:addons/xtools_crm/i18n/zh_CN.po > /tmp/theirs.po``). Given the .po of the branches' common
ancestor as second argument, only the terms the branch added or translated differently are written, so that a fill
(which wins over the existing translation) never brings back a translation the other side corrected."""
import json
import sys

import polib


def terms(path):
    return {entry.msgid: entry.msgstr for entry in polib.pofile(path) if entry.msgstr and not entry.obsolete}


theirs = terms(sys.argv[1])
base = terms(sys.argv[2]) if len(sys.argv) > 2 else {}
json.dump({k: v for k, v in theirs.items() if base.get(k) != v}, sys.stdout, ensure_ascii=False, indent=0)
