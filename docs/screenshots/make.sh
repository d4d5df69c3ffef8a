#!/bin/sh
# Regenerates the README's screenshots from real runs of the console.
#
# Each screen is the real binary in a detached tmux session on a throwaway demo home:
# `tmux capture-pane -e` keeps the colors, `aha` turns them into HTML, and headless Chromium
# renders the HTML to PNG. Needs tmux, aha and chromium (Debian: apt-get install tmux aha
# chromium fonts-dejavu-core fonts-noto-cjk). Run from the repository root:
#
#     swift build -c release --product bulkhead && docs/screenshots/make.sh
#
# BULKHEAD_BIN picks another binary. Nothing outside a temporary folder is touched.
set -eu

BIN=${BULKHEAD_BIN:-.build/release/bulkhead}
OUT=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
SOCK="$WORK/tmux.sock"
HOME_DIR="$WORK/home"
trap 'tmux -S "$SOCK" kill-server 2>/dev/null || true; rm -rf "$WORK"' EXIT INT TERM

[ -x "$BIN" ] || { echo "no binary at $BIN; build it first" >&2; exit 1; }
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")

# start NAME WIDTH HEIGHT ARGS...: the console in a new tmux session.
start() {
    name=$1 width=$2 height=$3
    shift 3
    tmux -S "$SOCK" new-session -d -s "$name" -x "$width" -y "$height" \
        "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color '$BIN' --home '$HOME_DIR' $*; sleep 60"
}

# wait_for NAME TEXT [SECONDS]: until the screen shows TEXT.
wait_for() {
    tries=$(( ${3:-30} * 10 ))
    while [ "$tries" -gt 0 ]; do
        if tmux -S "$SOCK" capture-pane -p -t "$1" | grep -qF -- "$2"; then sleep 0.3; return 0; fi
        sleep 0.1
        tries=$((tries - 1))
    done
    echo "timed out waiting for '$2' in $1:" >&2
    tmux -S "$SOCK" capture-pane -p -t "$1" >&2
    exit 1
}

keys() { s=$1; shift; tmux -S "$SOCK" send-keys -t "$s" "$@"; }
type_text() { tmux -S "$SOCK" send-keys -t "$1" -l "$2"; }

# shot NAME FILE: the screen, with its colors, to FILE.png.
shot() {
    tmux -S "$SOCK" capture-pane -e -p -t "$1" > "$WORK/$2.ans"
    {
        printf '<!doctype html><html><head><meta charset="utf-8"><style>'
        printf 'html,body{margin:0;background:#1a1b26}'
        printf 'pre{margin:0;padding:10px;font:15px/1.25 "DejaVu Sans Mono","Noto Sans Mono CJK SC",monospace;color:#c0caf5;background:#1a1b26}'
        printf '</style></head><body><pre>'
        aha --no-header < "$WORK/$2.ans"
        printf '</pre></body></html>\n'
    } > "$WORK/$2.html"
    width=$(tmux -S "$SOCK" display -p -t "$1" '#{window_width}')
    height=$(tmux -S "$SOCK" display -p -t "$1" '#{window_height}')
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
        --window-size=$((width * 9 + 20)),$((height * 19 + 20)) --screenshot="$OUT/$2.png" "file://$WORK/$2.html" 2>/dev/null
    echo "wrote docs/screenshots/$2.png"
}

# The split demo, on a fresh home: Acme left, Globex right, one question asked in both.
start split 170 42 demo --split
wait_for split "gus@globex.test" 90
wait_for split "◆ clinic"
keys split C-a
type_text split "how many names per city"
keys split Enter
wait_for split "8 rows" 60
wait_for split "5 rows" 60
shot split split
keys split q
wait_for split "Passwords are shown only now" 20
PASSWORD=$(tmux -S "$SOCK" capture-pane -p -J -S -50 -t split | awk '$1 == "ada@acme.test" { print $4; exit }')
tmux -S "$SOCK" kill-session -t split
printf '%s\n' "$PASSWORD" | "$BIN" --home "$HOME_DIR" login ada@acme.test > /dev/null

# Ada's console: sources, an answer as a chart, the inspector, the audit and a replay.
start ada 120 34
wait_for ada "◆ retail"
keys ada Enter
wait_for ada "▸ ▦ customers"
keys ada j Enter
wait_for ada "customers · 600 rows"
shot ada sources
type_text ada 2
type_text ada "how many names per city"
keys ada Enter
wait_for ada "8 rows" 60
type_text ada c
wait_for ada "█ count"
shot ada ask-chart
type_text ada I
wait_for ada "Sections"
keys ada Enter
sleep 0.5
shot ada inspector
type_text ada 4
type_text ada r
wait_for ada "held" 240
shot ada audit
keys ada Enter
wait_for ada "Replay"
shot ada audit-replay
keys ada Escape
type_text ada q
