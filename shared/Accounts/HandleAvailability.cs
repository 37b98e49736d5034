using System.Globalization;
using System.Security.Cryptography;
using CareerNexus.Common;

namespace CareerNexus.Accounts;

/// <summary>Whether a username is free, and if not, free usernames like it.</summary>
public sealed record UsernameAvailability(bool Available, IReadOnlyList<string> Suggestions);

/// <summary>
/// Availability checks before registering (document 003): emails and usernames are compared whatever their case,
/// against the same handles registration claims. A taken username comes with up to <see cref="MaxSuggestions"/>
/// free ones built from it (a number, the year, a suffix, random digits).
/// </summary>
public sealed class HandleAvailability(HandleRegistry handles, TimeProvider clock)
{
    public const int MaxSuggestions = 3;
    private const int MaxUsernameLength = 30;

    public async Task<bool> EmailAvailableAsync(string? email, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var normalized = AccountRules.NormalizeEmail(email, errors);
        errors.ThrowIfAny();
        return await handles.FindAsync(HandleRegistry.EmailKey(normalized!), ct) is null;
    }

    public async Task<UsernameAvailability> UsernameAsync(string? username, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        AccountRules.CheckUsername(username?.Trim(), errors);
        errors.ThrowIfAny();
        var name = username!.Trim();
        if (await handles.FindAsync(HandleRegistry.UsernameKey(name), ct) is null) return new UsernameAvailability(true, []);
        var candidates = Candidates(name, clock.GetUtcNow().Year).Where(IsValid).Distinct(StringComparer.OrdinalIgnoreCase)
            .Where(c => !c.Equals(name, StringComparison.OrdinalIgnoreCase)).ToList();
        var holders = await Task.WhenAll(candidates.Select(c => handles.FindAsync(HandleRegistry.UsernameKey(c), ct)));
        return new UsernameAvailability(false, candidates.Where((_, i) => holders[i] is null).Take(MaxSuggestions).ToList());
    }

    /// <summary>The document's patterns first (john_doe1, john_doe_2025, john_doe_user), then random numbers should those be taken too.</summary>
    private static IEnumerable<string> Candidates(string name, int year)
    {
        string Random(int from, int to) => RandomNumberGenerator.GetInt32(from, to).ToString(CultureInfo.InvariantCulture);
        string[] suffixes =
        [
            "1", "_" + year.ToString(CultureInfo.InvariantCulture), "_user", "2", "_" + Random(10, 100), Random(100, 1000), "_" + Random(1000, 10000),
            Random(10000, 100000),
        ];
        return suffixes.Select(suffix => name[..Math.Min(name.Length, MaxUsernameLength - suffix.Length)] + suffix);
    }

    private static bool IsValid(string username)
    {
        var errors = new FieldErrors();
        AccountRules.CheckUsername(username, errors);
        return !errors.Any;
    }
}
