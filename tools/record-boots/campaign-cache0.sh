#!/bin/bash
# Does booting through the warmed cache itself make a boot faster? (2026-12-07, 17:56 UTC, same
# host, idle.) Boots through the cache warmed by k3boot9's reads in front of an undelayed server
# (delay 0 ms, cache=unsafe as in k3warm*), alternated with undelayed repeats.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/steps.sh"
for i in 1 2 3 4; do
  run "k3boot$((25 + i))" base.img ''
  warm "k3warm_d0ms$i" base.img "$here/../../traces/k3boot9.csv" 0ms
done
