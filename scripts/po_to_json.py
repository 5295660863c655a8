"""Write the translations of a .po file as a JSON fill file for scripts/po_merge.py ({"English": "中文"}).

Used when merging branches: keep one side's .po, regenerate the .pot, and fill the other side's new terms from
its .po (``git show <branch>:addons/xtools_crm/i18n/zh_CN.po > /tmp/theirs.po``)."""
import json
import sys

import polib

terms = {entry.msgid: entry.msgstr for entry in polib.pofile(sys.argv[1]) if entry.msgstr and not entry.obsolete}
json.dump(terms, sys.stdout, ensure_ascii=False, indent=0)
