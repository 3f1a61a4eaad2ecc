#!/bin/bash
# Continues campaign-warm.sh (same day, idle host): the cache's two harder cases, each between
# undelayed repeats: a cold cache (an empty profile: every block's first touch goes to the
# slowed server, as a lazy live mount's does) and a cache warmed with only the first half of
# k3boot9's requests (an incomplete profile). PROFILES: the folder holding none.csv (a CSV
# header only) and k3boot9-first-half.csv (the header and k3boot9.csv's first 733 requests).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
profiles=${PROFILES:?the folder of none.csv and k3boot9-first-half.csv}
. "$here/steps.sh"
run k3boot15 base.img ''
warm k3cold_d20ms base.img "$profiles/none.csv" 20ms
run k3boot16 base.img ''
warm k3half_d20ms base.img "$profiles/k3boot9-first-half.csv" 20ms
run k3boot17 base.img ''
