#!/usr/bin/env bash
# Proves that the container image runs, without a container runtime: unpacks the layers of
# target/mailbridge-image.tar into a root file system and runs the image's entrypoint there as the image's user, in new
# mount, PID and network namespaces (loopback only), the way a container runtime would. As root:
#
#   deploy/image/test-image.sh             # builds the image first: mvn -q -B -DskipTests -Pimage package
#   deploy/image/test-image.sh --no-build  # tests the tar that is there
#
# Checks: `--version`; `demo` as `docker run` gives it (writable layer); `demo` with the root file system read-only
# and only /tmp and /app/data writable, as deploy/kubernetes runs it; the health probes on port 8080 and a graceful
# stop on SIGTERM with exit code 0. Needs unshare, nsenter, curl and jq.
set -euo pipefail

project=$(cd "$(dirname "$0")/../.." && pwd)
image=$project/target/mailbridge-image.tar

if [[ $(id -u) != 0 ]]; then
    echo "test-image.sh: run as root (it unpacks files of other owners and makes namespaces)" >&2
    exit 1
fi
for tool in unshare nsenter curl jq tar; do
    command -v "$tool" >/dev/null || { echo "test-image.sh: $tool is needed" >&2; exit 1; }
done
if [[ ${1:-} != --no-build ]]; then
    echo "== building $image"
    (cd "$project" && mvn -q -B -DskipTests -Pimage package)
fi

work=$(mktemp -d /tmp/mailbridge-image-test.XXXXXX)
runner=
trap '[[ -n $runner ]] && kill -KILL "$runner" 2>/dev/null; rm -rf "$work"' EXIT
rootfs=$work/rootfs
mkdir -p "$work/image" "$rootfs"
tar -xf "$image" -C "$work/image"
config=$work/image/$(jq -r '.[0].Config' "$work/image/manifest.json")
while read -r layer; do
    tar --warning=no-unknown-keyword --numeric-owner --same-owner -xzf "$work/image/$layer" -C "$rootfs"
done < <(jq -r '.[0].Layers[]' "$work/image/manifest.json")
echo "== $(basename "$image"): $(du -h "$image" | cut -f1) as a tar, $(du -sh "$rootfs" | cut -f1) unpacked," \
     "$(jq '.[0].Layers | length' "$work/image/manifest.json") layers"

