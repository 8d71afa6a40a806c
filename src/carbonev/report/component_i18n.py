"""Labels of the component (battery-pack) footprint report in English and Chinese.

Only the words that differ from the vehicle report (:mod:`carbonev.report.i18n`, whose
``t`` answers every other key). Numbers and data-file text are not translated.
"""

from __future__ import annotations

from carbonev.report import i18n

_LABELS: dict[str, tuple] = {
    "title": ("Product carbon footprint report: component", "产品碳足迹报告（零部件）"),
    "subtitle": ("Traction battery pack, cradle to grave without the use stage, climate change only "
                 "(GB/T 24067-2024 / ISO 14067:2018 structure)",
                 "动力蓄电池包，从摇篮到坟墓（不含使用阶段），仅气候变化（按 GB/T 24067-2024 / ISO 14067:2018 结构）"),
    "goal_text": (
        "Quantify the greenhouse-gas emissions and removals of one traction battery pack model over its life "
        "cycle except the use stage, by stage and by gas, with the data behind every number, so the pack can be "
        "compared with other packs or used as a supplier figure in a vehicle footprint.",
        "量化一种动力蓄电池包除使用阶段外全生命周期的温室气体排放和清除，按阶段和气体给出，并列出每个数值所依据的数据，"
        "以便与其他电池包比较，或作为供应商数据用于整车碳足迹。"),
    "study_type_value": ("Partial product carbon footprint (cradle to grave without the use stage), per stage",
                         "部分产品碳足迹（从摇篮到坟墓，不含使用阶段），按阶段给出"),
    "scheme_note": (
        "Battery declaration schemes (EU Regulation 2023/1542 Art. 7, the MIIT scheme) declare per kWh of "
        "energy over the service life and set their own rules; this report is not a declaration under any "
        "scheme (see `carbonev battery declare`).",
        "电池碳足迹声明制度（欧盟电池法规 2023/1542 第 7 条、工信部方案）按寿命期总能量（kWh）声明并有各自的规则；"
        "本报告不是任何制度下的声明（见 `carbonev battery declare`）。"),
    "fu_pack": ("One battery pack (cradle to grave without the use stage)", "一个电池包（从摇篮到坟墓，不含使用阶段）"),
    "fu_per_kwh": ("One kWh of nominal pack capacity (pack footprint / nominal capacity)",
                   "1 kWh 标称电池包容量（电池包碳足迹 / 标称容量）"),
    "capacity": ("Nominal capacity", "标称容量"),
    "usable_capacity": ("Usable capacity", "可用容量"),
    "mass": ("Pack mass", "电池包质量"),
    "chemistry": ("Chemistry", "化学体系"),
    "manufacturer": ("Manufacturer / model", "制造商 / 型号"),
    "plant": ("Pack plant (region, year)", "电池包生产地（地区，年份）"),
    "plant_file": ("Plant data file", "工厂数据文件"),
    "boundary_text": (
        "Cradle to grave without the use stage: pack materials from cradle to gate, cell and pack making at the "
        "plant (its region and year), transport of the pack to the vehicle plant, and recycling at end of life. "
        "Use-stage losses belong to the vehicle's footprint.",
        "从摇篮到坟墓（不含使用阶段）：电池包材料从摇篮到大门、在工厂（其地区和年份）的电芯和电池包制造、电池包运至整车厂、"
        "寿命末期回收。使用阶段的损耗计入整车碳足迹。"),
    "processes": ("Processes linked (this pack)", "本电池包链接的过程"),
    "inputs": ("Pack file inputs (primary data supplied by the user, not rated)",
               "电池包文件输入（用户提供的原始数据，未评级）"),
    "data_text": (
        "Every background activity and parameter used for this pack, with its source, reference year, geography "
        "and tag (verified: read in the source; secondary: from a citing document). Pedigree scores 1 (best) to 5 "
        "(worst) per Weidema et al. (1996) / ecoinvent: R reliability, C completeness (not assessed: –), "
        "T temporal, G geographical, Te technological correlation; computed from the metadata (docs/report.md).",
        "本电池包用到的每个背景过程和参数，及其来源、基准年、地理范围和标签（verified：查阅过原文；secondary：来自引用文献）。"
        "谱系评分 1（最好）至 5（最差），依据 Weidema 等（1996）/ ecoinvent：R 可靠性，C 完整性（未评价：–），"
        "T 时间相关性，G 地理相关性，Te 技术相关性；由元数据计算（见 docs/report.md）。"),
    "alloc_rules": (
        ["Background activities are attributional, one product each; where a source allocated co-products, its "
         "allocation is kept (see each activity's comment).",
         "With a plant file, the plant's energy and emissions are allocated to the pack per kWh of capacity by the "
         "plant file's own allocation rule; evidenced renewable electricity is counted as the plant file states.",
         "Electricity otherwise: life-cycle grid factor of the plant's region and year (location-based); "
         "substitutions of region or year are listed in the limitations.",
         "Offsets, avoided emissions and green-certificate claims beyond the plant file are not part of the "
         "footprint (GB/T 24067)."],
        ["背景过程为归因型，每个过程一种产品；来源中已对副产品分配的，沿用其分配（见各过程说明）。",
         "有工厂文件时，工厂的能耗和排放按工厂文件自身的分配规则，以每 kWh 容量分配到电池包；"
         "有证明的可再生电力按工厂文件所述计入。",
         "其他情况下的电力：采用工厂所在地区及年份的电网全生命周期排放因子（基于位置）；地区或年份的替代列于局限性中。",
         "工厂文件以外的碳抵销、避免排放和绿证声明不计入碳足迹（GB/T 24067）。"]),
    "eol_rule": ("End of life: cut-off. The {route} recycling-process burden per kg of pack is counted; no credit "
                 "for recovered materials (the Circular Footprint Formula is not implemented).",
                 "寿命末期：截断法。计入每 kg 电池包的{route}回收过程负担；回收材料不计抵扣（未实现循环足迹公式）。"),
    "per_pack": ("kg CO2e per pack", "kg CO2e/包"),
    "per_kwh": ("kg CO2e/kWh", "kg CO2e/kWh"),
    "chart_stages": ("Footprint by life-cycle stage [kg CO2e per pack]", "各生命周期阶段碳足迹 [kg CO2e/包]"),
    "chart_gases": ("Footprint by greenhouse gas [kg CO2e per pack]", "各温室气体碳足迹 [kg CO2e/包]"),
    "unc_text": (
        "Not computed: the Monte Carlo analysis runs on vehicle specs only in this version. Every value carries "
        "its own uncertainty distribution (see the data files and the data-quality table).",
        "未计算：本版本的蒙特卡罗分析只适用于车型参数文件。每个数值都带有其不确定性分布（见数据文件和数据质量表）。"),
    "model_gaps": (
        ["Climate change is the only impact category; other environmental impacts are not assessed.",
         "Pack materials: the cradle-to-gate burden of all pack materials, including active materials and cell "
         "components, is one background activity per chemistry (GREET battery module); how far its supply chain "
         "matches the pack's is shown by the geography scores.",
         "Cell and pack making: generic energy per kWh (catalog parameters) unless a plant file gives the "
         "plant's own data.",
         "End of life: recycling-process burden only (cut-off); no credit for recovered materials. Where the pack "
         "is recycled is not known: end-of-life data are rated against the plant region.",
         "Not a verified or certified footprint: no critical review has been performed."],
        ["仅评价气候变化，未评价其他环境影响。",
         "电池包材料：所有电池包材料（包括活性材料和电芯组件）从摇篮到大门的负担按化学体系用一个背景过程表示"
         "（GREET 电池模块）；其供应链与本电池包的吻合程度见地理评分。",
         "电芯和电池包制造：除非工厂文件提供工厂自身数据，采用每 kWh 的通用能耗（目录参数）。",
         "寿命末期：只计回收过程负担（截断法），回收材料不计抵扣。电池包的回收地点未知：寿命末期数据按工厂所在地区评分。",
         "本碳足迹未经核查或认证，也未经过鉴定性评审。"]),
    "excluded_list": (
        ["Use stage (charging losses, pack mass in the vehicle): part of the vehicle's footprint",
         "Credits for recycled materials or recovered energy (cut-off)",
         "Carbon offsets and avoided emissions",
         "Capital goods and infrastructure beyond those inside the background activities"],
        ["使用阶段（充电损耗、电池包在车上的质量）：计入整车碳足迹",
         "回收材料或回收能源的抵扣（截断法）",
         "碳抵销和避免排放",
         "背景过程所含以外的资本货物和基础设施"]),
    "input_pack": ("Pack file", "电池包文件"),
    "input_plant": ("Plant file", "工厂文件"),
}

