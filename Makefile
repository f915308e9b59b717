# One command per job; each installs first when .venv/ is missing.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
WORKFLOWS := .github/workflows/ci.yml .github/workflows/release.yml

.PHONY: debian-tools roundtrip install demo test lint format generate check-generated bench bench-reader bench-hostile fuzz dist release changelog compat interop test-spark bench-spark clean

install: $(STAMP)

$(STAMP): pyproject.toml js/package-lock.json
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip==25.3
	$(PY) -m pip install --quiet -e '.[dev]'
	cd js && npm ci --no-audit --no-fund --silent
	touch $(STAMP)

# A pass, then a failure: the second command must exit 1 (invalid payloads), or the demo fails.
demo: $(STAMP)
	@echo '$$ indoxhub-contract validate --type ChatResponse examples/valid'
	@$(VENV)/bin/indoxhub-contract validate --type ChatResponse examples/valid
	@echo
	@echo '$$ indoxhub-contract validate --type ChatResponse examples/invalid'
	@$(VENV)/bin/indoxhub-contract validate --type ChatResponse examples/invalid; test $$? -eq 1

generate: $(STAMP)
	$(PY) scripts/generate.py

check-generated: $(STAMP)
	$(PY) scripts/generate.py --check

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.github-workflows $(WORKFLOWS)

# The default JSON reader (jiter, from the dev extra), then the reader and hostile tests again on the
# standard-library reader alone: both must give the same findings (README, "The fast reader").
test: $(STAMP) check-generated lint
	$(PY) -m pytest
	INDOXHUB_CONTRACT_READER=stdlib $(PY) -m pytest tests/reading tests/hostile -p no:cacheprovider

bench: $(STAMP) bench-hostile
	PYTHONPATH=scripts $(PY) benchmarks/bench.py
	PYTHONPATH=scripts $(PY) benchmarks/bench_reader.py

# Time and memory under hostile input (aliases, stdin, diff fan-out, --jobs): docs/hostile.md.
bench-hostile: $(STAMP)
	PYTHONPATH=scripts $(PY) benchmarks/bench_hostile.py

# The published contract through client generators and linters (tests/interop), with their own
# pinned tools: the `interop` extra and js/interop (npm ci), installed here only.
INTEROP_STAMP := $(VENV)/.interop

$(INTEROP_STAMP): $(STAMP) pyproject.toml js/interop/package-lock.json
	$(PY) -m pip install --quiet -e '.[dev,interop]'
	cd js/interop && npm ci --no-audit --no-fund --silent
	# mitmproxy (tests/interop/test_mitmproxy_har.py) pins its own h11 and cryptography: a venv of its own.
	$(PYTHON) -m venv $(VENV)/mitmproxy
	$(VENV)/mitmproxy/bin/pip install --quiet mitmproxy==11.0.2
	touch $(INTEROP_STAMP)

interop: $(INTEROP_STAMP) debian-tools
	INTEROP=1 $(PY) -m pytest tests/interop -p no:cacheprovider

# Every client of docs/clients.md built by running the page's blocks as written, into build/roundtrip/
# (scripts/build_clients.py); then `python scripts/roundtrip.py NAME` round-trips payloads through one.
roundtrip: $(INTEROP_STAMP) debian-tools
	$(PY) scripts/build_clients.py

# What make interop needs from Debian (bookworm): Chromium for the rendered reference; Go, Debian's
# packaged Go and Rust sources and Jackson for the clients (docs/clients.md). Installed with apt when
# missing, as root (CI); otherwise this prints the apt-get line and fails. Nothing is installed by hand.
DEBIAN_PACKAGES := chromium golang-go golang-gopkg-validator.v2-dev librust-serde-dev librust-serde-derive-dev \
	librust-serde-json-dev libjackson2-databind-java
debian-tools:
	@missing="$$(for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || printf '%s ' $$p; done)"; \
	command -v cargo >/dev/null || missing="$$missing cargo"; \
	command -v javac >/dev/null || missing="$$missing openjdk-17-jdk-headless"; \
	if [ -n "$$(echo $$missing)" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "make interop needs Debian packages: sudo apt-get install $$missing" >&2; exit 1; fi; \
	fi

# indoxhub_contract.spark on a local[2] session (Java 17 runs Spark; PySpark pinned in the spark-dev extra).
SPARK_STAMP := $(VENV)/.spark

$(SPARK_STAMP): $(STAMP) pyproject.toml
	$(PY) -m pip install --quiet -e '.[dev,spark-dev]'
	touch $(SPARK_STAMP)

# docs/scale.md: Spark local[1] and local[2] next to validate --jobs 1/2 over 1,000,000 payloads.
bench-spark: $(SPARK_STAMP)
	PYSPARK_PYTHON=$(abspath $(PY)) PYTHONPATH=scripts $(PY) benchmarks/bench_spark.py

# The fast reader (jiter) against the standard-library reader: validate, traffic, from_json, Spark (docs/benchmarks.md).
bench-reader: $(SPARK_STAMP)
	BENCH_SPARK=1 PYSPARK_PYTHON=$(abspath $(PY)) PYTHONPATH=scripts $(PY) benchmarks/bench_reader.py

test-spark: $(SPARK_STAMP)
	SPARK=1 PYSPARK_PYTHON=$(abspath $(PY)) $(PY) -m pytest tests/spark -p no:cacheprovider

# A long campaign (FUZZ_EXAMPLES per property, default 3000): every find goes into the tests as an @example.
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest tests/fuzz -x -p no:cacheprovider --hypothesis-show-statistics

# Schemas in the working tree against BASE (default: the last tag, else the first commit).
compat: $(STAMP)
	$(PY) scripts/compat.py "$(BASE)"

dist: $(STAMP)
	$(PY) scripts/dist.py

# CONTRIBUTING.md, "Cutting a release": the sdist, the wheel built from it, the npm tarball and SHA256SUMS
# in dist/, checked by twine check --strict and npm pack --dry-run.
release: $(STAMP)
	$(PY) scripts/release.py build

# Drafts CHANGELOG.md's "Unreleased" section from `indoxhub-contract diff` against the previous v* tag.
changelog: $(STAMP)
	$(PY) scripts/release.py changelog

# ruff's formatter and its import sorting, in place (generated/ is written formatted by `make generate`).
format: $(STAMP)
	$(PY) -m ruff check --select I --fix --quiet .
	$(PY) -m ruff format .

# Everything `make` made: the environment, the Node tools, build output and tool caches.
clean:
	rm -rf $(VENV) js/node_modules js/interop/node_modules build dist src/*.egg-info *.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
