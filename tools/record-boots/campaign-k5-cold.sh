#!/bin/bash
# The fifth campaign's cold-cache boots (after campaign-k5.sh, whose cold steps failed for want of
# qemu-io): three boots through a cold cache in front of a server slowed by 20 ms, each after an
# undelayed repeat (the first after campaign-k5.sh's last, k5boot7), then one more repeat.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
empty=${EMPTY_PROFILE:-$here/../../traces/empty-profile.csv}
command -v qemu-io > /dev/null || { echo "record-warm.sh needs qemu-io (apt-get install qemu-utils)" >&2; exit 2; }
. "$here/steps.sh"
warm k5cold_d20ms1 base.img "$empty" 20ms
run k5boot8 base.img ''
warm k5cold_d20ms2 base.img "$empty" 20ms
run k5boot9 base.img ''
warm k5cold_d20ms3 base.img "$empty" 20ms
run k5boot10 base.img ''
