#!/usr/bin/env bash
# The mailbridge benchmark (GitHub issue 5): raw Angus Mail vs stock camel-mail vs mailbridge end to end,
# draining the same mailboxes of a private Dovecot on loopback, in one run. See BENCHMARKS.md.
#
#   bash bench/run.sh [--quick] [--ref REV] [--only NAME,...] [--contenders NAME,...] [--max-wait S]
#                     [--skip-profile] [--no-write] [--no-build]
#
#   --quick         small sizes, a smoke run of a few minutes; never writes BENCHMARKS.md
#   --ref REV       measure the committed revision REV (git archive) instead of the working tree
#   --only ...      only these scenarios (names as printed, e.g. small-10000,accounts-1000x10)
#   --contenders .. only these contenders (raw-each,raw-chunked,camel-mail,mailbridge,mailbridge-warm,mailbridge-1s)
#   --skip-profile  no protocol trace and no JFR profile
#   --no-write      a full run that leaves BENCHMARKS.md alone (so does any run with --only, --contenders, --max-wait)
#   --no-build      reuse the mailbridge and harness build of the previous run
#   --max-wait S    give up on a contender after S seconds at most (default: per scenario, up to 24 min)
#
# BENCH_CHILD_JVM_FLAGS="..." adds JVM flags to every contender JVM (e.g. -XX:StartFlightRecording=filename=x.jfr).
#
# Needs root (installs dovecot-imapd with apt-get when missing; hands the Maildirs to mail:mail), Java 17, Maven.
# Everything it makes stays under bench/target/: the Dovecot instance, the results of each run.
set -euo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
source "$BENCH/dovecot-lib.sh"
MAIN=$(dirname "$BENCH")
TARGET=$BENCH/target
COMMAND="bash bench/run.sh${*:+ $*}"

QUICK=false; REF=""; ONLY=""; CONTENDERS=""; MAX_WAIT=""; SKIP_PROFILE=false; WRITE=true; BUILD=true
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) QUICK=true ;;
        --ref) REF=$2; shift ;;
        --only) ONLY=$2; shift ;;
        --contenders) CONTENDERS=$2; shift ;;
        --max-wait) MAX_WAIT=$2; shift ;;
        --skip-profile) SKIP_PROFILE=true ;;
        --no-write) WRITE=false ;;
        --no-build) BUILD=false ;;
        *) echo "unknown option $1 (see the head of $0)" >&2; exit 2 ;;
    esac
    shift
done
log() { echo "[bench] $*"; }

# one run at a time per work tree: a second one would take over the first one's Dovecot
mkdir -p "$TARGET"
exec 9>"$TARGET/.run.lock"
flock -n 9 || { echo "another bench/run.sh is running in $MAIN" >&2; exit 1; }

# --- Dovecot from Debian's packages -------------------------------------------------------------------------
if [ ! -x /usr/sbin/dovecot ] || [ ! -e /usr/lib/dovecot/imap ]; then
    log "installing dovecot-imapd"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-imapd >/dev/null
fi

# --- mailbridge, built from a snapshot so concurrent builds of the work tree cannot change it mid-run ----------
SRC=$TARGET/mailbridge-src
if [ "$BUILD" = false ] && [ -f "$TARGET/source.txt" ] && [ -d "$TARGET/lib" ]; then
    SOURCE=$(cat "$TARGET/source.txt")
    log "reusing the build of mailbridge ($SOURCE) and the harness"
else
    rm -rf "$SRC" && mkdir -p "$SRC"
    if [ -n "$REF" ]; then
        # the sources as laid out at that commit: one module (src/) or core/ + testkit/, with routes/ for core's resources
        PARTS=$(git -C "$MAIN" ls-tree --name-only "$REF" pom.xml src core testkit routes)
        git -C "$MAIN" archive --format=tar "$REF" $PARTS | tar -x -C "$SRC"
        SOURCE="commit $(git -C "$MAIN" rev-parse --short "$REF")"
    else
        PARTS=$(cd "$MAIN" && ls -d pom.xml src core testkit routes 2>/dev/null || true)
        tar -C "$MAIN" --exclude=target -cf - $PARTS | tar -x -C "$SRC"
        SOURCE="work tree on commit $(git -C "$MAIN" rev-parse --short HEAD)"
        if [ -n "$(git -C "$MAIN" status --porcelain -- $PARTS 2>/dev/null)" ]; then
            SOURCE="$SOURCE, with uncommitted changes"
        fi
    fi
    log "building mailbridge ($SOURCE) and the harness"
    # offline first: on a machine that built mailbridge before, every dependency is in the local repository
    mvn -o -q -B -Dstyle.color=never -Dmaven.test.skip=true -Dinvoker.skip install -f "$SRC/pom.xml" \
        || mvn -q -B -Dstyle.color=never -Dmaven.test.skip=true -Dinvoker.skip install -f "$SRC/pom.xml"
    rm -rf "$TARGET/lib"
    mvn -o -q -B -Dstyle.color=never -f "$BENCH/pom.xml" package || mvn -q -B -Dstyle.color=never -f "$BENCH/pom.xml" package
    echo "$SOURCE" > "$TARGET/source.txt"
