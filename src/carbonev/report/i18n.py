"""Labels of the product footprint report in English and Chinese (``--lang en|zh``).

One table, key → (English, Chinese). Numbers and data-file text (citations, activity
names) are not translated; only the report's own words are.
"""

from __future__ import annotations

from carbonev.errors import SpecError
from carbonev.inventory.foreground import STAGE_LABELS

LANGS = ("en", "zh")

_LABELS: dict[str, tuple[str, str]] = {
    # title and sections
    "title": ("Product carbon footprint report", "产品碳足迹报告"),
    "subtitle": ("Cradle-to-grave, climate change only (GB/T 24067-2024 / ISO 14067:2018 structure)",
                 "从摇篮到坟墓，仅气候变化（按 GB/T 24067-2024 / ISO 14067:2018 结构）"),
    "product": ("Product", "产品"),
    "study": ("Study information", "研究信息"),
    "goal_and_scope": ("1 Goal and scope", "1 目的和范围"),
    "functional_unit": ("2 Functional unit and reference flow", "2 功能单位和基准流"),
    "system_boundary": ("3 System boundary and cut-off criteria", "3 系统边界和取舍准则"),
    "ghgs": ("4 Greenhouse gases and characterisation factors", "4 温室气体和特征化因子"),
    "data_sources": ("5 Data sources and data quality", "5 数据来源和数据质量"),
    "allocation": ("6 Allocation, end of life and electricity", "6 分配、寿命末期和电力"),
    "results": ("7 Results", "7 结果"),
    "sensitivity": ("8 Sensitivity and alternative scenarios", "8 敏感性分析和替代情景"),
    "uncertainty": ("9 Uncertainty", "9 不确定性"),
    "interpretation": ("10 Interpretation", "10 结果解释"),
    "limitations": ("11 Limitations", "11 局限性"),
    "critical_review": ("12 Critical review", "12 鉴定性评审"),
    "provenance": ("13 Provenance", "13 可追溯信息"),
    # study information
    "study_missing": ("Not stated: no study information file was given (--info); ISO 14067 7.3 asks for the "
                      "commissioner, the practitioner and the date of the report.",
                      "未说明：未提供研究信息文件（--info）；ISO 14067 第 7.3 条要求说明委托方、实施方和报告日期。"),
    "report_id": ("Report number", "报告编号"), "commissioner": ("Commissioner", "委托方"),
    "practitioner": ("Practitioner", "实施方"), "report_date": ("Date of the report", "报告日期"),
    "data_period": ("Period the data represent", "数据代表的时间段"),
    "validity": ("Period of validity of the result", "结果的有效期"),
    "not_stated": ("not stated", "未说明"),
    "reasons": ("Reasons for the study", "开展研究的原因"), "audience": ("Intended audience", "目标受众"),
    "public_comparison": ("Comparison disclosed to the public", "向公众披露的比较"),
    "intended_application": ("Intended application", "预期用途"),
    # critical review
    "review_none": ("No critical review has been performed (ISO 14067 6.7: optional; required for a "
                    "comparison disclosed to the public).",
                    "未进行鉴定性评审（ISO 14067 第 6.7 条：可选；向公众披露比较结果时必须进行）。"),
    "review_needed": ("The goal states a comparison disclosed to the public: a critical review is required "
                      "before publication.", "研究目的为向公众披露的比较：发布前须进行鉴定性评审。"),
    "review_done": ("Critical review statement (as given in the study information file):",
                    "鉴定性评审声明（摘自研究信息文件）："),
    "reviewer": ("Reviewer", "评审人"), "review_kind": ("Kind of review", "评审类型"),
    "review_date": ("Date of review", "评审日期"), "statement": ("Statement", "声明"),
    # reference flow and cut-offs
    "reference_flow": ("Reference flow", "基准流"),
    "reference_flow_text": ("one vehicle of {:,.0f} kg curb mass", "一辆整备质量 {:,.0f} kg 的车辆"),
    "reference_flow_battery": (" with {:g} traction pack(s) of {:g} kWh", "，含 {:g} 个 {:g} kWh 动力蓄电池包"),
    "cut_offs": ("Cut-off criteria", "取舍准则"),
    "cut_off_rules": (
        ["No mass, energy or emission cut-off is applied inside the modelled stages: every input the model "
         "links is counted, however small.",
         "What lies outside the system is listed above as excluded, with the reason; none of it is estimated.",
         "Background data are taken whole from their sources, with the cut-offs those sources applied (see "
         "each activity's comment)."],
        ["在建模的阶段内不采用质量、能量或排放的取舍：模型链接的每一项输入无论大小均计入。",
         "系统之外的内容已在上文“排除”中列出并说明理由，均未估算。",
         "背景数据按其来源整体采用，沿用来源自身的取舍（见各过程说明）。"]),
    # GHGs
    "ghgs_text": ("Every greenhouse gas the impact method characterises, with its factor; 'emitted' marks the "
                  "gases this product's inventory contains.",
                  "影响评价方法中每种温室气体及其特征化因子；“有排放”标明本产品清单中含有的气体。"),
    "col_factor": ("Factor", "因子"), "col_emitted": ("Emitted", "有排放"),
    # carbon split
    "results_split": ("7.4 Fossil and biogenic emissions", "7.4 化石源和生物源排放"),
    "split_fossil": ("Fossil CO2 and CH4", "化石源 CO2 和 CH4"),
    "split_biogenic": ("Biogenic CO2 and CH4", "生物源 CO2 和 CH4"),
    "split_other_ghg": ("Other GHGs (N2O, fluorinated gases)", "其他温室气体（N2O、含氟气体）"),
    "split_aggregated": ("Published only as CO2e (origin not separable)", "仅以 CO2e 发布（来源无法区分）"),
    "split_biogenic_co2": ("Biogenic CO2 emitted [kg] (characterised with the method's factor)",
                           "生物源 CO2 排放量 [kg]（按方法的因子表征）"),
    "split_not_assessed": (
        "Not quantified: emissions and removals from direct land-use change (no land-use data in the background "
        "inventories), biogenic carbon stored in the product, and aircraft emissions (no air freight in the "
        "model).",
        "未量化：直接土地利用变化的排放和清除（背景清单无土地利用数据）、产品中储存的生物碳，以及航空排放（模型中无空运）。"),
    # sensitivity
    "sens_not_run": ("Not computed for this report: run `carbonev report SPEC --sensitivity N`.",
                     "本报告未计算：可运行 `carbonev report SPEC --sensitivity N`。"),
    "sens_run": ("One at a time: each input with the largest influence (delta moment-independent index) is set to "
                 "its 5th and 95th percentile, all others at their deterministic values.",
                 "逐一变化：对影响最大（delta 矩独立指数）的输入，依次取其 5% 和 95% 分位数，其余输入取确定值。"),
    "chart_tornado": ("Tornado: total footprint with one input at its 5th / 95th percentile [kg CO2e per vehicle]",
                      "龙卷风图：单个输入取 5% / 95% 分位数时的总碳足迹 [kg CO2e/辆]"),
    "col_input_name": ("Input", "输入"), "col_low": ("5th percentile value", "5% 分位数取值"),
    "col_high": ("95th percentile value", "95% 分位数取值"), "col_out_low": ("Total at 5th", "取 5% 时的总量"),
    "col_out_high": ("Total at 95th", "取 95% 时的总量"), "col_swing": ("Swing", "变化幅度"),
    "scenarios": ("Alternative scenarios (each a full re-computation)", "替代情景（每个均完整重新计算）"),
    "scenario_eol": ("End of life: {}", "寿命末期：{}"),
    "scenario_life": ("Lifetime distance {:,.0f} km", "寿命里程 {:,.0f} km"),
    "scenario_grid": ("Use-phase electricity on the national average grid", "使用阶段电力按全国平均电网"),
    "col_scenario": ("Scenario", "情景"), "col_change": ("Change of total", "总量变化"),
    "col_change_km": ("Change per km", "每公里变化"),
    # interpretation
    "significant_issues": ("10.1 Significant issues", "10.1 重大问题"),
    "completeness": ("10.2 Completeness check", "10.2 完整性检查"),
    "consistency": ("10.3 Consistency check", "10.3 一致性检查"),
    "conclusions": ("10.4 Conclusions", "10.4 结论"),
    "issue_stage": ("Stage '{}' carries {:.1%} of the total.", "“{}”阶段占总量的 {:.1%}。"),
    "issue_gas": ("{} carries {:.1%} of the total.", "{} 占总量的 {:.1%}。"),
    "issue_input": ("Input '{}' moves the total by {:.1%} between its 5th and 95th percentile.",
                    "输入“{}”在其 5% 与 95% 分位数之间使总量变化 {:.1%}。"),
    "complete_stages": ("All {} life-cycle stages of the boundary are quantified.",
                        "系统边界内全部 {} 个生命周期阶段均已量化。"),
    "complete_excluded": ("{} items are outside the system, each listed with its reason (section 3).",
                          "{} 项在系统之外，均已列出并说明理由（第 3 节）。"),
    "complete_poor": ("{} of {} data values score 4 or 5 in at least one pedigree indicator (section 5).",
                      "{} / {} 个数据值至少有一项谱系指标为 4 或 5 分（第 5 节）。"),
    "complete_aggregated": ("{:.1%} of the total comes from figures published only as CO2e.",
                            "总量的 {:.1%} 来自仅以 CO2e 发布的数据。"),
    "consistent_method": ("One impact method throughout: {}.", "全程采用同一影响评价方法：{}。"),
    "consistent_years": ("Data reference years range from {} to {} (temporal scores in section 5).",
                         "数据基准年份在 {} 至 {} 之间（时间相关性评分见第 5 节）。"),
    "consistent_places": ("Production modelled for {}, use for {}; each value is scored against the place it stands "
                          "for.", "生产按 {} 建模，使用按 {} 建模；每个数值均按其代表的地点评分。"),
    "consistent_eol": ("One end-of-life rule for every stage: {}.", "所有阶段采用同一寿命末期规则：{}。"),
    "conclusion_total": ("The product's carbon footprint is {total:,.0f} kg CO2e per vehicle, {per_km:,.1f} g CO2e/km "
                         "over {km:,.0f} km.",
                         "本产品碳足迹为 {total:,.0f} kg CO2e/辆，按 {km:,.0f} km 计为 {per_km:,.1f} g CO2e/km。"),
    "conclusion_top": ("The largest stage is '{}' ({:.1%}); reductions there move the result most.",
                       "最大的阶段为“{}”（{:.1%}）；在该阶段减排对结果影响最大。"),
    "conclusion_no_mc": ("No Monte Carlo run: the uncertainty of the total is not quantified in this report.",
                         "未进行蒙特卡罗模拟：本报告未量化总量的不确定性。"),
    # product
    "name": ("Name", "名称"),
    "powertrain": ("Powertrain", "动力类型"),
    "segment": ("Segment", "级别"),
    "battery": ("Traction battery", "动力蓄电池"),
    "replacements": ("replacement packs", "更换电池包数"),
    "manufacturing": ("Vehicle plant (region, year)", "整车生产地（地区，年份）"),
    "battery_plant": ("Battery plant (region, year)", "电池生产地（地区，年份）"),
    "use_region": ("Use (region, first year)", "使用地（地区，起始年份）"),
    "method": ("Impact method", "影响评价方法"),
    # goal and scope
    "goal_text": (
        "Quantify the life-cycle greenhouse-gas emissions and removals of one vehicle model, expressed as "
        "CO2 equivalents, to inform the manufacturer, buyers and authorities. Only climate change is assessed; "
        "carbon offsets are not part of the footprint.",
        "量化一款车型全生命周期的温室气体排放和清除，以二氧化碳当量表示，供制造商、购买者和主管部门参考。"
        "仅评价气候变化；碳抵销不计入碳足迹。"),
    "standards": ("Standards referred to", "参考标准"),
    "qct1249_note": (
        "QC/T 1249-2025 (passenger cars, in force 2026-07-01) fixes a functional unit, lifetime mileage and "
        "default parameters (Annex D) and a data-quality rating (Annex E) that are not public. This report does "
        "not claim conformity with it and uses none of its values; the data-quality rating below is a "
        "Weidema-style pedigree rating, not Annex E.",
        "QC/T 1249-2025（乘用车，2026-07-01 实施）规定的功能单位、寿命里程、默认参数（附录 D）和数据质量评级"
        "（附录 E）未公开。本报告不声称符合该标准，也未使用其中任何数值；下文的数据质量评级为 Weidema 谱系矩阵式评级，"
        "而非附录 E。"),
    "study_type": ("Study type", "研究类型"),
    "study_type_value": ("Cradle-to-grave product carbon footprint (partial CFP per stage shown)",
                         "从摇篮到坟墓的产品碳足迹（同时给出各阶段的部分碳足迹）"),
    "reference_year": ("Reference year of the study", "研究基准年"),
    # functional unit
    "fu_main": ("Functional unit", "功能单位"),
    "fu_alt": ("Also reported per", "另按"),
    "fu_vehicle": ("One vehicle over its lifetime", "一辆车的全生命周期"),
    "fu_per_km": ("One km driven (lifetime footprint / lifetime distance)", "行驶 1 km（全生命周期碳足迹 / 寿命里程）"),
    "lifetime_km": ("Lifetime distance", "寿命里程"),
    "lifetime_years": ("Service life", "使用年限"),
    "fu_source": ("Source of lifetime", "寿命来源"),
    "fu_from_spec": ("given in the vehicle spec", "车型参数文件给定"),
    # system boundary
    "boundary_text": (
        "Cradle to grave, stage by stage (below). Production stages are modelled where the spec places the plants, "
        "use where the vehicle is driven and charged; electricity follows the grid of each year of use where "
        "data exist.",
        "从摇篮到坟墓，按阶段划分（见下表）。生产阶段按参数文件给定的工厂所在地建模，使用阶段按车辆行驶和充电的地区建模；"
        "在有数据的年份，电力按每个使用年份的电网计算。"),
    "stage": ("Stage", "阶段"),
    "included": ("Included", "包括"),
    "excluded": ("Excluded from the system", "排除在系统之外"),
    "processes": ("Processes linked (this product)", "本产品链接的过程"),
    # data sources
    "data_text": (
        "Every background activity and parameter used for this product, with its source, reference year, "
        "geography and tag (verified: read in the source; secondary: from a citing document). Pedigree scores "
        "1 (best) to 5 (worst) per Weidema et al. (1996) / ecoinvent: R reliability, C completeness (not "
        "assessed: –), T temporal, G geographical, Te technological correlation; computed from the metadata "
        "(docs/report.md).",
        "本产品用到的每个背景过程和参数，及其来源、基准年、地理范围和标签（verified：查阅过原文；secondary：来自引用文献）。"
        "谱系评分 1（最好）至 5（最差），依据 Weidema 等（1996）/ ecoinvent：R 可靠性，C 完整性（未评价：–），"
        "T 时间相关性，G 地理相关性，Te 技术相关性；由元数据计算（见 docs/report.md）。"),
    "dq_summary": ("Data-quality summary", "数据质量汇总"),
    "values": ("Values", "数值个数"),
    "verified_share": ("Share read in the source (verified)", "查阅原文的比例（verified）"),
    "mean_score": ("Mean score", "平均分"),
    "poor_values": ("Values with a score of 4 or 5", "有 4 或 5 分项的数值"),
    "parameters": ("Parameters", "参数"),
    "activities": ("Background activity exchanges", "背景过程交换量"),
    "fg_flows": ("Emissions entered directly in the foreground (from parameters, plant files or supplier footprints; "
                 "see the basis)", "前景中直接录入的排放（来自参数、工厂文件或供应商碳足迹；见依据）"),
    "col_basis": ("Basis", "依据"),
    "inputs": ("Spec inputs (primary data supplied by the user, not rated)", "车型参数（用户提供的原始数据，未评级）"),
    "references": ("References", "参考文献"),
    "appendix_refs": ("Appendix A References", "附录 A 参考文献"),
    "col_value": ("Value", "数值"), "col_amount": ("Amount", "数量"), "col_unit": ("Unit", "单位"),
    "col_year": ("Year", "年份"), "col_geo": ("Geography", "地理"), "col_source": ("Source", "来源"),
    "col_tag": ("Tag", "标签"), "col_pedigree": ("Pedigree R,C,T,G,Te", "谱系 R,C,T,G,Te"),
    "col_activity": ("Activity", "过程"), "col_input": ("Input / flow", "输入 / 流"),
    "col_key": ("Key", "键"), "col_for": ("Applied to", "用于"),
    # allocation
    "alloc_rules": (
        ["Background activities are attributional, one product each; where a source allocated co-products, its "
         "allocation is kept (see each activity's comment).",
         "Battery replacements over the life are counted in the battery stage (packs × pack burden).",
         "Electricity: life-cycle grid factors of the plant's or user's region and year (location-based); "
         "substitutions of region or year are listed in the limitations.",
         "Offsets, avoided emissions and green-certificate claims are not part of the footprint (GB/T 24067)."],
        ["背景过程为归因型，每个过程一种产品；来源中已对副产品分配的，沿用其分配（见各过程说明）。",
         "寿命期内更换的动力蓄电池计入电池阶段（电池包数 × 单包负担）。",
         "电力：采用工厂或用户所在地区及年份的电网全生命周期排放因子（基于位置）；地区或年份的替代列于局限性中。",
         "碳抵销、避免排放和绿证声明不计入碳足迹（GB/T 24067）。"]),
    # results
    "results_by_stage": ("7.1 By life-cycle stage", "7.1 按生命周期阶段"),
    "results_by_gas": ("7.2 By greenhouse gas", "7.2 按温室气体"),
    "results_matrix": ("7.3 By stage and gas", "7.3 按阶段和气体"),
    "per_vehicle": ("kg CO2e per vehicle", "kg CO2e/辆"),
    "per_km": ("g CO2e/km", "g CO2e/km"),
    "share": ("Share", "占比"),
    "total": ("Total", "合计"),
    "gas": ("Greenhouse gas", "温室气体"),
    "inventory": ("Emitted [kg]", "排放量 [kg]"),
    "impact": ("kg CO2e", "kg CO2e"),
    "battery_per_kwh": ("Traction battery stage per kWh of nominal pack capacity (all packs)",
                        "电池阶段每 kWh 标称电池容量（含全部电池包）"),
    "chart_stages": ("Footprint by life-cycle stage [kg CO2e per vehicle]", "各生命周期阶段碳足迹 [kg CO2e/辆]"),
    "chart_gases": ("Footprint by greenhouse gas [kg CO2e per vehicle]", "各温室气体碳足迹 [kg CO2e/辆]"),
    "chart_uncertainty": ("Monte Carlo 5th–95th percentile and median [kg CO2e per vehicle]",
                          "蒙特卡罗 5%–95% 分位数及中位数 [kg CO2e/辆]"),
    "aggregated_note": ("Share of the total from figures published only as CO2e (cannot be re-characterised)",
                        "仅以 CO2 当量发布的数据所占比例（无法用其他 GWP 重新表征）"),
    # uncertainty
    "unc_not_run": (
        "Not computed for this report. Every value carries its own uncertainty distribution (see the data files); "
        "run `carbonev report SPEC --iterations N` or `carbonev uncertainty SPEC` for a Monte Carlo analysis.",
        "本报告未计算。每个数值都带有其不确定性分布（见数据文件）；可运行 `carbonev report SPEC --iterations N` "
        "或 `carbonev uncertainty SPEC` 进行蒙特卡罗分析。"),
    "unc_run": ("Monte Carlo on every value's own distribution", "基于每个数值自身分布的蒙特卡罗模拟"),
    "iterations": ("Iterations", "迭代次数"),
    "seed": ("Seed", "随机种子"),
    "p5": ("5th percentile", "5% 分位数"), "median": ("Median", "中位数"), "p95": ("95th percentile", "95% 分位数"),
    # limitations
    "notes": ("Substitutions and notes from the model", "模型的替代说明和注释"),
    "assumptions": ("Defaults taken from data (assumptions)", "取自数据的默认值（假设）"),
    "generic_limits": (
        ["Climate change is the only impact category; other environmental impacts are not assessed.",
         "Background data are literature and official factors, not supplier-specific data; see the data-quality "
         "table for proxies (geography or technology).",
         "Infrastructure (roads, charging stations) and non-GHG tyre and brake wear emissions are outside the "
         "system; maintenance covers tyres and 12 V batteries only.",
         "Not a verified or certified footprint unless a critical review is stated in section 12."],
        ["仅评价气候变化，未评价其他环境影响。",
         "背景数据来自文献和官方排放因子，而非供应商特定数据；代理数据（地理或技术）见数据质量表。",
         "基础设施（道路、充电站）和轮胎、制动器磨损的非温室气体排放不在系统内；维修保养只包括轮胎和 12 V 蓄电池。",
         "除非第 12 节说明已进行鉴定性评审，本碳足迹未经核查或认证。"]),
    # provenance
    "input_file": ("Input file", "输入文件"),
    "input_sha": ("Input SHA-256", "输入文件 SHA-256"),
    "data_sha": ("Data SHA-256", "数据 SHA-256"),
    "spec_key": ("Foreground key", "前景键"),
    "software": ("Software versions", "软件版本"),
    "data_files": ("Data files (version)", "数据文件（版本）"),
    "none": ("none", "无"),
    "no_credit": ("Credits for recycled materials or recovered energy (cut-off)", "回收材料或回收能源的抵扣（截断法）"),
    "yes": ("yes", "是"), "no": ("no", "否"),
}

