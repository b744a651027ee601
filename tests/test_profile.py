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
    assert any("未知的设置项「score.quotta」" in m for m in msgs)
    assert any("score.quota" in m and "类型" in m for m in msgs)
    assert any("score.items" in m for m in msgs)
    assert all(x.file == "bad.toml" for x in exc.value.findings)


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
