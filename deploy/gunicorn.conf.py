"""gunicorn settings of one app server: `gunicorn -c deploy/gunicorn.conf.py forum.asgi`.

Every value can be changed from the environment (systemd's Environment=, the Procfile's
shell, or deploy/stack.py), so one file serves each machine and each instance.
"""

import os

# One address per instance: forum-web@8001 listens on 127.0.0.1:8001.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
# ASGI workers (uvicorn under gunicorn's supervision): each holds thousands of open live
# event streams (forum/live/) and runs Django's sync views in threads; 1-2 per core.
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "forum.platform.uvicorn_worker.ForumWorker")
# A worker silent for this long is restarted. (Async workers don't kill slow requests as
# sync ones do: nginx gives up on them at 30 s.)
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# Load Django before listening: a restarted app server refuses connections (and nginx
# passes them to another) until it can answer, instead of queueing them while its workers
# boot (11 s on a busy machine in the drill, past the drill client's 15 s with the request).
# Workers are forked from the loaded app; nothing opens a database connection at import.
preload_app = True
graceful_timeout = 10
keepalive = 5
# Recycle workers now and then, jittered so they don't all restart at once. A worker answers
# over 1,000 cached pages a second on a busy day, and booting one costs seconds of CPU:
# recycling every 2,000 requests (as before) restarted each worker every few seconds, and
# every 100,000 once a minute under the bench's load, each time a p99 of 200-500 ms for the
# pages served meanwhile. At 1,000,000 a worker at full load restarts every ten minutes or so.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000000"))
max_requests_jitter = max_requests // 10
# gunicorn 27 shares one control socket per machine by default: each instance would fight
# over it. We manage instances with systemd (or deploy/stack.py), not the control socket.
control_socket_disable = True
# Only nginx on this machine may set X-Forwarded-* (the app itself reads X-Forwarded-For
# through ALLAUTH_TRUSTED_PROXY_COUNT and X-Forwarded-Proto through USE_X_FORWARDED_PROTO).
forwarded_allow_ips = "127.0.0.1"
# Logs to stderr: journald (systemd) or the stack's log files collect them.
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
proc_name = os.environ.get("GUNICORN_PROC_NAME", "forum-web")
