using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CareerNexus.Tokens;

public sealed record TokenPair(string Access, string Refresh, DateTimeOffset AccessExpiresAt, DateTimeOffset RefreshExpiresAt)
{
    /// <summary>The sign-in (session family) the pair belongs to, what a CSRF token is bound to.</summary>
    public string SessionId { get; init; } = "";
}

/// <summary>
/// Who is calling, as proven by a valid, unrevoked access token: the account, its sign-in (session family) and
/// when the token expires. <see cref="Account"/> is the account as read by this request's authentication, or
/// null when a recent check on this instance made the read unnecessary.
/// </summary>
public sealed record Caller(long UserId, string SessionId, DateTimeOffset TokenExpiresAt, Account? Account = null);

/// <summary>
/// JWT access and refresh tokens (HS256 only). Every token names its sign-in (`sid`), a session family kept on the
/// account document: an access token is valid while its family is, so signing out, a password reset or a detected
/// refresh-token reuse end tokens by removing families. A refresh token is valid only while it is its family's
/// current one; each refresh replaces it, and an earlier one coming back ends the family (RFC 9700, 4.14).
/// </summary>
public sealed class TokenService
{
    private const string AccessType = "access";
    private const string RefreshType = "refresh";
    private const int MaxTokenLength = 4096;
    private const int MaxWriteAttempts = 5;

    /// <summary>Sign-ins an account keeps at once; a new one beyond that ends the oldest.</summary>
    public const int MaxSessionsPerAccount = 50;

