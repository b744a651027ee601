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

demo: $(STAMP)
	$(BIN)/asrv score sample_data/classes.xlsx --quota 5 --date 2026-06-22 --out asrv-out
	@echo
	@echo "输出已写入 asrv-out/ (outputs are in asrv-out/):"
	@ls -1 asrv-out

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python tests/bench.py

sample: $(STAMP)
	$(BIN)/python sample_data/make_classes.py

clean:
	rm -rf $(VENV) asrv-out build *.egg-info
