"""A fee run's public notices (asrv.notice): per school the 收费公示 and the 收支公示, made of the true
statements of asrv.fees.notices, in every notice format; a school with error findings gets drafts."""
from __future__ import annotations

from ..notice import NoticeTable, Section, notice_of
from .notices import accounts_context, charges_context, documents

COURSE_COLUMNS = ["课程", "收费标准（元/学期·生）", "耗材标准", "服务时间", "服务内容", "开课单位", "报名人数"]
MONEY_COLUMNS = ["项目", "金额", "说明"]


def build(result, stem_of) -> None:
    """Both notices of every school onto `result.notices`; `stem_of(school)` gives its part of the file name."""
    code = result.term.code
    for s in result.per_school:
        stem = stem_of(s.name)
        result.notices.append((f"收费公示_{stem}_{code}", charges(result, s)))
        result.notices.append((f"收支公示_{stem}_{code}", accounts(result, s)))


def _notice(result, s, title: str, done: list[str], sections: list[Section], basis=None):
    p = result.profile
    return notice_of(result, "fees", title=f"{s.name}{result.term.title}{title}", done=done, sections=sections,
                     date=result.options.day, school=s.name, days=p["fees.publication_working_days"],
                     office=p["fees.complaint_contact"], basis=basis)


def charges(result, s):
    c = charges_context(result, s, result.profile)
    rows = [[x["course"], x["fee"], x["materials_standard"], x["time"], x["content"], x["provider"], str(x["students"])]
            for x in c["courses"]]
    table = NoticeTable(COURSE_COLUMNS, rows, narrow=[0, 1, 2, 6], widths=[3, 3, 3, 3, 4, 3, 2])
    done = ["按照课后服务公益普惠、自愿参加的原则，现将本学期课后服务的收费项目、标准、时间、内容与减免政策公示如下，"
            "接受家长和社会监督。"]
    return _notice(result, s, "课后服务收费公示", done, [
        Section("一、普惠托管", [c["basic"]]), Section("二、个性化课程", [c["cap"]], table),
        Section("三、收费方式", [c["paying"]]), Section("四、减免政策", [c["hardship"]])])


def accounts(result, s):
    c = accounts_context(result, s, result.profile)

    def table(items, total_label, total):
        rows = [[i["label"], i["amount"], i["note"]] for i in items] + [[total_label, total, ""]]
        return NoticeTable(MONEY_COLUMNS, rows, narrow=[0, 1, 2], widths=[4, 2, 6])
    sections = [Section("一、收入", [], table(c["income"], "收入合计", c["income_total"])),
                Section("二、支出", [], table(c["spending"], "支出合计", c["spending_total"])),
                Section("三、结余", [c["balance"]])]
    return _notice(result, s, "课后服务经费收支公示", [c["intro"]], sections,
                   basis=documents(result.profile, "FEE-BALANCE", "FEE-USE"))
