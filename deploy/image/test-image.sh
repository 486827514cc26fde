#!/usr/bin/env bash
# Proves that the container image runs, without a container runtime: unpacks the layers of
# target/mailbridge-image.tar into a root file system and runs the image's entrypoint there as the image's user, in new
# mount, PID and network namespaces (loopback only), the way a container runtime would. As root:
#
#   deploy/image/test-image.sh             # builds the image first: mvn -q -B -DskipTests -Pimage package
#   deploy/image/test-image.sh --no-build  # tests the tar that is there
#
# Checks: `--version`; `demo` as `docker run` gives it (a writable file system); `demo` with the root file system
# read-only and only /tmp and /app/data writable, as deploy/kubernetes runs it; `run` with accounts, pipelines and a
# password file mounted as deploy/kubernetes mounts them: its health probes on port 8080, and a graceful stop on
# SIGTERM with exit code 0. Needs unshare, nsenter, ip, curl and jq.
set -euo pipefail

project=$(cd "$(dirname "$0")/../.." && pwd)
image=$project/target/mailbridge-image.tar

if [[ $(id -u) != 0 ]]; then
    echo "test-image.sh: run as root (it unpacks files of other owners and makes namespaces)" >&2
    exit 1
fi
for tool in unshare nsenter ip curl jq tar; do
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

# What a runtime provides: /proc, a few device nodes, loopback. With --read-only also what the Kubernetes Deployment
# gives: a read-only root with tmpfs at /tmp and /app/data; --bind SOURCE:TARGET mounts a host folder read-only.
mkdir -p "$rootfs/proc" "$rootfs/dev"
for device in null zero random urandom; do
    touch "$rootfs/dev/$device"
done
setup='
rootfs=$1 read_only=$2 binds=$3 uid=$4 gid=$5 pidfile=$6
shift 6
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
for bind in $binds; do
    mount --bind "${bind%%:*}" "$rootfs${bind#*:}"
    mount -o remount,bind,ro "$rootfs${bind#*:}"
done
exec "$@"
'

