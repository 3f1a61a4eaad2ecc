#!/bin/bash
# The sixth campaign's second part (2026-12-07, session 18, after campaign-k6.sh): three more
# boots behind nbdkit's rate filter at 1 MiB/s (rate=8M), the condition held-waits.ts was chosen
# on, now recorded after it (a6d0d4b) to judge it there out of sample; each after an undelayed
# repeat (k6boot6-9; k6boot5, campaign-k6.sh's last, is the first one's).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/steps.sh"
run k6boot_rate8M1 base.img '' -- --filter=rate rate=8M
run k6boot6 base.img ''
run k6boot_rate8M2 base.img '' -- --filter=rate rate=8M
run k6boot7 base.img ''
run k6boot_rate8M3 base.img '' -- --filter=rate rate=8M
run k6boot8 base.img ''
