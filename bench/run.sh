#!/usr/bin/env bash
# The benchmark: bash bench/run.sh [--quick] [--only normal,429,ratelimit,normal-postgres,fanout,fanout-kill,scale-sqlite,scale-postgres]
#
# Publishes the bot in Release as it is deployed (ReadyToRun, linux-x64, framework-dependent, into
# artifacts/bench/bot) and builds the benchmark, then runs every scenario against the bot started as its
# own process (dotnet artifacts/bench/bot/KinerjaBot.dll) with a stand-in Bot Connector
# on loopback. Prints one "BENCH {json}" line per scenario and a table at the end; the JSON lines are
# also kept in artifacts/bench/results-*.jsonl, the bot's logs in artifacts/bench/*.log.
#   --quick      a smoke run of about two to three minutes (fewer messages, 1,000 / 5,000 employees)
#   --latency N  the stand-in connector's latency in ms (default 20)
# PostgreSQL rows need KINERJABOT_BENCH_POSTGRES (or KINERJABOT_TEST_POSTGRES): a connection string to a
# server where the benchmark may create and drop its own database.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
DOTNET="${DOTNET:-dotnet}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# ReadyToRun: the code is compiled ahead of time, so the JIT is not what a short run measures.
"$DOTNET" publish src/KinerjaBot -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o artifacts/bench/bot -nologo -v quiet -clp:ErrorsOnly
"$DOTNET" build bench/KinerjaBot.Bench -c Release -nologo -v quiet -clp:ErrorsOnly
exec "$DOTNET" bench/KinerjaBot.Bench/bin/Release/net10.0/KinerjaBot.Bench.dll --bot "$REPO/artifacts/bench/bot/KinerjaBot.dll" "$@"
