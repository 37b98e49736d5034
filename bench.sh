#!/usr/bin/env bash
# Benchmark the API: a private local stack on free ports, the app built and
# run in Release on a free port, then tools/bench/bench.js (autocannon).
#   BENCH_SECONDS=30 ./bench.sh                 # seconds per route (default 10)
#   ./bench.sh --only "me,posts page" --connections 20   # extra args go to bench.js
#   BENCH_SCALE= ./bench.sh                     # skip the 1,000 / 10,000 posts rows
#   BENCH_MATCHING=0 ./bench.sh                 # skip the matching engine's figure
#   BENCH_RESUMES=0 ./bench.sh                  # skip the resume parser's figures
#   BENCH_RANKING=0 ./bench.sh                  # skip document 004's ranking of 10,000 candidates
#   BENCH_PARSING=0 ./bench.sh                  # skip document 004's resume parsing through the worker
#   BENCH_ASSISTANT=0 ./bench.sh                # skip document 004's agent search over 10,000 profiles
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
# shellcheck source=tools/local/stack.sh
source tools/local/stack.sh

stack_up free

# Build before starting the app, so a compile error is reported as such
# rather than as "the app did not answer".
stack_step "building the app (Release)..."
if ! { dotnet build functions/CareerNexus.Functions.csproj -c Release --no-restore -nologo &&
  dotnet build tools/bench/anchor/Anchor.csproj -c Release -nologo; } >"$STACK_DIR/logs/build.log" 2>&1; then
  cat "$STACK_DIR/logs/build.log" >&2
  stack_error "the build failed"
  exit 1
fi

# The matching engine's figure: no stack needed, one core, printed before the routes' table.
if [[ "${BENCH_MATCHING:-1}" != 0 ]]; then
  stack_step "matching engine: 10,000 profiles against one job..."
  dotnet run --project tools/bench/matching/MatchingBench.csproj -c Release -nologo
fi

# The resume parser's figures: field accuracy over the generated corpus and time per resume; no stack needed.
if [[ "${BENCH_RESUMES:-1}" != 0 ]]; then
  stack_step "resume parser: accuracy over the generated corpus, time per resume..."
  dotnet run --project tools/bench/resumes/ResumesBench.csproj -c Release -nologo
fi

app_port=$(stack_free_ports 1)
app_log="$STACK_DIR/logs/app.log"
stack_step "starting the app (http://127.0.0.1:$app_port)..."
# Per-request Information logging would be measured too; keep warnings, plus
# the start/stop lines so the log shows if the app was stopped from outside.
# The per-IP credential limit and the per-account message limit (60 a minute each) would answer nearly every sign-in
# and message 429: the bench measures the routes.
stack_spawn app "$app_log" env Logging__LogLevel__Default=Warning \
  Logging__LogLevel__Microsoft.Hosting.Lifetime=Information CareerNexus__CredentialRequestsPerIpPerMinute=1000000 CareerNexus__MessagesPerAccountPerMinute=1000000 \
  CareerNexus__Assistant__RequestsPerIpPerMinute=1000000 \
  dotnet run --project "$PWD/functions/CareerNexus.Functions.csproj" -c Release --no-build \
  --no-launch-profile --urls "http://127.0.0.1:$app_port"
stack_wait_port app "$app_port" 120

# The anchor: one bare point read against the same Cosmos server, the yardstick of the read routes.
anchor_port=$(stack_free_ports 1)
stack_spawn anchor "$STACK_DIR/logs/anchor.log" env Logging__LogLevel__Default=Warning \
  dotnet run --project "$PWD/tools/bench/anchor/Anchor.csproj" -c Release --no-build \
  --no-launch-profile --urls "http://127.0.0.1:$anchor_port"
stack_wait_port anchor "$anchor_port" 120

status=0
node tools/bench/bench.js --url "http://127.0.0.1:$app_port" --anchor "http://127.0.0.1:$anchor_port" \
  --scale "${BENCH_SCALE-1000,10000}" --duration "${BENCH_SECONDS:-10}" "$@" || status=$?

# Document 004's candidate ranking, last: it seeds 10,000 candidate profiles into the app's database.
if [[ "${BENCH_RANKING:-1}" != 0 ]] && ((status == 0)); then
  stack_step "ranking: 10,000 candidates for one job..."
  dotnet run --project tools/bench/ranking/RankingBench.csproj -c Release -nologo -- --url "http://127.0.0.1:$app_port" || status=$?
fi
# Document 004's resume parsing through the worker: one resume at a time, from POST parse-resume to "parsed".
if [[ "${BENCH_PARSING:-1}" != 0 ]] && ((status == 0)); then
  stack_step "parsing: resumes through the worker..."
  dotnet run --project tools/bench/parsing/ParsingBench.csproj -c Release -nologo -- --url "http://127.0.0.1:$app_port" || status=$?
fi
# Document 004's agent search: it seeds 10,000 Talent candidate profiles into the app's database.
if [[ "${BENCH_ASSISTANT:-1}" != 0 ]] && ((status == 0)); then
  stack_step "agent search: 10,000 candidate profiles..."
  dotnet run --project tools/bench/assistant/AssistantBench.csproj -c Release -nologo -- --url "http://127.0.0.1:$app_port" || status=$?
fi
if ! stack_port_answers "$app_port"; then
  echo "[bench] the app is not running any more: the numbers above are not valid" >&2
  ((status != 0)) || status=1
fi
if ((status != 0)); then
  # The free-mode folder (and this log) is deleted on exit: show it now.
  echo "[bench] failed; the app's log follows" >&2
  tail -n 50 "$app_log" | sed 's/^/    /' >&2
fi
exit "$status"
