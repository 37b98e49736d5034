using System.Globalization;
using System.Security.Cryptography;
using CareerNexus.Common;

namespace CareerNexus.Accounts;

/// <summary>
/// PBKDF2-HMAC-SHA512 with a per-hash salt; the algorithm and iteration count are stored in each hash
/// ("pbkdf2_sha512$210000$salt$hash") so that raising the setting rehashes accounts as they sign in.
/// </summary>
public sealed class PasswordHasher(PasswordOptions options)
{
    private const string Algorithm = "pbkdf2_sha512";
    private const int SaltBytes = 16;
    private const int HashBytes = 64;

    public string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(password, salt, options.Iterations);
        return string.Join('$', Algorithm, options.Iterations.ToString(CultureInfo.InvariantCulture),
            Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    public PasswordCheck Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Algorithm || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var iterations))
            return PasswordCheck.Wrong;
        var salt = Convert.FromBase64String(parts[2]);
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Derive(password, salt, iterations);
        if (!CryptographicOperations.FixedTimeEquals(actual, expected)) return PasswordCheck.Wrong;
        return iterations < options.Iterations ? PasswordCheck.RightButWeak : PasswordCheck.Right;
    }

    /// <summary>Spends the same time as a real check, so that unknown accounts do not answer faster.</summary>
    public void VerifyNothing(string password) => Derive(password, new byte[SaltBytes], options.Iterations);

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA512, HashBytes);
}

public enum PasswordCheck
{
    Wrong,
    Right,
    /// <summary>Correct, but hashed with weaker parameters than the current setting.</summary>
    RightButWeak,
}
