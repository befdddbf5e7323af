"""Generate a benchmark corpus of 法治政府建设年度报告 drafts.

Each report is about 8,000 characters: a title, 主送机关, an opening paragraph, the four
mandatory parts with numbered sub-sections of varied sentences, and a 落款.  About
one report in three carries defects of the kinds lawlint looks for (a malformed
发文字号, a padded 成文日期, a clause said twice, a missing part, a numbering gap).

    python bench/generate.py OUT_DIR [--count 1000] [--chars 8000] [--seed 1]

With ``--realistic`` it writes reports as dirty as real web and PDF copies instead (about
500 findings each: ASCII punctuation, stray spaces, traditional characters, mojibake, web
page chrome; see bench/realistic.py), with paragraphs taken at run time from the .txt
files under each ``--source DIR`` (nothing is copied into the repository) and the rest
written by ``Writer``:

    python bench/generate.py OUT_DIR --realistic [--source DIR ...] [--real-share 0.7]
"""
from __future__ import annotations

import argparse
import random
from pathlib import Path

PLACES = ["青山", "临河", "南湖", "东川", "西岭", "北塘", "石门", "云溪", "清水", "白沙", "金山", "长林",
          "平阳", "安澜", "丰城", "宁远", "永和", "兴隆", "桃源", "玉泉"]
LEVELS = ["县", "市", "区"]
BUREAUS = ["司法局", "科学技术局", "市场监督管理局", "生态环境局", "交通运输局", "自然资源局", "卫生健康委员会",
           "教育局", "民政局", "财政局", "人力资源和社会保障局", "住房和城乡建设局", "水利局", "农业农村局"]
SUBJECTS = ["局党组", "领导班子", "法制机构", "执法队伍", "各业务科室", "局属各单位", "法律顾问", "行政执法人员",
            "政务服务窗口", "普法工作领导小组", "督查室", "办公室", "各乡镇（街道）", "综合行政执法大队", "行政审批科",
            "政策法规科", "信访工作专班", "驻局纪检组", "机关党委", "县级部门", "基层站所", "公职律师", "执法监督科",
            "政务公开领导小组", "各党支部", "专家咨询委员会", "复议应诉工作专班", "网格员队伍", "行政服务中心", "调解组织"]
VERBS = ["全面落实", "深入推进", "持续完善", "认真贯彻", "扎实开展", "严格执行", "积极探索", "进一步健全", "不断强化",
         "统筹推进", "稳步实施", "切实加强", "有序推进", "大力推行", "着力提升", "系统梳理", "全面推行", "认真组织",
         "广泛开展", "及时修订", "严格落实", "着力构建", "加快建立", "深化拓展", "持续优化", "规范开展", "常态化开展",
         "动态调整", "集中清理", "全面推广", "逐步完善", "协同推进", "精准实施", "闭环管理", "分类推进", "试点开展",
         "逐项落实", "全程跟踪", "定期评估", "提档升级"]
