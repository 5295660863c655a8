"""Pinyin search keys: "北京沃力森" is found by "beijingwolisen" and by its initials "bjwls". Pure functions."""
import re

from pypinyin import lazy_pinyin

_NOT_WORD = re.compile(r"[^0-9a-z]+")
# Marks the runs of a text that are not Chinese, which pypinyin passes through whole (``errors``): one call gives
# both the full pinyin and the initials (a syllable's first letter, what Style.FIRST_LETTER would give).
_KEPT = "\0"


def _keep(chars):
    return [_KEPT + chars]


def pinyin_keys(*texts):
    """Full pinyin and initials of each text, lower case, without separators, joined by spaces
    (e.g. ``pinyin_keys("北京沃力森", "沃力森")`` → ``"beijingwolisen bjwls wolisen wls"``)."""
    keys = []
    for text in texts:
        if not text:
            continue
        parts = lazy_pinyin(text, errors=_keep)
        full = _NOT_WORD.sub("", "".join(part.removeprefix(_KEPT) for part in parts).lower())
        initials = _NOT_WORD.sub("", "".join(
            part[1:] if part.startswith(_KEPT) else part[:1] for part in parts
        ).lower())
        keys.extend(key for key in (full, initials) if key and key not in keys)
    return " ".join(keys)
