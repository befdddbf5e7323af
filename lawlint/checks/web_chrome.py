from __future__ import annotations

from lawlint.document import CHROME, Document
from lawlint.rule import Rule, Severity, Span


class WebChrome(Rule):
    """网页残留混入了文档。

    从政府网站复制的报告常带着页面上的栏目导航、登录链接、二维码说明、浏览次数、
    字体大小和打印按钮、发布时间等。每一段连续的网页残留报告一次。发布时间等信息
    仍会被 DT002、DT003 用来核对时限。

    ## 原因
    这些内容不属于公文，《党政机关公文处理工作条例》第九条列出的公文要素里没有它们；
    留在稿件中会被当成正文转发或归档。

    ## 错误示例
    ```
    您现在的位置 : 首页 > 政务公开 > 通知公告
    【打印本页】 【关闭窗口】
    ```

    ## 正确示例
    ```
    （只保留标题、正文和落款）
    ```
    """

    code = "TX002"
    name = "web-chrome"
    summary = "网页残留混入了文档"
    severity = Severity.WARNING
    basis = "《党政机关公文处理工作条例》第九条（公文要素）"

    def check(self, doc: Document):
        for block in doc.blocks_of(CHROME):
            first, last = block.pieces[0], block.pieces[-1]
            end_line = doc.position(last.start)[0]
            lines = f"第{block.line}行" if end_line == block.line else f"第{block.line}—{end_line}行"
            sample = block.text[:20] + ("……" if len(block.text) > 20 else "")
            yield self.violation(Span(first.start, first.end),
                                 f"{lines}是网页残留（“{sample}”），不属于公文内容，应删除")
