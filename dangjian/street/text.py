"""The assessment as plain text for the terminal (`dangjian assess --format table`)."""

from __future__ import annotations


def _table(rows: list[list[str]], headers: list[str]) -> str:
    from tabulate import tabulate

    return tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True)


def rollup_text(c: dict) -> str:
    t = c["totals"]
    out = [c["title"], f"规则集 {c['profile']}：{c['profile_title']}；评估截至 {c['as_of']}；"
                       f"计入比例的党组织 {t['counted']} 个", "", "一、目标完成情况（CJ-1）"]
    rows = [[r["label"], f"{r['count']}/{r['total']}", r["percent"], r["target"], r["met"]] for r in c["rates"]]
    weak = len(t["weak"])
    rows.append(["软弱涣散党组织（排查对象和未整顿完成的）", f"{weak} 个", "", f"{c['weak_target']} 个（动态清零）",
                 "达到" if weak <= c["weak_target"] else "未达到"])
    out += [_table(rows, ["项目", "数量", "比例", "目标", "结果"]), "", "二、各党组织"]
    rows = [[b["id"], b["name"], "是" if b["counted"] else "否", b["meets"], str(b["failed"]), b["level"] or "—",
             b["keeps"] or "—", b["model"],
             "已认定" if b["designated"] and b["id"] in t["weak"] else ("排查对象" if b["weak"] else "—"),
             b["term_state"] or "—", b["dues"]["rate"] or "—", b["average_hours"] or "—"] for b in c["branches"]]
    out.append(_table(rows, ["编号", "名称", "计入比例", "台账评估", "未达标项", "评定", "保持", "最强党支部", "软弱涣散", "换届",
                             "党费收缴率", "人均学时"]))
    out += ["", f"合计：党员 {t['members']} 人，学时 {t['hours']}（人均 {t['average_hours'] or '—'}），学时不足 "
                f"{t['short_hours']} 人；应交党费 {t['due'] or '—'} 元，欠交 {t['owed'] or '—'} 元，收缴率 {t['rate'] or '—'}；"
                f"会议 {sum(t['meetings'])} 次。"]
    notes = attention(c)
    if notes:
        out += ["", "三、需要关注", *(f"- {n}" for n in notes)]
    if c["regional"]:
        out += ["", "四、区域化党建", *(f"- {n}" for n in c["regional"])]
    if c["street_findings"]:
        out += ["", f"街道层面的台账问题（street/，{len(c['street_findings'])} 项）："]
        out += [f"- {f['path']}:{f['line']} {f['severity']} [{f['rule']}] {f['message']}" for f in c["street_findings"]]
    return "\n".join(out) + "\n"


def attention(c: dict) -> list[str]:
    """What the street should act on, organisation by organisation."""
    out = []
    for b in c["branches"]:
        label = f"{b['id']} {b['name']}"
        if b["designated"] and b["id"] in c["totals"]["weak"]:
            out.append(f"{label}：{b['designated']['date']} 认定为软弱涣散（{'；'.join(b['designated']['reasons'])}），"
                       "尚未整顿完成")
        elif b["weak"]:
            out.append(f"{label}：软弱涣散排查对象（{'；'.join(b['weak'])}）")
        if b["keeps"] == "应取消":
            out.append(f"{label}：{b['level']}应取消评定（{'；'.join(b['decertify'])}）")
        if b["term_state"]:
            out.append(f"{label}：本届任期 {b['term_end']} {b['term_state']}，应按期换届")
        out += [f"{label}：{n}" for n in b["notes"]]
    return out


def card_text(c: dict, card: dict) -> str:
    b = next(x for x in c["branches"] if x["id"] == card["id"])
    out = [f"{card['id']} {card['name']}（{b['kind']}，{b['sector']}）{c['year']}年评估，截至 {c['as_of']}",
           f"台账评估：{b['meets']}；评定：{b['level'] or '未评定'}{('（' + b['keeps'] + '）') if b['keeps'] else ''}；"
           f"最强党支部：{b['model']}", "", "五化建设"]
    out.append(_table([[a["area"], a["title"], a["status"]] for a in card["wh"]], ["", "方面", "结果"]))
    out += ["", "创建内容（CJ-2）"]
    out.append(_table([[a["area"], a["title"], a["clause"] or "—", a["status"]] for a in card["cj"]],
                      ["", "方面", "条款", "结果"]))
    out += ["", "评估项目"]
    rows = []
    for x in card["lines"]:
        basis = "、".join(x["rules"]) or ("计算：" + x["note"] if x["note"] else "计算")
        rows.append([x["key"], x["title"], x["status"], basis])
    out.append(_table(rows, ["项目", "内容", "结果", "依据（规则）"]))
    for x in card["lines"]:
        if x["findings"] or (x["note"] and x["status"] != "达标"):
            out += ["", f"【{x['key']}】{x['title']}：{x['status']}" + (f"（{x['note']}）" if x["note"] else "")]
            out += [f"  {f['path']}:{f['line']} {f['severity']} [{f['rule']}] {f['message']}" for f in x["findings"]]
    records = sorted({r for x in card["lines"] for r in x["records"]})
    out += ["", "依据的台账：" + ("、".join(records) if records else "（无）")]
    out += standing_text(b)
    return "\n".join(out) + "\n"


def standing_text(b: dict) -> list[str]:
    out = [""]
    if b["decertify"]:
        out.append("取消评定（CJ-4.1）：" + "；".join(b["decertify"]))
    if b["model_reasons"]:
        out.append(f"最强党支部（CJ-3.2）：{b['model']}——" + "；".join(b["model_reasons"]))
    else:
        out.append(f"最强党支部（CJ-3.2）：{b['model']}")
    e = b["evaluation"]
    if e:
        out.append(f"创建考评（CJ-3.1）：申报{e['level']}，申请 {e['applied'] or '—'}，组织评定 {e['rating'] or '—'}，"
                   f"党员评价优秀 {e['excellent'] or '—'}，街道考评 {e['review'] or '—'}，区委验收 {e['acceptance'] or '—'}")
    if b["designated"]:
        d = b["designated"]
        out.append(f"软弱涣散（CJ-2.5）：{d['date']} 认定（{'；'.join(d['reasons'])}），"
                   + (f"{d['rectified']} 整顿完成" if d["rectified"] else "尚未整顿完成"))
    elif b["weak"]:
        out.append("软弱涣散排查（CJ-2.5）：" + "；".join(b["weak"]))
    out.append("待遇（CJ-4.2）：")
    out += [f"  - {x}" for x in b["entitlements"]]
    out += [f"说明：{n}" for n in b["notes"]]
    return out
