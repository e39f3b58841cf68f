#!/usr/bin/env bash
# Times an employees import of N generated rows (default 73,000) and reports the process's resident memory
# when idle and at its peak (VmHWM). Usage: bench/import/run.sh [path/to/KinerjaBot.dll] [rows]
# Not part of the test run. Build first: dotnet build src/KinerjaBot -c Release
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dll="${1:-}"; dll="${dll:-$here/../../src/KinerjaBot/bin/Release/net10.0/KinerjaBot.dll}"
rows="${2:-73000}"
invalid="${3:-}"   # any value: the last row is broken, so only parsing and validation run
work="$(mktemp -d)"
port=$((20000 + RANDOM % 20000))
key="bench-import-key-0123456789-0123456789"
trap 'kill $pid 2>/dev/null || true; cat "$work/app.log" | head -20 >&2; rm -rf "$work"' EXIT

python3 - "$rows" > "$work/units.csv" <<'PY'
import sys
print("code,name,time_zone")
for u in range(100):
    print(f"U{u:03d},Unit {u},Asia/Jakarta")
PY
python3 - "$rows" > "$work/employees.csv" <<'PY'
import sys
n = int(sys.argv[1])
print("nip,name,position_type,position_name,unit_code,rater_nip,email,aad_object_id")
def nip(i): return f"1980{i:010d}1{i % 1000:03d}"
for i in range(n):
    rater = "" if i < 100 else nip(i % 100)
    print(f"{nip(i)},Pegawai Nomor {i},Pelaksana,Pengelola Data Kepegawaian,U{i % 100:03d},{rater},p{i}@example.go.id,00000000-0000-4000-8000-{i:012d}")
PY
if [ -n "$invalid" ]; then echo "199999999999999999,Tanpa Unit,Pelaksana,Staf,NOPE,,," >> "$work/employees.csv"; fi
echo "file: $(wc -l < "$work/employees.csv") lines, $(du -h "$work/employees.csv" | cut -f1)"

Urls="http://127.0.0.1:$port" Database__DataDirectory="$work/data" Admin__ApiKey="$key" Demo__Seed=false Bot__DangerouslyAllowUnauthenticatedRequests=true \
  Logging__LogLevel__Default=Warning DOTNET_gcServer=0 dotnet "$dll" > "$work/app.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/health/live" > /dev/null && break; sleep 0.5; done
post() { curl -s -o "$work/out.json" -w "%{http_code} %{time_total}s" -H "Authorization: Bearer $key" -H "Content-Type: text/csv" --data-binary "@$1" "http://127.0.0.1:$port/admin/import/$2"; }
echo "units: $(post "$work/units.csv" units)"
sleep 2
idle=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
echo "idle RSS: $((idle / 1024)) MiB"
echo "employees: $(post "$work/employees.csv" employees)  $(head -c 200 "$work/out.json")"
peak=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
echo "peak RSS: $((peak / 1024)) MiB (+$(((peak - idle) / 1024)) MiB over idle)"
