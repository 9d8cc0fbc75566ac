"""How surnames are read when they differ from the ordinary reading pypinyin gives.

pypinyin has no surname mode (python-pinyin issue #297): it reads 曾国藩 as céng and 单雄信
as dān. These tables give the surname readings (TONE3 style: letters then the tone digit),
from 《百家姓》 readings as given in 《现代汉语词典》.
"""

from __future__ import annotations

SURNAME_READINGS: dict[str, str] = {
    "曾": "zeng1", "单": "shan4", "解": "xie4", "仇": "qiu2", "区": "ou1", "朴": "piao2",
    "查": "zha1", "乐": "yue4", "翟": "zhai2", "缪": "miao4", "覃": "qin2", "盖": "ge3",
    "尉": "wei4", "召": "shao4", "折": "she2", "种": "chong2", "秘": "bi4", "繁": "po2",
    "句": "gou1", "员": "yun4", "宿": "su4", "纪": "ji3", "任": "ren2", "华": "hua4",
    "葛": "ge3", "过": "guo1", "冼": "xian3", "洗": "xian3", "燕": "yan1", "阚": "kan4",
    "訾": "zi1", "黑": "he4", "薄": "bo2", "曲": "qu1", "柏": "bai3", "贲": "ben1",
    "隗": "wei3", "那": "na1", "能": "nai4", "蕃": "pi2", "相": "xiang1", "应": "ying1",
    "都": "du1", "费": "fei4", "重": "chong2", "朝": "chao2", "祭": "zhai4", "褚": "chu3",
    "角": "jue2", "乜": "nie4", "仉": "zhang3", "厍": "she4", "恽": "yun4", "郇": "huan2",
    "卜": "bu3", "谌": "chen2", "佘": "she2", "亓": "qi2", "眭": "sui1", "隽": "juan4",
    "长": "zhang3", "万": "wan4", "沈": "shen3", "石": "shi2", "车": "che1", "和": "he2",
    "传": "chuan2", "盛": "sheng4", "藏": "zang4", "殷": "yin1", "蔚": "yu4", "令": "ling2",
    "贾": "jia3", "粘": "nian2", "奇": "qi2", "适": "kuo4", "啜": "chuai4",
}

# Compound surnames are read as a unit (and never split by the stroke order: GF 3003 does not
# special-case them).
COMPOUND_SURNAMES: dict[str, list[str]] = {
    "万俟": ["mo4", "qi2"], "尉迟": ["yu4", "chi2"], "单于": ["chan2", "yu2"], "澹台": ["tan2", "tai2"],
    "长孙": ["zhang3", "sun1"], "令狐": ["ling2", "hu2"], "欧阳": ["ou1", "yang2"],
    "上官": ["shang4", "guan1"], "司马": ["si1", "ma3"], "司徒": ["si1", "tu2"], "诸葛": ["zhu1", "ge3"],
    "东方": ["dong1", "fang1"], "皇甫": ["huang2", "fu3"], "夏侯": ["xia4", "hou2"],
    "公孙": ["gong1", "sun1"], "慕容": ["mu4", "rong2"], "宇文": ["yu3", "wen2"],
    "呼延": ["hu1", "yan2"], "南宫": ["nan2", "gong1"], "百里": ["bai3", "li3"],
    "乐正": ["yue4", "zheng4"], "闻人": ["wen2", "ren2"], "仲孙": ["zhong4", "sun1"],
    "轩辕": ["xuan1", "yuan2"], "端木": ["duan1", "mu4"], "公冶": ["gong1", "ye3"],
}
