from __future__ import annotations

from lawlint.document import Document
from lawlint.lang.docnumbers import find_doc_numbers
from lawlint.rule import Applicability, Availability, Fix, Rule, Severity, Span


class MalformedDocNumber(Rule):
    """发文字号格式不规范。

    发文字号由发文机关代字、年份、发文顺序号组成，写作“机关代字〔年份〕序号号”。
    本规则检查文档自身的发文字号，也检查正文中引用的发文字号；令号（如“国务院令
    第722号”）不在此列。

    ## 原因
    GB/T 9704—2012 7.2.5：年份、发文顺序号用阿拉伯数字标注；年份应标全称，用六角
    括号“〔〕”括入；发文顺序号不加“第”字，不编虚位（即1不编为01），在阿拉伯数字
    后加“号”字。网页、PDF 转换常把“〕”和“号”弄丢（如“江开〔201753”），把年份弄丢
    （如“国发〔〕33号”，只有起草者知道年份，不自动修改），或把“〔〕”换成形近的符号
    （„‟ ‚‛ 〖〗 ［］ ﹝﹞）；括号前也不应有空格，年份中也不应把字母“O”当作“0”。

    ## 错误示例
    ```
    江开〔201753
    江府办函〔2015236号
    国办发[2024]第012号
    厅字（2019）28号
    粤办函〔19〕12号
    朝交发 [2022] 97号
    国发〔〕33号
    国办发„2009‟3号
    国函[20O0]31号
    ```

    ## 正确示例
    ```
    江开〔2017〕53号
    江府办函〔2015〕236号
    国办发〔2024〕12号
    厅字〔2019〕28号
    国务院令第722号
    國發〔2019〕33號
    ```
    """

    code = "DN001"
    name = "malformed-doc-number"
    summary = "发文字号格式不规范"
    severity = Severity.ERROR
    basis = "GB/T 9704—2012 7.2.5"
    fix_availability = Availability.SOMETIMES
    fix_note = "换括号、去“第”、去虚位、改全角数字、去空格是安全的；补上丢失的“〕”“〔”或“号”是推测（序号的数字也可能丢了），需确认"

    def check(self, doc: Document):
        for number in find_doc_numbers(doc.text):
            if not number.problems and not number.year_lost:
                continue
            span = Span(number.start, number.end)
            reasons = "；".join(number.problems)
            if number.year_lost:
                also = f"，另外{reasons}" if reasons else ""
                hao = "號" if "號" in number.text else "号"
                yield self.violation(span, f"发文字号“{number.shown}”缺少年份（可能在复制时丢失{also}），"
                                           f"请补上发文年份，写作“{number.org}〔年份〕{number.seq}{hao}”")
                continue
            if number.corrected:
                good = number.org + number.corrected
                sure = Applicability.UNSAFE if number.completed else Applicability.SAFE
                fix = Fix.replace(Span(number.number_start, number.end), number.corrected, f"改为“{good}”", sure)
                yield self.violation(span, f"发文字号“{number.shown}”不规范（{reasons}），应写作“{good}”", fix=fix)
            else:
                yield self.violation(span, f"发文字号“{number.shown}”不规范（{reasons}），请按“机关代字〔年份〕序号号”核对改正")
