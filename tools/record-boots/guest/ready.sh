#!/bin/sh
# Service ready: wait for boot to finish, fetch the web application's page once, say so on the
# serial console (the host timestamps it), power off.
echo "READY-WAIT $(cat /proc/uptime)" > /dev/ttyS0
systemctl is-system-running --wait > /dev/null 2>&1
echo "READY-FETCH $(cat /proc/uptime)" > /dev/ttyS0
until python3 -c 'import urllib.request; urllib.request.urlopen("http://127.0.0.1:8080/", timeout=5).read()'; do sleep 0.1; done
echo "SERVICE-READY $(cat /proc/uptime)" > /dev/ttyS0
systemctl poweroff
