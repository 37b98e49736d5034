using CareerNexus.Tokens;

namespace CareerNexus.Functions.Hosting;

/// <summary>
/// Endpoint metadata of a surface that also takes its access token from a cookie (document 004): without an
/// Authorization header, <see cref="BearerAuthentication"/> reads the token the cookie holds, and a state-changing request
/// authenticated so must pass the surface's CSRF check. Only endpoints carrying it ever read the cookie.
/// </summary>
public abstract class CookieCredentials
{
    /// <summary>The access token the request's cookie holds, or null.</summary>
    public abstract string? AccessToken(HttpRequest request);

    /// <summary>
    /// Why a state-changing request authenticated by the cookie is refused (a missing or foreign CSRF token), or null when
    /// it may go on. Safe methods are never asked.
    /// </summary>
    public abstract string? CsrfRefusal(HttpContext context, Caller caller);

    /// <summary>What a client should do when the cookie's token is invalid or expired.</summary>
    public abstract string ExpiredAdvice { get; }
}
