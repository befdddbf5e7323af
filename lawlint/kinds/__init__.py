"""The YAML rule kinds: each a Rule subclass that YAML rules extend (``extends: substitution``)."""
