#!/usr/bin/env bash
# The benchmark: bash bench/run.sh [--quick] [--only normal,429,ratelimit,fanout,fanout-kill,scale-sqlite,scale-postgres]
#
# Builds the bot and the benchmark in Release, then runs every scenario against the bot started as its
# own process (dotnet src/KinerjaBot/bin/Release/net10.0/KinerjaBot.dll) with a stand-in Bot Connector
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
"$DOTNET" build src/KinerjaBot -c Release -nologo -v quiet -clp:ErrorsOnly
"$DOTNET" build bench/KinerjaBot.Bench -c Release -nologo -v quiet -clp:ErrorsOnly
exec "$DOTNET" bench/KinerjaBot.Bench/bin/Release/net10.0/KinerjaBot.Bench.dll "$@"
