#!/bin/bash
# The fourth campaign's GRUB part (2026-12-07, session 17): the same fresh build booted through
# GRUB (build-grub-image.sh, then BOOT=disk record.sh g4boot0 grub-fresh.img grub-base.img), two
# +20 ms boots (where rule 6 acts on the GRUB path too) between three undelayed repeats.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/steps.sh"
export BOOT=disk
run g4boot1 grub-base.img ''
for i in 1 2; do
  run "g4boot_d20ms$i" grub-base.img '' -- --filter=delay rdelay=20ms wdelay=20ms
  run "g4boot$((1 + i))" grub-base.img ''
done
