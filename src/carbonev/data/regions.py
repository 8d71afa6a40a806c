"""Chinese regions carbonev knows by name: provinces, regional grids and the nation.

Codes follow ISO 3166-2:CN for provinces (``cn-zj``) and carbonev's own keys for
the seven regional grids (``cn-east``). Inventory activity codes use these keys,
e.g. ``electricity-lc-cn-zj-2023``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from pydantic import AfterValidator

from carbonev.errors import UnknownName


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    name_zh: str
    grid: str | None  # regional grid the province belongs to; None for grids and the nation


_GRIDS = {
    "cn-north": ("North China grid", "华北电网"),
    "cn-northeast": ("Northeast China grid", "东北电网"),
    "cn-east": ("East China grid", "华东电网"),
    "cn-central": ("Central China grid", "华中电网"),
    "cn-northwest": ("Northwest China grid", "西北电网"),
    "cn-south": ("China Southern grid", "南方电网"),
    "cn-southwest": ("Southwest China grid", "西南电网"),
}

# province code: (English, Chinese, regional grid) — grid membership as used in the
# MEE regional-grid factors (华北: 京津冀晋蒙鲁; 东北: 辽吉黑; 华东: 沪苏浙皖闽;
# 华中: 豫鄂湘赣; 西北: 陕甘青宁新; 南方: 粤桂琼滇黔; 西南: 川渝藏).
_PROVINCES = {
    "cn-bj": ("Beijing", "北京", "cn-north"),
    "cn-tj": ("Tianjin", "天津", "cn-north"),
    "cn-he": ("Hebei", "河北", "cn-north"),
    "cn-sx": ("Shanxi", "山西", "cn-north"),
    "cn-nm": ("Inner Mongolia", "内蒙古", "cn-north"),
    "cn-sd": ("Shandong", "山东", "cn-north"),
    "cn-ln": ("Liaoning", "辽宁", "cn-northeast"),
    "cn-jl": ("Jilin", "吉林", "cn-northeast"),
    "cn-hl": ("Heilongjiang", "黑龙江", "cn-northeast"),
    "cn-sh": ("Shanghai", "上海", "cn-east"),
    "cn-js": ("Jiangsu", "江苏", "cn-east"),
    "cn-zj": ("Zhejiang", "浙江", "cn-east"),
    "cn-ah": ("Anhui", "安徽", "cn-east"),
    "cn-fj": ("Fujian", "福建", "cn-east"),
    "cn-ha": ("Henan", "河南", "cn-central"),
    "cn-hb": ("Hubei", "湖北", "cn-central"),
    "cn-hn": ("Hunan", "湖南", "cn-central"),
    "cn-jx": ("Jiangxi", "江西", "cn-central"),
    "cn-sn": ("Shaanxi", "陕西", "cn-northwest"),
    "cn-gs": ("Gansu", "甘肃", "cn-northwest"),
    "cn-qh": ("Qinghai", "青海", "cn-northwest"),
    "cn-nx": ("Ningxia", "宁夏", "cn-northwest"),
    "cn-xj": ("Xinjiang", "新疆", "cn-northwest"),
    "cn-gd": ("Guangdong", "广东", "cn-south"),
    "cn-gx": ("Guangxi", "广西", "cn-south"),
    "cn-hi": ("Hainan", "海南", "cn-south"),
    "cn-yn": ("Yunnan", "云南", "cn-south"),
    "cn-gz": ("Guizhou", "贵州", "cn-south"),
    "cn-sc": ("Sichuan", "四川", "cn-southwest"),
    "cn-cq": ("Chongqing", "重庆", "cn-southwest"),
    "cn-xz": ("Tibet", "西藏", "cn-southwest"),
}

REGIONS: dict[str, Region] = {"cn": Region("cn", "China", "全国", None)}
REGIONS.update({c: Region(c, en, zh, None) for c, (en, zh) in _GRIDS.items()})
REGIONS.update({c: Region(c, en, zh, g) for c, (en, zh, g) in _PROVINCES.items()})

_ALIASES: dict[str, str] = {}
for _r in REGIONS.values():
    for _alias in (_r.code, _r.name, _r.name_zh):
        _ALIASES[_alias.lower()] = _r.code
_ALIASES.update({"national": "cn", "china national": "cn", "中国": "cn", "cn-national": "cn"})


def region(name: str) -> Region:
    """Find a region by code, English or Chinese name (case-insensitive)."""
    key = str(name).strip().lower().replace("_", "-")
    code = _ALIASES.get(key)
    if code is None:
        raise UnknownName("region", name, [r.name for r in REGIONS.values()])
    return REGIONS[code]


def _region_code(value: str) -> str:
    try:
        return region(value).code
    except UnknownName as exc:
        raise ValueError(str(exc)) from None


# pydantic field type: any region name or code in, its code out ('浙江' → 'cn-zj')
RegionCode = Annotated[str, AfterValidator(_region_code)]


def fallbacks(code: str) -> list[str]:
    """Region codes to try, most specific first: province, its grid, the nation."""
    r = REGIONS[code]
    chain = [r.code]
    if r.grid:
        chain.append(r.grid)
    if r.code != "cn":
        chain.append("cn")
    return chain
