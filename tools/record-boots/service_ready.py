#!/usr/bin/env python3
"""Service-ready time of a recorded boot, in µs since its first disk request (rtolab's trace time):
the host's timestamp of the guest's SERVICE-READY console line (moreutils ts, UTC) minus the
earliest request call in nbdkit's log (its log filter stamps lines in UTC). Also the guest's own
uptime at that moment and the request count. usage: service_ready.py NAME.log NAME.console"""
import datetime, re, sys

def stamp(text):
    return datetime.datetime.strptime(text, "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=datetime.timezone.utc).timestamp()

log, console = sys.argv[1:3]
first = None
calls = 0
for line in open(log):
    m = re.match(r"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}) connection=\d+ (Read|Write|Flush|Zero) id=", line)
    if m:
        calls += 1
        t = stamp(m.group(1))
        first = t if first is None else min(first, t)
for line in open(console):
    m = re.match(r"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}) .*SERVICE-READY ([\d.]+)", line)
    if m:
        print(f"{round((stamp(m.group(1)) - first) * 1e6)} us after the first request (guest uptime {m.group(2)} s; {calls} requests)")
        break
else:
    sys.exit(f"{console}: no SERVICE-READY line")
