from __future__ import annotations

from lawlint import Availability, Fix, Rule, Severity


class SignatureName(Rule):
    """落款中的发文机关不是本机关全称。

    落款署名必须与本机关的全称一致（选项 `name`）；联合行文时，其中一个署名是本机关
    全称即可。只有一个署名时提供修改建议。

    ## 原因
    GB/T 9704—2012 7.3.5：发文机关署名应署发文机关全称或者规范化简称。本机关规定
    对外报送的年度报告一律署全称。

    ## 错误示例
    ```
    县司法局
    2025年2月20日
    ```

    ## 正确示例
    ```
    青山县司法局
    2025年2月20日
    ```
    """

    code = "XA102"
    name = "agency-signature-name"
    summary = "落款中的发文机关不是本机关全称"
    severity = Severity.WARNING
    basis = "GB/T 9704—2012 7.3.5；青山县司法局公文处理办法"
    options = {"name": "青山县司法局"}
    fix_availability = Availability.SOMETIMES

    def check(self, doc):
        signature = doc.meta.signature
        if signature is None or not signature.organs:
            return
        full = self.config["name"]
        if any(organ.text == full for organ in signature.organs):
            return
        only = signature.organs[0] if len(signature.organs) == 1 else None
        fix = Fix.replace(only.span, full) if only is not None and doc.text[only.span.start:only.span.end] == only.text else None
        shown = "、".join(f"“{o.text}”" for o in signature.organs)
        yield self.violation(signature.organs[0].span, f"落款应署本机关全称“{full}”，此处为{shown}", fix=fix)
