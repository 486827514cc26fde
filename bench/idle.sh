#!/usr/bin/env bash
# IMAP IDLE (GitHub issue 13): how soon new mail reaches the pipeline with IDLE and with polling only, on a private
# Dovecot on loopback, in one run; and what 1,000 accounts in IDLE cost in threads and heap. See BENCHMARKS.md.
#
#   bash bench/idle.sh [--messages N] [--poll S] [--idle-poll S] [--loaded N] [--accounts N] [--only A,B] [--no-build]
#
#   --messages N   messages APPENDed one at a time (300-800 ms apart) per latency run (default 40)
#   --poll S       pollInterval of the runs (default 10: the polling baseline waits up to that long)
#   --loaded N     messages already in the "loaded" mailbox (default 10000)
#   --accounts N   accounts of the many-accounts runs (default 1000)
#   --idle-poll S  pollInterval of the many-accounts run with IDLE (default 300: IDLE brings the mail, polls are
#                  the fallback; at 10 s, 1,000 accounts keep the poll threads busy and wake-ups queue behind polls)
#   --only A,B     only these runs (quiet-idle, quiet-poll, loaded-idle, loaded-poll, mdbox-idle, mdbox-poll,
#                  accounts-idle, accounts-poll); mdbox-*: the loaded mailbox's messages in Dovecot's mdbox format
#   --no-build     reuse the previous run's mailbridge.jar
#
# Each run is its own JVM (bench/idle/IdleLatency.java, started with the built mailbridge.jar on its class path):
# it starts mailbridge with the accounts, waits until each is ready (IDLE watching, or first poll done), counts the
# JVM's threads and its heap after a GC, then APPENDs and measures APPEND-to-pipeline time. Needs root (Dovecot, run
# as in bench/run.sh), Java 17, Maven. Everything stays under bench/target/idle/.
set -euo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
source "$BENCH/dovecot-lib.sh"
MAIN=$(dirname "$BENCH")
TARGET=$BENCH/target/idle
COMMAND="bash bench/idle.sh${*:+ $*}"
MESSAGES=40; POLL=10; IDLE_POLL=300; LOADED=10000; ACCOUNTS=1000; BUILD=true; ONLY=
while [ $# -gt 0 ]; do
    case "$1" in
        --messages) MESSAGES=$2; shift ;;
        --poll) POLL=$2; shift ;;
        --loaded) LOADED=$2; shift ;;
        --accounts) ACCOUNTS=$2; shift ;;
        --idle-poll) IDLE_POLL=$2; shift ;;
        --only) ONLY=$2; shift ;;
        --no-build) BUILD=false ;;
        *) echo "unknown option $1 (see the head of $0)" >&2; exit 2 ;;
    esac
    shift
done
log() { echo "[idle] $*" >&2; }
mkdir -p "$TARGET"
exec 9>"$TARGET/.lock"
flock -n 9 || { echo "another bench/idle.sh is running in $MAIN" >&2; exit 1; }

# --- mailbridge.jar from a snapshot of the work tree (package only: nothing goes to the local repository) --------
SRC=$TARGET/src
if [ "$BUILD" = true ] || [ ! -f "$SRC/target/mailbridge.jar" ]; then
    rm -rf "$SRC" && mkdir -p "$SRC"
    PARTS=$(cd "$MAIN" && ls -d pom.xml src core testkit routes 2>/dev/null || true)
    tar -C "$MAIN" --exclude=target -cf - $PARTS | tar -x -C "$SRC"
    log "building mailbridge.jar (work tree on $(git -C "$MAIN" rev-parse --short HEAD))"
    mvn -o -q -B -Dstyle.color=never -DskipTests -Dinvoker.skip package -f "$SRC/pom.xml" \
        || mvn -q -B -Dstyle.color=never -DskipTests -Dinvoker.skip package -f "$SRC/pom.xml"
fi
JAR=$SRC/target/mailbridge.jar

# --- a private Dovecot, as bench/run.sh makes it, with room for two connections per account --------------------------
DOVECOT=$TARGET/dovecot
PASSWORD=bench-$(date +%s)
TRUST_PASSWORD=bench-trust
dovecot_prepare "$DOVECOT" "$TRUST_PASSWORD"
{
    echo "quiet:{PLAIN}$PASSWORD"
    echo "loaded:{PLAIN}$PASSWORD"
    echo "loadedmdbox:{PLAIN}$PASSWORD"
    for i in $(seq 1 "$ACCOUNTS"); do printf 'acct%04d:{PLAIN}%s\n' "$i" "$PASSWORD"; done
} > "$DOVECOT/users"
PORT=$(free_loopback_port 11193 11293)
LIMIT=$((ACCOUNTS * 2 + 500))
cat > "$DOVECOT/dovecot.conf" <<CONF
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
  driver = passwd-file
  args = username_format=%u $DOVECOT/userdb
}
userdb {
  driver = static
  args = uid=mail gid=mail home=$DOVECOT/mail/%u
}
first_valid_uid = 8
mail_location = maildir:~/Maildir
verbose_proctitle = yes
default_process_limit = $LIMIT
default_client_limit = $((LIMIT * 2))
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
  client_limit = $LIMIT
}
service imap {
  process_limit = $LIMIT
}
service anvil {
  client_limit = $((LIMIT * 2 + 10))
}
service auth {
  unix_listener auth-userdb {
    mode = 0666
  }
}
CONF
# the same messages in mdbox for "loadedmdbox" (imported once Dovecot runs)
echo "loadedmdbox::$(id -u mail):$(id -g mail)::$DOVECOT/mail/loadedmdbox::mail=mdbox:~/mdbox" > "$DOVECOT/userdb"
# the "loaded" mailbox: LOADED small messages, seen, written straight into its Maildir
mkdir -p "$DOVECOT/mail/loaded/Maildir"/{cur,new,tmp}
# (named as Dovecot names them, with their size: without it Dovecot stats every file at each sync)
for i in $(seq 1 "$LOADED"); do
    printf -v body 'From: load@example.org\r\nTo: loaded@example.org\r\nSubject: load %d\r\nMessage-ID: <load-%d@example.org>\r\n\r\nbody %d\r\n' \
        "$i" "$i" "$i"
    printf '%s' "$body" > "$DOVECOT/mail/loaded/Maildir/cur/$((1700000000 + i)).M${i}P1.bench,S=${#body},W=${#body}:2,S"
