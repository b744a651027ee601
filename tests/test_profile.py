"""Profiles: built-ins load, a district file overrides known keys only, `asrv profile show` round-trips."""
from __future__ import annotations

import tomllib

import pytest
from typer.testing import CliRunner

from asrv.cli.main import app
from asrv.findings import InputError
from asrv.profile import BUILTIN, load_profile


@pytest.mark.parametrize("name", BUILTIN)
def test_builtins_load(name):
    p = load_profile(name)
    assert p.name == name
    assert p["score.items.study.max"] == 25
    assert isinstance(p.section("score"), dict)
    if name != "default":
        assert p.sources[0] == "内置 default" and p.sources[-1] == f"内置 {name}"


def test_district_file_extends_hefei(tmp_path):
    f = tmp_path / "某区.toml"
    f.write_text('extends = "hefei"\n[score]\nquota = 5\n\n[score.incidents.deductions]\n"打架" = 0.2\n',
                 encoding="utf-8")
    p = load_profile(f)
    hefei = load_profile("hefei")
    assert p["score.quota"] == 5 and hefei["score.quota"] != 5
    assert p["score.incidents.deductions"]["打架"] == 0.2  # an open table takes new names
    assert p["score.incidents.deductions"]["事故"] == hefei["score.incidents.deductions"]["事故"]
    assert p["score.items"] == hefei["score.items"]
    assert p.name == "某区" and p.sources[-2:] == ("内置 hefei", str(f))
    assert p.with_values(**{"score.quota": 7})["score.quota"] == 7 and p["score.quota"] == 5


def test_unknown_key_and_wrong_type_all_reported(tmp_path):
    f = tmp_path / "bad.toml"
    f.write_text('extends = "hefei"\n[score]\nquotta = 5\nquota = "五"\nitems = 3\n', encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_profile(f)
    msgs = [x.message for x in exc.value.findings]
    assert {x.rule for x in exc.value.findings} == {"PROFILE"}
    assert len(msgs) == 3
    assert any("「score.quotta」未知的设置项（你是不是要写 score.quota？）" in m for m in msgs)
    assert any("「score.quota」应为整数" in m for m in msgs)
    assert any("score.items" in m for m in msgs)
    assert all(x.file == "bad.toml" for x in exc.value.findings)
    lines = {x.message.split("」")[0]: x.cell for x in exc.value.findings}
    assert lines["设置项「score.quotta"] == "第 3 行" and lines["设置项「score.quota"] == "第 4 行"


def test_missing_file_bad_toml_and_cycle(tmp_path):
    with pytest.raises(InputError, match="找不到配置文件"):
        load_profile(tmp_path / "none.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[score\n", encoding="utf-8")
    with pytest.raises(InputError, match="TOML"):
        load_profile(bad)
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    a.write_text(f'extends = "{b}"\n', encoding="utf-8")
    b.write_text(f'extends = "{a}"\n', encoding="utf-8")
    with pytest.raises(InputError, match="循环"):
        load_profile(a)


@pytest.mark.parametrize("name", ["default", "hefei"])
def test_profile_show_prints_toml_that_parses_back(name):
    result = CliRunner().invoke(app, ["profile", "show", "--profile", name])
    assert result.exit_code == 0, result.output
    data = tomllib.loads(result.stdout)
    want = {k: v for k, v in load_profile(name).data.items() if k != "extends"}
    assert data == want


def test_profile_show_bad_file_exits_2(tmp_path):
    f = tmp_path / "bad.toml"
    f.write_text("[score]\nquotta = 5\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["profile", "show", "-p", str(f)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


@pytest.mark.parametrize("body, key, says", [
    ('[rules]\nFEE-CAP = "eror"\n', "rules.FEE-CAP", "'error'"),
    ('[score]\ntie_order = "classs"\n', "score.tie_order", "'input' 或 'class'"),
    ('[fitness]\nmissing_items = "zeroo"\n', "fitness.missing_items", "'incomplete' 或 'zero'"),
    ('[rules]\nSCH-END = "warn"\n', "rules.SCH-END", "'warning'"),
    ('[score]\nquota = -3\n', "score.quota", "不小于 0"),
    ('[calendar]\nholidays = ["2026-13-01"]\n', "calendar.holidays", "第 1 项：应为日期"),
    ('[calendar]\nholidays = ["2026-13-45"]\n', "calendar.holidays", "第 1 项：应为日期"),
    ('[schedule.end.latest]\n"小学" = "25:00"\n', "schedule.end.latest.小学", "24 小时制"),
    ('[fees]\ncap = 600.005\n', "fees.cap", "两位小数"),
    ('[rules]\nSCH-ENDD = "off"\n', "rules", "是不是 SCH-END"),
])
def test_wrong_values_are_refused_with_key_and_line(tmp_path, body, key, says):
    f = tmp_path / "区.toml"
    f.write_text('extends = "default"\n' + body, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_profile(f)
    [finding] = exc.value.findings
    assert f"「{key}」" in finding.message and says in finding.message, finding.message
    assert finding.cell.startswith("第 ") and finding.file == "区.toml"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_profile_in_utf8_bom_and_gbk(tmp_path, encoding):
    f = tmp_path / "某区.toml"
    f.write_bytes('extends = "default"\n[score]\nobjection_contact = "区教育局德育科"\n'.encode(encoding))
    assert load_profile(f)["score.objection_contact"] == "区教育局德育科"


def test_toml_syntax_error_in_chinese_with_line(tmp_path):
    f = tmp_path / "坏.toml"
    f.write_text('[score]\nquota = 5\nschool = 某某小学\n', encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_profile(f)
    message = exc.value.findings[0].message
    assert "第 3 行" in message and "英文双引号" in message and "line" not in message


def test_profile_check_command(tmp_path):
    good, bad = tmp_path / "good.toml", tmp_path / "bad.toml"
    good.write_text('[score]\nquota = 4\n', encoding="utf-8")
    bad.write_text('[score]\nquota = "4"\n', encoding="utf-8")
    ok = CliRunner().invoke(app, ["profile", "check", str(good)])
    assert ok.exit_code == 0 and "有效" in ok.output
    no = CliRunner().invoke(app, ["profile", "check", str(bad)])
    assert no.exit_code == 2 and "score.quota" in no.output and "第 2 行" in no.output


def test_citations_name_documents_in_notices_and_short_names_in_findings():
    p = load_profile("default")
    assert p.cite("篇1 三(二)") == "篇1 三(二)"
    assert p.cite("篇1 三(二)", public=True) == "《鹤壁市中小学生课后服务工作实施方案》三(二)"
    assert p.cite("N2", public=True) == "《关于进一步减轻义务教育阶段学生作业负担和校外培训负担的意见》（中办发〔2021〕40号）"
    assert p.cite("篇1 二(四)；N4") == "篇1 二(四)；教基厅函〔2023〕26号"
