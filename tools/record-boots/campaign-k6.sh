#!/bin/bash
# The sixth campaign (2026-12-07, session 18), recorded after held-waits.ts (commit a6d0d4b) was
# fixed, to judge it on conditions it had not seen: two boots behind nbdkit's rate filter at
# 2 MiB/s (rate=16M) and two through a cold cache in front of a server slowed by 10 ms, each
# between undelayed repeats (five). Kernel-direct, 2 vCPUs, the fourth campaign's base.img.
# record-warm.sh needs qemu-io (Debian's qemu-utils).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
empty=${EMPTY_PROFILE:-$here/../../traces/empty-profile.csv}
command -v qemu-io > /dev/null || { echo "record-warm.sh needs qemu-io (apt-get install qemu-utils)" >&2; exit 2; }
. "$here/steps.sh"
run k6boot1 base.img ''
run k6boot_rate16M1 base.img '' -- --filter=rate rate=16M
run k6boot2 base.img ''
warm k6cold_d10ms1 base.img "$empty" 10ms
run k6boot3 base.img ''
run k6boot_rate16M2 base.img '' -- --filter=rate rate=16M
run k6boot4 base.img ''
warm k6cold_d10ms2 base.img "$empty" 10ms
run k6boot5 base.img ''
