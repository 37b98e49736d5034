using System.Globalization;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Reference;
using CareerNexus.Storage;
using CareerNexus.Tokens;

namespace CareerNexus.Profiles;

/// <summary>An account's profile with its entries, each kind newest first.</summary>
public sealed record ProfileView(Account Account, IReadOnlyList<ProfileEntry> Experience, IReadOnlyList<ProfileEntry> Education,
    IReadOnlyList<ProfileEntry> Certification);

public sealed record ProfileAnalytics(long TotalPosts, long TotalViews, long TotalConnections);

/// <summary>How complete a profile is: the percentage over the six items, and which items are done.</summary>
public sealed record ProfileCompletion(int Percent, IReadOnlyList<string> Incomplete, IReadOnlyList<string> Complete);

/// <summary>
/// The rich profile of document 002: reading one's own or another account's profile (which counts a view),
/// updating its fields, industry and user type, and the figures derived from stored counters.
/// </summary>
public sealed class ProfileService(DocumentStore store, AccountService accounts, CountOnce counting, CountryService countries,
    TimeProvider clock)
{
    /// <summary>The items profile completion counts, in the order the document lists them.</summary>
    public static readonly IReadOnlyList<string> CompletionItems = ["profile_photo", "intro_video", "experience", "certification", "bio", "education"];

    /// <summary>
    /// The viewer's own profile, or another active account's. Another viewer counts one view per day on the
    /// account viewed, so reloading a page does not inflate the figure.
    /// </summary>
    public async Task<ProfileView> ViewAsync(Caller viewer, long? userId, CancellationToken ct = default)
    {
        var viewerId = viewer.UserId;
        var targetId = userId ?? viewerId;
        // One's own profile, entries included, is the account authentication read already.
        var account = targetId == viewerId ? await accounts.GetAsync(viewer, ct) : await accounts.FindAsync(targetId, ct);
        if (account is null || (targetId != viewerId && !account.IsActive)) throw PlatformException.NotFound("User not found");
        var all = ProfileEntryService.All(account);
        if (targetId != viewerId) await CountViewAsync(viewerId, targetId, ct);
        return new ProfileView(account, all[EntryKinds.Experience].ToList(), all[EntryKinds.Education].ToList(), all[EntryKinds.Certification].ToList());
    }

    /// <summary>
    /// Updates the profile fields given (a phone country code must belong to a permitted country). The text is
    /// checked first and only then does <paramref name="withMedia"/> add the uploads, so a refused update stores no file.
    /// </summary>
    public async Task<Account> UpdateAsync(long userId, ProfileDetails text, Func<ProfileDetails, Task<ProfileDetails>> withMedia,
        CancellationToken ct = default)
    {
        await CheckAsync(text, ct);
        return await accounts.UpdateDetailsAsync(userId, await withMedia(text), ct);
    }

    private async Task CheckAsync(ProfileDetails changes, CancellationToken ct)
    {
        AccountService.CheckDetails(changes);
        var code = changes.CountryCode?.Trim();
        if (!string.IsNullOrEmpty(code))
        {
            var errors = new FieldErrors();
            AccountRules.CheckCountryCode(code, errors, "country_code");
            if (!errors.Any && !await countries.IsPermittedCodeAsync(code, ct))
                throw PlatformException.InvalidFields(new Dictionary<string, string>
                {
                    ["country_code"] = $"{code} is not the code of a country permitted on the platform.",
                });
        }
    }

    /// <summary>Sets the industry (required) and, when given, the user type, both from their choice lists.</summary>
    public async Task<Account> SetIndustryAsync(long userId, string? industry, string? userType, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var canonicalIndustry = Choices.Require("industry", industry, errors);
        var canonicalUserType = string.IsNullOrWhiteSpace(userType) ? null : Choices.Check("user", userType, errors);
        errors.ThrowIfAny();
        return await accounts.SetIndustryAsync(userId, canonicalIndustry, canonicalUserType, ct);
    }

    public async Task<ProfileAnalytics> AnalyticsAsync(long userId, CancellationToken ct = default)
    {
        var account = await accounts.GetAsync(userId, ct);
        return new ProfileAnalytics(account.PostsCount, account.ProfileViews, account.ConnectionsCount);
    }

    public async Task<ProfileCompletion> CompletionAsync(long userId, CancellationToken ct = default)
    {
        var account = await accounts.GetAsync(userId, ct);
        var all = ProfileEntryService.All(account);
        bool Done(string item) => item switch
        {
            "profile_photo" => !string.IsNullOrEmpty(account.Avatar),
            "intro_video" => !string.IsNullOrEmpty(account.IntroVideo),
            "bio" => !string.IsNullOrWhiteSpace(account.Bio),
            _ => all[item].Any(),
        };
        var complete = CompletionItems.Where(Done).ToList();
        var percent = (int)Math.Round(100.0 * complete.Count / CompletionItems.Count, MidpointRounding.AwayFromZero);
        return new ProfileCompletion(percent, CompletionItems.Except(complete).ToList(), complete);
    }

    private async Task CountViewAsync(long viewerId, long targetId, CancellationToken ct)
    {
        var day = clock.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var view = new ProfileViewRecord($"profile-view:{viewerId.ToString(CultureInfo.InvariantCulture)}:{day}", ProfileEntry.PartitionOf(targetId),
            viewerId, day, (int)TimeSpan.FromDays(2).TotalSeconds, Counted: false);
        // One record per viewer and day, so only the first view of the day counts; a view whose request stopped before
        // counting it is counted by the next one (once: see CountOnce).
        if (!await store.TryCreateAsync(Containers.UserActivity, view, view.Partition, ct)
            && (await store.ReadAsync<ProfileViewRecord>(Containers.UserActivity, view.Id, view.Partition, ct))?.Document.Counted != false)
            return;
        await counting.CountAsync(view.Partition + "/" + view.Id, [AccountService.Counter(targetId, (AccountCounters.ProfileViews, 1))], ct);
        await store.PatchAsync<ProfileViewRecord>(Containers.UserActivity, view.Id, view.Partition, [Microsoft.Azure.Cosmos.PatchOperation.Set("/counted", true)], ct);
    }

    private sealed record ProfileViewRecord(string Id, string Partition, long ViewerId, string Day, int Ttl, bool? Counted = null);
}
