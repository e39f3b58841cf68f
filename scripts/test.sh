#!/usr/bin/env bash
# The test command: bash scripts/test.sh
#
# On a fresh Debian machine (as root) it installs what the tests need and runs all of them:
#   1. missing system packages via apt-get (postgresql, chromium + fonts-liberation, libicu, tzdata,
#      iproute2, nodejs/npm); `apt-get update` once, only if something is missing;
#   2. `npm ci` in tests/js when node_modules is missing or package-lock.json changed;
#   3. a throwaway PostgreSQL (scripts/postgres.sh) -> KINERJABOT_TEST_POSTGRES (unless already set);
#   4. `dotnet build -c Release` of KinerjaBot.sln, then `dotnet test` of each of its test projects (one
#      TRX file per project in artifacts/test-results);
#      the C# tests find the card checker through KINERJABOT_CARDCHECK_DIR and KINERJABOT_NODE;
#   5. the self-test of the tools in tests/js (`node tests/js/selftest.mjs --quick`, no browser);
#   6. the Agents Playground end-to-end run (tests/js/playground-e2e.mjs) against the Release build,
#      screenshots and logs in artifacts/playground (SKIP_PLAYGROUND=1 leaves it out);
#   7. "skipped: N", then one final line "N passed, N failed" (TRX counts of all test projects + tests/js
#      self-test checks + Playground steps). Exit status 1 if anything failed or nothing ran.
# Environment: SKIP_PLAYGROUND=1, KINERJABOT_TEST_POSTGRES (use that server instead of starting one),
# TEST_FILTER (passed to dotnet test --filter), DOTNET (the dotnet executable).
set -uo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
ARTIFACTS="$REPO/artifacts"
RESULTS="$ARTIFACTS/test-results"
JS="$REPO/tests/js"
DOTNET="${DOTNET:-dotnet}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export NUGET_XMLDOC_MODE=skip

STARTED=$SECONDS
step() { printf '\n==> %s (%ds)\n' "$*" $((SECONDS - STARTED)); }
die() { echo "test.sh: $*" >&2; echo "0 passed, 1 failed"; exit 1; }

# ---------- 1. system packages ----------
step "checking system packages"
missing=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[[ -e /usr/share/zoneinfo/Asia/Jakarta ]] || missing+=(tzdata)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [[ "${SKIP_PLAYGROUND:-0}" != "1" ]]; then
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  have_pkg fonts-liberation || missing+=(fonts-liberation)
  command -v ip >/dev/null || missing+=(iproute2)
