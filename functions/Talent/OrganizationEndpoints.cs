using System.Security.Claims;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Files;
using CareerNexus.Functions.Hosting;
using CareerNexus.Functions.Recruitment;
using CareerNexus.Organizations;
using CareerNexus.Tokens;

namespace CareerNexus.Functions.Talent;

// Routes: /api/organization/organizations/ (GET, POST), /api/organization/organizations/{id}/ (GET, PUT, PATCH, DELETE),
// /api/organization/organizations/{id}/create-invite/ (POST), and ours: /api/organization/invites/accept/ (POST).

/// <summary>
/// Document 004's organizations: the caller's own (a list of at most one), made by its root user, read by its members,
/// changed and deleted by the root user; invites by any member. Bodies are JSON or a multipart form with an `avatar` image.
/// </summary>
public static class TalentOrganizationEndpoints
{
    private static readonly string[] Fields = ["name", "industry", "linkedin_url", "headquarter_location", "about", "employee_size", "url", "avatar"];

    public static void MapTalentOrganizations(this RouteGroupBuilder group)
    {
        var organizations = group.MapGroup("/organizations").RequireAuthorization();

        organizations.MapGet("", async (ClaimsPrincipal user, AccountService accounts, OrganizationService service, CancellationToken ct) =>
            (await service.MineAsync(await accounts.GetAsync(user.Caller(), ct), ct)).Select(OrganizationItem.Of).ToList())
            .Produces<List<OrganizationItem>>();

        organizations.MapPost("", async (HttpRequest request, ClaimsPrincipal user, AccountService accounts, OrganizationService service,
            CancellationToken ct) =>
        {
            var (body, fields, avatar) = await ReadAsync(request, ct);
            var created = await service.CreateAsync(await accounts.GetAsync(user.Caller(), ct), fields, avatar, ct);
            return Results.Json(OrganizationItem.Of(created), PlatformJson.Options, statusCode: StatusCodes.Status201Created);
        }).WithMetadata(AcceptsUploads.Of(FileKind.Image)).Accepts<OrganizationBody>("application/json", "multipart/form-data")
            .Produces<OrganizationItem>(StatusCodes.Status201Created);

        organizations.MapGet("/{id}", async (string id, ClaimsPrincipal user, OrganizationService service, CancellationToken ct) =>
            OrganizationItem.Of(await service.GetAsync(user.UserId(), RecruitmentIds.FromPath(id), ct))).Produces<OrganizationItem>();

        organizations.MapPut("/{id}", (string id, HttpRequest request, ClaimsPrincipal user, OrganizationService service, CancellationToken ct) =>
                ChangeAsync(id, request, user, service, replace: true, ct))
            .WithMetadata(AcceptsUploads.Of(FileKind.Image)).Accepts<OrganizationBody>("application/json", "multipart/form-data").Produces<OrganizationItem>();

        organizations.MapPatch("/{id}", (string id, HttpRequest request, ClaimsPrincipal user, OrganizationService service, CancellationToken ct) =>
                ChangeAsync(id, request, user, service, replace: false, ct))
            .WithMetadata(AcceptsUploads.Of(FileKind.Image)).Accepts<OrganizationBody>("application/json", "multipart/form-data").Produces<OrganizationItem>();

        organizations.MapDelete("/{id}", async (string id, ClaimsPrincipal user, OrganizationService service, CancellationToken ct) =>
        {
            await service.DeleteAsync(user.UserId(), RecruitmentIds.FromPath(id), ct);
            return Results.NoContent();
        }).Produces(StatusCodes.Status204NoContent);

        organizations.MapPost("/{id}/create-invite", async (string id, RecruitmentBody body, ClaimsPrincipal user, OrganizationInvites invites,
            CancellationToken ct) =>
        {
            var email = body.Text("email");
            body.ThrowIfInvalid();
            var invite = await invites.CreateAsync(user.UserId(), RecruitmentIds.FromPath(id), email, ct);
            return Results.Json(new InviteResponse(invite.Email, invite.Code, invite.OrganizationId), PlatformJson.Options,
                statusCode: StatusCodes.Status201Created);
        }).Accepts<InviteBody>("application/json").Produces<InviteResponse>(StatusCodes.Status201Created).RequireRateLimiting(CredentialLimits.Policy);

        // Ours: the document joins an organization only at signup; an account that exists already accepts its invite here.
        group.MapPost("/invites/accept", async (RecruitmentBody body, ClaimsPrincipal user, AccountService accounts, OrganizationInvites invites,
            OrganizationService service, CancellationToken ct) =>
        {
            var code = body.Text("invite_code");
            body.ThrowIfInvalid();
            var organizationId = await invites.AcceptAsync(await accounts.GetAsync(user.Caller(), ct), code, ct);
            return OrganizationItem.Of(await service.GetAsync(user.UserId(), organizationId, ct));
        }).RequireAuthorization().Accepts<AcceptInviteBody>("application/json").Produces<OrganizationItem>().RequireRateLimiting(CredentialLimits.Policy);
    }

