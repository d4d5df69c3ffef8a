#!/usr/bin/env bash
# Runs every fuzz target for SECONDS (default 600), one after the other, one core each, niced.
# Working corpora, logs and crash inputs go to runs/<target>/ (ignored by git); the committed
# Corpus/<target>/ only seeds them. Build first (see README.md).
set -u
cd "$(dirname "$0")"
seconds="${1:-600}"
targets=(FuzzTerminalText FuzzCSVReader FuzzTokenVerification FuzzKeyDecoder FuzzOfflinePlanner FuzzSandbox FuzzBackupReading)
[ $# -gt 1 ] && targets=("${@:2}")
for target in "${targets[@]}"; do
    work="runs/$target"
    mkdir -p "$work/corpus" "$work/artifacts"
    echo "== $target for $seconds s"
    (cd "$work" && nice -n 10 ../../.build/debug/"$target" corpus ../../Corpus/"$target" \
        -workers=1 -jobs=1 -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=10 \
        -print_final_stats=1 -artifact_prefix=artifacts/ > run.log 2>&1)
    grep -E "stat::|DONE|ERROR|SUMMARY" "$work"/fuzz-0.log | tail -8
    echo "corpus files: $(ls "$work/corpus" | wc -l)"
    ls "$work/artifacts"
done