_EOL: dict[str, tuple[str, str]] = {
    "cut-off": ("End of life: cut-off at the recycling gate. Dismantling, shredding and battery recycling burdens "
                "are counted; no credit for recovered materials or energy.",
                "寿命末期：在回收厂门口截断（截断法）。计入拆解、破碎和电池回收的负担；回收的材料或能源不计抵扣。"),
    "avoided-burden": ("End of life: avoided burden. Treatment burdens are counted; recycled battery materials "
                       "displace primary ones, reported as a separate credit stage.",
                       "寿命末期：避免负担法。计入处理负担；回收的电池材料替代原生材料，抵扣作为单独阶段报告。"),
    "cff": ("End of life: end-of-life term of the EU Circular Footprint Formula, credit × (1 − A), A supplied "
            "in the spec; reported as a separate credit stage.",
            "寿命末期：欧盟循环足迹公式（CFF）的寿命末期项，抵扣 × (1 − A)，A 由参数文件提供；抵扣作为单独阶段报告。"),
}

_STAGES: dict[str, tuple[str, str]] = {
    "materials_and_parts": ("Materials and parts", "材料和零部件"),
    "battery": ("Traction battery", "动力蓄电池"),
    "vehicle_assembly": ("Vehicle assembly and distribution", "整车制造和运输"),
    "use_energy_upstream": ("Use: energy supply (upstream)", "使用：能源供应（上游）"),
    "use_direct": ("Use: direct emissions", "使用：直接排放"),
    "maintenance": ("Maintenance", "维修保养"),
    "end_of_life": ("End of life", "寿命末期"),
    "end_of_life_credit": ("End of life: recycling credit", "寿命末期：回收抵扣"),
}

