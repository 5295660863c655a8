"""Pinyin search keys: "北京沃力森" is found by "beijingwolisen" and by its initials "bjwls". Pure functions."""
import re

from pypinyin import Style, lazy_pinyin

_NOT_WORD = re.compile(r"[^0-9a-z]+")


def pinyin_keys(*texts):
    """Full pinyin and initials of each text, lower case, without separators, joined by spaces
    (e.g. ``pinyin_keys("北京沃力森", "沃力森")`` → ``"beijingwolisen bjwls wolisen wls"``)."""
    keys = []
    for text in texts:
        if not text:
            continue
        full = _NOT_WORD.sub("", "".join(lazy_pinyin(text)).lower())
        initials = _NOT_WORD.sub("", "".join(lazy_pinyin(text, style=Style.FIRST_LETTER)).lower())
        keys.extend(key for key in (full, initials) if key and key not in keys)
    return " ".join(keys)
