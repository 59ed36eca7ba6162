#!/usr/bin/env bash
# What the tests talk to besides the project itself: PostgreSQL and Redis on loopback (the
# production configuration's tracker store and lock store) and Debian's Chromium (with CJK
# fonts) for the browser tests. Starts or installs whatever is missing, else does nothing.
set -euo pipefail

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  echo "Starting PostgreSQL…"
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
fi

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "Starting Redis…"
  as_root mkdir -p /var/lib/redis /var/log/redis
  as_root redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" \
    --appendonly no --dir /var/lib/redis --logfile /var/log/redis/tests.log
fi

# Noto CJK: screenshots of the console and the widget must show Japanese, Chinese and Korean.
if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -q "Noto Sans CJK"; then
  echo "Installing Debian's Chromium and CJK fonts for the browser tests (about a minute)…"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
fi

for _ in $(seq 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null && exit 0
  sleep 1
done
echo "error: PostgreSQL or Redis did not come up on 127.0.0.1" >&2
exit 1
