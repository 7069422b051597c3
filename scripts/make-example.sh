#!/usr/bin/env bash
# Builds examples/leaky-app.tar (docker save, legacy builder) from examples/leaky-app/ with a private
# dockerd that it starts and stops itself. The base image comes from the e2e harness (busybox stand-in).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

npx --no-install tsc -p . >/dev/null || echo "make-example: tsc reported errors; using the emitted harness" >&2
base=$(node dist/test/e2e/harness/build-cli.js --base-archive)

dir="$repo/.cache/e2e/example-engine"
sock="$dir/docker.sock"
export DOCKER_HOST="unix://$sock" DOCKER_BUILDKIT=0 DOCKER_CONFIG="$dir/docker-config"

stop_dockerd() {
  local pid
  pid=$(cat "$dir/dockerd.pid" 2>/dev/null || true)
  [ -n "$pid" ] || pid=${started_pid:-}
  # only our dockerd: the pid must still run with our data root
  if [ -n "$pid" ] && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$dir/data"; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    echo "make-example: stopped dockerd $pid" >&2
  fi
  if ! grep -qF " $dir/" /proc/self/mountinfo; then rm -rf "$dir"; fi
}

stop_dockerd  # a leftover from an interrupted run
mkdir -p "$dir"
dockerd --storage-driver=vfs --iptables=false --ip6tables=false --bridge=none -H "$DOCKER_HOST" \
  --data-root "$dir/data" --exec-root "$dir/exec" --pidfile "$dir/dockerd.pid" >"$dir/dockerd.log" 2>&1 &
started_pid=$!
trap stop_dockerd EXIT
for _ in $(seq 1 200); do docker version >/dev/null 2>&1 && break; sleep 0.3; done
docker version --format 'make-example: dockerd {{.Server.Version}} up' >&2

docker load -q -i "$base" >/dev/null
docker tag dredge-e2e/base:latest node:18-alpine
docker build --network=none -t leaky-app:latest \
  --build-arg NPM_TOKEN=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 examples/leaky-app
docker save -o examples/leaky-app.tar leaky-app:latest
chmod 644 examples/leaky-app.tar

size=$(stat -c %s examples/leaky-app.tar)
echo "make-example: examples/leaky-app.tar, $size bytes"
[ "$size" -le $((3 * 1024 * 1024)) ] || { echo "make-example: larger than 3 MB" >&2; exit 1; }