_STAGES: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "raw_materials": (("Raw materials (pack materials, cradle to gate)", "原材料（电池包材料，从摇篮到大门）"),
                      ("Pack mass × cradle-to-gate burden of the chemistry's pack materials.",
                       "电池包质量 × 该化学体系电池包材料从摇篮到大门的负担。")),
    "production": (("Main production (cell and pack making)", "主要生产（电芯和电池包制造）"),
                   ("Electricity and heat for cell and pack making (plant data or generic per kWh); the plant's "
                    "direct emissions.",
                    "电芯和电池包制造的电力和热力（工厂数据或每 kWh 通用数据）；工厂的直接排放。")),
    "distribution": (("Distribution to the vehicle plant", "运输至整车厂"),
                     ("Pack mass × distance by the stated mode.", "电池包质量 × 距离（按所述运输方式）。")),
    "end_of_life": (("End of life (recycling process)", "寿命末期（回收过程）"),
                    ("Pack mass × recycling-process burden of the route.", "电池包质量 × 该回收路线的过程负担。")),
}

_ROUTES = {"hydrometallurgy": ("hydrometallurgical", "湿法冶金"), "pyrometallurgy": ("pyrometallurgical", "火法冶金")}


def t(key: str, lang: str):
    """Component label ``key`` in ``lang``; the vehicle report's label for any other key."""
    if key in _LABELS:
        return _LABELS[key][i18n.LANGS.index(i18n.check(lang))]
    return i18n.t(key, lang)


def stage(name: str, lang: str) -> str:
    return _STAGES[name][0][i18n.LANGS.index(i18n.check(lang))] if name in _STAGES else name


def stage_scope(name: str, lang: str) -> str:
    return _STAGES[name][1][i18n.LANGS.index(i18n.check(lang))] if name in _STAGES else ""


def eol_rule(route: str, lang: str) -> str:
    k = i18n.LANGS.index(i18n.check(lang))
    return t("eol_rule", lang).format(route=_ROUTES.get(route, (route, route))[k])
