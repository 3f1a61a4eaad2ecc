#!/bin/bash
# Does the image copy's writeback add run-to-run noise? Undelayed repeats of base.img, alternately
# booted at once after the copy (as every shipped recording was) and after SETTLE=1 (sync, 5 s).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/steps.sh"
for i in 1 2 3 4 5 6; do
  SETTLE=1 run "k3settle$i" base.img ''
  run "k3plain$i" base.img ''
done