_STAGE_SCOPE: dict[str, tuple[str, str]] = {
    "materials_and_parts": ("Glider (body, chassis, interior) and drive materials and parts; their transport by truck.",
                            "车身（车体、底盘、内饰）及驱动系统的材料和零部件；其卡车运输。"),
    "battery": ("Pack materials of the chemistry; cell and pack manufacturing energy; replacement packs.",
                "对应化学体系的电池包材料；电芯和电池包制造能耗；更换的电池包。"),
    "vehicle_assembly": ("Assembly electricity and heat; distribution of the vehicle to the customer by truck.",
                         "整车装配的电力和热力；整车卡车运输至用户。"),
    "use_energy_upstream": ("Grid electricity for charging, year by year (losses included), and fuel well-to-tank.",
                            "逐年充电用电网电力（含损耗）以及燃料从油井到油箱。"),
    "use_direct": ("Tailpipe CO2, CH4 and N2O from fuel; air-conditioning refrigerant leakage.",
                   "燃料燃烧的尾气 CO2、CH4、N2O；空调制冷剂泄漏。"),
    "maintenance": ("Replacement tyres and 12 V lead-acid batteries; engine oil of combustion-engine cars.",
                    "更换的轮胎和 12 V 铅酸蓄电池；燃油发动机乘用车的机油。"),
    "end_of_life": ("Vehicle dismantling and shredding; traction-battery recycling (treatment burdens).",
                    "整车拆解和破碎；动力蓄电池回收（处理负担）。"),
    "end_of_life_credit": ("Credit for recycled battery materials and for steel, aluminium and copper recovered "
                           "from the vehicle (only with avoided-burden or CFF modelling).",
                           "回收电池材料及从整车回收的钢、铝、铜的抵扣（仅在避免负担法或 CFF 建模时）。"),
}

