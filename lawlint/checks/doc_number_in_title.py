from __future__ import annotations

import re

from lawlint.document import HEADING, PARAGRAPH, TITLE, Document
from lawlint.lang.docnumbers import find_doc_numbers
from lawlint.lang.text import BLANKS
from lawlint.rule import Availability, Fix, Rule, Severity

# A bracketed note just before a 》 (bounded: a 发文字号 is short).
_NOTE = re.compile(r"[（(]([^（()）《》\n]{4,40})[）)]》")
_BLANKS = BLANKS  # as in document numbers (lawlint.lang.docnumbers)


class DocNumberInTitle(Rule):
    """发文字号写进了书名号。

    引用公文时，书名号只括文件的标题，发文字号放在书名号之后的括号里。写成
    “《……的通知（某发〔2024〕3号）》”的，报出并给出修改建议“《……的通知》（某发〔2024〕3号）”。
    书名号内的其他括注（“（试行）”“（2021—2025年）”“（草案）”）是标题的一部分，不会报出；
    发文字号本身的写法由 DN001 检查。

    ## 原因
    GB/T 15834—2011 4.15：书名号标示书名、篇名、文件名等，发文字号不是文件名称的一部分。
    公文引用其他文件的惯例是先引标题、后引发文字号，发文字号加括号放在标题之后。

    ## 错误示例
    ```
    认真贯彻落实《关于印发2024年法治政府建设工作要点的通知（青府办发〔2024〕12号）》。
    ```

    ## 正确示例
    ```
    认真贯彻落实《关于印发2024年法治政府建设工作要点的通知》（青府办发〔2024〕12号）。
    严格执行《青山县行政规范性文件管理办法（试行）》。
    ```
    """

    code = "PU012"
    name = "doc-number-in-title-marks"
    summary = "发文字号写进了书名号"
    severity = Severity.WARNING
    basis = "GB/T 15834—2011 4.15（书名号）；引用公文先引标题、后引发文字号的惯例"
    fix_availability = Availability.ALWAYS

    def check(self, doc: Document):
        if "《" not in doc.text or "号" not in doc.text:
            return
        for block in doc.blocks_of(TITLE, HEADING, PARAGRAPH):
            text = block.text
            if "》" not in text:
                continue
            for m in _NOTE.finditer(text):
                opened = text.rfind("《", 0, m.start())
                if opened == -1 or "》" in text[opened:m.start()]:
                    continue  # not inside a title
                number = m[1].strip(_BLANKS)
                found = find_doc_numbers(number)
                if len(found) != 1 or found[0].start != 0 or found[0].end != len(number):
                    continue  # a note such as （试行） or （2021—2025年）: part of the title
                span = block.span_of(m.start(), m.end())
                moved = f"》（{number}）"
                tail = text[max(opened + 1, m.start() - 6):m.start()]
                yield self.violation(
                    span, f"发文字号“{number}”不是文件名称的一部分，应放在书名号之后：“……{tail}{moved}”",
                    fix=Fix.replace(span, moved, f"改为“{moved}”"))
