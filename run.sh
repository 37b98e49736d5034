#!/usr/bin/env bash
# Run Career Nexus locally: the local stand-ins for Cosmos DB, Blob storage and
# SMTP on their usual ports (data kept in .local/), and the API on
# http://127.0.0.1:7071. Ctrl-C stops the API, then every server.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
# shellcheck source=tools/local/stack.sh
source tools/local/stack.sh

API_PORT=7071

# Check first: failing after the servers started would only waste time.
if stack_port_answers "$API_PORT"; then
  stack_error "port $API_PORT on 127.0.0.1 is already in use (is the app already running?)"
  exit 1
fi

stack_traps

stack_install
stack_start fixed

cat <<EOF

  API              http://127.0.0.1:$API_PORT   (e.g. http://127.0.0.1:$API_PORT/careers/)
  Mail (maildev)   http://127.0.0.1:$STACK_MAILDEV_WEB_PORT   (SMTP on 127.0.0.1:$STACK_SMTP_PORT)
  Blob (Azurite)   http://127.0.0.1:$STACK_BLOB_PORT/devstoreaccount1
  Cosmos           http://127.0.0.1:$STACK_COSMOS_PORT
  Data and logs    $STACK_DIR

  Make a local admin: sign up through /user/signup/ (the mail's code verifies the
  address), then, from this machine:
    curl -s -X POST http://127.0.0.1:$API_PORT/_ops/admins -H 'Content-Type: application/json' -d '{"email":"you@example.com"}'
  ('{"email":"...","admin":"false"}' removes the role.)

  Press Ctrl-C to stop.

EOF

# The app gets its own process group like the servers, so Ctrl-C reaches only
# this script, which then stops the app (first) and the servers in order. Its
# output still goes to this terminal. `wait` returns as soon as a trapped
# signal arrives, or with the app's exit code if it stops by itself.
stack_spawn app - dotnet run --project "$PWD/functions/CareerNexus.Functions.csproj" \
  -c Release --no-launch-profile --urls "http://127.0.0.1:$API_PORT"
status=0
wait "$STACK_LAST_JOB" || status=$?
echo "[run] the app exited with code $status"
exit "$status"