_EXCLUDED: tuple[tuple[str, str], ...] = (
    ("Infrastructure: roads, charging stations, fuel stations", "基础设施：道路、充电站、加油站"),
    ("Maintenance fluids other than refrigerant (lubricants, coolant, washer fluid)",
     "制冷剂以外的维修保养液体（润滑油、冷却液、玻璃水）"),
    ("Carbon offsets and avoided emissions", "碳抵销和避免排放"),
    ("Non-GHG emissions (particles from tyres and brakes)", "非温室气体排放（轮胎和制动器颗粒物）"),
)

_GASES: dict[str, tuple[str, str]] = {
    "co2_fossil": ("CO2, fossil", "CO2（化石）"),
    "co2_biogenic": ("CO2, biogenic", "CO2（生物源）"),
    "ch4_fossil": ("CH4, fossil", "CH4（化石）"),
    "ch4_biogenic": ("CH4, biogenic", "CH4（生物源）"),
    "n2o": ("N2O", "N2O"),
    "sf6": ("SF6", "SF6"),
    "hfc134a": ("HFC-134a (R134a)", "HFC-134a（R134a）"),
    "hfo1234yf": ("HFO-1234yf (R1234yf)", "HFO-1234yf（R1234yf）"),
    "r744": ("CO2 as refrigerant (R744)", "制冷剂 CO2（R744）"),
    "co2e_aggregated": ("GHG reported only as CO2e", "仅以 CO2e 报告的温室气体"),
}


