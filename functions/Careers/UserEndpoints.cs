using System.Security.Claims;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Functions.Hosting;
using CareerNexus.Social;
using CareerNexus.Tokens;

namespace CareerNexus.Functions.Careers;

/// <summary>The /careers/users/ routes of document 001.</summary>
public static class UserEndpoints
{
    public static void MapUsers(this RouteGroupBuilder careers)
    {
        var users = careers.MapGroup("/users");

        users.MapPost("/register", async (RegisterRequest? body, SessionService sessions, CancellationToken ct) =>
        {
            var request = body ?? new RegisterRequest(null, null, null, null, null, null, null);
            var session = await sessions.RegisterAsync(new NewAccount(request.Username, request.Email, request.Password, request.FirstName,
                request.LastName, request.Bio, Confirmation: new PasswordConfirmation(request.PasswordConfirm, "password_confirm")), ct);
            var a = session.Account;
            return Results.Json(TokenResponses.Of(new RegisteredUser(a.UserId, a.Username, a.Email, a.FirstName, a.LastName, a.Bio, a.CreatedAt),
                session.Tokens), statusCode: StatusCodes.Status201Created);
        }).Produces<AuthResponse<RegisteredUser>>(StatusCodes.Status201Created).RequireRateLimiting(CredentialLimits.Policy);

        users.MapPost("/login", async (LoginRequest? body, SessionService sessions, CancellationToken ct) =>
        {
            var session = await sessions.SignInAsync(body?.Username ?? body?.Email, body?.Password, ct);
            var a = session.Account;
            return TokenResponses.Of(new SignedInUser(a.UserId, a.Username, a.Email, a.FirstName, a.LastName), session.Tokens);
        }).RequireRateLimiting(CredentialLimits.Policy);

        users.MapPost("/token/refresh", async (RefreshRequest? body, SessionService sessions, CancellationToken ct) =>
        {
            var session = await sessions.RefreshAsync(body?.Refresh, ct);
            return new RefreshResponse(session.Tokens.Access, session.Tokens.Refresh);
        }).RequireRateLimiting(CredentialLimits.Policy);

        var signedIn = users.MapGroup("").RequireAuthorization();

        signedIn.MapPost("/logout", async (RefreshRequest? body, ClaimsPrincipal user, SessionService sessions, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(body?.Refresh))
                throw PlatformException.InvalidFields(new Dictionary<string, string> { ["refresh"] = "This field is required." });
            await sessions.SignOutAsync(user.Caller(), body.Refresh, ct);
            return new MessageResponse("Successfully logged out");
        });

        signedIn.MapGet("", async (CareersQuery query, ClaimsPrincipal user, PeopleService people, CancellationToken ct) =>
        {
            var search = new AccountSearch(query.Search, query.FirstName, query.LastName, query.Ordering(AccountSearch.OrderFields.Keys));
            var page = await people.SearchAsync(user.UserId(), search, query.Page, ct);
            return new UserList("Users retrieved successfully", page.Items.Select(p => UserSummary.Of(p.Account, p.IsFollowing)).ToList(),
                new UserBatchInfo(page.Request.Number, page.Request.Size, page.Total, page.TotalPages, page.Items.Count));
        });

        signedIn.MapGet("/me", async (ClaimsPrincipal user, AccountService accounts, CancellationToken ct) =>
            MyProfile.Of(await accounts.GetAsync(user.Caller(), ct)));

        signedIn.MapPatch("/me/update", async (UpdateMeRequest? body, ClaimsPrincipal user, AccountService accounts, CancellationToken ct) =>
        {
            var a = await accounts.UpdateProfileAsync(user.UserId(),
                new ProfileChanges(body?.FirstName, body?.LastName, body?.Bio, body?.Avatar, body?.Email), ct);
            return new UpdatedProfile(a.UserId, a.Username, a.Email, a.FirstName, a.LastName, a.Bio, a.Avatar, a.UpdatedAt);
        });

        signedIn.MapGet("/me/stats", async (ClaimsPrincipal user, AccountService accounts, CancellationToken ct) =>
        {
            var a = await accounts.GetAsync(user.Caller(), ct);
            return new UserStats(a.PostsCount, a.FollowersCount, a.FollowingCount, a.LikesReceived, a.CommentsReceived);
        });

        signedIn.MapPost("/follow", async (FollowRequest? body, ClaimsPrincipal user, FollowService follows, CancellationToken ct) =>
        {
            if (body?.Following is not { } following)
                throw PlatformException.InvalidFields(new Dictionary<string, string> { ["following"] = "This field is required." });
            var follow = await follows.FollowAsync(user.UserId(), following, ct);
            return Results.Json(FollowRecord.Of(follow), statusCode: StatusCodes.Status201Created);
        }).Produces<FollowRecord>(StatusCodes.Status201Created);

        signedIn.MapGet("/following", async (CareersQuery query, ClaimsPrincipal user, AccountService accounts, FollowService follows,
            CancellationToken ct) => FollowList(await follows.FollowingAsync(await accounts.GetAsync(user.Caller(), ct), query.Page, ct)));

        signedIn.MapGet("/followers", async (CareersQuery query, ClaimsPrincipal user, AccountService accounts, FollowService follows,
            CancellationToken ct) => FollowList(await follows.FollowersAsync(await accounts.GetAsync(user.Caller(), ct), query.Page, ct)));

        signedIn.MapGet("/{username}", async (string username, ClaimsPrincipal user, PeopleService people, CancellationToken ct) =>
        {
            var person = await people.ProfileAsync(user.UserId(), username, ct);
            var a = person.Account;
            return new PublicProfile(a.UserId, a.Username, a.FirstName, a.LastName, a.Bio, a.Avatar, a.CreatedAt, a.PostsCount, a.FollowersCount,
                a.FollowingCount, person.IsFollowing);
        });

        signedIn.MapGet("/{username}/followers", async (string username, CareersQuery query, ClaimsPrincipal user, PeopleService people,
            CancellationToken ct) => PeopleList(await people.FollowersOfAsync(user.UserId(), username, query.Page, ct)));

        signedIn.MapGet("/{username}/following", async (string username, CareersQuery query, ClaimsPrincipal user, PeopleService people,
            CancellationToken ct) => PeopleList(await people.FollowingOfAsync(user.UserId(), username, query.Page, ct)));

        signedIn.MapDelete("/{username}/unfollow", async (string username, ClaimsPrincipal user, FollowService follows, CancellationToken ct) =>
        {
            var target = await follows.UnfollowAsync(user.UserId(), username, ct);
            return new MessageResponse($"Stopped following {target.Username}");
        });
    }

    private static CountedList<FollowRecord> FollowList(Page<Follow> page) =>
        new(page.Total, page.Items.Select(FollowRecord.Of).ToList(), BatchInfo.Of(page));

    private static CountedList<UserSummary> PeopleList(Page<Person> page) =>
        new(page.Total, page.Items.Select(p => UserSummary.Of(p.Account, p.IsFollowing)).ToList(), BatchInfo.Of(page));
}
