"""The 考核结果公示 (asrv.notice): the basis, the method, every school's score and band, the period and
how to object. Only what the district may publish: no findings, no money, no student."""
from __future__ import annotations

import dataclasses

from ..notice import Notice, NoticeTable, Section, notice_of
from .result import DistrictResult
from .workbook import METHOD_ZH

STEM = "考核结果公示"


def build(result: DistrictResult) -> Notice:
    """The notice of this run (a draft when the run has error findings); its own findings are added."""
    p, term = result.profile, result.term
    cfg = p["district"]
    n = len(result.per_school)
    items = "；".join(f"{c} {i['group'] or i['label']} {i['points']:g} 分（{METHOD_ZH.get(i['method'], '')}）"
                     for c, i in result.rubric.items() if i["method"] != "veto")
    bands = "，".join(f"{b} {v:g} 分及以上" for b, v in cfg["bands"].items())
    method = [f"考核满分 100 分：{items}。",
              "自动评分项目依据学校报送的课后服务安排、收费、考勤、意向调查等工作簿逐项核对；评分项目以复评分为准。",
              f"等次：{bands}；低于 {min(cfg['bands'].values()):g} 分或有查实的一票否决事项的，为{cfg['fail_band']}。"]
    rows = [[str(s.rank), s.school, f"{s.score:.2f}", s.band + ("（一票否决）" if s.vetoed else "")]
            for s in result.per_school]
    table = NoticeTable(["名次", "学校", "总分", "等次"], rows, narrow=[0, 1, 2, 3], widths=[1, 4, 2, 2])
    counts = "，".join(f"{b} {k} 所" for b in [*cfg["bands"], cfg["fail_band"]]
                      if (k := sum(s.band == b for s in result.per_school)))
    notice = notice_of(
        result, "district", title=f"{term.title}课后服务工作考核结果公示",
        done=[f"{cfg['issuer'] or '我局'}对全区 {n} 所学校{term.title}的课后服务工作进行了考核，现将考核结果予以公示。"],
        sections=[Section("考核办法", method), Section("考核结果", [f"按总分从高到低排列，同分同名次。{counts}。"], table)],
        date=result.options.day, issuer=cfg["issuer"])
    if cfg["objection_office"]:
        notice = dataclasses.replace(notice, channel=dataclasses.replace(notice.channel, office=cfg["objection_office"]))
    return notice
