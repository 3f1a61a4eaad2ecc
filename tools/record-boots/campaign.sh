#!/bin/bash
# The third campaign (2026-12-07): undelayed repeats of base.img (the state k3boot0 left)
# interleaved with boots behind nbdkit's delay or rate filter, on an otherwise idle host.
# The first nine ran in one go, the next four a minute later; the last three (a second +2 ms
# pair) after campaign-vcpus.sh.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/steps.sh"
run k3boot1 base.img ''
run k3boot_d5ms base.img '' -- --filter=delay rdelay=5ms wdelay=5ms
run k3boot2 base.img ''
run k3boot_d20ms base.img '' -- --filter=delay rdelay=20ms wdelay=20ms
run k3boot3 base.img ''
run k3boot_rate32M base.img '' -- --filter=rate rate=32M
run k3boot4 base.img ''
run k3boot_d2ms base.img '' -- --filter=delay rdelay=2ms wdelay=2ms
run k3boot5 base.img ''
run k3boot_rate8M base.img '' -- --filter=rate rate=8M
run k3boot6 base.img ''
run k3boot_d10ms base.img '' -- --filter=delay rdelay=10ms wdelay=10ms
run k3boot7 base.img ''
run k3boot8 base.img ''
run k3boot_d2ms2 base.img '' -- --filter=delay rdelay=2ms wdelay=2ms
run k3boot9 base.img ''
