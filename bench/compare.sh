#!/usr/bin/env bash
# One scenario of bench/run.sh before and after a change, in one script, rounds alternating (GitHub issue 14): for
# each round, mailbridge built from BEFORE (a commit) and then from the work tree drains the scenario with the same
# raw baselines; prints each run's msg/s, mailbridge's first→last msg/s as a ratio of the faster raw way, its GC
# pauses (from -Xlog:gc) and the load average, then the medians and ranges of each side.
#
#   bash bench/compare.sh [--before REV] [--rounds N] [--only NAME] [--contenders NAME,...]
#
# Defaults: --before HEAD, --rounds 3, --only attach-200x1MiB, --contenders raw-each,raw-chunked,mailbridge.
# Same needs as bench/run.sh (root, Java 17, Maven). Unlike run.sh it installs nothing into the local Maven
# repository: each side's classes are compiled in a snapshot and put on the harness's class path in place of the
# mailbridge jar (the harness itself is built against the mailbridge artifact already there, which needs no change
# of mailbridge's dependencies between BEFORE and the work tree). Each run's report stays in
# bench/target/results/<time>/, the summary in bench/target/compare-<time>.md.
set -euo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
MAIN=$(dirname "$BENCH")
TARGET=$BENCH/target
BEFORE=HEAD; ROUNDS=3; ONLY=attach-200x1MiB; CONTENDERS=raw-each,raw-chunked,mailbridge
while [ $# -gt 0 ]; do
    case "$1" in
        --before) BEFORE=$2; shift ;;
        --rounds) ROUNDS=$2; shift ;;
        --only) ONLY=$2; shift ;;
        --contenders) CONTENDERS=$2; shift ;;
        *) echo "unknown option $1 (see the head of $0)" >&2; exit 2 ;;
    esac
    shift
done
STAMP=$(date -u +%Y%m%d-%H%M%S)
SUMMARY=$TARGET/compare-$STAMP.md
BUILDS=$TARGET/compare-builds
log() { echo "[compare] $*" >&2; }

# --- both sides' classes, jarred as the mailbridge artifact the harness's class path expects ---------------------
build() {
    local side=$1 dir=$BUILDS/$1
    rm -rf "$dir" && mkdir -p "$dir/src"
    # one module (src/) before the split, core/ + testkit/ after it; routes/ holds core's default pipeline
    local parts
    if [ "$side" = before ]; then
        parts=$(git -C "$MAIN" ls-tree --name-only "$BEFORE" pom.xml src core testkit routes)
        git -C "$MAIN" archive --format=tar "$BEFORE" $parts | tar -x -C "$dir/src"
    else
        parts=$(cd "$MAIN" && ls -d pom.xml src core testkit routes 2>/dev/null || true)
        tar -C "$MAIN" --exclude=target -cf - $parts | tar -x -C "$dir/src"
    fi
    mvn -o -q -B -Dstyle.color=never compile -f "$dir/src/pom.xml" \
        || mvn -q -B -Dstyle.color=never compile -f "$dir/src/pom.xml"
    local classes=$dir/src/target/classes
    [ -d "$dir/src/core" ] && classes=$dir/src/core/target/classes
    jar cf "$dir/mailbridge.jar" -C "$classes" .
}
BEFORE_LABEL="before ($(git -C "$MAIN" rev-parse --short "$BEFORE"))"
AFTER_LABEL="after (work tree on $(git -C "$MAIN" rev-parse --short HEAD)"
if [ -n "$(git -C "$MAIN" status --porcelain -- pom.xml src core routes 2>/dev/null)" ]; then
    AFTER_LABEL="$AFTER_LABEL, with uncommitted changes"
fi
AFTER_LABEL="$AFTER_LABEL)"
log "building $BEFORE_LABEL and $AFTER_LABEL"
build before
build after
mkdir -p "$TARGET"
(cd "$BENCH" && { mvn -o -q -B -Dstyle.color=never package || mvn -q -B -Dstyle.color=never package; })
ARTIFACT=$(ls "$TARGET"/lib/mailbridge-*.jar)

