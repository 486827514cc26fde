#!/usr/bin/env bash
# Start-up with many accounts, before and after a change, in one script (GitHub issue 14): for each round, mailbridge
# built from BEFORE (a commit) and then from the work tree drains the 50-, 100- and 1,000-account scenarios of
# bench/run.sh; prints each run's "every account served", start-up and watchdog restarts, with the load average.
#
#   bash bench/startup.sh [--before REV] [--rounds N] [--only NAME,...]
#
# Defaults: --before main, --rounds 1, --only accounts-50x10,accounts-100x10,accounts-1000x10. Same needs as
# bench/run.sh (root, Java 17, Maven); each run's report stays in bench/target/results/<time>/.
set -euo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
MAIN=$(dirname "$BENCH")
BEFORE=main; ROUNDS=1; ONLY=accounts-50x10,accounts-100x10,accounts-1000x10
while [ $# -gt 0 ]; do
    case "$1" in
        --before) BEFORE=$2; shift ;;
        --rounds) ROUNDS=$2; shift ;;
        --only) ONLY=$2; shift ;;
        *) echo "unknown option $1 (see the head of $0)" >&2; exit 2 ;;
    esac
    shift
done
BEFORE_COMMIT=$(git -C "$MAIN" rev-parse --short "$BEFORE")
AFTER="work tree on $(git -C "$MAIN" rev-parse --short HEAD)"
SUMMARY=$BENCH/target/startup-$(date -u +%Y%m%d-%H%M%S).md
mkdir -p "$BENCH/target"

run() {
    local label=$1; shift
    local load; load=$(cut -d' ' -f1-3 /proc/loadavg)
    # the previous run's Dovecot may hold run.sh's lock for a moment after it returned
    flock -w 120 "$BENCH/target/.run.lock" true
    bash "$BENCH/run.sh" --only "$ONLY" --contenders mailbridge --skip-profile "$@" >/dev/null \
        || { echo "| $label | run failed, see bench/target/results |"; return; }
    local report; report=$(ls -td "$BENCH"/target/results/*/ | head -1)report.md
    grep -E '^\| [0-9,]+ accounts .*\| mailbridge \|' "$report" | while IFS= read -r row; do
        local scenario; scenario=$(echo "$row" | cut -d'|' -f2 | xargs)
        local notes; notes=$(echo "$row" | awk -F'|' '{print $(NF-1)}')
        local served; served=$(echo "$notes" | grep -oE 'every account served [^;]*' || echo "not measured")
        local startup; startup=$(echo "$notes" | grep -oE 'start-up [0-9.,–]+ s' || true)
        local restarts; restarts=$(echo "$notes" | grep -oE 'watchdog restarts [0-9-]+' || true)
        echo "| $label | $scenario | $served | $startup | $restarts | $load | ${report#"$MAIN"/} |"
    done | tee -a "$SUMMARY"
}

{
    echo "| mailbridge | scenario | every account served (from JVM start) | start-up | watchdog | load before (1/5/15) | report |"
    echo "|---|---|---|---|---|---|---|"
} | tee "$SUMMARY"
for round in $(seq 1 "$ROUNDS"); do
    run "before ($BEFORE_COMMIT)" --ref "$BEFORE"
    run "after ($AFTER)"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg); summary: $SUMMARY"
