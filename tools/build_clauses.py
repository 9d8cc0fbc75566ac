"""Build dangjian/data/clauses.json from the clause inventory (developer tool).

Usage: python tools/build_clauses.py PATH/TO/clauses.md
The inventory lives outside this repository; the JSON it produces is committed, so
users and CI never need the inventory itself.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

SOURCES = {
    "XZ": "《街道、社区基层党组织规范化建设细则》",
    "WH": "《五化建设》",
    "CJ": "《街道党支部标准化规范化创建项目推进方案》",
    "QY": "《区域化党建工作实施方案》",
    "ZW": "《镇委推进党组织建设指导意见》",
    "DZ": "《中国共产党章程》",
    "TL": "《中国共产党支部工作条例（试行）》",
    "DF": "《关于中国共产党党费收缴、使用和管理的规定》",
    "FZ": "《中国共产党发展党员工作细则》",
    "XJ": "《中国共产党基层组织选举工作条例》",
    "JG": "《中国共产党党员教育管理工作条例》",
}

# National articles cited by rules (national.md gives the parameters and articles).
NATIONAL = {
    "DZ-5": "发展党员须有两名正式党员作介绍人，支部大会通过，上级党组织批准",
    "DZ-7": "预备期为一年；预备期满转正；延长预备期不超过一年",
    "DZ-9": "没有正当理由，连续六个月不参加党的组织生活，或不交纳党费，或不做党所分配的工作，就被认为是自行脱党",
    "DZ-30": "企业、农村、机关、学校、科研院所、街道社区、社会组织……凡是有正式党员三人以上的，都应当成立党的基层组织",
    "DZ-31": "党的基层委员会、总支部委员会、支部委员会每届任期三年至五年",
    "TL-4": "有正式党员3人以上的，应当成立党支部；党员人数一般不超过50人",
    "TL-5": "正式党员不足3人的单位，可以与邻近单位建立联合党支部",
    "TL-11": "支部党员大会一般每季度召开1次；进行表决时须有半数以上有表决权的党员到会，赞成人数超过应到会有表决权党员的半数",
    "TL-12": "党支部委员会会议一般每月召开1次，须有半数以上委员到会",
    "TL-13": "党小组会一般每月召开1次",
    "TL-16": "党课按期进行，党支部书记每年至少讲1次党课；每月相对固定1天开展主题党日",
    "TL-17": "组织生活会一般每年召开1次",
    "TL-18": "党支部一般每年开展1次民主评议党员",
    "TL-19": "谈心谈话，一般每年至少1次",
    "TL-20": "有正式党员7人以上的党支部，设立党支部委员会；委员会一般由3至5人组成，一般不超过7人",
    "TL-21": "党支部每届任期一般为3年，村、社区党支部每届任期为5年",
    "TL-23": "党支部书记一般应具有1年以上党龄",
    "DF-2": "在职党员按月工资收入（税后）的比例交纳党费",
    "DF-5": "离退休干部、职工按月以离退休费总额或养老金总额为计算基数交纳党费",
    "DF-6": "农民党员每月交纳党费0.2元至1元；学生、下岗失业等每月交纳0.2元",
    "DF-7": "确有困难的党员，经党支部研究，报上一级党委批准后，可以少交或免交党费",
    "DF-8": "预备党员从支部大会通过其为预备党员之日起交纳党费",
    "DF-10": "党员工资收入发生变化后，从按新工资计发当月起，以新的工资收入为基数交纳党费",
    "DF-11": "党员自愿多交党费不限；一次多交1000元以上的，全部上缴中央",
    "DF-12": "党员应当增强党员意识，主动按月交纳党费；特殊情况经党支部同意可每季度交纳1次；补交一般不超过6个月",
    "DF-13": "无正当理由连续6个月不交纳党费的，按自行脱党处理",
    "FZ-5": "年满十八岁的中国工人、农民……可以申请加入中国共产党",
    "FZ-7": "党组织收到入党申请书后，应当在一个月内派人同入党申请人谈话",
    "FZ-13": "入党积极分子经过一年以上培养教育和考察，可列为发展对象",
    "FZ-14": "发展对象应当有两名正式党员作入党介绍人",
    "FZ-17": "对发展对象进行短期集中培训，时间一般不少于三天（或不少于24学时）",
    "FZ-23": "上级党委审批发展党员，一般应当在三个月内完成，特殊情况可适当延长，但不得超过六个月",
    # national.md gives the 转正 approval time as 细则 [M] without an article; the article number
    # is the one secondary copies quote (after 第三十三条 on the 转正 支部大会), not re-checked.
    "FZ-34": "预备党员转正经支部大会讨论通过后报上级党委审批，上级党委应当在三个月内审批（条号据二手资料）",
    "XJ-3": "党的基层委员会任期届满应当按期进行换届选举；如需延期或提前进行换届选举，应当报上级党组织批准，延长或提前期限一般不超过1年",
    "XJ-5": "预备党员和受留党察看处分的党员没有表决权、选举权和被选举权",
    "XJ-26": "有选举权的到会人数超过应到会人数的五分之四，会议有效",
    "JG-20": "党员每年集中学习培训一般不少于32学时",
    "JG-24": "党员的党籍从支部大会通过之日起算",
}

_NUM = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    if n < 10:
        return _NUM[n]
    if n < 20:
        return "十" + (_NUM[n % 10] if n % 10 else "")
    tens, ones = divmod(n, 10)
    return _NUM[tens] + "十" + (_NUM[ones] if ones else "")


def main(path: str) -> None:
    clauses = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\| ([A-Z]{2}-[0-9.]+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \|$", line)
        if not m:
            continue
        cid, where, requirement, check = (g.strip() for g in m.groups())
        clauses[cid] = {"source": SOURCES[cid.split("-")[0]], "where": where,
                        "requirement": requirement, "check": check}
    for cid, text in NATIONAL.items():
        prefix, number = cid.split("-")
        clauses[cid] = {"source": SOURCES[prefix], "where": f"第{chinese_number(int(number))}条",
                        "requirement": text, "check": "rule"}
    # "同上" in the WH table means the same section as the row above.
    last = ""
    for cid in clauses:
        if clauses[cid]["where"] == "同上":
            clauses[cid]["where"] = last
        last = clauses[cid]["where"]
    out = Path(__file__).resolve().parent.parent / "dangjian" / "data" / "clauses.json"
    out.write_text(json.dumps(clauses, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(clauses)} clauses → {out.name}")


if __name__ == "__main__":
    main(sys.argv[1])
