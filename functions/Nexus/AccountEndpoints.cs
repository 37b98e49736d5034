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
        }).Produces<SignedUp>(StatusCodes.Status201Created);

        nexus.MapPost("/user/hash/verify", async (FormBody<HashBody> form, SignupService signups, CancellationToken ct) =>
            Results.Json(SignedUp.Of(await signups.CompleteWithLinkAsync(form.Value.Hash, ct)), statusCode: StatusCodes.Status201Created))
            .Produces<SignedUp>(StatusCodes.Status201Created);

        nexus.MapPost("/user/signin", async (FormBody<SigninBody> form, SessionService sessions, CancellationToken ct) =>
        {
            var session = await sessions.SignInByEmailAsync(form.Value.Email, form.Value.Password, ct);
            return new SignedIn(session.Tokens.Refresh, session.Tokens.Access, session.Account.Email);
        });

        nexus.MapPost("/user/signout", async (FormBody<SignoutBody> form, ClaimsPrincipal user, SessionService sessions, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(form.Value.Refresh))
                throw PlatformException.InvalidFields(new Dictionary<string, string> { ["refresh"] = "This field is required." });
            await sessions.SignOutAsync(user.Caller(), form.Value.Refresh, ct);
            return Results.Json(new StatusResponse("Logged out"), statusCode: StatusCodes.Status202Accepted);
        }).RequireAuthorization().Produces<StatusResponse>(StatusCodes.Status202Accepted);

        nexus.MapPost("/user/forget-password", async (FormBody<PasswordResetRequest> form, PasswordResetService resets, CancellationToken ct) =>
        {
            var outcome = await resets.HandleAsync(form.Value, ct);
            return outcome.Stage switch
            {
                PasswordResetStage.CodeSent => (object)new StatusResponse("OTP sent"),
                PasswordResetStage.Verified => new StatusResponse("Verified"),
                // The document's own wording.
                _ => new PasswordChanged("Password Changes", outcome.Email!),
            };
        });
    }
}
