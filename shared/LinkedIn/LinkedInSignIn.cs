using System.Net.Http.Headers;
using System.Text.Json;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Onboarding;
using CareerNexus.Storage;
using CareerNexus.Tokens;
using CareerNexus.Verification;

namespace CareerNexus.LinkedIn;

/// <summary>Where a LinkedIn sign-in starts: the authorization URL to send the browser to, and its state.</summary>
public sealed record LinkedInStart(string AuthorizationUrl, string State);

/// <summary>A LinkedIn sign-in that went through: the session, and whether it made a new account.</summary>
public sealed record LinkedInSession(Session Session, bool Created);

/// <summary>What LinkedIn's userinfo endpoint said of the member (OpenID Connect standard claims).</summary>
public sealed record LinkedInMember(string Subject, string Email, bool EmailVerified, string? GivenName, string? FamilyName, string? Picture);

/// <summary>
/// Signing in with LinkedIn (OpenID Connect, authorization code flow): the start stores a single-use state that
/// expires; the callback uses it up, trades the code for an access token at the token endpoint, reads the
/// member's userinfo and signs in the account with that email, or creates one. Only an email LinkedIn has
/// verified may sign in to an existing account.
/// </summary>
public sealed class LinkedInSignIn(DocumentStore store, AccountService accounts, TokenService tokens, PasswordHasher hasher,
    RecruitmentOnboarding onboarding, OneTimeSecrets secrets, IHttpClientFactory clients, PlatformOptions options, TimeProvider clock)
{
    public const string HttpClientName = "linkedin";

    /// <summary>The API's callback route, the redirect URI when none is set.</summary>
    public const string CallbackPath = "/accounts/api/v1/linkedin/oauth/callback/";

    public static readonly TimeSpan StateLifetime = TimeSpan.FromMinutes(10);

    private LinkedInOptions Settings => options.LinkedIn;

    private string RedirectUri => Settings.RedirectUri.Trim().Length > 0 ? Settings.RedirectUri.Trim() : options.PublicBaseUrl.TrimEnd('/') + CallbackPath;

    public async Task<LinkedInStart> StartAsync(CancellationToken ct = default)
    {
        RequireConfigured();
        var state = OneTimeSecrets.NewLinkSecret();
        var now = clock.GetUtcNow();
        var expiresAt = now + StateLifetime;
        var id = StateId(state);
        await store.UpsertAsync(Containers.Verifications, new StateRecord(id, expiresAt, TokenService.TimeToLive(expiresAt, now)), id, ct);
        var query = string.Join('&', new[]
        {
            ("response_type", "code"), ("client_id", Settings.ClientId.Trim()), ("redirect_uri", RedirectUri), ("state", state),
            ("scope", "openid profile email"),
        }.Select(p => p.Item1 + "=" + Uri.EscapeDataString(p.Item2)));
        var endpoint = Settings.AuthorizationEndpoint.Trim();
        return new LinkedInStart(endpoint + (endpoint.Contains('?') ? "&" : "?") + query, state);
    }

    /// <summary>Completes the sign-in LinkedIn redirected back from; every failure is a 400 that says which step failed.</summary>
    public async Task<LinkedInSession> CallbackAsync(string? code, string? state, string? error, string? errorDescription, CancellationToken ct = default)
    {
        RequireConfigured();
        if (string.IsNullOrWhiteSpace(state)) throw Field("state", "This parameter is required.");
        await UseStateAsync(state.Trim(), ct);
        if (!string.IsNullOrWhiteSpace(error))
            throw PlatformException.Invalid($"LinkedIn sign-in was not completed: {Clip(error)}{(string.IsNullOrWhiteSpace(errorDescription) ? "" : " (" + Clip(errorDescription) + ")")}.");
        if (string.IsNullOrWhiteSpace(code)) throw Field("code", "This parameter is required.");
        var accessToken = await ExchangeAsync(code.Trim(), ct);
        var member = await ReadMemberAsync(accessToken, ct);
        return await SignInAsync(member, ct);
    }

    private void RequireConfigured()
    {
        if (!Settings.IsConfigured) throw PlatformException.Invalid("LinkedIn sign-in is not configured on this server.");
    }

    /// <summary>Deleting the state is its one use: a replayed callback, or a second one at once, finds none.</summary>
    private async Task UseStateAsync(string state, CancellationToken ct)
    {
        var id = StateId(state);
        var stored = id.Length <= 255 ? await store.ReadAsync<StateRecord>(Containers.Verifications, id, id, ct) : null;
        if (stored is null || !await store.DeleteAsync(Containers.Verifications, id, id, stored.ETag, ct) || clock.GetUtcNow() >= stored.Document.ExpiresAt)
            throw PlatformException.Invalid("Invalid or expired state: start the LinkedIn sign-in again.");
    }

    private async Task<string> ExchangeAsync(string code, CancellationToken ct)
    {
        var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = RedirectUri,
            ["client_id"] = Settings.ClientId.Trim(), ["client_secret"] = Settings.ClientSecret.Trim(),
        });
        var json = await CallAsync(new HttpRequestMessage(HttpMethod.Post, Settings.TokenEndpoint) { Content = body },
            "LinkedIn did not accept the authorization code: start the LinkedIn sign-in again.", ct);
        return Text(json, "access_token") ?? throw PlatformException.Invalid("LinkedIn's token endpoint returned no access token.");
    }

    private async Task<LinkedInMember> ReadMemberAsync(string accessToken, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Settings.UserInfoEndpoint);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var json = await CallAsync(request, "LinkedIn did not give the member's profile.", ct);
        var errors = new FieldErrors();
        var email = AccountRules.NormalizeEmail(Text(json, "email"), errors);
        if (errors.Any || Text(json, "sub") is not { } subject)
            throw PlatformException.Invalid("LinkedIn gave no usable email address: allow the email permission and try again.");
        var verified = json.TryGetProperty("email_verified", out var flag)
                       && (flag.ValueKind == JsonValueKind.True || (flag.ValueKind == JsonValueKind.String && bool.TryParse(flag.GetString(), out var said) && said));
        return new LinkedInMember(subject, email!, verified, Text(json, "given_name"), Text(json, "family_name"), Text(json, "picture"));
    }

    /// <summary>A call to LinkedIn whose answer must be a JSON object; anything else is the given 400.</summary>
    private async Task<JsonElement> CallAsync(HttpRequestMessage request, string failure, CancellationToken ct)
    {
        try
        {
            using (request)
            using (var response = await clients.CreateClient(HttpClientName).SendAsync(request, ct))
            {
                if (!response.IsSuccessStatusCode) throw PlatformException.Invalid(failure);
                var json = await JsonSerializer.DeserializeAsync<JsonElement>(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
                return json.ValueKind == JsonValueKind.Object ? json : throw PlatformException.Invalid(failure);
            }
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or Polly.Timeout.TimeoutRejectedException
                                      or Polly.CircuitBreaker.BrokenCircuitException
                                  || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            throw PlatformException.Invalid(failure);
        }
    }

    private async Task<LinkedInSession> SignInAsync(LinkedInMember member, CancellationToken ct)
    {
        var existing = await accounts.FindByEmailAsync(member.Email, ct);
        if (existing is null)
        {
            // No password: the account signs in through LinkedIn, or sets one with a password reset.
            var account = await accounts.CreateFromIdentityAsync(member.Email, UnusablePassword(), member.EmailVerified, member.GivenName,
                member.FamilyName, member.Picture, ct);
            await onboarding.StartAsync(account, RecruitmentRoles.Candidate, null, ct);
            return new LinkedInSession(new Session(account, await tokens.IssueAsync(account, ct)), Created: true);
        }
        if (!member.EmailVerified)
            throw PlatformException.Invalid("LinkedIn has not verified this email address, which already has an account: sign in with your password.");
        if (!existing.EmailVerified)
        {
            // Whoever registered the address without proving it may know the password and hold sessions: the proven
            // owner takes the account over alone, and sets a password by reset if they want one.
            await accounts.SetPasswordHashAsync(existing.UserId, UnusablePassword(), ct);
            await tokens.EndAllSessionsAsync(existing.UserId, ct);
            await accounts.ActivateAsync(existing.UserId, existing.Email, ct);
            existing = await accounts.GetAsync(existing.UserId, ct);
        }
        if (!existing.IsActive) throw PlatformException.Forbidden("This account is not active.");
        return new LinkedInSession(new Session(existing, await tokens.IssueAsync(existing, ct)), Created: false);
    }

    private string UnusablePassword() => hasher.Hash(OneTimeSecrets.NewLinkSecret());

    private static string? Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static string Clip(string value) => value.Length > 200 ? value[..200] : value;

    private static PlatformException Field(string name, string message) =>
        PlatformException.InvalidFields(new Dictionary<string, string> { [name] = message });

    private string StateId(string state) => "linkedin-state:" + secrets.Digest("linkedin-state", state);

    private sealed record StateRecord(string Id, DateTimeOffset ExpiresAt, int Ttl);
}
