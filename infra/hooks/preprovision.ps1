# Makes the HS256 token signing key once per azd environment: 48 random bytes, base64 (see preprovision.sh).
$ErrorActionPreference = 'Stop'
if ([string]::IsNullOrEmpty($env:CAREERNEXUS_TOKEN_SIGNING_KEY)) {
  $bytes = [System.Security.Cryptography.RandomNumberGenerator]::GetBytes(48)
  azd env set CAREERNEXUS_TOKEN_SIGNING_KEY ([Convert]::ToBase64String($bytes))
  Write-Host 'Made a token signing key for this environment (CAREERNEXUS_TOKEN_SIGNING_KEY).'
}
