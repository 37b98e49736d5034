using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Posts;
using CareerNexus.Social;
using CareerNexus.Tokens;

namespace CareerNexus.Functions.Careers;

// Requests, as documents 000 and 001 spell them. Every field is optional here: the platform's
// validation reports what is missing, field by field, in the Careers error body.

public sealed record RegisterRequest(string? Username, string? Email, string? Password, string? PasswordConfirm, string? FirstName,
    string? LastName, string? Bio);

public sealed record LoginRequest(string? Username, string? Email, string? Password);

public sealed record RefreshRequest(string? Refresh);

public sealed record UpdateMeRequest(string? FirstName, string? LastName, string? Bio, string? Avatar, string? Email);

public sealed record FollowRequest(long? Following);

public sealed record PostRequest(string? Content, string? Image);

public sealed record CommentRequest(string? Content);

public sealed record ShareRequest(string? Content);

// Responses.

public sealed record UserSummary(long Id, string Username, string FirstName, string LastName, string? Avatar, bool IsFollowing)
{
    public static UserSummary Of(Account account, bool isFollowing = false) =>
        new(account.UserId, account.Username, account.FirstName, account.LastName, account.Avatar, isFollowing);

    public static UserSummary Of(long id, CareerNexus.Posts.PostAuthor author) => new(id, author.Username, author.FirstName, author.LastName, author.Avatar, false);

    /// <summary>For an account deleted since: keeps the list's shape.</summary>
    public static UserSummary Missing(long id) => new(id, "", "", "", null, false);
}

public sealed record RegisteredUser(long Id, string Username, string Email, string FirstName, string LastName, string Bio, DateTimeOffset CreatedAt);

public sealed record SignedInUser(long Id, string Username, string Email, string FirstName, string LastName);

public sealed record AuthResponse<TUser>(TUser User, string Access, string Refresh);

public sealed record RefreshResponse(string Access, string Refresh);

public sealed record MessageResponse(string Message);

public sealed record PublicProfile(long Id, string Username, string FirstName, string LastName, string Bio, string? Avatar, DateTimeOffset CreatedAt,
    long PostsCount, long FollowersCount, long FollowingCount, bool IsFollowing);

public sealed record MyProfile(long Id, string Username, string Email, string FirstName, string LastName, string Bio, string? Avatar,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long PostsCount, long FollowersCount, long FollowingCount)
{
    public static MyProfile Of(Account a) => new(a.UserId, a.Username, a.Email, a.FirstName, a.LastName, a.Bio, a.Avatar, a.CreatedAt, a.UpdatedAt,
        a.PostsCount, a.FollowersCount, a.FollowingCount);
}

public sealed record UpdatedProfile(long Id, string Username, string Email, string FirstName, string LastName, string Bio, string? Avatar,
    DateTimeOffset UpdatedAt);

public sealed record UserStats(long PostsCount, long FollowersCount, long FollowingCount, long LikesReceived, long CommentsReceived);

public sealed record FollowRecord(long Id, long Follower, long Following, string FollowerUsername, string FollowingUsername, DateTimeOffset CreatedAt)
{
    public static FollowRecord Of(Follow f) => new(f.Id, f.FollowerId, f.FollowingId, f.FollowerUsername, f.FollowingUsername, f.CreatedAt);
}

public sealed record CountedList<T>(long Count, IReadOnlyList<T> Results, BatchInfo BatchInfo);

public sealed record UserBatchInfo(int CurrentBatch, int BatchSize, long TotalUsers, long TotalBatches, int UsersInCurrentBatch);

public sealed record UserList(string Message, IReadOnlyList<UserSummary> Users, UserBatchInfo BatchInfo);

/// <summary>The standard batch_info of document 000.</summary>
public sealed record BatchInfo(int CurrentBatch, int BatchSize, long TotalItems, long TotalBatches, int ItemsInCurrentBatch)
{
    public static BatchInfo Of<T>(Page<T> page) =>
        new(page.Request.Number, page.Request.Size, page.Total, page.TotalPages, page.Items.Count);
}

/// <summary>The standard response envelope of document 000.</summary>
public sealed record Envelope<T>(string Message, T Data);

public sealed record ListEnvelope<T>(string Message, IReadOnlyList<T> Data, BatchInfo BatchInfo);

public sealed record PostResponse(long Id, UserSummary Author, string Content, string? Image, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    long LikesCount, long CommentsCount, long SharesCount, bool IsLiked)
{
    public static PostResponse Of(PostView view) => new(view.Post.PostId,
        view.Author is null ? UserSummary.Missing(view.Post.AuthorId) : UserSummary.Of(view.Post.AuthorId, view.Author), view.Post.Content, view.Post.Image,
        view.Post.CreatedAt, view.Post.UpdatedAt, view.Post.LikesCount, view.Post.CommentsCount, view.Post.SharesCount, view.IsLiked);
}

public sealed record LikeResponse(long Id, long Post, UserSummary User, DateTimeOffset CreatedAt)
{
    public static LikeResponse Of(ActivityView view) => new(view.Activity.ActivityId, view.Activity.PostId, ActivityResponses.User(view), view.Activity.CreatedAt);
}

public sealed record CommentResponse(long Id, long Post, UserSummary Author, string Content, DateTimeOffset CreatedAt)
{
    public static CommentResponse Of(ActivityView view) =>
        new(view.Activity.ActivityId, view.Activity.PostId, ActivityResponses.User(view), view.Activity.Content ?? "", view.Activity.CreatedAt);
}

public sealed record ShareResponse(long Id, long Post, UserSummary User, string? Content, DateTimeOffset CreatedAt)
{
    public static ShareResponse Of(ActivityView view) =>
        new(view.Activity.ActivityId, view.Activity.PostId, ActivityResponses.User(view), view.Activity.Content, view.Activity.CreatedAt);
}

public sealed record UnlikeResponse(long LikesCount);

public static class ActivityResponses
{
    /// <summary>Who liked, commented or shared, as a summary even when the account was deleted since.</summary>
    public static UserSummary User(ActivityView view) => view.User is null ? UserSummary.Missing(view.Activity.UserId) : UserSummary.Of(view.User);
}

public static class TokenResponses
{
    public static AuthResponse<TUser> Of<TUser>(TUser user, TokenPair tokens) => new(user, tokens.Access, tokens.Refresh);
}
