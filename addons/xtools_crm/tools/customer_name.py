"""The core of a Chinese company name, for the duplicate check 查重. Pure functions.

"北京沃力森信息技术有限公司", "沃力森（北京）科技有限公司" and "沃力森" name the same company: without the region in
front or in brackets, the legal form and the generic trade words at the end, all three are "沃力森".
"""
import re
import unicodedata

# Legal forms, longest first: stripped from the end, repeatedly.
LEGAL_FORMS = (
    "集团股份有限公司", "股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "股份公司", "集团公司",
    "分公司", "总公司", "公司", "集团",
)
_ENGLISH_LEGAL_FORMS = re.compile(r"\b(co|ltd|limited|inc|corp|corporation|company|group)\b\.?", re.IGNORECASE)
# Generic trade words a company name often ends with (after the legal form is gone), longest first.
TRADE_WORDS = (
    "信息技术", "网络科技", "智能科技", "电子科技", "软件技术", "科技发展", "技术服务", "企业管理", "管理咨询",
    "文化传媒", "国际贸易", "进出口", "供应链", "实业", "科技", "技术", "信息", "网络", "软件", "电子", "智能",
    "贸易", "商贸", "制造", "工业", "机械", "咨询", "传媒", "文化", "投资", "控股", "发展", "工程", "建设",
    "服务", "物流", "医药", "生物", "食品", "教育", "数据", "数码",
)
# Provinces, municipalities, regions and the larger cities a name may start with.
REGIONS = (
    "黑龙江", "内蒙古", "北京", "上海", "天津", "重庆", "河北", "山西", "辽宁", "吉林", "江苏", "浙江", "安徽",
    "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海",
    "台湾", "广西", "西藏", "宁夏", "新疆", "香港", "澳门", "中国", "杭州", "深圳", "广州", "南京", "苏州", "成都",
    "武汉", "西安", "青岛", "宁波", "厦门", "大连", "沈阳", "长沙", "郑州", "济南", "合肥", "福州", "昆明", "无锡",
    "东莞", "佛山", "温州", "绍兴", "嘉兴", "常州", "南通", "烟台", "珠海", "哈尔滨", "长春", "石家庄", "太原",
    "南昌", "南宁", "贵阳", "兰州",
)
_BRACKETS = re.compile(r"[(\[（【][^)\]）】]*[)\]）】]")
_NOISE = re.compile(r"[\s\-_.,，。·、/&'\"“”]+")
_REGION_SUFFIX = ("自治区", "特别行政区", "省", "市")


def normalize_text(text):
    """Full-width to half-width, lower case, without spaces and punctuation."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    return _NOISE.sub("", text)


def _strip_end(text, words):
    changed = True
    while changed and text:
        changed = False
        for word in words:
            if text.endswith(word) and len(text) > len(word):
                text = text[: -len(word)]
                changed = True
                break
    return text


def core_name(name):
    """Return the distinctive part of a company name (see the module docstring); at least the normalised name
    when nothing distinctive is left (a short name such as "华信" is its own core)."""
    text = _BRACKETS.sub("", unicodedata.normalize("NFKC", name or ""))
    text = normalize_text(_ENGLISH_LEGAL_FORMS.sub(" ", text)) or normalize_text(text)
    if not text:
        return ""
    core = _strip_end(text, LEGAL_FORMS)
    for region in REGIONS:
        if core.startswith(region) and len(core) > len(region) + 1:
            core = core[len(region):]
            for suffix in _REGION_SUFFIX:
                if core.startswith(suffix) and len(core) > len(suffix) + 1:
                    core = core[len(suffix):]
                    break
            break
    core = _strip_end(core, TRADE_WORDS)
    return core if len(core) >= 2 else text


def is_generic_name(core):
    """Whether ``core`` is only a generic word (a trade word, a region or a legal form): it names no company."""
    return core in TRADE_WORDS or core in REGIONS or core in LEGAL_FORMS
