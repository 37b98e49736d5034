using System.Security.Claims;
using CareerNexus.Common;
using CareerNexus.Functions.Hosting;
using CareerNexus.Tokens;
using CareerNexus.Verification;

namespace CareerNexus.Functions.Nexus;

/// <summary>Document 002, under /user/: signup, hash verify, signin, signout, forget-password.</summary>
public static class NexusAccountEndpoints
{
    public static void MapNexusAccounts(this RouteGroupBuilder nexus)
    {
        nexus.MapPost("/user/signup", async (FormBody<SignupRequest> form, SignupService signups, CancellationToken ct) =>
        {
            var session = await signups.SignUpAsync(form.Value, ct);
            return session is null
                ? Results.Json(new StatusResponse("OTP sent"), statusCode: StatusCodes.Status201Created)
                : Results.Json(SignedUp.Of(session), statusCode: StatusCodes.Status201Created);
        }).Produces<SignedUp>(StatusCodes.Status201Created).RequireRateLimiting(CredentialLimits.Policy);

        nexus.MapPost("/user/hash/verify", async (FormBody<HashBody> form, SignupService signups, CancellationToken ct) =>
            Results.Json(SignedUp.Of(await signups.CompleteWithLinkAsync(form.Value.Hash, ct)), statusCode: StatusCodes.Status201Created))
            .Produces<SignedUp>(StatusCodes.Status201Created).RequireRateLimiting(CredentialLimits.Policy);

        nexus.MapPost("/user/signin", async (FormBody<SigninBody> form, SessionService sessions, CancellationToken ct) =>
        {
            var session = await sessions.SignInByEmailAsync(form.Value.Email, form.Value.Password, ct);
            return new SignedIn(session.Tokens.Refresh, session.Tokens.Access, session.Account.Email);
        }).RequireRateLimiting(CredentialLimits.Policy);

        nexus.MapPost("/user/signout", async (FormBody<SignoutBody> form, ClaimsPrincipal user, SessionService sessions, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(form.Value.Refresh))
                throw PlatformException.InvalidFields(new Dictionary<string, string> { ["refresh"] = "This field is required." });
            await sessions.SignOutAsync(user.Caller(), form.Value.Refresh, ct);
            return Results.Json(new StatusResponse("Logged out"), statusCode: StatusCodes.Status202Accepted);
        }).RequireAuthorization().Produces<StatusResponse>(StatusCodes.Status202Accepted);

        nexus.MapPost("/user/forget-password", async (FormBody<PasswordResetRequest> form, HttpContext http, PasswordResetService resets,
            CancellationToken ct) =>
        {
            // A browser client written to the document sends the grant back as the cookie stage 2 set.
            var request = form.Value.ResetToken is { Length: > 0 } ? form.Value
                : form.Value with { ResetToken = http.Request.Cookies[ResetGrantCookie.Name] };
            var outcome = await resets.HandleAsync(request, ct);
            switch (outcome.Stage)
            {
                case PasswordResetStage.CodeSent:
                    return Results.Json(new StatusResponse("OTP sent"));
                case PasswordResetStage.Verified:
                    ResetGrantCookie.Set(http, outcome.Grant!);
                    return Results.Json(new ResetVerified("Verified", outcome.Grant!.Token));
                default:
                    ResetGrantCookie.Clear(http);
                    // The document's own wording.
                    return Results.Json(new PasswordChanged("Password Changes", outcome.Email!));
            }
        }).Produces<ResetVerified>().RequireRateLimiting(CredentialLimits.Policy);
    }
}

/// <summary>The reset grant as a cookie: HttpOnly, SameSite=Strict, only sent back to the reset route, Secure over https.</summary>
public static class ResetGrantCookie
{
    public const string Name = "reset_token";
    private const string Path = "/user/forget-password";

    public static void Set(HttpContext http, ResetGrant grant) =>
        http.Response.Cookies.Append(Name, grant.Token, Options(http, grant.ExpiresAt));

    public static void Clear(HttpContext http) => http.Response.Cookies.Delete(Name, Options(http, null));

    private static CookieOptions Options(HttpContext http, DateTimeOffset? expires) => new()
    {
        HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = ClientConnection.CameOverHttps(http), Path = Path, Expires = expires,
    };
}
