#!/bin/bash
# The third campaign's last part (2026-12-07, 16:21 UTC, two hours after the rest, same host, idle): two boots
# through a pre-warmed cache in front of a slowed disk server (record-warm.sh), the profile being
# an earlier undelayed boot's trace, and two more +2 ms boots, each between undelayed repeats.
# PROFILES: a folder holding the profile traces (rtolab CSVs; default the repository's traces/).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
profiles=${PROFILES:-$here/../../traces}
. "$here/steps.sh"
run k3boot10 base.img ''
warm k3warm_d20ms base.img "$profiles/k3boot9.csv" 20ms
run k3boot11 base.img ''
run k3boot_d2ms3 base.img '' -- --filter=delay rdelay=2ms wdelay=2ms
run k3boot12 base.img ''
warm k3warm_d5ms base.img "$profiles/k3boot0.csv" 5ms
run k3boot13 base.img ''
run k3boot_d2ms4 base.img '' -- --filter=delay rdelay=2ms wdelay=2ms
run k3boot14 base.img ''
