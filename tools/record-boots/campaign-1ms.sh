#!/bin/bash
# The smallest delay nbdkit's delay filter takes (2026-12-07, session 16, same host, idle): its
# rdelay= is whole milliseconds (0.5ms is read as 0), so +1 ms is where rule 5's assumed ramp
# (a resume cost in proportion to the wait below 1 ms, full from 1 ms) can be tested at its end.
# Kernel-direct: four +1 ms boots between five repeats; GRUB: three between four.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/steps.sh"
run k3boot30 base.img ''
for i in 1 2 3 4; do
  run "k3boot_d1ms$i" base.img '' -- --filter=delay rdelay=1ms wdelay=1ms
  run "k3boot$((30 + i))" base.img ''
done
export BOOT=disk
run g3boot11 grub-base.img ''
for i in 1 2 3; do
  run "g3boot_d1ms$i" grub-base.img '' -- --filter=delay rdelay=1ms wdelay=1ms
  run "g3boot$((11 + i))" grub-base.img ''
done
