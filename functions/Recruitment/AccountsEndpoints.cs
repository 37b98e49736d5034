using System.Security.Claims;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Files;
using CareerNexus.Functions.Hosting;
using CareerNexus.LinkedIn;
using CareerNexus.Onboarding;
using CareerNexus.Profiles;
using CareerNexus.Tokens;
using CareerNexus.Verification;

namespace CareerNexus.Functions.Recruitment;

/// <summary>
/// Document 003's authentication and user management modules, under /accounts/api/v1/: auth/token/ (obtain, refresh,
/// verify), auth/password-reset/, users/ (availability checks, registration, email verification, me), linkedin/oauth/.
/// </summary>
public static class RecruitmentAccountsEndpoints
{
    /// <summary>The document's registration message, decoded from its mojibake (UTF-8 read as Mac Roman).</summary>
    public const string RegisteredMessage =
        "Votre compte a été créé avec succès. Un email d'activation a été envoyé à votre adresse. Veuillez vérifier votre boîte de réception (et vos spams) pour activer votre compte avant de vous connecter.";

    public static void MapRecruitmentAccounts(this RouteGroupBuilder group)
    {
        var auth = group.MapGroup("/auth");

        auth.MapPost("/token", async (FormBody<TokenObtainBody> form, SessionService sessions, CancellationToken ct) =>
        {
            var session = await sessions.SignInActivatedAsync(form.Value.Username ?? form.Value.Email, form.Value.Password, ct);
            return new TokenPairResponse(session.Tokens.Access, session.Tokens.Refresh);
        }).RequireRateLimiting(CredentialLimits.Policy);

        auth.MapPost("/token/refresh", async (FormBody<TokenRefreshBody> form, SessionService sessions, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(form.Value.Refresh)) throw Required("refresh");
            var session = await sessions.RefreshAsync(form.Value.Refresh, ct);
            return new TokenPairResponse(session.Tokens.Access, session.Tokens.Refresh);
        }).RequireRateLimiting(CredentialLimits.Policy);