fi
need_icu=0
if ! { ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null; } | grep -q 'libicuuc\.so\.[0-9]'; then need_icu=1; fi
if ((${#missing[@]} || need_icu)); then
  wanted="${missing[*]:-}"
  ((need_icu)) && wanted="${wanted:+$wanted }libicu"
  [[ $EUID -eq 0 ]] || die "missing packages (${wanted}); run as root or install them"
  echo "installing: ${wanted}"
  export DEBIAN_FRONTEND=noninteractive
  apt_() { apt-get -o DPkg::Lock::Timeout=900 -o Dpkg::Use-Pty=0 "$@"; }
  apt_ update -qq || die "apt-get update failed"
  if ((need_icu)); then
    icu="$(apt-cache search --names-only '^libicu[0-9]+$' | awk '{print $1}' | sort -V | tail -n1)"
    [[ -n "$icu" ]] && missing+=("$icu")
  fi
  apt_ install -y -qq --no-install-recommends "${missing[@]}" || die "apt-get install ${missing[*]} failed"
fi
command -v "$DOTNET" >/dev/null || die "the .NET SDK ($DOTNET) is not on PATH; install the .NET 10 SDK"
node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
((node_major >= 20)) || die "Node.js >= 20 is needed for tests/js (found $(node --version 2>/dev/null || echo none))"

# ---------- 2. npm packages ----------
step "npm packages in tests/js"
lock_sum="$(sha256sum "$JS/package-lock.json" | cut -d' ' -f1)"
stamp="$JS/node_modules/.kinerjabot-lock.sha256"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$lock_sum" ]]; then
  (cd "$JS" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci in tests/js failed"
  echo "$lock_sum" >"$stamp"
else
  echo "up to date"
fi
export KINERJABOT_CARDCHECK_DIR="$JS"
KINERJABOT_NODE="$(command -v node)"
export KINERJABOT_NODE

# ---------- 3. PostgreSQL ----------
step "PostgreSQL"
if [[ -n "${KINERJABOT_TEST_POSTGRES:-}" ]]; then
  echo "using KINERJABOT_TEST_POSTGRES from the environment"
else
  trap 'bash "$REPO/scripts/postgres.sh" stop >/dev/null 2>&1 || true' EXIT
  KINERJABOT_TEST_POSTGRES="$(bash scripts/postgres.sh start)" || die "could not start PostgreSQL (scripts/postgres.sh start)"
  export KINERJABOT_TEST_POSTGRES
  echo "$KINERJABOT_TEST_POSTGRES"
fi

# ---------- 4. build + unit/integration tests ----------
passed=0 failed=0 skipped=0
step "dotnet build -c Release"
if ! "$DOTNET" build KinerjaBot.sln -c Release -nologo -v quiet -clp:ErrorsOnly -p:ContinuousIntegrationBuild=true; then
  echo "test.sh: build failed" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

step "dotnet test"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"
# The test projects of the solution, each run on its own so that every one gets its own TRX file
# (with one LogFileName for a whole solution, the assemblies overwrite each other's file).
mapfile -t test_projects < <(sed -n 's/^Project("[^"]*") = "[^"]*", "\([^"]*\.csproj\)".*/\1/p' KinerjaBot.sln | tr '\\' '/' |
  while read -r p; do grep -qE '<IsTestProject>true</IsTestProject>|"Microsoft.NET.Test.Sdk"' "$p" 2>/dev/null && echo "$p"; done)
((${#test_projects[@]})) || die "no test project found in KinerjaBot.sln"
test_rc=0
for proj in "${test_projects[@]}"; do
  name="$(basename "$proj" .csproj)"
  test_args=(test "$proj" -c Release --no-build -nologo
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" --results-directory "$RESULTS")
  [[ -n "${TEST_FILTER:-}" ]] && test_args+=(--filter "$TEST_FILTER")
  timeout --kill-after=30s 30m "$DOTNET" "${test_args[@]}"
  rc=$?
  if ((rc != 0)); then
    test_rc=$rc
    [[ -f "$RESULTS/$name.trx" ]] || { echo "test.sh: $name: dotnet test exited with $rc and wrote no TRX file; counting 1 failure" >&2; failed=$((failed + 1)); }
  fi
done

attr() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$2"; }
trx_count=0
while IFS= read -r -d '' trx; do
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n1)"
  [[ -n "$counters" ]] || continue
  trx_count=$((trx_count + 1))
  p=$(attr passed "$counters"); f=$(attr failed "$counters"); e=$(attr error "$counters")
  t=$(attr timeout "$counters"); a=$(attr aborted "$counters"); s=$(attr notExecuted "$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
  skipped=$((skipped + ${s:-0}))
  echo "  $(basename "$trx"): passed ${p:-0}, failed $(( ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0} )), skipped ${s:-0}"
done < <(find "$RESULTS" -maxdepth 1 -name '*.trx' -print0 | sort -z)
if ((test_rc != 0 && failed == 0)); then
  echo "test.sh: dotnet test exited with $test_rc but the TRX files ($trx_count) report no failure; counting 1" >&2
  failed=$((failed + 1))
fi

# ---------- 5. tools in tests/js ----------
step "tests/js self-test (card checker, manifest validator; --quick: no browser)"
js_log="$ARTIFACTS/js-selftest.log"
mkdir -p "$ARTIFACTS"
node "$JS/selftest.mjs" --quick 2>&1 | tee "$js_log"
js_rc=${PIPESTATUS[0]}
js_counts="$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$js_log" | tail -n1)"
if [[ -n "$js_counts" ]]; then
  passed=$((passed + $(cut -d' ' -f1 <<<"$js_counts")))
  failed=$((failed + $(cut -d' ' -f3 <<<"$js_counts")))
fi
if ((js_rc != 0)) && { [[ -z "$js_counts" ]] || [[ "$(cut -d' ' -f3 <<<"$js_counts")" == "0" ]]; }; then
  echo "test.sh: selftest.mjs exited with $js_rc; counting 1 failure" >&2
  failed=$((failed + 1))
fi

# ---------- 6. Agents Playground end to end ----------
if [[ "${SKIP_PLAYGROUND:-0}" == "1" ]]; then
  step "Agents Playground end-to-end: skipped (SKIP_PLAYGROUND=1)"
else
  step "Agents Playground end-to-end"
  if [[ -z "${KINERJABOT_E2E_ALLOW_HOST_NET:-}" ]] && ! unshare --net true 2>/dev/null; then
    echo "note: no network namespace here (unshare --net not permitted); the browser's loopback filter only"
    export KINERJABOT_E2E_ALLOW_HOST_NET=1
  fi
  mkdir -p "$ARTIFACTS"
  e2e_log="$ARTIFACTS/playground-e2e.log"
  timeout --kill-after=30s 15m node "$JS/playground-e2e.mjs" \
    --bot-cmd "ASPNETCORE_ENVIRONMENT=Development Database__DataDirectory='$ARTIFACTS/playground/bot-data' $DOTNET run --no-build --no-launch-profile -c Release --project src/KinerjaBot" \
    --out "$ARTIFACTS/playground" 2>&1 | tee "$e2e_log"
  e2e_rc=${PIPESTATUS[0]}
  counts="$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$e2e_log" | tail -n1)"
  if [[ -n "$counts" ]]; then
    passed=$((passed + $(cut -d' ' -f1 <<<"$counts")))
    failed=$((failed + $(cut -d' ' -f3 <<<"$counts")))
  fi
  if ((e2e_rc != 0)) && { [[ -z "$counts" ]] || [[ "$(cut -d' ' -f3 <<<"$counts")" == "0" ]]; }; then
    echo "test.sh: playground-e2e.mjs exited with $e2e_rc; counting 1 failure" >&2
    failed=$((failed + 1))
  fi
fi

# ---------- 7. summary ----------
step "done"
echo "test results: $RESULTS; Playground screenshots: $ARTIFACTS/playground"
if ((passed + failed == 0)); then
  echo "test.sh: no test ran" >&2
  failed=1
fi
echo "skipped: $skipped"
echo "$passed passed, $failed failed"
((failed == 0))