    private static async Task<OrganizationItem> ChangeAsync(string id, HttpRequest request, ClaimsPrincipal user, OrganizationService service, bool replace,
        CancellationToken ct)
    {
        var (_, fields, avatar) = await ReadAsync(request, ct);
        return OrganizationItem.Of(await service.UpdateAsync(user.UserId(), RecruitmentIds.FromPath(id), fields, replace, avatar, ct));
    }

    /// <summary>The fields, and the avatar to store once they are valid: a file part, or in JSON a URL or null (cleared).</summary>
    private static async Task<(RecruitmentBody Body, OrganizationFields Fields, Func<Task<string?>> Avatar)> ReadAsync(HttpRequest request,
        CancellationToken ct)
    {
        var body = await RecruitmentBody.ReadAsync(request, Fields, ct);
        var fields = new OrganizationFields(body.Text("name"), body.Text("industry"), body.Text("linkedin_url"), body.Text("headquarter_location"),
            body.Text("about"), body.Text("employee_size"), body.Text("url"));
        var avatarUrl = body.Form is null && body.Has("avatar") ? body.Text("avatar") ?? "" : null;
        body.ThrowIfInvalid();
        var checkedUrl = TalentMedia.Url(avatarUrl, "avatar");
        Func<Task<string?>> avatar = body.Form is { } form
            ? () => form.MediaAsync("avatar", FileKind.Image, "organization-avatars", ct)
            : () => Task.FromResult(checkedUrl);
        return (body, fields, avatar);
    }
}

/// <summary>Talent's file fields: a file part of a multipart form, or a URL or null in JSON.</summary>
public static class TalentMedia
{
    /// <summary>
    /// A file field of a profile or note: a file part is checked against its kind's limits and stored (once the caller runs it,
    /// after the other fields are valid); "" (or "null" in a form) and JSON null remove the file; a URL is kept as given where
    /// <paramref name="takesUrl"/>, else refused. Null when the request does not name the field.
    /// </summary>
    public static Func<Task<string?>>? Upload(RecruitmentBody body, string field, FileKind kind, string folder, bool takesUrl, CancellationToken ct)
    {
        if (!body.Has(field)) return null;
        var text = body.Text(field);
        if (body.Form is { } form && text is null) return () => form.MediaAsync(field, kind, folder, ct);
        if (text is null || text.Trim() is "" || (body.Form is not null && text.Trim() == "null")) return () => Task.FromResult<string?>("");
        if (!takesUrl)
            throw PlatformException.InvalidFields(new Dictionary<string, string>
            {
                [field] = "Upload the file as a part of a multipart form, or send null to remove it.",
            });
        var url = Url(text, field);
        return () => Task.FromResult(url);
    }

    /// <summary>A media field sent in JSON: an http(s) URL as given, "" to clear, null to leave as it is.</summary>
    public static string? Url(string? url, string field)
    {
        var errors = new FieldErrors();
        AccountRules.CheckUrl(url?.Trim(), errors, field);
        errors.ThrowIfAny();
        return url?.Trim();
    }
}