def check(lang: str) -> str:
    """``lang`` if supported [raises SpecError]."""
    if lang not in LANGS:
        raise SpecError(f"unknown language {lang!r}; valid: {', '.join(LANGS)}", field="--lang")
    return lang


def _pick(pair: tuple, lang: str):
    return pair[LANGS.index(check(lang))]


def t(key: str, lang: str):
    """The report's label ``key`` in ``lang`` (a string, or a list for rule lists)."""
    return _pick(_LABELS[key], lang)


def stage(name: str, lang: str) -> str:
    """Label of a life-cycle stage; the model's English label if it has no translation."""
    return _pick(_STAGES[name], lang) if name in _STAGES else STAGE_LABELS.get(name, name)


def stage_scope(name: str, lang: str) -> str:
    return _pick(_STAGE_SCOPE[name], lang) if name in _STAGE_SCOPE else ""


def end_of_life_rule(modelling: str, lang: str) -> str:
    """The end-of-life rule for the spec's ``end_of_life.modelling``."""
    return _pick(_EOL[modelling], lang) if modelling in _EOL else f"End of life: {modelling}"


def excluded(lang: str) -> list[str]:
    return [_pick(pair, lang) for pair in _EXCLUDED]


def gas(flow: str, lang: str) -> str:
    """Label of an elementary flow; the flow key itself if it has none."""
    return _pick(_GASES[flow], lang) if flow in _GASES else flow
