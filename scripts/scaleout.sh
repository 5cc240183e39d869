#!/usr/bin/env bash
# The scale-out set on loopback, from Debian and PyPI packages: PostgreSQL (the store), Redis (the
# job broker), an S3-compatible store emulated by moto's server (evidence and job files through
# django-storages), N Celery workers + the beat, and gunicorn with M processes. See docs/deploy.md.
#
#   scripts/scaleout.sh start DIR [--workers N] [--web M] [--demo]   start everything; DIR/env holds the settings
#   scripts/scaleout.sh stop DIR                                      stop everything started in DIR
#   scripts/scaleout.sh services DIR                                  only PostgreSQL, Redis and the S3 emulator
#   scripts/scaleout.sh test [PYTEST ARGS]                            CI: services in a temp dir, the browser,
#                                                                     job and scale-out tests on them, stop
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$PWD"
PY="$REPO/.venv/bin/python"
PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"

free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
as_pg() { if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

services() {
    local dir="$1"
    [ -x "$PGBIN/initdb" ] || { echo "PostgreSQL not found: apt-get install postgresql" >&2; exit 1; }
    command -v redis-server >/dev/null || { echo "redis-server not found: apt-get install redis-server" >&2; exit 1; }
    mkdir -p "$dir/pg" "$dir/var"
    chmod 711 "$dir"
    [ "$(id -u)" = "0" ] && chown postgres: "$dir/pg"
    local pg_port redis_port s3_port
    pg_port="$(free_port)"; redis_port="$(free_port)"; s3_port="$(free_port)"
    as_pg "$PGBIN/initdb" -D "$dir/pg/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    as_pg "$PGBIN/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/server.log" -w \
        -o "-p $pg_port -k $dir/pg -c listen_addresses=127.0.0.1 -c synchronous_commit=off -c max_connections=200" \
        start >/dev/null
    as_pg "$PGBIN/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres planwatch
    redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
        --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --dir "$dir" >/dev/null
    setsid "$REPO/.venv/bin/moto_server" -H 127.0.0.1 -p "$s3_port" >"$dir/s3.log" 2>&1 &
    echo $! >"$dir/s3.pid"
    cat >"$dir/env" <<ENV
export DATABASE_URL=postgres://postgres@127.0.0.1:$pg_port/planwatch
export PLANWATCH_BROKER_URL=redis://127.0.0.1:$redis_port/0
export PLANWATCH_S3_BUCKET=planwatch
export PLANWATCH_S3_ENDPOINT=http://127.0.0.1:$s3_port
export PLANWATCH_S3_ACCESS_KEY=test
export PLANWATCH_S3_SECRET_KEY=test
export PLANWATCH_DATA_DIR=$dir/var
export PLANWATCH_SCALEOUT_DIR=$dir
ENV
    # shellcheck disable=SC1091
    . "$dir/env"
    for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
    "$PY" - <<'PYEOF'
import os, time, boto3
s3 = boto3.client("s3", endpoint_url=os.environ["PLANWATCH_S3_ENDPOINT"], region_name="us-east-1",
                  aws_access_key_id="test", aws_secret_access_key="test")
for _ in range(100):
    try:
        s3.create_bucket(Bucket=os.environ["PLANWATCH_S3_BUCKET"]); break
    except Exception:
        time.sleep(0.2)
else:
    raise SystemExit("the S3 emulator did not start")
PYEOF
    echo ">> services in $dir: PostgreSQL :$pg_port, Redis :$redis_port, S3 (moto) :$s3_port"
}

start() {
    local dir="$1"; shift
    local workers=2 web=2 demo=""
    while [ $# -gt 0 ]; do
        case "$1" in
            --workers) workers="$2"; shift 2 ;;
            --web) web="$2"; shift 2 ;;
            --demo) demo=1; shift ;;
            *) echo "unknown option $1" >&2; exit 2 ;;
        esac
    done
    services "$dir"
    # shellcheck disable=SC1091
    . "$dir/env"
    "$REPO/.venv/bin/planwatch" manage migrate --verbosity 0
    "$REPO/.venv/bin/planwatch" manage collectstatic --noinput --verbosity 0
    [ -n "$demo" ] && "$REPO/.venv/bin/planwatch" demo-setup >"$dir/demo-logins.txt"
    local port; port="$(free_port)"
    local celery=("$PY" -m celery -A planwatch.web.jobs.queue)
    for i in $(seq "$workers"); do
        setsid "${celery[@]}" worker --hostname "worker$i@%h" --concurrency 1 --loglevel INFO \
            --without-gossip --without-mingle >"$dir/worker$i.log" 2>&1 &
        echo $! >"$dir/worker$i.pid"
    done
    setsid "${celery[@]}" beat --schedule "$dir/var/celerybeat-schedule" --loglevel INFO >"$dir/beat.log" 2>&1 &
    echo $! >"$dir/beat.pid"
    setsid "$PY" -m gunicorn planwatch.web.wsgi:application --bind "127.0.0.1:$port" --workers "$web" --threads 4 \
        --config python:planwatch.web.gunicorn_conf >"$dir/web.log" 2>&1 &
    echo $! >"$dir/web.pid"
    echo "export PLANWATCH_URL=http://127.0.0.1:$port" >>"$dir/env"
    for _ in $(seq 120); do
        curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
        sleep 0.5
    done
    curl -s "http://127.0.0.1:$port/readyz"; echo
    echo ">> PlanWatch at http://127.0.0.1:$port/ (gunicorn × $web, $workers workers + beat); stop: $0 stop $dir"
}

stop() {
    local dir="$1"
    for f in "$dir"/web.pid "$dir"/beat.pid "$dir"/worker*.pid "$dir"/s3.pid; do
        [ -f "$f" ] || continue
        kill "$(cat "$f")" 2>/dev/null || true
    done
    sleep 2
    for f in "$dir"/web.pid "$dir"/beat.pid "$dir"/worker*.pid "$dir"/s3.pid; do
        [ -f "$f" ] || continue
        kill -9 -- "-$(cat "$f")" 2>/dev/null || true
        rm -f "$f"
    done
    [ -f "$dir/redis.pid" ] && { kill "$(cat "$dir/redis.pid")" 2>/dev/null || true; rm -f "$dir/redis.pid"; }
    [ -d "$dir/pg/data" ] && { as_pg "$PGBIN/pg_ctl" -D "$dir/pg/data" -m fast stop >/dev/null 2>&1 || true; }
    echo ">> stopped $dir"
}

cmd="${1:-}"; shift || true
case "$cmd" in
    start) start "$@" ;;
    services) services "$@" ;;
    stop) stop "$@" ;;
    test)
        dir="$(mktemp -d -t planwatch-scaleout.XXXXXX)"
        trap 'stop "$dir"; rm -rf "$dir"' EXIT
        services "$dir"
        # shellcheck disable=SC1091
        . "$dir/env"
        # The tests start gunicorn (2 processes) and 2 Celery workers on these services (Redis, S3) and
        # on a test database in this PostgreSQL server.
        export PLANWATCH_TEST_JOB_WORKERS=2
        "$PY" -m pytest -q tests/web/test_scaleout.py tests/web/test_jobs_worker.py tests/web/test_browser.py \
            tests/web/test_jobs.py "$@"
        ;;
    *) sed -n '2,11p' "$0"; exit 2 ;;
esac
