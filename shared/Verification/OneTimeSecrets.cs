using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CareerNexus.Common;
using CareerNexus.Tokens;

namespace CareerNexus.Verification;

/// <summary>How long codes, links and the eligibility they grant last, and how many guesses they allow.</summary>
public static class VerificationRules
{
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);

    /// <summary>How long an account activation link lasts (document 003: "typically 24-48 hours").</summary>
    public static readonly TimeSpan ActivationLifetime = TimeSpan.FromHours(48);

    /// <summary>How long a verified password reset allows the change itself.</summary>
    public static readonly TimeSpan EligibilityLifetime = TimeSpan.FromMinutes(10);

    /// <summary>Tries per code, the right one included; then the code is dead.</summary>
    public const int MaxAttemptsPerCode = 5;

    /// <summary>
    /// Wrong reset codes sent alone (without an email to tie them to a code), across all accounts, per minute.
    /// Beyond this, codes alone are refused for the rest of the minute; the link still works.
    /// </summary>
    public const int WrongLoneCodesPerMinute = 10;
}

/// <summary>
/// Makes codes and link secrets, and keeps only their HMAC-SHA-256 digests: a copy of the store gives neither
/// the codes (whose 6 digits a plain hash would not hide) nor the links. The key is derived from the token
/// signing key, so there is no second secret to manage.
/// </summary>
public sealed class OneTimeSecrets
{
    private readonly byte[] _key;

    public OneTimeSecrets(PlatformOptions options)
    {
        _key = HMACSHA256.HashData(TokenService.SigningKeyBytes(options.Tokens.SigningKey), "careernexus:one-time-secrets"u8);
    }

    /// <summary>Six random digits.</summary>
    public static string NewCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>256 random bits, as lower-case hex (safe in a URL as it is).</summary>
    public static string NewLinkSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static bool IsCode(string value) => value.Length == 6 && value.All(char.IsAsciiDigit);

    /// <summary>The digest of a secret for one purpose ("signup-code"), usable as a document id.</summary>
    public string Digest(string purpose, string secret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(purpose + "\n" + secret)));

    /// <summary>Compares two digests in constant time.</summary>
    public static bool Same(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(actual));
}