done
chmod 755 "$BENCH/target" "$TARGET" "$DOVECOT"
chown -R mail:mail "$DOVECOT/mail"
doveconf -c "$DOVECOT/dovecot.conf" -n > /dev/null
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
# Dovecot learns of new mail in an IDLEd Maildir through inotify: one instance per imap process
INOTIFY=$(cat /proc/sys/fs/inotify/max_user_instances)
if [ "$INOTIFY" -lt $((ACCOUNTS * 4 + 100)) ]; then
    sysctl -q -w fs.inotify.max_user_instances=$((ACCOUNTS * 4 + 100)) 2>/dev/null \
        || log "fs.inotify.max_user_instances stays $INOTIFY: past that many IDLEs Dovecot checks every 30 s instead"
fi
/usr/sbin/dovecot -c "$DOVECOT/dovecot.conf"
stop_dovecot() {
    if [ -f "$DOVECOT/run/master.pid" ]; then kill "$(cat "$DOVECOT/run/master.pid")" 2>/dev/null || true; fi
    if [ -n "${SAVED_INOTIFY:-}" ]; then sysctl -q -w fs.inotify.max_user_instances="$SAVED_INOTIFY" 2>/dev/null || true; fi
}
SAVED_INOTIFY=$INOTIFY
trap stop_dovecot EXIT
await_loopback_port "$PORT"
log "Dovecot $(/usr/sbin/dovecot --version) on 127.0.0.1:$PORT"
if [ -z "$ONLY" ] || [[ ",$ONLY," == *",mdbox-"* ]]; then
    doveadm -c "$DOVECOT/dovecot.conf" import -u loadedmdbox "maildir:$DOVECOT/mail/loaded/Maildir" "" all
    log "imported $(doveadm -c "$DOVECOT/dovecot.conf" mailbox status -u loadedmdbox messages INBOX) into loadedmdbox's mdbox"
fi

RESULTS=$TARGET/results-$(date -u +%Y%m%d-%H%M%S).md
probe() {
    local name=$1; shift
    if [ -n "$ONLY" ] && [[ ",$ONLY," != *",$name,"* ]]; then return; fi
    java -Xmx768m -cp "$JAR" "$BENCH/idle/IdleLatency.java" --port "$PORT" --password "$PASSWORD" \
        --trust "$DOVECOT/truststore.p12" --trust-password "$TRUST_PASSWORD" --poll "$POLL" "$@" \
        2>"$TARGET/last-run.log" | grep '^| ' || { log "run $* failed: see $TARGET/last-run.log"; tail -20 "$TARGET/last-run.log" >&2; }
}
{
    echo "Command: \`$COMMAND\` (work tree on $(git -C "$MAIN" rev-parse --short HEAD)), $(date -u +%Y-%m-%dT%H:%MZ)," \
        "$(nproc) cores, load before $(cut -d' ' -f1-3 /proc/loadavg), Dovecot $(/usr/sbin/dovecot --version | cut -d' ' -f1)," \
        "fs.inotify.max_user_instances $(cat /proc/sys/fs/inotify/max_user_instances)."
    echo
    echo "| run | idle | accounts | pollInterval (s) | delivered | p50 | p99 | max | p50 / p99 from APPEND's OK | APPEND p50 | JVM threads | heap after GC (MiB) | all ready after (s) |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
} | tee "$RESULTS"
probe quiet-idle --label quiet-idle --mode auto --accounts 1 --user quiet --messages "$MESSAGES" | tee -a "$RESULTS"
probe quiet-poll --label quiet-poll --mode off --accounts 1 --user quiet --messages "$MESSAGES" | tee -a "$RESULTS"
probe loaded-idle --label "loaded-$LOADED-idle" --mode auto --accounts 1 --user loaded --messages "$MESSAGES" \
    | tee -a "$RESULTS"
probe loaded-poll --label "loaded-$LOADED-poll" --mode off --accounts 1 --user loaded --messages "$MESSAGES" \
    | tee -a "$RESULTS"
probe mdbox-idle --label "loaded-$LOADED-mdbox-idle" --mode auto --accounts 1 --user loadedmdbox \
    --messages "$MESSAGES" | tee -a "$RESULTS"
probe mdbox-poll --label "loaded-$LOADED-mdbox-poll" --mode off --accounts 1 --user loadedmdbox \
    --messages "$MESSAGES" | tee -a "$RESULTS"
# many accounts: with IDLE at a fallback poll interval; without, the same accounts only for threads and heap
probe accounts-idle --label "accounts-$ACCOUNTS-idle" --mode auto --accounts "$ACCOUNTS" --user acct \
    --messages "$MESSAGES" --poll "$IDLE_POLL" | tee -a "$RESULTS"
probe accounts-poll --label "accounts-$ACCOUNTS-poll" --mode off --accounts "$ACCOUNTS" --user acct --messages 0 \
    --poll "$IDLE_POLL" | tee -a "$RESULTS"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg); Dovecot log lines with error/fatal: $(grep -c -i -E 'fatal|error' "$DOVECOT/dovecot.log" || true)" | tee -a "$RESULTS"
log "results: $RESULTS"
