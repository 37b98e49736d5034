using System.Globalization;
using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Text;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Storage;
using Microsoft.IdentityModel.Tokens;

namespace CareerNexus.Tokens;

public sealed record TokenPair(string Access, string Refresh, DateTimeOffset AccessExpiresAt, DateTimeOffset RefreshExpiresAt);

/// <summary>Who is calling, as proven by a valid, unrevoked access token.</summary>
public sealed record Caller(long UserId, string Role, string TokenId, DateTimeOffset TokenExpiresAt)
{
    public bool IsAdmin => Role == Roles.Admin;
}

/// <summary>
/// JWT access and refresh tokens (HS256 only). Refresh tokens are single-use: each is backed by a record
/// that refreshing deletes, so a replayed or revoked one finds nothing. Revoked access tokens are kept
/// on a deny list until they would have expired anyway.
/// </summary>
public sealed class TokenService
{
    private const string AccessType = "access";
    private const string RefreshType = "refresh";
    private const int MaxTokenLength = 4096;

    private readonly DocumentStore _store;
    private readonly TokenOptions _options;
    private readonly TimeProvider _clock;
    private readonly SigningCredentials _credentials;
    private readonly TokenValidationParameters _validation;
    private readonly JwtSecurityTokenHandler _handler = new() { MapInboundClaims = false };

    public TokenService(DocumentStore store, PlatformOptions options, TimeProvider clock)
    {
        _store = store;
        _options = options.Tokens;
        _clock = clock;
        var key = new SymmetricSecurityKey(SigningKeyBytes(_options.SigningKey));
        _credentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256);
        _validation = new TokenValidationParameters
        {
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidIssuer = _options.Issuer,
            ValidAudience = _options.Audience,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>Accepts base64 of at least 32 bytes, or a passphrase of at least 32 characters.</summary>
    public static byte[] SigningKeyBytes(string configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
            throw new InvalidOperationException("CareerNexus:Tokens:SigningKey is not set.");
        var buffer = new byte[configured.Length];
        if (Convert.TryFromBase64String(configured, buffer, out var written) && written >= 32) return buffer[..written];
        var bytes = Encoding.UTF8.GetBytes(configured);
        if (bytes.Length < 32) throw new InvalidOperationException("CareerNexus:Tokens:SigningKey must hold at least 32 bytes.");
        return bytes;
    }

    public async Task<TokenPair> IssueAsync(Account account, CancellationToken ct = default)
    {
        var now = _clock.GetUtcNow();
        var accessExpires = now.AddMinutes(_options.AccessMinutes);
        var refreshExpires = now.AddDays(_options.RefreshDays);
        var refreshId = Guid.NewGuid().ToString("N");
        await _store.TryCreateAsync(Containers.Tokens,
            new TokenRecord(RefreshRecordId(refreshId), account.UserId, refreshExpires, TimeToLive(refreshExpires)), RefreshRecordId(refreshId), ct);
        return new TokenPair(
            Write(account, AccessType, Guid.NewGuid().ToString("N"), now, accessExpires),
            Write(account, RefreshType, refreshId, now, refreshExpires),
            accessExpires, refreshExpires);
    }

    /// <summary>The caller behind an access token, or null when the token is invalid, expired or revoked.</summary>
    public async Task<Caller?> ValidateAccessAsync(string token, CancellationToken ct = default)
    {
        var claims = Read(token, AccessType);
        if (claims is null) return null;
        var revoked = await _store.ReadAsync<TokenRecord>(Containers.Tokens, RevokedRecordId(claims.TokenId), RevokedRecordId(claims.TokenId), ct);
        return revoked is null ? new Caller(claims.UserId, claims.Role, claims.TokenId, claims.ExpiresAt) : null;
    }

    /// <summary>Uses up a refresh token and returns the account it was issued to.</summary>
    public async Task<long> ConsumeRefreshAsync(string? refreshToken, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(refreshToken)) throw PlatformException.Invalid("Refresh token is required", "refresh: This field is required.");
        var claims = Read(refreshToken, RefreshType) ?? throw InvalidRefresh();
        // Deleting the record is the atomic "use": of two concurrent refreshes, only one succeeds.
        if (!await _store.DeleteAsync(Containers.Tokens, RefreshRecordId(claims.TokenId), RefreshRecordId(claims.TokenId), ct: ct))
            throw InvalidRefresh();
        return claims.UserId;
    }

    /// <summary>Revokes the caller's access token and, when given, one of the caller's refresh tokens.</summary>
    public async Task RevokeAsync(Caller caller, string? refreshToken, CancellationToken ct = default)
    {
        if (refreshToken is not null)
        {
            var claims = Read(refreshToken, RefreshType);
            if (claims is null || claims.UserId != caller.UserId)
                throw PlatformException.Invalid("Invalid refresh token", "The refresh token is invalid, expired or not yours.");
            await _store.DeleteAsync(Containers.Tokens, RefreshRecordId(claims.TokenId), RefreshRecordId(claims.TokenId), ct: ct);
        }
        var revokedId = RevokedRecordId(caller.TokenId);
        await _store.UpsertAsync(Containers.Tokens,
            new TokenRecord(revokedId, caller.UserId, caller.TokenExpiresAt, TimeToLive(caller.TokenExpiresAt)), revokedId, ct);
    }

    private static PlatformException InvalidRefresh() =>
        PlatformException.Unauthenticated("Invalid refresh token", "The refresh token is invalid, expired, revoked or already used.");

    private string Write(Account account, string type, string tokenId, DateTimeOffset now, DateTimeOffset expires)
    {
        var payload = new JwtPayload(_options.Issuer, _options.Audience, null, now.UtcDateTime, expires.UtcDateTime, now.UtcDateTime)
        {
            ["token_type"] = type,
            ["jti"] = tokenId,
            ["user_id"] = account.UserId,
            ["role"] = account.Role,
        };
        return _handler.WriteToken(new JwtSecurityToken(new JwtHeader(_credentials), payload));
    }

    private TokenClaims? Read(string token, string expectedType)
    {
        // Compact JWS only: a JWE (five parts) or anything oversized is refused before any parsing.
        if (token.Length > MaxTokenLength || token.Count(c => c == '.') != 2) return null;
        ClaimsPrincipal principal;
        try
        {
            principal = _handler.ValidateToken(token, _validation, out _);
        }
        catch (Exception e) when (e is SecurityTokenException or ArgumentException or FormatException)
        {
            return null;
        }
        string? Claim(string name) => principal.FindFirst(name)?.Value;
        if (Claim("token_type") != expectedType) return null;
        if (!long.TryParse(Claim("user_id"), CultureInfo.InvariantCulture, out var userId) || Claim("jti") is not { Length: > 0 } jti) return null;
        if (!long.TryParse(Claim("exp"), CultureInfo.InvariantCulture, out var exp)) return null;
        return new TokenClaims(userId, Claim("role") ?? Roles.Member, jti, DateTimeOffset.FromUnixTimeSeconds(exp));
    }

    private static string RefreshRecordId(string tokenId) => "refresh:" + tokenId;
    private static string RevokedRecordId(string tokenId) => "revoked:" + tokenId;

    private int TimeToLive(DateTimeOffset expires) =>
        Math.Max(60, (int)(expires - _clock.GetUtcNow()).TotalSeconds + 60);

    private sealed record TokenClaims(long UserId, string Role, string TokenId, DateTimeOffset ExpiresAt);

    private sealed record TokenRecord(string Id, long UserId, DateTimeOffset ExpiresAt, int Ttl);
}
