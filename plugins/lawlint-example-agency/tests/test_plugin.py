"""What the plugin registers, as lawlint sees it."""
from lawlint.engine.linter import Linter


def test_rules_pack_and_profile_are_registered():
    linter = Linter()
    codes = {e.code: e for e in linter.registry if e.code.startswith("XA")}
    assert sorted(codes) == ["XA101", "XA102", "XA201", "XA202"]
    assert {codes[c].pack for c in ("XA201", "XA202")} == {"xa-terms"}
    assert linter.profiles["jiangnan-fazhi-report"].extends == "fazhi-report"
    assert linter.profiles["jiangnan-fazhi-report"].deadlines.signing["department"] == (2, 15)
    [info] = [i for i in linter.plugins.infos if i.name == "XA"]
    assert (info.distribution, info.prefixes) == ("lawlint-example-agency", ("XA",))
