# `make run` sets everything up and serves the site; `make test` runs the whole suite.
# DATABASE_URL=postgres://user@host:port/name switches both from SQLite to PostgreSQL.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 2
SITE_URL ?= http://$(HOST):$(PORT)
MANAGE := $(BIN)/python manage.py

export SITE_URL
export ALLOWED_HOSTS ?= $(HOST),localhost,127.0.0.1

.DEFAULT_GOAL := help
.PHONY: help install messages checkers run edge dev test test-app test-plugins test-browser screenshots bench lint format check client

help: ## Show this list
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

# wagtail-cli (`wt`), the v3 API's command-line client, driven by tests/test_api_v3_cli.py. It
# needs Python 3.12+: in a 3.12+ venv the test extras install it; in a 3.11 one it gets a venv of
# its own, made with a Python 3.12+ found on this machine (never downloaded: none can be here),
# and is linked as .venv/bin/wt. It talks to the site over HTTP only, so it shares nothing else.
# Keep WT_VERSION in step with pyproject.toml.
WT_VERSION := 0.4.0
WT_PYTHONS := python3.14 python3.13 python3.12 $(wildcard $(HOME)/.pyenv/versions/3.1[2-9]*/bin/python3)

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	@# uv installs the same packages as pip, about ten times faster.
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv
	$(BIN)/uv pip install --quiet --python $(BIN)/python -e '.[test]'
	@# Skipped when a wt of this version is there already (from the extras, or a run before).
	@if ! $(BIN)/wt --version 2>/dev/null | grep -qx 'wagtail-cli $(WT_VERSION)'; then \
		py=""; for p in $(WT_PYTHONS); do \
			if $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then py=$$p; break; fi; \
		done; \
		if [ -n "$$py" ]; then \
			echo "installing wagtail-cli $(WT_VERSION) into $(VENV)/wt with $$py"; \
			$(BIN)/uv venv --quiet --clear --python "$$py" $(VENV)/wt && \
			$(BIN)/uv pip install --quiet --python $(VENV)/wt/bin/python 'wagtail-cli==$(WT_VERSION)' && \
			ln -sf ../wt/bin/wt $(BIN)/wt; \
		else \
			echo "note: no Python 3.12+ here, so wagtail-cli (wt) is not installed; its test skips"; \
		fi; \
	fi
	@touch $@

# The web's own checkers from npm (package-lock.json): axe-core, the Nu Html Checker, Lighthouse.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else \
		echo "npm not found: the axe-core, Nu Html Checker and Lighthouse tests will skip (apt-get install -y nodejs npm)"; \
	fi

checkers: node_modules/.installed ## Install axe-core, the Nu Html Checker (vnu-jar) and Lighthouse with npm ci

# The site's translations (locale/zh_Hans/LC_MESSAGES/django.po), compiled with polib: no
# gettext needed (site/compile_messages.py says why).
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))
$(MO_FILES): %.mo: %.po $(BIN)/.installed
	$(BIN)/python -m postal_site.compile_messages

messages: $(MO_FILES) ## Compile the message files (make install and make run do it)

install: $(BIN)/.installed checkers $(MO_FILES) ## Create .venv and install the project into it, and the checkers

# The key lives beside the database: VAR_DIR, as the settings read it (var/ by default).
VAR_DIR ?= var
KEY_FILE := $(VAR_DIR)/secret_key

$(KEY_FILE):
	@mkdir -p $(VAR_DIR)
	@umask 077 && $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

# One process prepares and serves (`manage.py prepare_site`): Django starts once, not once per
# step. It needs no npm checkers, only the tests do.
run: $(BIN)/.installed $(MO_FILES) $(KEY_FILE) ## Set up the database and demo content, then serve on HOST:PORT
	@SECRET_KEY="$$(cat $(KEY_FILE))" DJANGO_SETTINGS_MODULE=postal_site.settings.production \
		exec $(MANAGE) prepare_site --serve $(HOST):$(PORT) --workers $(WORKERS)

# The site behind Varnish (deploy/varnish/default.vcl with the xkey vmod): Varnish on
# EDGE_PORT, `make run` on PORT behind it, purged by tag after every change (EDGE=varnish).
# Readers and the Site record use Varnish's address; Ctrl-C stops both.
EDGE_PORT ?= 6081
EDGE_DIR := /tmp/postal-varnish-$(EDGE_PORT)
edge: $(BIN)/.installed $(KEY_FILE) ## Serve the site behind Varnish on EDGE_PORT (the app on PORT)
	@command -v varnishd >/dev/null || (apt-get update -qq && apt-get install -y -qq varnish varnish-modules)
	@mkdir -p $(EDGE_DIR) && chmod 755 $(EDGE_DIR)
	@printf 'backend app1 { .host = "127.0.0.1"; .port = "%s"; }\nacl purgers { "127.0.0.1"; "::1"; }\nsub vcl_init { new app = directors.round_robin(); app.add_backend(app1); }\n' \
		$(PORT) > $(EDGE_DIR)/backends.vcl
	@varnishd -a $(HOST):$(EDGE_PORT) -f $(CURDIR)/deploy/varnish/default.vcl -s malloc,64m \
		-p vcl_path=$(EDGE_DIR):$(CURDIR)/deploy/varnish:/usr/share/varnish/vcl \
		-n $(EDGE_DIR)/varnish -P $(EDGE_DIR)/varnishd.pid
	@echo "Varnish on http://$(HOST):$(EDGE_PORT)/ in front of the site on port $(PORT)"
	@trap 'kill $$(cat $(EDGE_DIR)/varnishd.pid) 2>/dev/null' EXIT INT TERM; \
		EDGE=varnish VARNISH_URLS=http://127.0.0.1:$(EDGE_PORT) TRUSTED_PROXIES=127.0.0.1,::1 \
		$(MAKE) --no-print-directory run SITE_URL=http://$(HOST):$(EDGE_PORT)