fi

# --- a private Dovecot: IMAPS on a free loopback port, a SAN certificate, users in a passwd-file ---------------
DOVECOT=$TARGET/dovecot
PASSWORD=bench-$(date +%s)
TRUST_PASSWORD=bench-trust
dovecot_prepare "$DOVECOT" "$TRUST_PASSWORD"
{
    echo "bench:{PLAIN}$PASSWORD"
    echo "warmup:{PLAIN}$PASSWORD"
    for i in $(seq 1 1000); do printf 'acct%04d:{PLAIN}%s\n' "$i" "$PASSWORD"; done
} > "$DOVECOT/users"

PORT=$(free_loopback_port 10993 11093)

cat > "$DOVECOT/dovecot.conf" <<CONF
# A private, loopback-only Dovecot for the benchmark (see /work/shared/research/dovecot-loopback.md).
protocols = imap
listen = 127.0.0.1
base_dir = $DOVECOT/run
state_dir = $DOVECOT/state
log_path = $DOVECOT/dovecot.log
info_log_path = $DOVECOT/dovecot.log
ssl = required
ssl_cert = <$DOVECOT/server.crt
ssl_key = <$DOVECOT/server.key
ssl_min_protocol = TLSv1.2
auth_mechanisms = plain login
disable_plaintext_auth = yes
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $DOVECOT/users
}
userdb {
  driver = static
  args = uid=mail gid=mail home=$DOVECOT/mail/%u
}
first_valid_uid = 8
mail_location = maildir:~/Maildir
# up to 1,000 accounts connected twice at once (a poll and an IDLE connection, one imap process each)
default_process_limit = 2500
default_client_limit = 6000
mail_max_userip_connections = 20
service imap-login {
  inet_listener imap {
    port = 0
  }
  inet_listener imaps {
    port = $PORT
    ssl = yes
  }
  service_count = 0
  process_min_avail = 2
  client_limit = 3000
}
service imap {
  process_limit = 2500
}
service auth {
  unix_listener auth-userdb {
    mode = 0666
  }
}
CONF
chmod 755 "$TARGET" "$DOVECOT"
chown -R mail:mail "$DOVECOT/mail"
doveconf -c "$DOVECOT/dovecot.conf" -n > /dev/null
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
/usr/sbin/dovecot -c "$DOVECOT/dovecot.conf"
stop_dovecot() {
    if [ -f "$DOVECOT/run/master.pid" ]; then
        kill "$(cat "$DOVECOT/run/master.pid")" 2>/dev/null || true
    fi
}
trap stop_dovecot EXIT
await_loopback_port "$PORT"
DOVECOT_VERSION=$(/usr/sbin/dovecot --version)
log "Dovecot $DOVECOT_VERSION on 127.0.0.1:$PORT (IMAPS), config $DOVECOT/dovecot.conf"

# --- the harness -------------------------------------------------------------------------------------------------
RESULTS=$TARGET/results/$(date -u +%Y%m%d-%H%M%S)$([ "$QUICK" = true ] && echo -quick || true)
mkdir -p "$RESULTS"
ARGS=(--port "$PORT" --password "$PASSWORD" --trust-store "$DOVECOT/truststore.p12"
      --trust-store-password "$TRUST_PASSWORD" --mail-root "$DOVECOT/mail" --results "$RESULTS"
      --command "$COMMAND" --source "$SOURCE" --dovecot-version "$DOVECOT_VERSION"
      --benchmarks "$MAIN/BENCHMARKS.md")
[ "$QUICK" = true ] && ARGS+=(--quick)
[ -n "$ONLY" ] && ARGS+=(--only "$ONLY")
[ -n "$CONTENDERS" ] && ARGS+=(--contenders "$CONTENDERS")
[ -n "$MAX_WAIT" ] && ARGS+=(--max-wait "$MAX_WAIT")
[ "$SKIP_PROFILE" = true ] && ARGS+=(--skip-profile)
[ "$QUICK" = false ] && [ "$WRITE" = true ] && [ -z "$ONLY$CONTENDERS$MAX_WAIT" ] && ARGS+=(--write-benchmarks)
java -cp "$TARGET/classes:$TARGET/lib/*" io.mailbridge.bench.Bench "${ARGS[@]}" 2>&1 | tee "$RESULTS/bench.log"
status=${PIPESTATUS[0]}

problems=$(grep -c -i -E 'fatal|panic|error|reached' "$DOVECOT/dovecot.log" || true)
log "Dovecot log: $problems line(s) with fatal/panic/error/limit reached ($DOVECOT/dovecot.log)"
cp "$DOVECOT/dovecot.log" "$RESULTS/" 2>/dev/null || true
exit "$status"
