#!/bin/bash
# The GRUB path again (2026-12-07, 18:15 UTC, same host, idle): three more +2 ms boots, each
# between undelayed repeats, to tell the first two +2 ms pairs' misses from noise.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/steps.sh"
export BOOT=disk
run g3boot7 grub-base.img ''
for i in 3 4 5; do
  run "g3boot_d2ms$i" grub-base.img '' -- --filter=delay rdelay=2ms wdelay=2ms
  run "g3boot$((5 + i))" grub-base.img ''
done
