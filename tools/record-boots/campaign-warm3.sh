#!/bin/bash
# After campaign-warm2.sh (same day, idle host): a second boot through the fully warmed cache and
# a second cold-cache boot, each between undelayed repeats, to see whether the first ones' gaps
# to their repeats recur. PROFILES as in campaign-warm2.sh.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
profiles=${PROFILES:?the folder of none.csv}
. "$here/steps.sh"
run k3boot18 base.img ''
warm k3warm_d20ms2 base.img "$here/../../traces/k3boot9.csv" 20ms
run k3boot19 base.img ''
warm k3cold_d20ms2 base.img "$profiles/none.csv" 20ms
run k3boot20 base.img ''
