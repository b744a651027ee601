"""`asrv rules`: every rule of every command, from the one registry."""
from __future__ import annotations

from .common import Common, command
from .show import out, print_json, text


@command("rules", "列出全部检查规则：编号、内容（含配置中的数值）、依据条款、默认级别，以及在哪些配置中启用。",
         options=("profile", "json", "format"))
def rules(common: Common) -> None:
    from rich.table import Table

    from ..findings import LEVEL_ZH
    from ..profile import BUILTIN, load_profile
    from ..registry import rule_table
    profiles = {name: load_profile(name) for name in BUILTIN}
    if common.profile_name not in BUILTIN:  # a district's file: its numbers in the titles, its levels first
        extra = common.profile()
        profiles = {extra.name: extra, **profiles}
    elif common.profile_name != "default":
        profiles = {common.profile_name: profiles[common.profile_name], **profiles}
    rows = rule_table(profiles)
    if common.mode == "json":
        print_json({"rules": rows})
        return
    if common.mode != "table":
        for r in rows:
            on = "、".join(r["profiles"]) or "—"
            out.print("\t".join([r["id"], r["family_zh"], r["title"], r["source"], LEVEL_ZH[r["default"]], on]),
                      markup=False, highlight=False)
        return
    t = Table(title="检查规则", title_justify="left")
    t.add_column("规则", no_wrap=True)
    for col in ("类别", "内容", "依据", "默认", "启用的配置"):
        t.add_column(col, overflow="fold")
    for r in rows:
        on = "、".join(f"{n}（{LEVEL_ZH[r['levels'][n]]}）" for n in r["profiles"]) or "—"
        t.add_row(text(r["id"]), text(r["family_zh"]), text(r["title"]), text(r["source"]),
                  text(LEVEL_ZH.get(r["default"], r["default"])), text(on))
    out.print(t)