dev: install ## Serve with Django's development server and DEBUG on
	DJANGO_SETTINGS_MODULE=postal_site.settings.dev $(MANAGE) migrate --noinput
	DJANGO_SETTINGS_MODULE=postal_site.settings.dev $(MANAGE) load_demo_content
	DJANGO_SETTINGS_MODULE=postal_site.settings.dev $(MANAGE) runserver $(HOST):$(PORT)

test: test-app test-plugins test-browser ## Run the whole test suite

test-app: install ## The site's tests without the browser, plugin and headless ones
	$(BIN)/pytest tests --ignore=tests/browser --ignore=tests/headless --ignore=tests/plugins

test-plugins: install ## The plugins and the headless layer alone, each under minimal settings
	$(BIN)/pytest tests/plugins --ds=tests.plugins.settings
	$(BIN)/pytest tests/headless --ds=tests.headless.settings

test-browser: install ## Browser tests in headless Chromium (their own run: they empty the database)
	$(BIN)/pytest tests/browser

screenshots: install ## Remake docs/screenshots/ (every kind of page at 375 and 1280 px) with the browser tests
	$(BIN)/pytest tests/browser/test_page_types.py
	$(BIN)/python -m tests.browser.docs_screenshots

ARTICLES ?= 1000
DURATION ?= 6
# BENCH_ARGS passes more options to bench/run.py, e.g. --reuse or --port 8700 (see --help).
bench: install ## Benchmark ARTICLES articles, cold and cached (DURATION s per URL; DATABASE_URL for PostgreSQL)
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python bench/run.py --articles $(ARTICLES) --duration $(DURATION) $(BENCH_ARGS)

# The typed TypeScript client (clients/typescript/): the OpenAPI document as the code builds it
# (no database), then its types by openapi-typescript. Both files are committed;
# tests/test_typescript_client.py fails when they differ from what this makes.
CLIENT_DIR := clients/typescript
client: install ## Regenerate the TypeScript client's OpenAPI document and types
	DJANGO_SETTINGS_MODULE=postal_site.settings.test $(MANAGE) openapi_document > $(CLIENT_DIR)/openapi.json
	npx --no-install openapi-typescript $(CLIENT_DIR)/openapi.json --output $(CLIENT_DIR)/src/schema.d.ts

lint: install ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install ## Django's system checks and the missing-migration check, API v3 on and off
	DJANGO_SETTINGS_MODULE=postal_site.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=postal_site.settings.test $(MANAGE) makemigrations --check --dry-run
	@# The test settings turn API v3 on; the dev settings follow API_V3_ENABLED, here off.
	API_V3_ENABLED=0 DJANGO_SETTINGS_MODULE=postal_site.settings.dev $(MANAGE) check
	API_V3_ENABLED=0 DJANGO_SETTINGS_MODULE=postal_site.settings.dev $(MANAGE) makemigrations --check --dry-run

# --- Reliability (issue 7): load test, fault test, backup and restore ----------------------
.PHONY: loadtest faulttest backup restore
# DURATION is seconds per URL; the load test's default is 60 (the bench's 5 applies to bench).
LOAD_DURATION = $(if $(filter file,$(origin DURATION)),60,$(DURATION))
CONNECTIONS ?= 64
PAGE_CACHE_MODES ?= off
loadtest: install ## 64 connections on article, news index and API listing; fails on errors or memory growth
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python bench/load.py --duration $(LOAD_DURATION) --connections $(CONNECTIONS) \
		--workers $(WORKERS) --page-cache $(PAGE_CACHE_MODES)

faulttest: install ## Restart a private PostgreSQL under traffic; the site must recover by itself
	$(BIN)/pytest tests/reliability -m fault -q -p no:cacheprovider

backup: install $(KEY_FILE) ## Back up the database and media to var/backups/ (or OUTPUT=file)
	SECRET_KEY="$$(cat $(KEY_FILE))" $(MANAGE) backup $(if $(OUTPUT),--output $(OUTPUT))

restore: install $(KEY_FILE) ## Put back the database and media of a backup: make restore FILE=...
	@test -n "$(FILE)" || { echo "usage: make restore FILE=var/backups/backup-....tar"; exit 2; }
	SECRET_KEY="$$(cat $(KEY_FILE))" $(MANAGE) restore $(FILE)