OBJECTS = ["行政执法公示制度", "执法全过程记录制度", "重大执法决定法制审核制度", "行政规范性文件合法性审核机制",
           "重大行政决策程序", "公平竞争审查制度", "“谁执法谁普法”普法责任制", "行政复议应诉工作", "政务公开标准化规范化建设",
           "“双随机、一公开”监管", "权责清单动态调整", "法律顾问和公职律师制度", "行政执法案卷评查", "领导干部学法用法制度",
           "信用监管体系", "证明事项告知承诺制", "涉企行政检查备案", "行政裁量权基准", "基层法治建设", "矛盾纠纷多元化解机制",
           "行政执法人员资格管理", "执法证件年度审验", "法治政府建设考核评价", "重大行政决策事项目录", "行政规范性文件清理",
           "政府信息依申请公开", "行政执法协调监督", "包容审慎监管", "轻微违法行为免罚清单", "首违不罚制度",
           "行政调解工作", "人民调解组织建设", "公共法律服务体系", "法治宣传教育阵地", "宪法宣传周活动",
           "民法典普及宣传", "领导干部旁听庭审", "国家工作人员学法考法", "法治文化阵地建设", "普法志愿服务",
           "营商环境法治保障", "企业合规指导", "涉企收费清理", "市场主体登记便利化", "政务服务“一网通办”",
           "审批事项“告知承诺”", "行政许可事项清单管理", "投诉举报处理机制", "12345热线工单办理", "政务新媒体管理",
           "数据安全管理制度", "个人信息保护审查", "执法装备配备标准", "行政执法音像记录", "电子证照共享应用",
           "跨部门联合检查", "执法案件网上办理", "行政处罚决定公示", "行政强制措施审批", "行政检查计划管理",
           "复议决定履行监督", "行政机关负责人出庭应诉", "败诉案件分析通报", "司法建议办理", "检察建议办理",
           "人大代表建议办理", "政协委员提案办理", "内部审计监督", "财务管理制度", "政府采购内控机制",
           "合同合法性审查", "议事规则", "“三重一大”决策制度", "干部法治培训", "新任职干部法律知识考试",
           "执法人员轮训", "法治督察反馈问题整改", "法治建设年度计划", "述法工作", "法治建设责任清单"]
RESULTS = ["全年办理相关事项{n}件", "按期办结率达到{p}%", "组织专题培训{k}次", "覆盖干部职工{n}人次", "评查案卷{n}卷",
           "清理规范性文件{k}件", "公开执法信息{n}条", "开展联合检查{k}次", "受理群众咨询{n}件", "满意率达到{p}%",
           "修订制度文件{k}项", "化解矛盾纠纷{n}起", "审核合同{k}份", "出具法律意见{k}份", "回复网民留言{n}条",
           "处理投诉举报{n}件", "办结行政复议案件{k}件", "发放宣传资料{n}份", "举办讲座{k}场", "走访企业{n}家"]
PURPOSES = ["推动法治政府建设取得新成效", "不断提升依法行政水平", "为高质量发展提供法治保障", "切实维护群众合法权益",
            "持续优化法治化营商环境", "确保各项工作在法治轨道上运行", "提高行政执法质量和效率", "增强群众的获得感和满意度",
            "夯实法治建设基础", "形成依法办事的良好氛围", "防范化解重大风险", "推进治理体系和治理能力现代化"]
OPENERS = ["围绕{g}", "聚焦{g}", "紧扣{g}", "按照{g}的要求", "结合{g}"]
GOALS = ["法治政府示范创建", "年度重点任务", "优化营商环境", "基层治理现代化", "群众急难愁盼问题", "上级督察反馈意见",
         "数字政府建设", "安全生产专项整治", "乡村振兴战略", "生态环境保护"]
HEADS = ["加强组织领导", "推进依法全面履行职能", "完善依法行政制度体系", "推进行政决策科学化民主化法治化",
         "坚持严格规范公正文明执法", "强化行政权力制约和监督", "依法有效化解社会矛盾纠纷", "提升法治思维和依法行政能力",
         "深化政务公开", "加强法治宣传教育"]


class Writer:
    """Sentences for one report; no verb-object pair is used twice in it."""


    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[tuple[str, str]] = set()
        self.purposes: list[str] = []

    def purpose(self) -> str:
        """Each stock formulation once before any is used again (reports reuse them sparingly)."""
        if not self.purposes:
            self.purposes = self.rng.sample(PURPOSES, len(PURPOSES))
        return self.purposes.pop()

    def act(self, with_subject: bool) -> str:
        rng = self.rng
        while True:
            verb, thing = rng.choice(VERBS), rng.choice(OBJECTS)
            if (verb, thing) not in self.used:
                self.used.add((verb, thing))
                return (rng.choice(SUBJECTS) if with_subject else "") + verb + thing

    def sentence(self) -> str:
        rng = self.rng
        clauses = [self.act(True),
                   rng.choice(RESULTS).format(n=rng.randint(12, 9800), p=rng.randint(85, 100), k=rng.randint(2, 40))]
        if rng.random() < 0.3:
            clauses.insert(0, rng.choice(OPENERS).format(g=rng.choice(GOALS)))
        if rng.random() < 0.5:
            clauses.append(self.act(False))
        if rng.random() < 0.15:
            clauses.append(self.purpose())
        return "，".join(clauses) + "。"


