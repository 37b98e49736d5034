using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using CareerNexus.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CareerNexus.Functions.Hosting;

/// <summary>
/// Authenticates "Authorization: Bearer &lt;access token&gt;" through the platform's token service, and
/// answers challenges and refusals in the dialect of the surface being called.
/// </summary>
public sealed class BearerAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    TokenService tokens, ErrorDialects dialects) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    /// <summary>The query parameters a realtime client may carry its access token in (SignalR clients send access_token).</summary>
    public static readonly string[] QueryTokenNames = ["access_token", "token"];

    /// <summary>Set on the request when its cookie authenticated it but the CSRF check refused it: the challenge answers 403 with it.</summary>
    private const string CsrfRefusalItem = "careernexus.csrf-refusal";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = SentToken();
        var cookies = token is null ? Cookies : null;
        token ??= cookies?.AccessToken(Request);
        if (token is null) return AuthenticateResult.NoResult();
        if (token.Length == 0) return AuthenticateResult.Fail("Not a bearer token");
        var caller = await tokens.ValidateAccessAsync(token, Context.RequestAborted);
        if (caller is null) return AuthenticateResult.Fail("Invalid token");
        if (cookies is not null && !HttpMethods.IsGet(Request.Method) && !HttpMethods.IsHead(Request.Method) && !HttpMethods.IsOptions(Request.Method)
            && cookies.CsrfRefusal(Context, caller) is { } refusal)
        {
            Context.Items[CsrfRefusalItem] = refusal;
            return AuthenticateResult.Fail("CSRF check failed");
        }
        var identity = new ClaimsIdentity(CallerClaims.From(caller), SchemeName);
        var principal = new CallerPrincipal(caller, identity);
        // Realtime connections outlive their request: they are closed when the token expires.
        var properties = new AuthenticationProperties { ExpiresUtc = caller.TokenExpiresAt };
        return AuthenticateResult.Success(new AuthenticationTicket(principal, properties, SchemeName));
    }

    /// <summary>
    /// The bearer token from the Authorization header; on realtime paths only, where browsers cannot set
    /// headers on WebSockets, also from the query. Null when none was sent, "" when the header is not Bearer.
    /// </summary>
    private string? SentToken()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length > 0)
            return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : "";
        if (!Realtime.RealtimeHosting.IsRealtimePath(Request.Path)) return null;
        foreach (var name in QueryTokenNames)
            if (Request.Query[name].ToString() is { Length: > 0 } fromQuery) return fromQuery;
        return null;
    }

    /// <summary>The cookie sign-in of the endpoint's surface, when it has one.</summary>
    private CookieCredentials? Cookies => Context.GetEndpoint()?.Metadata.GetMetadata<CookieCredentials>();

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[CsrfRefusalItem] is string refusal)
            return dialects.For(Context).WriteAsync(Context, StatusCodes.Status403Forbidden, "CSRF check failed", refusal);
        if (SentToken() is null && Cookies is { } cookies && cookies.AccessToken(Request) is not null)
            return dialects.For(Context).WriteAsync(Context, StatusCodes.Status401Unauthorized, "Invalid or expired token", cookies.ExpiredAdvice);
        var hasToken = SentToken() is not null;
        return dialects.For(Context).WriteAsync(Context, StatusCodes.Status401Unauthorized,
            hasToken ? "Invalid or expired token" : "Authentication credentials were not provided",
            hasToken ? "The access token is invalid, expired or revoked."
                : Realtime.RealtimeHosting.IsRealtimePath(Request.Path)
                    ? "Send Authorization: Bearer <access token>, or the access token as the token or access_token query parameter."
                    : "Send Authorization: Bearer <access token>.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        dialects.For(Context).WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden", "You may not perform this action.");
}

/// <summary>The request's principal, carrying the caller with the account its authentication read (if it read one).</summary>
public sealed class CallerPrincipal(Caller caller, ClaimsIdentity identity) : ClaimsPrincipal(identity)
{
    public Caller Caller { get; } = caller;
}

/// <summary>Carries the caller through the request as claims, and reads it back in endpoints.</summary>
public static class CallerClaims
{
    public const string UserIdClaim = "user_id";

    public static IEnumerable<Claim> From(Caller caller) =>
    [
        new(UserIdClaim, caller.UserId.ToString(CultureInfo.InvariantCulture)),
        new("sid", caller.SessionId),
        new("exp", caller.TokenExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
    ];

    /// <summary>The authenticated caller; only called on endpoints that require authorization.</summary>
    public static Caller Caller(this ClaimsPrincipal user) => user is CallerPrincipal principal
        ? principal.Caller
        : new(user.UserId(), user.FindFirstValue("sid")!,
            DateTimeOffset.FromUnixTimeSeconds(long.Parse(user.FindFirstValue("exp")!, CultureInfo.InvariantCulture)));

    public static long UserId(this ClaimsPrincipal user) => long.Parse(user.FindFirstValue(UserIdClaim)!, CultureInfo.InvariantCulture);
}