# --- the runs ------------------------------------------------------------------------------------------------------
run() {
    local side=$1 label=$2 round=$3
    local load; load=$(cut -d' ' -f1-3 /proc/loadavg)
    cp "$BUILDS/$side/mailbridge.jar" "$ARTIFACT"
    echo "$label" > "$TARGET/source.txt"
    # the previous run's Dovecot may hold run.sh's lock for a moment after it returned
    flock -w 120 "$TARGET/.run.lock" true
    BENCH_CHILD_JVM_FLAGS="-Xlog:gc:file=gc.log" bash "$BENCH/run.sh" --no-build --only "$ONLY" \
        --contenders "$CONTENDERS" --skip-profile >/dev/null \
        || { echo "| $side | $round | run failed, see bench/target/results |"; return; }
    local results; results=$(ls -td "$TARGET"/results/*/ | head -1)
    python3 - "$results" "$side" "$round" "$load" <<'PY'
import pathlib, re, sys
results, side, round_, load = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
rows = {}
for line in (results / "report.md").read_text().splitlines():
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if len(cells) == 15 and cells[3].replace(",", "").isdigit():
        rows[cells[1]] = cells
num = lambda text: float(text.replace(",", "")) if text not in ("", "–") else None
raw = max(num(rows[k][6]) for k in rows if k.startswith("raw-"))
cells = []
for kind in rows:
    if kind.startswith("raw-"):
        cells.append(f"{kind} {rows[kind][6]} msg/s; CPU {rows[kind][10]} ms/msg")
    else:
        steady = num(rows[kind][9])
        pauses = []
        for gc in (results / "work").glob(f"*-{kind}/gc.log"):
            pauses += [float(m.group(1)) for m in re.finditer(r"Pause .* ([0-9.]+)ms$", gc.read_text(), re.M)]
        humongous = sum(gc.read_text().count("Humongous") for gc in (results / "work").glob(f"*-{kind}/gc.log"))
        cells.append(f"{kind} {steady:.0f} msg/s first→last = {steady / raw:.2f} × raw; CPU {rows[kind][10]} ms/msg;"
                     f" peak heap {rows[kind][11]} MiB; GC pauses {len(pauses)}, {sum(pauses) / 1000:.2f} s,"
                     f" {humongous} for humongous allocations")
print(f"| {side} | {round_} | " + " | ".join(cells) + f" | {load} | {results.name} |")
PY
}

echo "| side | round | contenders ... | load before (1/5/15) | results |" > "$SUMMARY"
echo "|---|---|---|---|---|" >> "$SUMMARY"
for round in $(seq 1 "$ROUNDS"); do
    run before "$BEFORE_LABEL" "$round" | tee -a "$SUMMARY"
    run after "$AFTER_LABEL" "$round" | tee -a "$SUMMARY"
done
python3 - "$SUMMARY" <<'PY' | tee -a "$SUMMARY"
import re, statistics, sys
lines = open(sys.argv[1]).read().splitlines()
print()
for side in ("before", "after"):
    figures = {}
    for line in lines:
        if line.startswith(f"| {side} |"):
            for kind, ratio, cpu, pauses, seconds in re.findall(
                    r"(mailbridge[\w-]*) \d+ msg/s first→last = ([0-9.]+) × raw; CPU ([0-9.]+) ms/msg;"
                    r" peak heap \S+ MiB; GC pauses (\d+), ([0-9.]+) s", line):
                for name, value in (("first→last ÷ raw", ratio), ("CPU ms/msg", cpu), ("GC pauses", pauses),
                                    ("GC pause s", seconds)):
                    figures.setdefault((kind, name), []).append(float(value))
    for (kind, name), values in figures.items():
        print(f"- {side}, {kind}, {name}: median {statistics.median(values):g}"
              f" (range {min(values):g}–{max(values):g}, {len(values)} runs)")
PY
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg); summary: $SUMMARY" >&2
