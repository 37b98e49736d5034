using System.Security.Claims;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Functions.Hosting;
using CareerNexus.Functions.Recruitment;
using CareerNexus.Onboarding;
using CareerNexus.Tokens;
using CareerNexus.Verification;

namespace CareerNexus.Functions.Talent;

// Routes: /api/auth/ signup, verify-email, resend-verification, token (+ refresh), session/login, session/logout, logout, csrf,
// change-password, password_reset (+ confirm); /api/token/ (+ refresh).

/// <summary>
/// Document 004's sign-up and sign-in: a 6-digit code activates a new account; the cookie routes set the access and refresh
/// tokens as HttpOnly cookies (with a CSRF token bound to the sign-in), the /api/token/ routes answer them in the body for
/// Bearer use. Bodies are JSON (Django REST Framework's reading: a wrong type is a field error).
/// </summary>
public static class TalentAuthEndpoints
{
    public static void MapTalentAuth(this RouteGroupBuilder auth)
    {
        auth.MapPost("/signup", async (RecruitmentBody body, TalentRegistration registration, CancellationToken ct) =>
        {
            var signup = new TalentSignup(body.Text("email"), body.Text("password"), body.Text("confirm_password"), body.Text("invite_code"),
                body.Boolean("newsletter"), body.Boolean("is_candidate"), body.Text("referral_code"));
            body.ThrowIfInvalid();
            await registration.SignUpAsync(signup, ct);
            return Results.Json(new TalentDetail("Registration successful! Please verify your email."), PlatformJson.Options,
                statusCode: StatusCodes.Status201Created);
        }).Accepts<SignupBody>("application/json").Produces<TalentDetail>(StatusCodes.Status201Created).RequireRateLimiting(CredentialLimits.Policy);

        auth.MapPost("/verify-email", async (RecruitmentBody body, HttpContext http, TalentRegistration registration, TalentCookies cookies,
            CancellationToken ct) =>
        {
            var (email, code) = (body.Text("email"), body.Text("code"));
            body.ThrowIfInvalid();
            SignIn(http, cookies, await registration.VerifyAsync(email, code, ct));
            return new TalentDetail("Email verified");
        }).Accepts<VerifyEmailBody>("application/json").Produces<TalentDetail>().RequireRateLimiting(CredentialLimits.Policy);

        auth.MapPost("/resend-verification", async (RecruitmentBody body, CodeVerificationService codes, CancellationToken ct) =>
        {
            var email = body.Text("email");
            body.ThrowIfInvalid();
            await codes.ResendAsync(email, ct);
            return new TalentDetail("Verification email sent");
        }).Accepts<EmailOnlyBody>("application/json").Produces<TalentDetail>().RequireRateLimiting(CredentialLimits.Policy);

        auth.MapPost("/token", (RecruitmentBody body, HttpContext http, SessionService sessions, TalentCookies cookies, CancellationToken ct) =>
                CookieSignInAsync(body, http, sessions, cookies, "Login success", ct))
            .Accepts<LoginBody>("application/json").Produces<TalentDetail>().RequireRateLimiting(CredentialLimits.Policy);

        auth.MapPost("/session/login", (RecruitmentBody body, HttpContext http, SessionService sessions, TalentCookies cookies, CancellationToken ct) =>
                CookieSignInAsync(body, http, sessions, cookies, "Login successful", ct))
            .Accepts<LoginBody>("application/json").Produces<TalentDetail>().RequireRateLimiting(CredentialLimits.Policy);

        auth.MapPost("/token/refresh", async (HttpContext http, SessionService sessions, TalentCookies cookies, CancellationToken ct) =>
        {
            var refresh = cookies.RefreshToken(http.Request)
                          ?? throw PlatformException.Unauthenticated("No refresh token", "No refresh_token cookie was sent: sign in with POST /api/auth/token/.");
            var session = await sessions.RefreshAsync(refresh, ct);
            cookies.SignIn(http, session.Tokens, newSession: false);
            return new TalentDetail("Token refreshed");
        }).Produces<TalentDetail>().RequireRateLimiting(CredentialLimits.Policy);

        auth.MapPost("/logout", (HttpContext http, SessionService sessions, TalentCookies cookies, CancellationToken ct) =>
            SignOutAsync(http, sessions, cookies, ct)).RequireAuthorization().Produces<TalentDetail>();

        auth.MapPost("/session/logout", (HttpContext http, SessionService sessions, TalentCookies cookies, CancellationToken ct) =>
            SignOutAsync(http, sessions, cookies, ct)).RequireAuthorization().Produces<TalentDetail>();

        auth.MapGet("/csrf", (HttpContext http, TalentCookies cookies, PlatformOptions options, TimeProvider clock) =>
        {
            // Bound to the caller's sign-in when there is one (by cookie or Bearer); before signing in it protects nothing yet.
            var sessionId = http.User.Identity?.IsAuthenticated == true ? http.User.Caller().SessionId : null;
            var token = cookies.NewCsrfToken(sessionId);
            cookies.SetCsrf(http, token, clock.GetUtcNow().AddDays(options.Tokens.RefreshDays));
            return new CsrfResponse(token);
        }).Produces<CsrfResponse>();

        auth.MapPost("/change-password", async (RecruitmentBody body, ClaimsPrincipal user, SessionService sessions, CancellationToken ct) =>
        {
            var (current, next, confirm) = (body.Text("current_password"), body.Text("new_password"), body.Text("confirm_new_password"));
            body.ThrowIfInvalid();
            await sessions.ChangePasswordAsync(user.Caller(), current, next, confirm, ct);
            return new TalentMessage("Password changed successfully.");
        }).RequireAuthorization().Accepts<ChangePasswordBody>("application/json").Produces<TalentMessage>().RequireRateLimiting(CredentialLimits.Policy);

        auth.MapPost("/password_reset", async (RecruitmentBody body, PasswordResetService resets, CancellationToken ct) =>
        {
            var email = body.Text("email");
            body.ThrowIfInvalid();
            await resets.RequestLinkAsync(email, ct);
            return new TalentStatus("OK");
        }).Accepts<EmailOnlyBody>("application/json").Produces<TalentStatus>().RequireRateLimiting(CredentialLimits.Policy);

        auth.MapPost("/password_reset/confirm", async (RecruitmentBody body, PasswordResetService resets, CancellationToken ct) =>
        {
            var (token, password) = (body.Text("token"), body.Text("password"));
            body.ThrowIfInvalid();
            await resets.ResetWithLinkAsync(token, password, ct);
            return new TalentStatus("OK");
        }).Accepts<ResetConfirmBody>("application/json").Produces<TalentStatus>().RequireRateLimiting(CredentialLimits.Policy);
    }

