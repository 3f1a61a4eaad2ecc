# The campaign scripts' two steps, sourced by campaign*.sh (with $here set to this folder): record
# one boot (record.sh) or one boot through a pre-warmed cache (record-warm.sh), print its
# service-ready line, and let the host settle for 3 s before the next.
run() { echo "$1: $("$here/record.sh" "$@" | tail -1)"; sleep 3; }
warm() { echo "$1: $("$here/record-warm.sh" "$@" | tail -1)"; sleep 3; }
