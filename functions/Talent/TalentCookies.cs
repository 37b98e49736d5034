using CareerNexus.Functions.Hosting;
using CareerNexus.Tokens;
using CareerNexus.Verification;

namespace CareerNexus.Functions.Talent;

/// <summary>
/// Document 004's cookie sign-in: the access and refresh tokens as HttpOnly cookies (SameSite=Lax, Secure over https, each
/// with its token's lifetime; the refresh cookie only on the refresh route's path), and the CSRF token a state-changing
/// request authenticated by them must echo in X-CSRFToken. A CSRF token is bound to one sign-in: a random nonce and an
/// HMAC of it with the sign-in's id, so one taken from another session (or issued before signing in) is refused.
/// </summary>
public sealed class TalentCookies(IServiceProvider services) : CookieCredentials
{
    // Resolved on first use: the endpoints carry this as metadata from mapping on, when the function.json files are
    // generated without any settings (no signing key to derive the CSRF key from).
    private OneTimeSecrets Secrets => services.GetRequiredService<OneTimeSecrets>();

    public const string AccessCookie = "access_token";
    public const string RefreshCookie = "refresh_token";
    public const string CsrfCookie = "csrftoken";
    public const string CsrfHeader = "X-CSRFToken";
    public const string AccessPath = "/api";
    public const string RefreshPath = "/api/auth/token/refresh";

    private const int NonceLength = 32;

    public override string? AccessToken(HttpRequest request) =>
        request.Cookies[AccessCookie] is { Length: > 0 } token ? token : null;

    public string? RefreshToken(HttpRequest request) =>
        request.Cookies[RefreshCookie] is { Length: > 0 } token ? token : null;

    public override string ExpiredAdvice =>
        "The access cookie is invalid, expired or revoked: refresh it with POST /api/auth/token/refresh/, or sign in again.";

    public override string? CsrfRefusal(HttpContext context, Caller caller)
    {
        var header = context.Request.Headers[CsrfHeader].ToString();
        var cookie = context.Request.Cookies[CsrfCookie];
        if (header.Length == 0) return "CSRF Failed: CSRF token missing. Send the csrftoken of GET /api/auth/csrf/ in the X-CSRFToken header.";
        if (string.IsNullOrEmpty(cookie)) return "CSRF Failed: CSRF cookie not set. Call GET /api/auth/csrf/ first.";
        if (!OneTimeSecrets.Same(cookie, header)) return "CSRF Failed: CSRF token incorrect.";
        return IsBound(header, caller.SessionId) ? null : "CSRF Failed: the CSRF token belongs to another session. Call GET /api/auth/csrf/ again.";
    }

    /// <summary>A CSRF token for the sign-in (or for no sign-in yet, which no cookie-authenticated change accepts).</summary>
    public string NewCsrfToken(string? sessionId)
    {
        var nonce = OneTimeSecrets.NewLinkSecret()[..NonceLength];
        return nonce + Mac(sessionId, nonce);
    }

    private bool IsBound(string token, string sessionId) =>
        token.Length == 2 * NonceLength && token.All(char.IsAsciiHexDigitLower)
        && OneTimeSecrets.Same(Mac(sessionId, token[..NonceLength]), token[NonceLength..]);

    private string Mac(string? sessionId, string nonce) => Secrets.Digest("csrf", (sessionId ?? "") + "\n" + nonce)[..NonceLength];

    /// <summary>Sets the session's cookies after a sign-in or refresh: both tokens, and a CSRF token bound to the sign-in.</summary>
    public void SignIn(HttpContext context, TokenPair tokens, bool newSession)
    {
        var response = context.Response;
        response.Cookies.Append(AccessCookie, tokens.Access, Options(context, AccessPath, httpOnly: true, tokens.AccessExpiresAt));
        response.Cookies.Append(RefreshCookie, tokens.Refresh, Options(context, RefreshPath, httpOnly: true, tokens.RefreshExpiresAt));
        if (newSession) response.Cookies.Append(CsrfCookie, NewCsrfToken(tokens.SessionId), Options(context, "/", httpOnly: false, tokens.RefreshExpiresAt));
    }

    /// <summary>Sets a readable csrftoken cookie, as GET /api/auth/csrf/ does.</summary>
    public void SetCsrf(HttpContext context, string token, DateTimeOffset expires) =>
        context.Response.Cookies.Append(CsrfCookie, token, Options(context, "/", httpOnly: false, expires));

    /// <summary>Clears the session's cookies (sign-out).</summary>
    public void SignOut(HttpContext context)
    {
        var past = DateTimeOffset.UnixEpoch;
        context.Response.Cookies.Append(AccessCookie, "", Options(context, AccessPath, httpOnly: true, past));
        context.Response.Cookies.Append(RefreshCookie, "", Options(context, RefreshPath, httpOnly: true, past));
        context.Response.Cookies.Append(CsrfCookie, "", Options(context, "/", httpOnly: false, past));
    }

    private static CookieOptions Options(HttpContext context, string path, bool httpOnly, DateTimeOffset expires) => new()
    {
        HttpOnly = httpOnly, Secure = ClientConnection.CameOverHttps(context), SameSite = SameSiteMode.Lax, Path = path, Expires = expires,
        IsEssential = true,
    };
}
