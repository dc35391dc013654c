#!/usr/bin/env bash
# Samples a running process every SECONDS (10 unless given) until it ends:
# its processor time (in clock ticks, user and system), the bytes it has
# read from the disk, its resident memory, its threads' states (R running,
# S sleeping, D waiting on the disk) and the memory the page cache holds.
# Threads in state D and read bytes that grow tell a run waiting on the disk
# from one working.
#
# usage: bash bench/sample_process.sh PID [SECONDS] > samples.log
set -u
pid=$1
every=${2:-10}
while [ -d "/proc/$pid" ]; do
  cpu=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null)
  read_bytes=$(awk '/^read_bytes/ {print $2}' "/proc/$pid/io" 2>/dev/null)
  rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null)
  states=$(cat /proc/"$pid"/task/*/stat 2>/dev/null | awk '{print $3}' | sort | uniq -c | tr -s ' \n' ' ')
  memory=$(awk '/^(MemFree|Cached):/ {printf "%s %s kB ", $1, $2}' /proc/meminfo)
  echo "$(date +%T) cpu_ticks=$cpu read_bytes=$read_bytes rss_kb=$rss threads:$states $memory"
  sleep "$every"
done
