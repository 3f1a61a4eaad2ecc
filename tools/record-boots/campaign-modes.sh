#!/bin/bash
# After campaign-grub.sh (2026-12-07, 17:30 UTC, same host, idle): boots through the cache warmed by
# k3boot9's reads in nbdkit's two other cache modes, writeback (its default: writes stay in the
# cache until a flush writes the dirty blocks to the slowed server) and writethrough (every write
# goes to the server), each between undelayed repeats.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/steps.sh"
run k3boot21 base.img ''
CACHE_MODE=writeback warm k3wb_d20ms base.img "$here/../../traces/k3boot9.csv" 20ms
run k3boot22 base.img ''
CACHE_MODE=writethrough warm k3wt_d20ms base.img "$here/../../traces/k3boot9.csv" 20ms
run k3boot23 base.img ''
# Recorded again a minute later, since a compiler run on the host overlapped the start of k3wb_d20ms:
run k3boot24 base.img ''
CACHE_MODE=writeback warm k3wb_d20ms2 base.img "$here/../../traces/k3boot9.csv" 20ms
run k3boot25 base.img ''
