"""lawlint's built-in Python rules, one module per rule (registered by ``lawlint.builtin``)."""

# 《法治政府建设与责任落实督察工作规定》: cited without article numbers, which the
# available copies do not confirm.
DUCHA_BASIS = "《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）年度报告有关规定"
