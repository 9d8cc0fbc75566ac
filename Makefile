# Set-up is two commands on a fresh machine with only python3: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench fuzz goldens clean install wheel

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The main job on the example street: check it, show its tree, and render last month's report.
run: $(STAMP)
	$(BIN)/dangjian validate records/
	$(BIN)/dangjian tree records/
	$(BIN)/dangjian report monthly records/ --all --format md,docx -o out/

# In CI (CI=true, root, Debian) the dashboard's browser tests get a headless Chromium, and the
# Word layout test LibreOffice's writer and a Chinese font, from the package registry (measured
# on Debian 12: the writer's LibreOffice packages and wqy-zenhei are 76 MB, 3 s to fetch and
# 11 s to unpack; the font alone installs in 5 s); elsewhere those tests skip, saying why.
test: $(STAMP)
	@if [ "$$CI" = "true" ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  word=""; \
	  command -v soffice >/dev/null 2>&1 || word="libreoffice-writer-nogui"; \
	  [ -n "$$(fc-list :lang=zh 2>/dev/null)" ] || word="$$word fonts-wqy-zenhei"; \
	  if ! command -v chromium >/dev/null 2>&1 || [ -n "$$word" ]; then apt-get update -qq || true; fi; \
	  if ! command -v chromium >/dev/null 2>&1; then \
	    echo "CI：安装 chromium 以运行仪表盘的浏览器测试"; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
	      || echo "chromium 安装失败，浏览器测试将跳过"; \
	  fi; \
	  if [ -n "$$word" ]; then \
	    echo "CI：安装 $$word 以运行 Word 版式测试（LibreOffice 每行 28 字）"; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$word >/dev/null \
	      || echo "$$word 安装失败，Word 版式测试将跳过"; \
	  fi; \
	fi
	$(BIN)/ruff check .
	$(BIN)/python -m pytest --slow

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP)
	$(BIN)/python bench/run.py

# The differential state machine (cached validate = --no-cache after random edits) with many
# new examples, and the writers (concurrent and killed with kill -9) for many rounds with a new
# seed; CI runs a few fixed ones as part of make test. FUZZ_EXAMPLES=1000 for longer.
FUZZ_EXAMPLES ?= 200
FUZZ_ROUNDS ?= 30
fuzz: $(STAMP)
	DANGJIAN_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest tests/test_differential.py -q
	DANGJIAN_WRITER_ROUNDS=$(FUZZ_ROUNDS) DANGJIAN_WRITER_SEED=$$(date +%s) $(BIN)/python -m pytest tests/test_writer_fuzz.py -q

goldens: $(STAMP)
	$(BIN)/python -m pytest --update-goldens

# Also the cache of findings (outside the repository; it holds findings on the records).
clean:
	-@[ -x $(BIN)/dangjian ] && $(BIN)/dangjian cache clear
	rm -rf $(VENV) out .dangjian-cache

# dangjian on PATH for this user, in its own environment (pipx), from this checkout.
install:
	@command -v pipx >/dev/null 2>&1 || { echo "需要 pipx：$(PYTHON) -m pip install --user pipx，然后 pipx ensurepath"; exit 2; }
	pipx install --force .

# The wheel a street office installs (dist/dangjian-<版本>-py3-none-any.whl).
wheel: $(STAMP)
	$(BIN)/python -m pip wheel --quiet --no-deps --no-build-isolation --wheel-dir dist .
	@ls dist/*.whl
