using CareerNexus.Accounts;

namespace CareerNexus.Functions.Nexus;

/// <summary>How document 002 shows a person next to a post, comment, chat or connection; blanks read "N/A".</summary>
public static class NexusPeople
{
    public const string Missing = "N/A";

    public static string OrMissing(string? value) => string.IsNullOrWhiteSpace(value) ? Missing : value;

}

/// <summary>How document 002 shows a person next to a post, comment, chat or connection: {id, first_name, last_name, middle_name, profile_photo, qualification}.</summary>
public sealed record PersonSnippet(long Id, string FirstName, string LastName, string MiddleName, string ProfilePhoto, string Qualification)
{
    public static PersonSnippet Of(Account? account, long id) => new(id, NexusPeople.OrMissing(account?.FirstName),
        NexusPeople.OrMissing(account?.LastName), NexusPeople.OrMissing(account?.MiddleName), NexusPeople.OrMissing(account?.Avatar),
        NexusPeople.OrMissing(account?.Qualification));

    public static PersonSnippet Of(CareerNexus.Posts.PostAuthor? author, long id) => new(id, NexusPeople.OrMissing(author?.FirstName),
        NexusPeople.OrMissing(author?.LastName), NexusPeople.OrMissing(author?.MiddleName), NexusPeople.OrMissing(author?.Avatar),
        NexusPeople.OrMissing(author?.Qualification));
}
