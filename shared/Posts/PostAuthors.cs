using CareerNexus.Accounts;

namespace CareerNexus.Posts;

/// <summary>Keeps the author copied onto each post in step with the account.</summary>
public sealed class PostAuthors(PostWork work) : IAccountObserver
{
    public Task DetailsChangedAsync(Account account, CancellationToken ct) => work.SubmitAsync(PostWork.AuthorChanged(account.UserId), ct);
}
