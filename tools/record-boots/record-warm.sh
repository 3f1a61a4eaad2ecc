#!/bin/bash
# Records one boot of a copy of IMAGE through a pre-warmed cache in front of a slowed disk server:
# the live-mount set-up rtolab models (a media agent's cache, pre-staged from an operational
# profile, in front of slow secondary storage), built from stock nbdkit pieces.
#
#   QEMU ── front nbdkit: log filter → cache filter (cache=unsafe, cache-on-read=true) → nbd plugin
#                                                                          │ unix socket
#           back nbdkit:  log filter → delay filter (rdelay=wdelay=DELAY) → file plugin (run.img)
#
# Before the boot, the front is warmed by reading, through it, every extent the profile trace
# (an rtolab CSV of an earlier boot) read: the cache then holds the profile's 64 KiB cache blocks.
# Guest writes stay in the cache (cache=unsafe: flushes are not passed on), as a live mount's
# writes stay in its local write area; a write to part of an uncached block first reads the block.
# Writes $WORK/log/NAME.log (the front's log from the guest's connection on: what the guest saw),
# NAME.warm.log (the warming connection), NAME.backend.log (every request that reached the slowed
# server: the cache's misses) and NAME.console. SMP, SETTLE and BOOT as in record.sh; CACHE_MODE=writeback
# or writethrough sets the cache filter's mode (default unsafe: flushes are not passed on).
# usage: record-warm.sh NAME IMAGE PROFILE.csv DELAY     e.g. record-warm.sh k3warm_d20ms base.img k3boot9.csv 20ms
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/boot-guest.sh"
WORK=${WORK:-$here/work}
cd "$WORK"
name=$1; image=$2; profile=$3; delay=$4
cp --sparse=always "$image" run.img
# SETTLE=1: write the copy back to disk (sync) and wait 5 s before the boot, so the host is not
# writing the copy's dirty pages while the guest starts (the shipped recordings were made without).
if [ "${SETTLE:-0}" = 1 ]; then sync; sleep 5; fi
back=/tmp/record-warm-back-$$.sock; front=/tmp/record-warm-front-$$.sock
rm -f "$back" "$front" "log/$name".{log,warm.log,backend.log,console} "log/$name.front.log"
nbdkit -f -U "$back" --filter=log --filter=delay file run.img logfile="log/$name.backend.log" \
  rdelay="$delay" wdelay="$delay" &
backpid=$!
wait_for_socket "$back"
nbdkit -f -U "$front" --filter=log --filter=cache nbd socket="$back" logfile="log/$name.front.log" \
  cache="${CACHE_MODE:-unsafe}" cache-on-read=true &
frontpid=$!
wait_for_socket "$front"
# Warm: the profile's read extents, adjacent and overlapping ones merged, read in ascending order.
python3 - "$profile" > "log/$name.warm.cmds" <<'EOF'
import csv, sys
extents = sorted((int(r["offset"]), int(r["offset"]) + int(r["length"]))
                 for r in csv.DictReader(open(sys.argv[1])) if r["op"] == "R")
merged = []
for start, end in extents:
    if merged and start <= merged[-1][1]:
        merged[-1][1] = max(merged[-1][1], end)
    else:
        merged.append([start, end])
for start, end in merged:
    print(f"read -q {start} {end - start}")
EOF
qemu-io -f raw "nbd+unix:///?socket=$front" < "log/$name.warm.cmds" > /dev/null
sleep 1
warmlines=$(wc -l < "log/$name.front.log")
boot_guest "$front" "log/$name.console" 300
kill $frontpid; wait $frontpid 2>/dev/null || true
kill $backpid; wait $backpid 2>/dev/null || true
head -n "$warmlines" "log/$name.front.log" > "log/$name.warm.log"
tail -n +"$((warmlines + 1))" "log/$name.front.log" > "log/$name.log"
rm "log/$name.front.log"
python3 "$here/service_ready.py" "log/$name.log" "log/$name.console"
