"""Traditional → simplified folding of the common plan vocabulary, for keyword MATCHING only.

Rules look for words such as 达到 / 增长 / 亿元 in a folded copy of the (already full-width-folded)
text. Every mapping is one character to one character, so the folded copy has the same length as
the original and offsets found in it are offsets into the original text. Output values (quotes,
units, indicator names) are always cut from the ORIGINAL text, i.e. they stay as written.
"""

from __future__ import annotations

import re

# Two parallel strings of the same length: traditional character i folds to simplified character i.
_TRAD = (
    "長達億萬實現額總產業經濟與為將從個項們來歲兩單區縣鎮鄉規劃計預進發開關國際務農會書學藝術勞動數場"
    "價費資貨貿營銷稅財車輛電機鐵鋼礦糧畝噸門戶廠園點級築設備應態環節約減積專屬類質標準權對於並裡臺餘"
    "參幣層辦處隊醫療衛險養獎優勢傳統歷紀網線擴據體稱證議認識論說這樣麼後時間內當還過邊運連選遠適"
    "倉儲氣蘭龍東濱遊銀幾佔蓋壓縮強組織純淨擬爭確況務雙協戰創導億屆權較統額證計紮顯構"
    "牽頭廁綜條脫貧貸擔試穩鞏興績壯輸邁堅續義訓員廣範風陽華視讓變轉責廳紅綠藍絡廢棄監測檢驗評審護災圍齊號熱錢顧礎狀問題結舉欄難"
    "負擁補雲灣島聯軌橋樓館藥幫檔圖碼鏈壽齡兒嬰託婦殘勵徵繳貢獻匯債購買賣漲則製裝汙潔溫緊輕滯鬆職聯線級終給細緩紹維綱總縮織網經純"
    "報執種極調彈順揮峽橫勝"
)
_SIMP = (
    "长达亿万实现额总产业经济与为将从个项们来岁两单区县镇乡规划计预进发开关国际务农会书学艺术劳动数场"
    "价费资货贸营销税财车辆电机铁钢矿粮亩吨门户厂园点级筑设备应态环节约减积专属类质标准权对于并里台余"
    "参币层办处队医疗卫险养奖优势传统历纪网线扩据体称证议认识论说这样么后时间内当还过边运连选远适"
    "仓储气兰龙东滨游银几占盖压缩强组织纯净拟争确况务双协战创导亿届权较统额证计扎显构"
    "牵头厕综条脱贫贷担试稳巩兴绩壮输迈坚续义训员广范风阳华视让变转责厅红绿蓝络废弃监测检验评审护灾围齐号热钱顾础状问题结举栏难"
    "负拥补云湾岛联轨桥楼馆药帮档图码链寿龄儿婴托妇残励征缴贡献汇债购买卖涨则制装污洁温紧轻滞松职联线级终给细缓绍维纲总缩织网经纯"
    "报执种极调弹顺挥峡横胜"
)

_TABLE: dict[int, str] = {ord(t): s for t, s in zip(_TRAD, _SIMP, strict=True) if t != s}
_MAP: dict[str, str] = {chr(k): v for k, v in _TABLE.items()}
# Most texts hold few or no traditional characters: a regex scan that replaces only those is
# about 20 times faster than str.translate over every character.
_TRAD_RE = re.compile("[" + "".join(sorted(_MAP)) + "]")


def fold_traditional(text: str) -> str:
    """Fold common traditional characters to simplified; the result has the same length."""
    return _TRAD_RE.sub(_replace, text)


def _replace(m: re.Match[str]) -> str:
    return _MAP[m.group()]
