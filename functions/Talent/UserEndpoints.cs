using System.Security.Claims;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Erasure;
using CareerNexus.Feedback;
using CareerNexus.Files;
using CareerNexus.Functions.Hosting;
using CareerNexus.Functions.Recruitment;
using CareerNexus.Organizations;
using CareerNexus.Profiles;
using CareerNexus.Tokens;

namespace CareerNexus.Functions.Talent;

// Routes: /api/auth/users/me/, /api/auth/users/{id}/ (GET, PUT, PATCH, DELETE), /api/auth/add-feedback/, /api/auth/feedback/ (ours).

/// <summary>
/// Document 004's users: one's own account (users/me), a colleague's (users/{id}: oneself or a member of one's
/// organization), changes and deletion of one's own; feedback to the platform, and its list for administrators.
/// </summary>
public static class TalentUserEndpoints
{
    private static readonly string[] UserFields = ["first_name", "last_name", "avatar"];
    private static readonly string[] FeedbackFields = ["urgency", "subject", "message", "emoji", "attachment"];

    public static void MapTalentUsers(this RouteGroupBuilder auth)
    {
        var users = auth.MapGroup("/users").RequireAuthorization();

        users.MapGet("/me", async (ClaimsPrincipal user, AccountService accounts, Referrals referrals, CancellationToken ct) =>
            TalentUser.Of(await accounts.GetAsync(user.Caller(), ct), referrals)).Produces<TalentUser>();

        users.MapGet("/{id}", async (string id, ClaimsPrincipal user, AccountService accounts, OrganizationService organizations, Referrals referrals,
            CancellationToken ct) =>
            TalentUser.Of(await organizations.ColleagueAsync(await accounts.GetAsync(user.Caller(), ct), RecruitmentIds.FromPath(id), ct), referrals))
            .Produces<TalentUser>();

        users.MapPut("/{id}", (string id, HttpRequest request, ClaimsPrincipal user, ProfileService profiles, Referrals referrals, CancellationToken ct) =>
                ChangeAsync(id, request, user, profiles, referrals, replace: true, ct))
            .WithMetadata(AcceptsUploads.Of(FileKind.Image)).Accepts<UserChangeBody>("application/json", "multipart/form-data").Produces<TalentUser>();

        users.MapPatch("/{id}", (string id, HttpRequest request, ClaimsPrincipal user, ProfileService profiles, Referrals referrals, CancellationToken ct) =>
                ChangeAsync(id, request, user, profiles, referrals, replace: false, ct))
            .WithMetadata(AcceptsUploads.Of(FileKind.Image)).Accepts<UserChangeBody>("application/json", "multipart/form-data").Produces<TalentUser>();

        users.MapDelete("/{id}", async (string id, ClaimsPrincipal user, AccountErasure erasure, CancellationToken ct) =>
        {
            await erasure.RequestAsync(user.UserId(), RecruitmentIds.FromPath(id), ct);
            return new TalentDetail("Account deleted: you are signed out, and your personal data is being erased.");
        }).Produces<TalentDetail>();

        auth.MapPost("/add-feedback", async (HttpRequest request, ClaimsPrincipal user, AccountService accounts, FeedbackService feedback,
            CancellationToken ct) =>
        {
            var body = await RecruitmentBody.ReadAsync(request, FeedbackFields, ct);
            var fields = new FeedbackFields(body.Text("urgency"), body.Text("subject"), body.Text("message"), body.Text("emoji"));
            var attachmentUrl = body.Form is null ? body.Text("attachment") : null;
            body.ThrowIfInvalid();
            var sender = await accounts.GetAsync(user.Caller(), ct);
            var entry = await feedback.SendAsync(sender, fields, async () =>
                body.Form is { } form ? await form.MediaAsync("attachment", FileKind.Image, "feedbacks", ct) : TalentMedia.Url(attachmentUrl, "attachment"), ct);
            return Results.Json(FeedbackItem.Of(entry), PlatformJson.Options, statusCode: StatusCodes.Status201Created);
        }).RequireAuthorization().WithMetadata(AcceptsUploads.Of(FileKind.Image)).Accepts<FeedbackBody>("application/json", "multipart/form-data")
            .Produces<FeedbackItem>(StatusCodes.Status201Created);

        auth.MapGet("/feedback", async (TalentPage page, ClaimsPrincipal user, FeedbackService feedback, CancellationToken ct) =>
            (await feedback.ListAsync(user.Caller(), page.Request, ct)).Select(FeedbackForAdmin.Of).ToList())
            .RequireAuthorization().Produces<List<FeedbackForAdmin>>();
    }

    /// <summary>PUT (first_name and last_name required) or PATCH of one's own account; avatar is a file part, or in JSON a URL or null (cleared).</summary>
    private static async Task<TalentUser> ChangeAsync(string id, HttpRequest request, ClaimsPrincipal user, ProfileService profiles, Referrals referrals,
        bool replace, CancellationToken ct)
    {
        var caller = user.Caller();
        if (RecruitmentIds.FromPath(id) != caller.UserId) throw PlatformException.Forbidden("You may change only your own account.");
        var body = await RecruitmentBody.ReadAsync(request, UserFields, ct);
        var (first, last) = (body.Text("first_name"), body.Text("last_name"));
        var avatarUrl = body.Form is null && body.Has("avatar") ? body.Text("avatar") ?? "" : null;
        body.ThrowIfInvalid();
        if (replace)
        {
            var missing = new FieldErrors();
            if (first is null) missing.Add("first_name", "This field is required.");
            if (last is null) missing.Add("last_name", "This field is required.");
            missing.ThrowIfAny();
        }
        var account = await profiles.UpdateAsync(caller.UserId, new ProfileDetails(FirstName: first, LastName: last), async text => text with
        {
            Avatar = body.Form is { } form ? await form.MediaAsync("avatar", FileKind.Image, "avatars", ct) : TalentMedia.Url(avatarUrl, "avatar"),
        }, ct);
        return TalentUser.Of(account, referrals);
    }
}
