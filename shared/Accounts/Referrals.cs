using System.Globalization;
using CareerNexus.Storage;
using CareerNexus.Verification;

namespace CareerNexus.Accounts;

/// <summary>
/// Referral codes and the referral counter (document 004's profile.referral_code and total_referrals). A code is derived
/// from the account id and a keyed check (the id in base 36, then 4 characters of an HMAC of it), so every account has
/// one without storing it, and a code names its account without a lookup; a guessed code fails the check.
/// </summary>
public sealed class Referrals(OneTimeSecrets secrets, CountOnce counting)
{
    private const string Digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const int CheckLength = 4;

    public string CodeOf(long userId) => Base36(userId) + Check(userId);

    /// <summary>The account a code names, or null when it is not a code of this platform.</summary>
    public long? Resolve(string? code)
    {
        var text = code?.Trim().ToUpperInvariant() ?? "";
        if (text.Length <= CheckLength || text.Length > 13 + CheckLength || !text.All(Digits.Contains)) return null;
        long id = 0;
        foreach (var c in text[..^CheckLength])
        {
            if (id > (long.MaxValue - 35) / 36) return null;
            id = id * 36 + Digits.IndexOf(c);
        }
        return id > 0 && OneTimeSecrets.Same(Check(id), text[^CheckLength..]) ? id : null;
    }

    /// <summary>Counts one referral for the referrer when the referred account verifies: once per referred account, however often.</summary>
    public Task CountAsync(long referrerId, long referredId, CancellationToken ct = default) =>
        referrerId == referredId
            ? Task.CompletedTask
            : counting.CountAsync("referral:" + referredId.ToString(CultureInfo.InvariantCulture),
                [AccountService.Counter(referrerId, (AccountCounters.TotalReferrals, 1))], ct);

    private string Check(long userId) =>
        secrets.Digest("referral-code", userId.ToString(CultureInfo.InvariantCulture))[..CheckLength].ToUpperInvariant();

    private static string Base36(long value)
    {
        var chars = new Stack<char>();
        do
        {
            chars.Push(Digits[(int)(value % 36)]);
            value /= 36;
        } while (value > 0);
        return new string(chars.ToArray());
    }
}