    /// <summary>/api/token/: the pair in the body, for Authorization: Bearer.</summary>
    public static void MapTalentTokens(this RouteGroupBuilder token)
    {
        token.MapPost("", async (RecruitmentBody body, SessionService sessions, CancellationToken ct) =>
        {
            var (email, password) = (body.Text("email"), body.Text("password"));
            body.ThrowIfInvalid();
            var session = await sessions.SignInByEmailAsync(email, password, ct);
            return new TalentTokenPair(session.Tokens.Access, session.Tokens.Refresh);
        }).Accepts<LoginBody>("application/json").Produces<TalentTokenPair>().RequireRateLimiting(CredentialLimits.Policy);

        token.MapPost("/refresh", async (RecruitmentBody body, SessionService sessions, CancellationToken ct) =>
        {
            var refresh = body.Text("refresh");
            body.ThrowIfInvalid();
            if (string.IsNullOrWhiteSpace(refresh))
                throw PlatformException.InvalidFields(new Dictionary<string, string> { ["refresh"] = "This field is required." });
            var session = await sessions.RefreshAsync(refresh, ct);
            return new TalentTokenPair(session.Tokens.Access, session.Tokens.Refresh);
        }).Accepts<RefreshBody>("application/json").Produces<TalentTokenPair>().RequireRateLimiting(CredentialLimits.Policy);
    }

    private static async Task<TalentDetail> CookieSignInAsync(RecruitmentBody body, HttpContext http, SessionService sessions, TalentCookies cookies,
        string message, CancellationToken ct)
    {
        var (email, password) = (body.Text("email"), body.Text("password"));
        body.ThrowIfInvalid();
        SignIn(http, cookies, await sessions.SignInByEmailAsync(email, password, ct));
        return new TalentDetail(message);
    }

    private static void SignIn(HttpContext http, TalentCookies cookies, Session session) => cookies.SignIn(http, session.Tokens, newSession: true);

    private static async Task<TalentDetail> SignOutAsync(HttpContext http, SessionService sessions, TalentCookies cookies, CancellationToken ct)
    {
        await sessions.SignOutAsync(http.User.Caller(), null, ct);
        cookies.SignOut(http);
        return new TalentDetail("Logged out");
    }
}