        auth.MapPost("/token/verify", async (FormBody<TokenVerifyBody> form, TokenService tokens, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(form.Value.Token)) throw Required("token");
            _ = await tokens.ValidateAccessAsync(form.Value.Token.Trim(), ct)
                ?? throw PlatformException.Unauthenticated("Token is invalid or expired");
            return new DetailResponse("Token is valid");
        }).RequireRateLimiting(CredentialLimits.Policy);

        auth.MapPost("/password-reset", async (FormBody<EmailBody> form, PasswordResetService resets, CancellationToken ct) =>
        {
            await resets.RequestLinkAsync(form.Value.Email, ct);
            return new DetailResponse("Password reset email sent if account exists");
        }).RequireRateLimiting(CredentialLimits.Policy);

        auth.MapPost("/password-reset/confirm", async (FormBody<PasswordResetConfirmBody> form, PasswordResetService resets, CancellationToken ct) =>
        {
            await resets.ResetWithLinkAsync(form.Value.Token, form.Value.Password, form.Value.PasswordConfirm, ct);
            return new DetailResponse("Password reset successful");
        }).RequireRateLimiting(CredentialLimits.Policy);

        var users = group.MapGroup("/users");

        users.MapPost("/check_email", async (FormBody<EmailBody> form, HandleAvailability availability, CancellationToken ct) =>
            await availability.EmailAvailableAsync(form.Value.Email, ct)
                ? new EmailAvailabilityResponse(true, "Email is available")
                : new EmailAvailabilityResponse(false, "This email is already used"))
            .RequireRateLimiting(CredentialLimits.Policy);

        users.MapPost("/check_username", async (FormBody<UsernameBody> form, HandleAvailability availability, CancellationToken ct) =>
        {
            var result = await availability.UsernameAsync(form.Value.Username, ct);
            return result.Available
                ? new UsernameAvailabilityResponse(true, "Username is available", null)
                : new UsernameAvailabilityResponse(false, "This username is already taken", result.Suggestions);
        }).RequireRateLimiting(CredentialLimits.Policy);

        users.MapPost("", async (FormBody<RegisterBody> form, RecruitmentRegistration registration, CancellationToken ct) =>
        {
            var b = form.Value;
            var a = await registration.RegisterAsync(new RecruitmentSignup(b.Username, b.Email, b.Password, b.Password2, b.FirstName, b.LastName,
                b.UserType, b.Phone, b.Location, b.Bio, b.CompanyName ?? b.Company), ct);
            return Results.Json(new RegisteredUser(a.UserId, a.Username, a.Email, a.FirstName, a.LastName, a.RecruitmentRole, a.IsActive, a.CreatedAt,
                RegisteredMessage), statusCode: StatusCodes.Status201Created);
        }).Produces<RegisteredUser>(StatusCodes.Status201Created).RequireRateLimiting(CredentialLimits.Policy);

        users.MapGet("/email-verification/status", async (ClaimsPrincipal user, AccountService accounts, CancellationToken ct) =>
        {
            var a = await accounts.GetAsync(user.Caller(), ct);
            return a.EmailVerified
                ? new VerificationStatusResponse(true, a.IsActive, "Email is verified")
                : new VerificationStatusResponse(false, a.IsActive, "Email not verified. Please check your email for activation link.");
        }).RequireAuthorization();

        users.MapPost("/email-verification/resend", async (FormBody<EmailBody> form, HttpContext http, AccountService accounts,
            ActivationService activation, CancellationToken ct) =>
        {
            if (http.User.Identity?.IsAuthenticated == true)
            {
                var a = await accounts.GetAsync(http.User.Caller(), ct);
                if (ActivationService.IsDone(a)) return new MessageResponse("Email is already verified.");
                await activation.SendAsync(a, ct);
            }
            // A token that was sent but is not valid must not fall back to the email in the body.
            else if (http.Request.Headers.Authorization.Count > 0) throw PlatformException.Unauthenticated("Invalid or expired token");
            else await activation.ResendAsync(form.Value.Email, ct);
            return new MessageResponse("Activation email sent successfully. Please check your inbox.");
        }).RequireRateLimiting(CredentialLimits.Policy);

        users.MapPost("/email-verification/confirm", async (FormBody<ActivationBody> form, ActivationService activation, CancellationToken ct) =>
        {
            var (a, already) = await activation.ConfirmAsync(form.Value.Token, ct);
            return already
                ? new ActivationResponse("Email is already verified.", new ActivatedUser(a.UserId, null, null, a.IsActive))
                : new ActivationResponse("Email verified successfully. Your account is now active.",
                    new ActivatedUser(a.UserId, a.Username, a.Email, a.IsActive));
        }).WithMetadata(RecruitmentDialect.ErrorKeyed).Produces<RecruitmentKeyedError>(StatusCodes.Status400BadRequest)
            .RequireRateLimiting(CredentialLimits.Policy);

        users.MapGet("/me", async (ClaimsPrincipal user, AccountService accounts, AdminPolicy admins, CancellationToken ct) =>
            RecruitmentUser.Of(await accounts.GetAsync(user.Caller(), ct), admins)).RequireAuthorization();

        users.MapPatch("/me", async (FormBody<UpdateMeBody> body, ClaimsPrincipal user, ProfileService profiles, AdminPolicy admins,
            CancellationToken ct) =>
        {
            var (form, b) = (body.Form, body.Value);
            var text = new ProfileDetails(FirstName: b.FirstName, LastName: b.LastName, Bio: b.Bio, Location: b.Location, Phone: b.Phone);
            var account = await profiles.UpdateAsync(user.UserId(), text, async checkedText => checkedText with
            {
                Avatar = await form.MediaAsync("profile_picture", FileKind.Image, "profile_pictures", ct),
            }, ct);
            return RecruitmentUser.Of(account, admins);
        }).RequireAuthorization().WithMetadata(AcceptsUploads.Of(FileKind.Image));

        var linkedIn = group.MapGroup("/linkedin/oauth");

        linkedIn.MapPost("/start", async (LinkedInSignIn linkedInSignIn, CancellationToken ct) =>
        {
            var start = await linkedInSignIn.StartAsync(ct);
            return new LinkedInStartResponse(start.AuthorizationUrl, start.State);
        }).RequireRateLimiting(CredentialLimits.Policy);

        linkedIn.MapGet("/callback", async (string? code, string? state, string? error, string? error_description, LinkedInSignIn linkedInSignIn,
            AdminPolicy admins, CancellationToken ct) =>
        {
            var (session, created) = await linkedInSignIn.CallbackAsync(code, state, error, error_description, ct);
            return new LinkedInSignedIn(session.Tokens.Access, session.Tokens.Refresh, created, RecruitmentUser.Of(session.Account, admins));
        }).RequireRateLimiting(CredentialLimits.Policy);
    }

    private static PlatformException Required(string field) =>
        PlatformException.InvalidFields(new Dictionary<string, string> { [field] = "This field is required." });
}
