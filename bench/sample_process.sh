#!/usr/bin/env bash
# Samples a running process every 10 seconds until it ends: its processor
# time (in clock ticks, user and system), the bytes it has read from the
# disk, its threads' states (R running, S sleeping, D waiting on the disk)
# and the memory the page cache holds. Threads in state D and read bytes
# that grow tell a run waiting on the disk from one working.
#
# usage: bash bench/sample_process.sh PID > samples.log
set -u
pid=$1
while [ -d "/proc/$pid" ]; do
  cpu=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null)
  read_bytes=$(awk '/^read_bytes/ {print $2}' "/proc/$pid/io" 2>/dev/null)
  states=$(cat /proc/"$pid"/task/*/stat 2>/dev/null | awk '{print $3}' | sort | uniq -c | tr -s ' \n' ' ')
  memory=$(awk '/^(MemFree|Cached):/ {printf "%s %s kB ", $1, $2}' /proc/meminfo)
  echo "$(date +%T) cpu_ticks=$cpu read_bytes=$read_bytes threads:$states $memory"
  sleep 10
done
