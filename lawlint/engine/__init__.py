"""The machinery: plugins and hooks, the rule registry, configuration, YAML packs and
profiles, the linter and its parallel runner."""