mapfile -t entrypoint < <(jq -r '.config.Entrypoint[]' "$config")
mapfile -t cmd < <(jq -r '.config.Cmd // [] | .[]' "$config")
mapfile -t image_env < <(jq -r '.config.Env // [] | .[]' "$config")
workdir=$(jq -r '.config.WorkingDir // "/"' "$config")
user=$(jq -r '.config.User // "0"' "$config")
uid=${user%%:*}
gid=${user#*:}
echo "   user $user, working directory $workdir, entrypoint ${entrypoint[*]}, command ${cmd[*]}"

# What a runtime provides: /proc, a few device nodes, loopback; with --read-only also what the Kubernetes Deployment
# mounts (a read-only root, tmpfs at /tmp and /app/data).
mkdir -p "$rootfs/proc" "$rootfs/dev"
for device in null zero random urandom; do
    touch "$rootfs/dev/$device"
done
setup='
rootfs=$1 read_only=$2 uid=$3 gid=$4 pidfile=$5
shift 5
echo $$ > "$pidfile"
ip link set lo up
if [[ $read_only == true ]]; then
    mount --bind "$rootfs" "$rootfs"
    mount -o remount,bind,ro "$rootfs"
    mount -t tmpfs -o mode=1777 tmpfs "$rootfs/tmp"
    mount -t tmpfs -o "uid=$uid,gid=$gid,mode=0750" tmpfs "$rootfs/app/data"
fi
for device in null zero random urandom; do
    mount --bind "/dev/$device" "$rootfs/dev/$device"
done
exec "$@"
'

# container [--read-only] [NAME=VALUE...] [-- ARG...]: runs the entrypoint with ARGs (the image's command when none).
container() {
    local read_only=false extra_env=() args=()
    [[ ${1:-} == --read-only ]] && { read_only=true; shift; }
    while [[ $# -gt 0 && $1 != -- ]]; do extra_env+=("$1"); shift; done
    [[ ${1:-} == -- ]] && shift
    args=("$@")
    [[ ${#args[@]} -eq 0 ]] && args=("${cmd[@]}")
    unshare --mount --net --fork --kill-child bash -c "$setup" setup \
        "$rootfs" "$read_only" "$uid" "$gid" "$work/container.pid" \
        env -i "${image_env[@]}" "${extra_env[@]}" "$(command -v unshare)" --pid --fork --kill-child --mount-proc \
        --root="$rootfs" --wd="$workdir" --setuid "$uid" --setgid "$gid" -- "${entrypoint[@]}" "${args[@]}"
}

failures=0
check() {
    local what=$1 pattern=$2 file=$3
    if grep -qE "$pattern" "$file"; then
        echo "   ok: $what"
    else
        echo "   FAILED: $what (no line matches '$pattern' in $file)"
        failures=$((failures + 1))
    fi
}

echo "== mailbridge --version"
container -- --version > "$work/version.txt" 2>&1
sed 's/^/   | /' "$work/version.txt"
check "prints the version, with the image's Java" '^mailbridge [0-9].* \(Apache Camel 4\..*, Java [0-9]' "$work/version.txt"

echo "== mailbridge demo (as docker run gives it: the image's file system, writable)"
container -- demo > "$work/demo.txt" 2>&1 || echo "   exit code $?"
grep -E '^(UID|[0-9] )|messages processed' "$work/demo.txt" | sed 's/^/   | /'
check "six messages consumed over IMAPS and written as JSON" '^6 messages processed; JSON in /app/out/demo' \
    "$work/demo.txt"
owner=$(stat -c %u "$rootfs"/app/out/demo/*.json | sort -u | tr '\n' ' ')
echo "   JSON files: $(ls "$rootfs/app/out/demo" | wc -l), owned by uid $owner"
[[ $owner == "$uid " ]] || { echo "   FAILED: JSON written as uid $owner, not $uid"; failures=$((failures + 1)); }

echo "== mailbridge demo (read-only root; writable /tmp and /app/data only, as in deploy/kubernetes)"
container --read-only MAILBRIDGE_OUTDIR=/app/data/out -- demo > "$work/demo-ro.txt" 2>&1 || echo "   exit code $?"
grep -E 'messages processed|ERROR|Read-only' "$work/demo-ro.txt" | sed 's/^/   | /'
check "six messages processed with a read-only root" '^6 messages processed; JSON in /app/data/out/demo' \
    "$work/demo-ro.txt"

echo "== health probes on 8080 and SIGTERM (demo --keep-running, CAMEL_MANAGEMENT_ENABLED=true, read-only root)"
rm -f "$work/container.pid"
container --read-only CAMEL_MANAGEMENT_ENABLED=true MAILBRIDGE_OUTDIR=/app/data/out -- demo --keep-running \
    > "$work/serve.txt" 2>&1 &
runner=$!
for _ in $(seq 120); do
    [[ -s "$work/container.pid" ]] && break
    sleep 0.5
done
namespace_pid=$(cat "$work/container.pid")
probe() {
    nsenter --net="/proc/$namespace_pid/ns/net" curl -s -o "$work/probe.txt" -w '%{http_code}' \
        "http://127.0.0.1:8080$1" 2>/dev/null || true
}
ready=000
for _ in $(seq 120); do
    ready=$(probe /observe/health/ready)
    [[ $ready == 200 ]] && break
    sleep 0.5
done
echo "   GET /observe/health/ready -> $ready $(head -c 200 "$work/probe.txt")"
[[ $ready == 200 ]] || { echo "   FAILED: not ready within 60 s"; failures=$((failures + 1)); }
live=$(probe /observe/health/live)
echo "   GET /observe/health/live -> $live $(head -c 200 "$work/probe.txt")"
[[ $live == 200 ]] || { echo "   FAILED: not live"; failures=$((failures + 1)); }
metrics=$(probe /observe/metrics)
echo "   GET /observe/metrics -> $metrics, $(grep -c '^mailbridge_' "$work/probe.txt") mailbridge_* samples"
java_pid=$(pgrep -P "$namespace_pid")
started=$(date +%s%N)
kill -TERM "$java_pid"
status=0
wait "$runner" || status=$?
runner=
echo "   SIGTERM -> exit code $status after $((($(date +%s%N) - started) / 1000000)) ms"
grep -E 'SIGTERM|shutdown in' "$work/serve.txt" | sed 's/^/   | /'
[[ $status == 0 ]] || { echo "   FAILED: exit code $status after SIGTERM"; failures=$((failures + 1)); }
check "stopped gracefully" 'shutdown in [0-9]+' "$work/serve.txt"

if [[ $failures -gt 0 ]]; then
    echo "== $failures check(s) failed; the containers' output is in $work (kept)"
    trap - EXIT
    exit 1
fi
echo "== the image runs"