    private readonly DocumentStore _store;
    private readonly TokenOptions _options;
    private readonly TimeProvider _clock;
    private readonly SessionCache _cache;
    private readonly ILogger<TokenService> _logger;
    private readonly SigningCredentials _credentials;
    private readonly TokenValidationParameters _validation;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false, MaximumTokenSizeInBytes = MaxTokenLength };

    public TokenService(DocumentStore store, PlatformOptions options, TimeProvider clock, SessionCache cache, ILogger<TokenService> logger)
    {
        _store = store;
        _options = options.Tokens;
        _clock = clock;
        _cache = cache;
        _logger = logger;
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

    /// <summary>Starts a sign-in: a new session family on the account, and its first token pair.</summary>
    public async Task<TokenPair> IssueAsync(Account account, CancellationToken ct = default)
    {
        var now = _clock.GetUtcNow();
        var family = new SessionFamily(NewId(), NewId(), now, now.AddDays(_options.RefreshDays));
        await ChangeSessionsAsync(account.UserId, sessions =>
        {
            var live = sessions.Where(s => s.ExpiresAt > now).OrderBy(s => s.CreatedAt).ToList();
            // The oldest sign-ins give way, so the account document stays small however often it signs in.
            if (live.Count >= MaxSessionsPerAccount) live = live[(live.Count - MaxSessionsPerAccount + 1)..];
            live.Add(family);
            return live;
        }, ct);
        return Pair(account.UserId, family, now);
    }

    /// <summary>The caller behind an access token, or null when the token is invalid, expired or revoked.</summary>
    public async Task<Caller?> ValidateAccessAsync(string token, CancellationToken ct = default)
    {
        var claims = await ReadAsync(token, AccessType);
        if (claims is null) return null;
        // A recent read on this instance that found the sign-in live is trusted for a few seconds; anything else reads.
        if (_cache.IsLive(claims.UserId, claims.SessionId)) return new Caller(claims.UserId, claims.SessionId, claims.ExpiresAt);
        var id = claims.UserId.ToString(CultureInfo.InvariantCulture);
        var account = (await _store.ReadAsync<Account>(Containers.Accounts, id, id, ct))?.Document;
        if (account is null) return null;
        _cache.Remember(account, _clock.GetUtcNow());
        return account.IsActive && account.Sessions.Any(s => s.Id == claims.SessionId)
            ? new Caller(claims.UserId, claims.SessionId, claims.ExpiresAt, account)
            : null;
    }

    /// <summary>
    /// Trades the current refresh token of a sign-in for a new pair. A refresh token that was already traded ends
    /// its whole sign-in: whoever holds the newer pair (the owner or a thief) must sign in again.
    /// </summary>
    public async Task<(Account Account, TokenPair Tokens)> RefreshAsync(string? refreshToken, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(refreshToken)) throw PlatformException.Invalid("Refresh token is required", "refresh: This field is required.");
        var claims = await ReadAsync(refreshToken, RefreshType) ?? throw InvalidRefresh();
        var id = claims.UserId.ToString(CultureInfo.InvariantCulture);
        for (var attempt = 1; attempt <= MaxWriteAttempts; attempt++)
        {
            // Written back as read but for its sign-ins, so fields other features keep survive.
            var stored = await _store.ReadAsync<JsonObject>(Containers.Accounts, id, id, ct) ?? throw InvalidRefresh();
            var account = stored.Document.Deserialize<Account>(PlatformJson.Options)!;
            var family = account.Sessions.FirstOrDefault(s => s.Id == claims.SessionId) ?? throw InvalidRefresh();
            var now = _clock.GetUtcNow();
            if (family.RefreshId != claims.TokenId)
            {
                account.Sessions.Remove(family);
                if (!await TryWriteSessionsAsync(stored, account.Sessions, ct)) continue;
                _cache.Forget(claims.UserId);
                _logger.LogWarning("A used refresh token came back: sign-in {SessionId} of account {UserId} ended", family.Id, claims.UserId);
                throw InvalidRefresh();
            }
            if (!account.IsActive || now >= family.ExpiresAt)
                throw PlatformException.Unauthenticated("Invalid refresh token", "The account behind this token is no longer active.");
            var next = family with { RefreshId = NewId(), ExpiresAt = now.AddDays(_options.RefreshDays) };
            account.Sessions[account.Sessions.IndexOf(family)] = next;
            // The ETag makes this the one use of the token: of two concurrent refreshes the second sees a reuse.
            if (await TryWriteSessionsAsync(stored, account.Sessions, ct)) return (account, Pair(claims.UserId, next, now));
        }
        throw new PlatformException(ErrorKind.Conflict, "The sessions are changing, try again");
    }

    /// <summary>Ends every sign-in of the account: all its tokens issued so far are refused from now on.</summary>
    public Task EndAllSessionsAsync(long userId, CancellationToken ct = default) =>
        ChangeSessionsAsync(userId, _ => [], ct);

    /// <summary>Ends every sign-in of the account but the one given (a password change keeps the session that made it).</summary>
    public Task EndOtherSessionsAsync(long userId, string keptSessionId, CancellationToken ct = default) =>
        ChangeSessionsAsync(userId, sessions => sessions.Where(s => s.Id == keptSessionId).ToList(), ct);

    /// <summary>Ends the caller's sign-in and, when given, the sign-in of one of the caller's refresh tokens.</summary>
    public async Task RevokeAsync(Caller caller, string? refreshToken, CancellationToken ct = default)
    {
        var ended = new HashSet<string> { caller.SessionId };
        if (refreshToken is not null)
        {
            var claims = await ReadAsync(refreshToken, RefreshType);
            if (claims is null || claims.UserId != caller.UserId)
                throw PlatformException.Invalid("Invalid refresh token", "The refresh token is invalid, expired or not yours.");
            ended.Add(claims.SessionId);
        }
        await ChangeSessionsAsync(caller.UserId, sessions => sessions.Where(s => !ended.Contains(s.Id)).ToList(), ct);
    }

    private Task<bool> TryWriteSessionsAsync(Stored<JsonObject> stored, List<SessionFamily> sessions, CancellationToken ct)
    {
        var json = stored.Document;
        json["sessions"] = JsonSerializer.SerializeToNode(sessions, PlatformJson.Options);
        var id = json["id"]!.GetValue<string>();
        return _store.TryReplaceAsync(Containers.Accounts, id, json, id, stored.ETag, ct);
    }

    /// <summary>Rewrites the account's sign-ins (ETag-guarded, other fields as read) and drops this instance's cached view.</summary>
    private async Task ChangeSessionsAsync(long userId, Func<List<SessionFamily>, List<SessionFamily>> change, CancellationToken ct)
    {
        var id = userId.ToString(CultureInfo.InvariantCulture);
        _ = await _store.ReplaceAsync<JsonObject>(Containers.Accounts, id, id, json =>
        {
            var sessions = json["sessions"]?.Deserialize<List<SessionFamily>>(PlatformJson.Options) ?? [];
            json["sessions"] = JsonSerializer.SerializeToNode(change(sessions), PlatformJson.Options);
            return json;
        }, ct) ?? throw PlatformException.NotFound("User not found");
        _cache.Forget(userId);
    }

    private static PlatformException InvalidRefresh() =>
        PlatformException.Unauthenticated("Invalid refresh token", "The refresh token is invalid, expired, revoked or already used.");

    private TokenPair Pair(long userId, SessionFamily family, DateTimeOffset now)
    {
        var accessExpires = now.AddMinutes(_options.AccessMinutes);
        return new TokenPair(
            Write(userId, AccessType, NewId(), family.Id, now, accessExpires),
            Write(userId, RefreshType, family.RefreshId, family.Id, now, family.ExpiresAt),
            accessExpires, family.ExpiresAt) { SessionId = family.Id };
    }

    private string Write(long userId, string type, string tokenId, string sessionId, DateTimeOffset now, DateTimeOffset expires) =>
        _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = _credentials,
            Claims = new Dictionary<string, object>
            {
                ["token_type"] = type, ["jti"] = tokenId, ["user_id"] = userId, ["sid"] = sessionId,
            },
        });

    private async Task<TokenClaims?> ReadAsync(string token, string expectedType)
    {
        // Compact JWS only: a JWE (five parts) or anything oversized is refused before any parsing.
        if (token.Length > MaxTokenLength || token.Count(c => c == '.') != 2) return null;
        TokenValidationResult result;
        try
        {
            result = await _handler.ValidateTokenAsync(token, _validation);
        }
        catch (Exception e) when (e is SecurityTokenException or ArgumentException or FormatException)
        {
            return null;
        }
        if (!result.IsValid) return null;
        string? Claim(string name) => result.Claims.TryGetValue(name, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;
        if (Claim("token_type") != expectedType) return null;
        if (!long.TryParse(Claim("user_id"), CultureInfo.InvariantCulture, out var userId)) return null;
        if (Claim("jti") is not { Length: > 0 } jti || Claim("sid") is not { Length: > 0 } sid) return null;
        return new TokenClaims(userId, jti, sid, new DateTimeOffset(result.SecurityToken.ValidTo, TimeSpan.Zero));
    }

    private static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>Seconds a record should live in Azure (Cosmos TTL): until it expires, plus a minute.</summary>
    public static int TimeToLive(DateTimeOffset expiresAt, DateTimeOffset now) => Math.Max(60, (int)(expiresAt - now).TotalSeconds + 60);

    private sealed record TokenClaims(long UserId, string TokenId, string SessionId, DateTimeOffset ExpiresAt);
}
