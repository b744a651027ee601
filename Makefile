PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench clean sample

# The venv is rebuilt when pyproject.toml changes, so a fresh clone needs nothing installed by hand.
$(STAMP): pyproject.toml
	@command -v $(PY) >/dev/null 2>&1 || { echo "需要 Python 3.11 ($(PY))"; exit 2; }
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

# Commands that find planted problems in the samples exit 1 by design; only 2 (could not run) stops the demo.
OK1 = || [ $$? -eq 1 ]

demo: $(STAMP)
	@rm -rf asrv-out
	$(BIN)/asrv fitness sample_data/fitness.xlsx --out asrv-out/体测 $(OK1)
	$(BIN)/asrv score sample_data/classes.xlsx --fitness sample_data/fitness.xlsx --quota 5 --date 2026-06-22 --out asrv-out/评分 $(OK1)
	$(BIN)/asrv check-schedule sample_data/schedule.xlsx --out asrv-out/安排检查 $(OK1)
	$(BIN)/asrv fees sample_data/fees.xlsx --term 2026秋 --schedule sample_data/schedule.xlsx --date 2026-12-28 --out asrv-out/收费 $(OK1)
	$(BIN)/asrv survey sample_data/survey.xlsx --catalog sample_data/catalog.xlsx --out asrv-out/调查 $(OK1)
	$(BIN)/asrv enroll sample_data/survey.xlsx --catalog sample_data/catalog.xlsx --seed 20260901 --school 示例市实验小学 --out asrv-out/录取 $(OK1)
	$(BIN)/asrv check-attendance sample_data/attendance.xlsx --schedule sample_data/schedule.xlsx --fees sample_data/attendance.xlsx --out asrv-out/考勤 $(OK1)
	$(BIN)/asrv check-meals sample_data/meals.xlsx --out asrv-out/午餐 $(OK1)
	$(BIN)/asrv district sample_data/district --term 2026秋 --date 2027-01-11 --out asrv-out/区级考核/2026秋 $(OK1)
	@echo
	@echo "输出已写入 asrv-out/（outputs are in asrv-out/）："
	@cd asrv-out && find . -type f ! -name '体测_*.html' ! -name '反馈单_*.html' ! -name '.asrv-*' | sort | sed 's|^\./|  asrv-out/|'
	@echo "  asrv-out/体测/<学校>/体测_<班级>.html（每班一份体测报告）"
	@echo "  asrv-out/区级考核/2026秋/反馈单_<学校>.html（每校一份考核反馈单）"

# Test files run in one process per core (whole files: a module's fixtures run once).
# asrv is compiled to bytecode first: with PYTHONDONTWRITEBYTECODE set, every test process and
# every command the tests start would compile its ~150 modules again.
test: $(STAMP)
	$(BIN)/python -m compileall -q asrv >/dev/null
	$(BIN)/python -m pytest -n auto --dist loadfile

# One harness for every command (tests/bench_commands.py); QUICK=1 is a 10-school district.
# FUZZ=1 runs the property-based suite instead, with many more examples drawn afresh
# (FUZZ_EXAMPLES per test, default 500; about half an hour).
FUZZ_EXAMPLES ?= 500
bench: $(STAMP)
ifdef FUZZ
	ASRV_FUZZ=1 ASRV_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -p no:cacheprovider tests/test_fuzz_reader.py tests/test_fuzz_commands.py
else
	$(BIN)/python tests/bench_commands.py $(if $(QUICK),--quick)
endif

sample: $(STAMP)
	@for f in sample_data/make_*.py; do $(BIN)/python $$f || exit $$?; done

clean:
	rm -rf $(VENV) asrv-out build *.egg-info
