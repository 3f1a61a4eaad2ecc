#!/bin/bash
# The third campaign's GRUB path (2026-12-07, 17:04 UTC, same host, idle): grub-base.img (the state
# g3boot0 left; build-grub-image.sh, then BOOT=disk record.sh g3boot0 grub-fresh.img grub-base.img)
# booted through its own boot loader, undelayed repeats interleaved with +2, +5 and +20 ms boots
# and a boot through a cold cache at +20 ms (record-warm.sh with an empty profile).
# PROFILES: the folder holding none.csv (a CSV header only).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
profiles=${PROFILES:?the folder of none.csv}
. "$here/steps.sh"
export BOOT=disk
run g3boot1 grub-base.img ''
run g3boot_d2ms grub-base.img '' -- --filter=delay rdelay=2ms wdelay=2ms
run g3boot2 grub-base.img ''
run g3boot_d5ms grub-base.img '' -- --filter=delay rdelay=5ms wdelay=5ms
run g3boot3 grub-base.img ''
run g3boot_d20ms grub-base.img '' -- --filter=delay rdelay=20ms wdelay=20ms
run g3boot4 grub-base.img ''
run g3boot_d2ms2 grub-base.img '' -- --filter=delay rdelay=2ms wdelay=2ms
run g3boot5 grub-base.img ''
warm g3cold_d20ms grub-base.img "$profiles/none.csv" 20ms
run g3boot6 grub-base.img ''
