"""Made-up news stories: titles, paragraphs and bylines from seeded randomness.

Everything is drawn from the ``random.Random`` passed in, so one seed always
gives the same stories. Sentences are templates over :mod:`vocabulary`, with
numbers drawn afresh for every sentence so no two articles read alike.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from snapshots.demo import vocabulary as V


@dataclass(frozen=True)
class Story:
    title: str
    paragraphs: tuple[str, ...]
    summary: str
    source: str
    authors: tuple[str, ...]
    author_role: str  # "作者", "记者" or "" when the byline names nobody
    editor: str


TECH_TITLES = (
    "{company}发布{product}：{feature}，售价{price}元起",
    "{company}{period}营收{revenue}亿元，同比增长{pct}%",
    "{person}谈{field}：未来三年是关键窗口期",
    "{company}与{company2}达成战略合作，共建{field}生态",
    "{product}上手体验：{feature}，{verdict}",
    "{field}赛道再迎新玩家，{company}完成{amount}亿元{round}融资",
    "曝{company}新款{kind}将于{month}月发布，搭载{chip}",
    "{company}{city}新工厂投产，年产能达{capacity}万台",
    "{company}宣布{product}降价{cut}元，{field}市场竞争加剧",
    "{person}：今年将在{field}投入超{amount}亿元",
    "{company}开源{field}大模型，参数规模达{params}亿",
    "{product}销量突破{sales}万台，{company}称供不应求",
    "{company}回应{product}{issue}：将免费提供售后服务",
    "{agency}：{period}{field}市场规模同比增长{pct}%",
)

TECH_LEADS = (
    "{month_day}消息，{company}今日正式发布{product}，新机主打{feature}，定价{price}元起。",
    "{month_day}消息，据多家媒体报道，{company}近日在{city}召开年度技术大会，{person}在会上介绍了公司在{field}领域的最新进展。",
    "{month_day}消息，{company}发布最新财报，{period}实现营业收入{revenue}亿元，同比增长{pct}%，其中{field}相关业务增速最快。",
    "{month_day}消息，记者从{company}获悉，公司已与{company2}签署战略合作协议，双方将在{field}方向展开深度合作。",
    "{month_day}消息，{company}宣布完成{amount}亿元{round}融资，本轮资金将主要用于{field}技术研发和人才引进。",
    "{month_day}消息，有网友爆料称，{company}新款{kind}已进入量产阶段，预计将于{month}月与消费者见面。",
)

TECH_SENTENCES = (
    "该机搭载{chip}处理器，配备{ram}GB内存和{storage}GB存储空间。",
    "屏幕方面，{product}采用一块{size}英寸{panel}屏幕，支持{hz}Hz高刷新率。",
    "续航方面，新机内置{battery}mAh大容量电池，支持{watt}W有线快充和{wireless}W无线快充。",
    "影像方面，{product}后置{camera}万像素主摄，并首次加入潜望式长焦镜头。",
    "据{agency}数据显示，{year}年{period}{field}市场出货量达到{units}万台，同比增长{pct}%。",
    "业内人士认为，{field}正在从概念走向规模化落地，未来两到三年将迎来爆发期。",
    "分析师指出，{company}此举意在进一步巩固其在{field}领域的领先地位。",
    "公开资料显示，{company}成立于{founded}年，总部位于{city}，主要从事{business}。",
    "目前，{company2}等厂商也在加快布局{field}，市场竞争日趋激烈。",
    "价格方面，{product}标准版售价{price}元，高配版售价{price2}元，将于{month}月{day}日起正式开售。",
    "财报显示，报告期内公司实现净利润{profit}亿元，研发投入占营收比重达到{share}%。",
    "{company}相关负责人透露，新产品的研发周期长达{months}个月，团队规模超过{staff}人。",
    "值得一提的是，这也是{company}首次在{kind}产品上使用自研芯片。",
    "从市场反馈来看，不少用户对新品的外观设计给出了较高评价。",
    "也有部分用户在社交平台上表示，新机价格较上一代上涨了{cut}元，性价比有所下降。",
    "据悉，{company}在{city}的研发中心已聚集了超过{staff}名工程师。",
    "此前，{company}曾多次公开表示，将把{field}作为未来十年的核心战略方向。",
    "{agency}的报告预计，到{future_year}年，国内{field}市场规模有望突破{revenue}亿元。",
    "在供应链方面，{company2}将为其提供关键零部件，首批订单规模约为{units}万套。",
    "与上一代产品相比，新机的整体性能提升了{pct}%，功耗则下降了{share}%。",
    "官方表示，{product}还支持全新的{field}功能，可以在离线状态下完成多项复杂任务。",
    "在发布会现场，{person}还展示了多款尚未上市的概念产品。",
    "截至目前，{company}在全球累计申请专利超过{patents}件，其中发明专利占比超过六成。",
    "不过，也有观点认为，{field}的商业模式仍不清晰，短期内难以实现盈利。",
    "据了解，{company}今年以来已先后在{city}和{city2}设立了两家子公司。",
    "受此消息影响，{company}股价盘中一度上涨{pct}%，总市值超过{revenue}亿元。",
    "这一数据较去年同期增长了{pct}%，明显高于行业平均水平。",
    "从产品定位来看，{product}主要面向年轻用户和商务人群。",
    "值得注意的是，{company2}也计划在{month}月推出同类产品，双方或将正面交锋。",
    "有接近{company}的人士透露，公司内部对这款产品的销量目标是{sales}万台。",
    "为了保障产能，{company}已经与多家代工厂签订了长期协议。",
    "在软件层面，新系统对多任务处理和隐私保护进行了重点优化。",
    "{company}还宣布，将面向开发者开放相关接口，并设立{amount}亿元的生态基金。",
    "按照计划，相关项目将在{future_year}年全面建成投产，预计年产值可达{revenue}亿元。",
    "行业协会的统计显示，国内已有超过{staff}家企业进入{field}领域。",
    "这意味着，{field}的竞争已经从单纯的硬件比拼，转向软硬件结合的系统能力之争。",
    "对于普通消费者而言，最直观的变化是设备更省电、反应更快了。",
    "此外，{product}还提供了{colors}种配色可选，其中新增的配色由{company}设计团队专门打造。",
    "有测试数据显示，该产品在高负载场景下的温度控制在{temp}摄氏度以内。",
    "{company}方面表示，后续还将通过系统更新的方式持续为老用户带来新功能。",
    "另据媒体报道，{company}正在与多家车企洽谈{field}方面的合作。",
    "从投资者角度看，{company}的毛利率已连续{quarters}个季度保持增长。",
    "在海外市场，{company}的产品已进入超过{countries}个国家和地区。",
    "与此同时，监管部门也在加快制定{field}相关的行业标准。",
    "多位业内专家表示，{field}人才缺口依然较大，高端研发人员尤为紧缺。",
    "据介绍，该项目总投资约{amount}亿元，占地面积超过{area}亩。",
    "{company}表示，这次合作将帮助双方更好地服务{city}及周边地区的客户。",
    "在售后方面，官方承诺提供{warranty}年保修服务，并支持以旧换新。",
    "有分析人士认为，今年下半年{field}行业或将出现一轮整合。",
    "面对激烈的市场竞争，{company}选择了差异化的产品路线。",
)

TECH_QUOTE = "“{quote}，”{person}在接受采访时表示。"

FINANCE_TITLES = (
    "{institution}：{topic}有望迎来估值修复行情",
    "{topic}本周成交额超{amount}亿元，{institution}称资金面保持宽松",
    "{institution}发布{period}业绩报告，净利润同比增长{pct}%",
)
FINANCE_SENTENCES = (
    "{month_day}消息，{institution}最新发布的研究报告认为，{topic}当前估值处于历史较低水平。",
    "数据显示，本周{topic}累计成交额达到{amount}亿元，环比增长{pct}%。",
    "{institution}首席经济学家{name}表示，下半年宏观经济有望延续稳中向好的态势。",
    "从资金流向看，机构投资者对{topic}的配置比例正在逐步提高。",
    "分析人士建议，投资者应保持理性，关注业绩确定性较高的品种。",
    "截至发稿，{topic}主要指数小幅收涨{share}%。",
    "报告期内，{institution}实现营业收入{revenue}亿元，资产规模突破{units}亿元。",
    "业内人士指出，政策面的持续发力为市场提供了有力支撑。",
    "也有观点认为，短期内市场波动仍可能加大，需警惕相关风险。",
)
SPORTS_TITLES = (
    "{team}主场{score}战胜{team2}，豪取{wins}连胜",
    "{event}落幕：{team}队员{name}夺得冠军",
    "{team}官宣新帅{name}，新赛季目标直指前三",
)
SPORTS_SENTENCES = (
    "{month_day}消息，在昨晚进行的{event}比赛中，{team}以{score}击败{team2}。",
    "上半场比赛，双方你来我往，{team}凭借一次快速反击率先打破僵局。",
    "下半场，{team2}加强了进攻，但始终未能扳平比分。",
    "赛后，{team}主教练{name}表示，球队在防守端的表现令人满意。",
    "本场比赛吸引了超过{staff}名观众到场观战。",
    "目前，{team}以{wins}胜的战绩暂列积分榜第一位。",
    "据了解，{event}今年共有来自全国的{units}名运动员参赛。",
    "{name}在赛后采访中说，这枚金牌属于整个团队。",
    "下一轮比赛，{team}将在客场挑战{team2}。",
)


class _Slots(dict):
    """Story facts fixed per story; numbers drawn afresh on every use."""

    def __init__(self, rng: random.Random, facts: dict):
        super().__init__(facts)
        self.rng = rng

    def __missing__(self, key):
        r = self.rng
        draw = _NUMBERS.get(key)
        if draw is None:
            raise KeyError(key)
        return draw(r)


_NUMBERS = {
    "pct": lambda r: f"{r.uniform(2, 95):.1f}",
    "share": lambda r: f"{r.uniform(0.5, 30):.1f}",
    "price": lambda r: str(r.choice((999, 1299, 1999, 2499, 2999, 3499, 3999, 4599, 4999, 5999, 6999, 8999))),
    "price2": lambda r: str(r.choice((4299, 5299, 6499, 7499, 9999, 12999))),
    "revenue": lambda r: str(r.randint(12, 2800)),
    "profit": lambda r: f"{r.uniform(0.8, 180):.2f}",
    "amount": lambda r: str(r.randint(2, 120)),
    "capacity": lambda r: str(r.randint(5, 300)),
    "cut": lambda r: str(r.choice((100, 200, 300, 500, 600, 800, 1000, 1500))),
    "params": lambda r: str(r.choice((70, 130, 320, 700, 1300, 2400, 6700))),
    "sales": lambda r: str(r.randint(10, 500)),
    "units": lambda r: str(r.randint(120, 9800)),
    "ram": lambda r: str(r.choice((8, 12, 16, 24))),
    "storage": lambda r: str(r.choice((128, 256, 512, 1024))),
    "size": lambda r: str(r.choice((6.1, 6.36, 6.7, 6.82, 7.8, 8.03, 11, 13.3))),
    "hz": lambda r: str(r.choice((90, 120, 144, 165))),
    "battery": lambda r: str(r.choice((4600, 5000, 5500, 6000, 6100, 7000))),
    "watt": lambda r: str(r.choice((33, 67, 80, 90, 100, 120))),
    "wireless": lambda r: str(r.choice((15, 30, 50, 80))),
    "camera": lambda r: str(r.choice((5000, 5400, 10000, 20000))),
    "year": lambda r: str(r.choice((2023, 2024))),
    "future_year": lambda r: str(r.randint(2026, 2030)),
    "founded": lambda r: str(r.randint(1998, 2021)),
    "month": lambda r: str(r.randint(1, 12)),
    "day": lambda r: str(r.randint(1, 28)),
    "months": lambda r: str(r.randint(12, 48)),
    "staff": lambda r: str(r.choice((300, 500, 800, 1200, 2000, 3500, 5000))),
    "patents": lambda r: str(r.randint(2, 60) * 500),
    "colors": lambda r: str(r.randint(3, 6)),
    "temp": lambda r: str(r.randint(38, 46)),
    "quarters": lambda r: str(r.randint(3, 9)),
    "countries": lambda r: str(r.randint(20, 120)),
    "area": lambda r: str(r.randint(80, 1500)),
    "warranty": lambda r: str(r.randint(1, 3)),
    "wins": lambda r: str(r.randint(3, 9)),
    "score": lambda r: f"{r.randint(1, 4)}比{r.randint(0, 1)}",
    "name": lambda r: person_name(r),
}


def person_name(rng: random.Random) -> str:
    return rng.choice(V.SURNAMES) + rng.choice(V.GIVEN_NAMES)


def _product(rng: random.Random, company: str) -> tuple[str, str]:
    kind = rng.choice(V.PRODUCT_KINDS)
    model = f"{rng.choice(V.BRANDS)} {rng.randint(2, 15)}{rng.choice(V.MODEL_SUFFIXES)}"
    space = " " if kind[0].isascii() else ""  # "Nova 3 AR眼镜", not "Nova 3AR眼镜"
    return f"{company[:2]}{model}{space}{kind}", kind


def _fill(template: str, slots: _Slots) -> str:
    return template.format_map(slots)


def _facts(rng: random.Random, published: datetime) -> dict:
    company, company2 = rng.sample(V.COMPANIES, 2)
    product, kind = _product(rng, company)
    city, city2 = rng.sample(V.CITIES, 2)
    name = person_name(rng)
    return {
        "company": company, "company2": company2, "product": product, "kind": kind,
        "city": city, "city2": city2, "field": rng.choice(V.FIELDS),
        "chip": rng.choice(V.CHIPS), "panel": rng.choice(V.PANELS),
        "agency": rng.choice(V.AGENCIES), "round": rng.choice(V.ROUNDS),
        "period": rng.choice(V.PERIODS), "feature": rng.choice(V.FEATURES),
        "verdict": rng.choice(V.VERDICTS), "business": rng.choice(V.BUSINESSES),
        "issue": rng.choice(("发热问题", "信号问题", "屏幕划痕争议", "续航争议")),
        "person": f"{company}{rng.choice(V.ROLES)}{name}",
        "quote": rng.choice(V.QUOTES),
        "month_day": f"{published.month}月{published.day}日",
        "institution": rng.choice(V.FINANCE_INSTITUTIONS),
        "topic": rng.choice(V.FINANCE_TOPICS),
        "team": None, "team2": None, "event": rng.choice(V.SPORTS_EVENTS),
    }


def _byline(rng: random.Random) -> tuple[tuple[str, ...], str]:
    roll = rng.random()
    if roll < 0.45:
        return (), ""
    if roll < 0.75:
        return (person_name(rng),), "作者"
    return tuple(person_name(rng) for _ in range(rng.randint(1, 2))), "记者"


def _paragraphs(rng: random.Random, slots: _Slots, lead: str, pool: tuple[str, ...],
                count: int, quote: bool, closings: tuple[str, ...] = V.CLOSINGS) -> list[str]:
    sentences = list(pool)
    rng.shuffle(sentences)
    paragraphs = [_fill(lead, slots)]
    while len(paragraphs) < count and sentences:
        take = min(rng.randint(1, 3), len(sentences))
        paragraphs.append("".join(_fill(s, slots) for s in sentences[:take]))
        del sentences[:take]
    if quote and len(paragraphs) >= 3:
        paragraphs.insert(rng.randint(2, len(paragraphs) - 1), _fill(TECH_QUOTE, slots))
    paragraphs.append(_fill(rng.choice(closings), slots))
    return paragraphs


def _summary(paragraphs: list[str]) -> str:
    lead = paragraphs[0]
    return lead if len(lead) <= 60 else lead[:58] + "……"


def tech_story(rng: random.Random, published: datetime) -> Story:
    slots = _Slots(rng, _facts(rng, published))
    title = _fill(rng.choice(TECH_TITLES), slots)
    count = rng.randint(5, 15)
    quote = rng.random() < 0.6
    # The lead, the quote and the closing line count as paragraphs too.
    paragraphs = _paragraphs(rng, slots, rng.choice(TECH_LEADS), TECH_SENTENCES,
                             count - 1 - quote, quote=quote)
    return _story(rng, title, paragraphs)


def finance_story(rng: random.Random, published: datetime) -> Story:
    slots = _Slots(rng, _facts(rng, published))
    title = _fill(rng.choice(FINANCE_TITLES), slots)
    paragraphs = _paragraphs(rng, slots, FINANCE_SENTENCES[0], FINANCE_SENTENCES[1:],
                             rng.randint(5, 7), quote=False, closings=V.FINANCE_CLOSINGS)
    return _story(rng, title, paragraphs)


def sports_story(rng: random.Random, published: datetime) -> Story:
    facts = _facts(rng, published)
    facts["team"], facts["team2"] = rng.sample(V.SPORTS_TEAMS, 2)
    slots = _Slots(rng, facts)
    title = _fill(rng.choice(SPORTS_TITLES), slots)
    paragraphs = _paragraphs(rng, slots, SPORTS_SENTENCES[0], SPORTS_SENTENCES[1:],
                             rng.randint(5, 7), quote=False, closings=V.SPORTS_CLOSINGS)
    return _story(rng, title, paragraphs)


def _story(rng: random.Random, title: str, paragraphs: list[str]) -> Story:
    authors, role = _byline(rng)
    return Story(
        title=title,
        paragraphs=tuple(paragraphs),
        summary=_summary(paragraphs),
        source=rng.choice(V.SOURCES),
        authors=authors,
        author_role=role,
        editor=rng.choice(V.EDITORS),
    )


# How a second outlet retells a story: a few words swapped for synonyms.
_REWORDINGS = (
    ("今日", "日前"), ("宣布", "表示"), ("发布", "推出"), ("同比增长", "较去年同期增长"),
    ("据悉", "据了解"), ("目前", "眼下"), ("此外", "另外"), ("不过", "然而"),
    ("值得一提的是", "值得注意的是"), ("表示", "称"), ("超过", "逾"),
)


def retell(story: Story, rng: random.Random, source: str) -> Story:
    """The same story as a second outlet republishes it: another source, a
    new lead, two or three sentences reworded and two paragraphs swapped."""
    paragraphs = list(story.paragraphs)
    lead = paragraphs[0]
    if "消息，" in lead:
        lead = "镜像新闻网讯，" + lead.split("消息，", 1)[1]
    paragraphs[0] = lead
    middle = list(range(1, len(paragraphs) - 1))
    for index in rng.sample(middle, min(3, len(middle))):
        text = paragraphs[index]
        for old, new in _REWORDINGS:
            if old in text:
                text = text.replace(old, new, 1)
                break
        else:
            text = "记者注意到，" + text
        paragraphs[index] = text
    if len(middle) >= 3:
        i = rng.choice(middle[:-1])
        paragraphs[i], paragraphs[i + 1] = paragraphs[i + 1], paragraphs[i]
    return Story(
        title=story.title,
        paragraphs=tuple(paragraphs),
        summary=_summary(paragraphs),
        source=source,
        authors=(),
        author_role="",
        editor=rng.choice(V.EDITORS),
    )
