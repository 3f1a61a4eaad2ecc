#!/bin/bash
# The fourth campaign (2026-12-07, session 17): a fresh build of the same guest (build-image.sh,
# then record.sh k4boot0 fresh.img base.img), recorded after rule 6 of docs/replay.md was fixed,
# to judge it out of sample. Rule 6 acts on the faster direction from a recording whose slowed
# disk held a long serial run (+10 and +20 ms), so: three +20 ms, two +10 ms and one +5 ms boot,
# each between two undelayed repeats (seven), kernel-direct, 2 vCPUs.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/steps.sh"
run k4boot1 base.img ''
i=1
for delay in 20 10 20 10 20 5; do
  n=$(( $(ls "${WORK:-$here/work}/log/" | grep -c "^k4boot_d${delay}ms.*\.log$" || true) + 1 ))
  run "k4boot_d${delay}ms$n" base.img '' -- --filter=delay rdelay=${delay}ms wdelay=${delay}ms
  i=$((i + 1))
  run "k4boot$i" base.img ''
done
