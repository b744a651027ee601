"""The one rule registry: every rule id the code can emit is declared once, with title, source and level."""
from __future__ import annotations

import re
from pathlib import Path

from asrv import registry
from asrv.profile import load_profile

ROOT = Path(__file__).resolve().parents[1] / "asrv"
# A rule id as the code writes it: two or more capitals, then dash-separated parts (SCH-END, FEE-CAP).
RULE_ID = re.compile(r"""["']([A-Z]{2,}(?:-[A-Z0-9]+)+|PROFILE|OPTION|OUTPUT)["']""")
NOT_RULES = {"UTF-8", "GB-18030"}


def ids_in_code() -> dict[str, str]:
    found = {}
    for path in ROOT.rglob("*.py"):
        for m in RULE_ID.finditer(path.read_text("utf-8")):
            if m.group(1) not in NOT_RULES:
                found.setdefault(m.group(1), str(path.relative_to(ROOT)))
    return found


def test_every_rule_id_in_the_code_is_registered():
    known = registry.load_all()
    missing = {rid: where for rid, where in ids_in_code().items() if rid not in known}
    assert not missing, f"rule ids used but not declared in the registry: {missing}"


def test_every_rule_has_a_chinese_title_a_family_and_a_valid_level():
    for r in registry.load_all().values():
        assert re.search(r"[\u4e00-\u9fff]", r.title), r.id
        assert r.family in registry.FAMILIES and r.severity in registry.LEVELS, r.id


def test_titles_show_the_profile_numbers():
    r = registry.get("SCH-LEN")
    assert "90 分钟" in r.title_for(load_profile("default"))
    assert "不超过 0 分钟、不少于 120 分钟" in r.title_for(load_profile("national"))
    assert "18:00" in registry.get("SCH-END").title_for(load_profile("hefei"))


def test_levels_and_sources_come_from_the_profile_by_rule_id():
    hefei, default = load_profile("hefei"), load_profile("default")
    assert registry.level(default, "STAFF-BASIC-OWN") == "off" and registry.level(hefei, "STAFF-BASIC-OWN") == "error"
    assert registry.get("SCH-END").cited(hefei) == "篇2 三(二)"
    f = registry.finding(default, "FEE-CAP", "超过上限", file="a.xlsx", sheet="报名", cell="G3")
    assert f.severity == "error" and f.message == "超过上限（篇2 三(二)）" and f.where == "报名!G3"
    assert registry.finding(default, "SCH-SCOPE", "x") is None  # off in default


def test_one_family_is_had_without_importing_the_others():
    import subprocess
    import sys
    probe = ("import sys, asrv.registry as r; rules = r.rules_of('schedule'); "
             "print(len(rules), {x.family for x in rules}, 'asrv.fees.rules' in sys.modules, rules[0].id)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert int(out[0]) >= 10 and out[1:4] == ["{'schedule'}", "False", "SCH-DAY"]