def paragraph(writer: Writer, chars: int) -> str:
    out = ""
    while len(out) < chars:
        out += writer.sentence()
    return "　　" + out


def report(rng: random.Random, chars: int, defective: bool) -> str:
    place = rng.choice(PLACES) + rng.choice(LEVELS)
    government = rng.random() < 0.3
    organ = f"{place}人民政府" if government else place + rng.choice(BUREAUS)
    year = rng.randint(2019, 2025)
    writer = Writer(rng)
    defects = set(rng.sample(["number", "date", "repeat", "part", "gap"], k=rng.randint(1, 3))) if defective else set()
    lines = [f"{organ}关于{year}年法治政府建设情况的报告", "",
             f"{place}委、{place}人民政府：" if not government else f"{place}委、{place}人大常委会：",
             f"　　{year}年，{organ}坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，"
             f"认真落实《法治政府建设实施纲要（2021—2025年）》，现将有关情况报告如下。"]
    budget = chars - 600
    sections = [(f"一、{year}年推进法治政府建设的主要举措和成效", 0.6), ("二、存在的不足和原因", 0.12),
                ("三、党政主要负责人履行推进法治建设第一责任人职责情况", 0.1),
                (f"四、{year + 1}年推进法治政府建设的主要安排", 0.18)]
    if "part" in defects:
        sections.pop(2)
        sections[2] = ("三" + sections[2][0][1:], sections[2][1])
    for title, share in sections:
        lines.append("　　" + title)
        subsections = max(2, int(share * 10))
        for k in range(subsections):
            if "gap" in defects and title.startswith("一") and k == 2:
                k += 1
            lines.append(f"　　（{'一二三四五六七八九十'[k]}）{rng.choice(HEADS)}")
            body = paragraph(writer, int(budget * share / subsections))
            if "number" in defects and k == 0 and title.startswith("一"):
                body += f"依据{place[0]}政办发[{year}]第0{rng.randint(1, 9)}号文件要求，{writer.act(False)}。"
            if "repeat" in defects and k == 1 and title.startswith("一"):
                clause = f"{writer.act(False)}和{rng.choice(OBJECTS)}"
                body += f"着力{clause}，切实{clause}，{writer.purpose()}。"
            lines.append(body)
    month, day = rng.randint(1, 2), rng.randint(1, 28)
    date = f"{year + 1}年0{month}月{day:02d}日" if "date" in defects else f"{year + 1}年{month}月{day}日"
    lines += ["", f"　　　　　　　　　　　　　　　　{organ}", f"　　　　　　　　　　　　　　　　{date}", ""]
    return "\n".join(lines)


def generate(out: Path, count: int = 1000, chars: int = 8000, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = out / f"report-{i:04d}.txt"
        path.write_text(report(rng, chars, defective=rng.random() < 0.35), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--chars", type=int, default=8000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--realistic", action="store_true", help="dirty reports, as web and PDF copies are")
    parser.add_argument("--source", type=Path, action="append", default=[], metavar="DIR",
                        help="with --realistic: take paragraphs from the .txt files under DIR (repeatable)")
    parser.add_argument("--real-share", type=float, default=0.7,
                        help="with --realistic and --source: share of paragraphs taken from the sources")
    args = parser.parse_args()
    if args.source and not args.realistic:
        parser.error("--source needs --realistic")
    if args.realistic:
        from realistic import generate_realistic

        paths = generate_realistic(args.out, args.count, args.chars, args.seed, args.source, args.real_share)
    else:
        paths = generate(args.out, args.count, args.chars, args.seed)
    total = sum(len(p.read_text(encoding="utf-8")) for p in paths)
    print(f"{len(paths)} reports, {total:,} characters in {args.out}")


if __name__ == "__main__":
    main()
