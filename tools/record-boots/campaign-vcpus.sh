#!/bin/bash
# The third campaign's vCPU part (2026-12-07): the same base.img booted with 1 and with 4 vCPUs,
# undelayed repeats interleaved with boots behind nbdkit's delay filter, on an otherwise idle host.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/steps.sh"
for n in 1 4; do
  export SMP=$n
  run "k3v${n}boot1" base.img ''
  run "k3v${n}boot_d20ms" base.img '' -- --filter=delay rdelay=20ms wdelay=20ms
  run "k3v${n}boot2" base.img ''
  run "k3v${n}boot_d5ms" base.img '' -- --filter=delay rdelay=5ms wdelay=5ms
  run "k3v${n}boot3" base.img ''
done
