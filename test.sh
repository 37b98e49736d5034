#!/usr/bin/env bash
# Run the test suite against a private local stack on free ports (so it can
# run next to ./run.sh or another test run), then print one summary line:
#   N passed, N failed, N skipped
# Extra arguments go to `dotnet test`, e.g. ./test.sh --filter "FullyQualifiedName~Posts".
# The exit code is dotnet test's, and non-zero when no test ran at all.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
# shellcheck source=tools/local/stack.sh
source tools/local/stack.sh

stack_up free

# Counts come from TRX files rather than from the console text, whose summary
# format changes with the logger verbosity and between SDK versions. Old TRX
# files are removed first so they cannot be counted again.
results_dir="${TEST_RESULTS_DIR:-$PWD/TestResults}"
mkdir -p "$results_dir"
find "$results_dir" -maxdepth 1 -name '*.trx' -delete

status=0
dotnet test CareerNexus.sln -c Release \
  --logger "console;verbosity=normal" \
  --logger "trx;LogFilePrefix=careernexus" \
  --results-directory "$results_dir" \
  "$@" || status=$?

# Stop the servers now so the summary below is the last line of output.
stack_stop

# One UnitTestResult element per test (per data row for theories).
# Skipped tests are recorded as NotExecuted.
counts=$(node -e '
  const fs = require("fs"), path = require("path");
  const dir = process.argv[1];
  let passed = 0, failed = 0, skipped = 0;
  for (const f of fs.readdirSync(dir).filter(f => f.endsWith(".trx"))) {
    const xml = fs.readFileSync(path.join(dir, f), "utf8");
    for (const m of xml.matchAll(/<UnitTestResult\s([^>]*?)\boutcome="(\w+)"[^]*?(?:<\/UnitTestResult>|\/>)/g)) {
      if (m[2] === "Passed") passed++;
      else if (["Failed", "Error", "Timeout", "Aborted"].includes(m[2])) {
        failed++;
        // Named on stderr, so the end of a CI log says which tests failed and why.
        const text = s => s.replace(/&quot;/g, "\"").replace(/&apos;/g, "\u0027").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
        const name = text((m[0].match(/testName="([^"]*)"/) || [])[1] || "?");
        const message = text((m[0].match(/<Message>([^]*?)<\/Message>/) || [])[1] || "").split("\n").slice(0, 3).join(" | ");
        console.error(`[test] FAILED ${name}: ${message.slice(0, 600)}`);
      }
      else skipped++;
    }
  }
  console.log(passed, failed, skipped);
' "$results_dir") || counts="0 0 0"
read -r passed failed skipped <<<"$counts"

if ((passed + failed == 0)); then
  echo "[test] no test was executed" >&2
  ((status != 0)) || status=1
elif ((failed > 0 && status == 0)); then
  status=1 # cannot happen with dotnet test today; be safe anyway
fi

echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
