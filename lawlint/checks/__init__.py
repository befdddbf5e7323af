"""lawlint's built-in rules, one module per rule (registered by ``lawlint.builtin``)."""