# container [--read-only] [--bind SOURCE:TARGET]... [NAME=VALUE]... [-- ARG...]: runs the image's entrypoint with
# ARGs (the image's command when there are none) and the image's environment plus NAME=VALUE.
container() {
    local read_only=false binds='' extra_env=() args=()
    while [[ $# -gt 0 && $1 != -- ]]; do
        case $1 in
            --read-only) read_only=true ;;
            --bind) shift; binds+="$1 "; mkdir -p "$rootfs${1#*:}" ;;
            *) extra_env+=("$1") ;;
        esac
        shift
    done
    [[ ${1:-} == -- ]] && shift
    args=("$@")
    [[ ${#args[@]} -eq 0 ]] && args=("${cmd[@]}")
    unshare --mount --net --fork --kill-child bash -c "$setup" setup \
        "$rootfs" "$read_only" "$binds" "$uid" "$gid" "$work/container.pid" \
        env -i "${image_env[@]}" "${extra_env[@]}" "$(command -v unshare)" --pid --fork --kill-child --mount-proc \
        --root="$rootfs" --wd="$workdir" --setuid "$uid" --setgid "$gid" -- "${entrypoint[@]}" "${args[@]}"
}

failures=0
fail() {
    echo "   FAILED: $1"
    failures=$((failures + 1))
}
check() {
    local what=$1 pattern=$2 file=$3
    if grep -qE "$pattern" "$file"; then
        echo "   ok: $what"
    else
        fail "$what (no line matches '$pattern' in $(basename "$file"))"
    fi
}

echo "== mailbridge --version"
container -- --version > "$work/version.txt" 2>&1 || fail "exit code $?"
sed 's/^/   | /' "$work/version.txt"
check "prints the version, with the image's Java" '^mailbridge [0-9].* \(Apache Camel 4\..*, Java [0-9]' "$work/version.txt"

echo "== mailbridge demo, as docker run gives it: the image's file system, writable"
container -- demo > "$work/demo.txt" 2>&1 || fail "exit code $?"
grep -E '^(UID|[0-9] )|messages processed' "$work/demo.txt" | sed 's/^/   | /' || true
check "six messages consumed over IMAPS and written as JSON" '^6 messages processed; JSON in /app/out/demo' \
    "$work/demo.txt"
owners=$(stat -c %u "$rootfs"/app/out/demo/*.json 2>/dev/null | sort -u | tr '\n' ' ')
echo "   JSON files: $(find "$rootfs/app/out/demo" -name '*.json' | wc -l), owned by uid $owners"
[[ $owners == "$uid " ]] || fail "JSON written as uid $owners, not $uid"

echo "== mailbridge demo, read-only root with only /tmp and /app/data writable, as in deploy/kubernetes"
container --read-only MAILBRIDGE_OUTDIR=/app/data/out -- demo > "$work/demo-ro.txt" 2>&1 || fail "exit code $?"
grep -E 'messages processed|ERROR|Read-only' "$work/demo-ro.txt" | sed 's/^/   | /' || true
check "six messages processed with a read-only root" '^6 messages processed; JSON in /app/data/out/demo' \
    "$work/demo-ro.txt"

echo "== mailbridge run, mounted as deploy/kubernetes mounts it: read-only root, accounts and pipelines in"
echo "   /app/routes, the password a file in /run/secrets/mailbridge, health on 8080; no IMAP server answers"
mkdir -p "$work/routes" "$work/secrets"
cp "$project/routes/mail-to-json.camel.yaml" "$work/routes/"
printf '%s\n' 'accounts:' '  - name: support' '    username: support@example.com' \
    '    password: "{{file:/run/secrets/mailbridge/support-password}}"' '    host: 127.0.0.1' '    port: 9993' \
    > "$work/routes/accounts.yaml"
printf 'abcd efgh ijkl mnop\n' > "$work/secrets/support-password"
chmod -R a+rX "$work/routes" "$work/secrets"
rm -f "$work/container.pid"
container --read-only --bind "$work/routes:/app/routes" --bind "$work/secrets:/run/secrets/mailbridge" \
    CAMEL_MANAGEMENT_ENABLED=true MAILBRIDGE_OUTDIR=/app/data/out > "$work/run.txt" 2>&1 &
runner=$!
for _ in $(seq 100); do
    [[ -s "$work/container.pid" ]] && break
    sleep 0.1
done
namespace_pid=$(cat "$work/container.pid")
probe() {
    nsenter --net="/proc/$namespace_pid/ns/net" curl -s -o "$work/probe.txt" -w '%{http_code}' \
        "http://127.0.0.1:8080$1" 2>/dev/null || true
}
ready=000
for _ in $(seq 120); do
    ready=$(probe '/observe/health/ready?data=true')
    grep -q 'connection refused' "$work/probe.txt" 2>/dev/null && break
    sleep 0.5
done
echo "   GET /observe/health/ready -> $ready," \
     "$(grep -o '"name":"account-support","status":"[A-Z]*"' "$work/probe.txt" || echo 'no account-support check')"
[[ $ready == 503 ]] || fail "readiness $ready, not 503, while the account's server does not answer"
check "readiness gives the account's failure" 'connection refused by 127.0.0.1:9993' "$work/probe.txt"
live=$(probe /observe/health/live)
echo "   GET /observe/health/live -> $live $(head -c 160 "$work/probe.txt")"
[[ $live == 200 ]] || fail "liveness $live, not 200"
metrics=$(probe /observe/metrics)
echo "   GET /observe/metrics -> $metrics: $(grep '^mailbridge_account_up' "$work/probe.txt" || echo 'no mailbridge_account_up')"
java_pid=$(pgrep -P "$namespace_pid")
started=$(date +%s%N)
kill -TERM "$java_pid"
status=0
wait "$runner" || status=$?
runner=
echo "   SIGTERM -> exit code $status after $((($(date +%s%N) - started) / 1000000)) ms"
grep -E 'SIGTERM|shutdown in' "$work/run.txt" | sed 's/^/   | /' || true
[[ $status == 0 ]] || fail "exit code $status after SIGTERM, not 0"
check "stopped gracefully" 'shutdown in [0-9]+' "$work/run.txt"

if [[ $failures -gt 0 ]]; then
    echo "== $failures check(s) failed; the containers' output is in $work"
    trap - EXIT
    exit 1
fi
echo "== the image runs"
