#!/bin/bash
# Records one kernel-direct boot of a copy of IMAGE at the virtual-disk boundary, the way the
# shared traces were made: QEMU TCG (2 vCPUs, 1 GiB, virtio-blk, no NIC) on nbdkit's file plugin
# with its log filter, and any filters given after -- beneath it (the delay or rate filter). The
# guest's ready.service prints SERVICE-READY on the serial console after fetching its page once;
# console lines are timestamped on the host (moreutils ts, UTC), the clock nbdkit's log uses.
# Writes $WORK/log/NAME.log (nbdkit's log) and NAME.console; keeps the booted image as KEEP if given.
# SMP=1 or SMP=4 in the environment boots the guest with that many vCPUs (default 2); SETTLE=1
# writes the image copy back (sync) and waits 5 s before the boot; BOOT=disk boots the disk's
# own boot loader (GRUB, build-grub-image.sh) instead of loading the kernel itself.
# usage: record.sh NAME IMAGE KEEP|'' [-- --filter=delay rdelay=5ms wdelay=5ms | --filter=rate rate=32M]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/boot-guest.sh"
WORK=${WORK:-$here/work}
cd "$WORK"
name=$1; image=$2; keep=$3; shift 3
[ "${1:-}" = "--" ] && shift
filters=(); params=()
for a in "$@"; do case "$a" in --filter=*) filters+=("$a");; *) params+=("$a");; esac; done
cp --sparse=always "$image" run.img
# SETTLE=1: write the copy back to disk (sync) and wait 5 s before the boot, so the host is not
# writing the copy's dirty pages while the guest starts (the shipped recordings were made without).
if [ "${SETTLE:-0}" = 1 ]; then sync; sleep 5; fi
sock=/tmp/record-boots-$$.sock
rm -f "$sock" "log/$name.log" "log/$name.console"
nbdkit -f -U "$sock" --filter=log "${filters[@]}" file run.img logfile="log/$name.log" "${params[@]}" &
nbd=$!
wait_for_socket "$sock"
boot_guest "$sock" "log/$name.console" 240
kill $nbd; wait $nbd 2>/dev/null || true
if [ -n "$keep" ]; then cp --sparse=always run.img "$keep"; fi
python3 "$here/service_ready.py" "log/$name.log" "log/$name.console"
