using System.Globalization;
using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Text;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;
using Microsoft.IdentityModel.Tokens;

namespace CareerNexus.Tokens;

/// <summary>A used-up refresh token: whose it was, and the session generation new tokens are issued in.</summary>
public sealed record RefreshGrant(long UserId, int Generation);

public sealed record TokenPair(string Access, string Refresh, DateTimeOffset AccessExpiresAt, DateTimeOffset RefreshExpiresAt);

/// <summary>Who is calling, as proven by a valid, unrevoked access token.</summary>
public sealed record Caller(long UserId, string Role, string TokenId, DateTimeOffset TokenExpiresAt)
{
    public bool IsAdmin => Role == Roles.Admin;
}

/// <summary>
/// JWT access and refresh tokens (HS256 only). Refresh tokens are single-use: each is backed by a record
/// that refreshing deletes, so a replayed or revoked one finds nothing. Each account has one sessions record,
/// the only read an access check makes: the access tokens it signed out (kept until they would have expired
/// anyway) and its session generation, which ending all its sessions raises; tokens carry the generation
/// they were issued in, and an older one is refused.
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

    public async Task<TokenPair> IssueAsync(Account account, CancellationToken ct = default) =>
        await IssueAsync(account, (await ReadSessionsAsync(account.UserId, ct))?.Document.Generation ?? 0, ct);

    /// <summary>Issues a pair in a session generation the caller has just read (a refresh knows it already).</summary>
    public async Task<TokenPair> IssueAsync(Account account, int generation, CancellationToken ct = default)
    {
        var now = _clock.GetUtcNow();
        var accessExpires = now.AddMinutes(_options.AccessMinutes);
        var refreshExpires = now.AddDays(_options.RefreshDays);
        var refreshId = Guid.NewGuid().ToString("N");
        await _store.TryCreateAsync(Containers.Tokens,
            new TokenRecord(RefreshRecordId(refreshId), account.UserId, refreshExpires, TimeToLive(refreshExpires, now)), RefreshRecordId(refreshId), ct);
        return new TokenPair(
            Write(account, AccessType, Guid.NewGuid().ToString("N"), generation, now, accessExpires),
            Write(account, RefreshType, refreshId, generation, now, refreshExpires),
            accessExpires, refreshExpires);
    }

    /// <summary>The caller behind an access token, or null when the token is invalid, expired or revoked.</summary>
    public async Task<Caller?> ValidateAccessAsync(string token, CancellationToken ct = default)
    {
        var claims = Read(token, AccessType);
        if (claims is null) return null;
        var sessions = (await ReadSessionsAsync(claims.UserId, ct))?.Document;
        if (sessions is not null && (claims.Generation < sessions.Generation || sessions.Revoked.Any(r => r.TokenId == claims.TokenId))) return null;
        return new Caller(claims.UserId, claims.Role, claims.TokenId, claims.ExpiresAt);
    }

    /// <summary>Uses up a refresh token and returns the account it was issued to, with the account's current session generation.</summary>
    public async Task<RefreshGrant> ConsumeRefreshAsync(string? refreshToken, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(refreshToken)) throw PlatformException.Invalid("Refresh token is required", "refresh: This field is required.");
        var claims = Read(refreshToken, RefreshType) ?? throw InvalidRefresh();
        // Deleting the record is the atomic "use": of two concurrent refreshes, only one succeeds.
        if (!await _store.DeleteAsync(Containers.Tokens, RefreshRecordId(claims.TokenId), RefreshRecordId(claims.TokenId), ct: ct))
            throw InvalidRefresh();
        var generation = (await ReadSessionsAsync(claims.UserId, ct))?.Document.Generation ?? 0;
        if (claims.Generation < generation) throw InvalidRefresh();
        return new RefreshGrant(claims.UserId, generation);
    }

    /// <summary>Ends every session of the account: all its tokens issued so far are refused from now on.</summary>
    public Task EndAllSessionsAsync(long userId, CancellationToken ct = default)
    {
        var id = SessionsRecordId(userId);
        return ChangeSessionsAsync(userId,
            () => _store.PatchAsync<SessionsRecord>(Containers.Tokens, id, id, [PatchOperation.Increment("/generation", 1)], ct), ct);
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
        var now = _clock.GetUtcNow();
        // Tokens past their expiry are refused anyway, so the list only keeps the ones still live.
        var id = SessionsRecordId(caller.UserId);
        await ChangeSessionsAsync(caller.UserId, () => _store.ReplaceAsync<SessionsRecord>(Containers.Tokens, id, id, state => state with
        {
            Revoked = [.. state.Revoked.Where(r => r.ExpiresAt > now && r.TokenId != caller.TokenId), new RevokedToken(caller.TokenId, caller.TokenExpiresAt)],
        }, ct), ct);
    }

    private Task<Stored<SessionsRecord>?> ReadSessionsAsync(long userId, CancellationToken ct) =>
        _store.ReadAsync<SessionsRecord>(Containers.Tokens, SessionsRecordId(userId), SessionsRecordId(userId), ct);

    /// <summary>
    /// Applies a change to the account's sessions record (null when the record is missing), first creating the
    /// record when the account has none yet; a concurrent creation is as good as our own.
    /// </summary>
    private async Task ChangeSessionsAsync(long userId, Func<Task<SessionsRecord?>> change, CancellationToken ct)
    {
        if (await change() is not null) return;
        var id = SessionsRecordId(userId);
        await _store.TryCreateAsync(Containers.Tokens, new SessionsRecord(id, userId, 0, []), id, ct);
        _ = await change() ?? throw new PlatformException(ErrorKind.Conflict, "The sessions are changing, try again");
    }

    private static PlatformException InvalidRefresh() =>
        PlatformException.Unauthenticated("Invalid refresh token", "The refresh token is invalid, expired, revoked or already used.");

    private string Write(Account account, string type, string tokenId, int generation, DateTimeOffset now, DateTimeOffset expires)
    {
        var payload = new JwtPayload(_options.Issuer, _options.Audience, null, now.UtcDateTime, expires.UtcDateTime, now.UtcDateTime)
        {
            ["token_type"] = type,
            ["jti"] = tokenId,
            ["user_id"] = account.UserId,
            ["role"] = account.Role,
            ["generation"] = generation,
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
        // Tokens from before generations existed count as generation 0.
        var generation = int.TryParse(Claim("generation"), CultureInfo.InvariantCulture, out var g) ? g : 0;
        return new TokenClaims(userId, Claim("role") ?? Roles.Member, jti, generation, DateTimeOffset.FromUnixTimeSeconds(exp));
    }

    private static string RefreshRecordId(string tokenId) => "refresh:" + tokenId;
    private static string SessionsRecordId(long userId) => "sessions:" + userId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Seconds a record should live in Azure (Cosmos TTL): until it expires, plus a minute.</summary>
    public static int TimeToLive(DateTimeOffset expiresAt, DateTimeOffset now) => Math.Max(60, (int)(expiresAt - now).TotalSeconds + 60);

    private sealed record TokenClaims(long UserId, string Role, string TokenId, int Generation, DateTimeOffset ExpiresAt);

    /// <summary>One per account, kept for good (no ttl): the generation must outlive every token issued under it.</summary>
    private sealed record SessionsRecord(string Id, long UserId, int Generation, IReadOnlyList<RevokedToken> Revoked);

    private sealed record RevokedToken(string TokenId, DateTimeOffset ExpiresAt);

    private sealed record TokenRecord(string Id, long UserId, DateTimeOffset ExpiresAt, int Ttl);
}
