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

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0) return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.Fail("Not a bearer token");
        var caller = await tokens.ValidateAccessAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (caller is null) return AuthenticateResult.Fail("Invalid token");
        var identity = new ClaimsIdentity(CallerClaims.From(caller), SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var hasToken = Request.Headers.Authorization.Count > 0;
        return dialects.For(Context).WriteAsync(Context, StatusCodes.Status401Unauthorized,
            hasToken ? "Invalid or expired token" : "Authentication credentials were not provided",
            hasToken ? "The access token is invalid, expired or revoked." : "Send Authorization: Bearer <access token>.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        dialects.For(Context).WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden", "You may not perform this action.");
}

/// <summary>Carries the caller through the request as claims, and reads it back in endpoints.</summary>
public static class CallerClaims
{
    public static IEnumerable<Claim> From(Caller caller) =>
    [
        new("user_id", caller.UserId.ToString(CultureInfo.InvariantCulture)),
        new(ClaimTypes.Role, caller.Role),
        new("jti", caller.TokenId),
        new("exp", caller.TokenExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
    ];

    /// <summary>The authenticated caller; only called on endpoints that require authorization.</summary>
    public static Caller Caller(this ClaimsPrincipal user) => new(
        user.UserId(),
        user.FindFirstValue(ClaimTypes.Role)!,
        user.FindFirstValue("jti")!,
        DateTimeOffset.FromUnixTimeSeconds(long.Parse(user.FindFirstValue("exp")!, CultureInfo.InvariantCulture)));

    public static long UserId(this ClaimsPrincipal user) => long.Parse(user.FindFirstValue("user_id")!, CultureInfo.InvariantCulture);
}
