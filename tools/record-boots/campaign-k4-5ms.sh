#!/bin/bash
# The fourth campaign's second part (2026-12-07, session 17, right after campaign-k4.sh): its one
# +5 ms boot took longer than both +10 ms boots, so three more +5 ms boots, each between repeats.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/steps.sh"
for i in 2 3 4; do
  run "k4boot_d5ms$i" base.img '' -- --filter=delay rdelay=5ms wdelay=5ms
  run "k4boot$((6 + i))" base.img ''
done
