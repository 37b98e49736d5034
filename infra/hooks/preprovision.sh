#!/bin/sh
# Makes the HS256 token signing key once per azd environment: 48 random bytes, base64. It is kept in the
# environment (.azure/<env>/.env) and written to Key Vault by every provision; rotating it is setting a new one.
set -eu
if [ -z "${CAREERNEXUS_TOKEN_SIGNING_KEY:-}" ]; then
  azd env set CAREERNEXUS_TOKEN_SIGNING_KEY "$(head -c 48 /dev/urandom | base64 | tr -d '\n')"
  echo "Made a token signing key for this environment (CAREERNEXUS_TOKEN_SIGNING_KEY)."
fi
