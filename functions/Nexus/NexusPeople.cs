using CareerNexus.Accounts;

namespace CareerNexus.Functions.Nexus;

/// <summary>How document 002 shows a person next to a post, comment, chat or connection; blanks read "N/A".</summary>
public static class NexusPeople
{
    public const string Missing = "N/A";

    public static string OrMissing(string? value) => string.IsNullOrWhiteSpace(value) ? Missing : value;

    /// <summary>{id, first_name, last_name, middle_name, profile_photo, qualification}.</summary>
    public static object Snippet(Account? account, long id) => new
    {
        id,
        first_name = OrMissing(account?.FirstName),
        last_name = OrMissing(account?.LastName),
        middle_name = OrMissing(account?.MiddleName),
        profile_photo = OrMissing(account?.Avatar),
        qualification = OrMissing(account?.Qualification),
    };
}
