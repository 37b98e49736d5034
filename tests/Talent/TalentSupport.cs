using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CareerNexus.Accounts;
using CareerNexus.Organizations;
using CareerNexus.Storage;
using CareerNexus.Tests.Support;
using CareerNexus.Tokens;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CareerNexus.Tests.Talent;

/// <summary>
/// Talent accounts made through the platform's services (active, verified, signed in with Bearer tokens), for tests of
/// routes that need one; the signup and cookie routes themselves are tested through HTTP with <see cref="TalentBrowser"/>.
/// </summary>
public static class TalentUsers
{
    public static async Task<TestUser> TalentUser(this TestApp app, bool candidate = true, string tag = "")
    {
        var username = ApiClient.Unique("t");
        var password = "Pw-" + Guid.NewGuid().ToString("N")[..10];
        var email = $"{username}@example.com";
        var accounts = app.Services.GetRequiredService<AccountService>();
        var account = await accounts.RegisterAsync(new NewAccount(username, email, password, "First" + tag, "Last" + tag, ""));
        await accounts.MarkEmailVerifiedAsync(account.UserId, email);
        await app.Store.PatchAsync<Account>(Containers.Accounts, account.Id, account.Id, [PatchOperation.Set("/is_candidate", candidate)]);
        var session = await app.Services.GetRequiredService<SessionService>().SignInAsync(username, password);
        return new TestUser(account.UserId, username, email, password, session.Tokens.Access, session.Tokens.Refresh);
    }

    /// <summary>An employer: a Talent account that made an organization (its root user).</summary>
    public static async Task<(TestUser User, long Organization)> Employer(this TestApp app, string? name = null)
    {
        var user = await app.TalentUser(candidate: false);
        var account = await app.Services.GetRequiredService<AccountService>().GetAsync(user.Id);
        var organization = await app.Services.GetRequiredService<OrganizationService>().CreateAsync(account,
            new OrganizationFields(name ?? ApiClient.Unique("Org "), "Technology", null, "Paris, France", "About us", "10-50", null),
            () => Task.FromResult<string?>(null));
        return (user, organization.CompanyId);
    }

    /// <summary>A member of the organization besides its root user, joined as an invite would join them.</summary>
    public static async Task<TestUser> Member(this TestApp app, long organization)
    {
        var user = await app.TalentUser(candidate: false);
        var account = await app.Services.GetRequiredService<AccountService>().GetAsync(user.Id);
        await app.Services.GetRequiredService<OrganizationService>().JoinAsync(organization, account);
        return user;
    }

    /// <summary>The 6-digit code of the latest verification mail to the address.</summary>
    public static async Task<string> VerificationCode(string email, int count = 1)
    {
        List<CaughtMail> mails = [];
        await Eventually.True(async () =>
            (mails = (await MailCatcher.ListAsync(email)).Where(m => m.Subject.Contains("verification code", StringComparison.Ordinal)).ToList()).Count >= count,
            $"Expected {count} verification mail(s) to {email}");
        return MailCatcher.Code(mails[^1]);
    }

    /// <summary>Asserts document 004's error body: {"detail": text}, and on a 400 maybe {"fields": {name: text}}; nothing else.</summary>
    public static ApiResponse ExpectTalentError(this ApiResponse response, HttpStatusCode expected)
    {
        response.Expect(expected);
        Assert.Equal(JsonValueKind.String, response.Body.GetProperty("detail").ValueKind);
        foreach (var property in response.Body.EnumerateObject())
        {
            Assert.Contains(property.Name, new[] { "detail", "fields" });
            if (property.Name == "fields")
                Assert.All(property.Value.EnumerateObject(), f => Assert.Equal(JsonValueKind.String, f.Value.ValueKind));
        }
        return response;
    }
}

/// <summary>
/// A browser as document 004's clients are: an HttpClient with a cookie jar over the test server, which sends the
/// csrftoken cookie's value in X-CSRFToken on state-changing requests unless told not to.
/// </summary>
public sealed class TalentBrowser
{
    public CookieContainer Jar { get; } = new();
    public Uri BaseAddress { get; }
    private readonly HttpClient _http;

    public TalentBrowser(TestApp app, bool https = false)
    {
        BaseAddress = new Uri(https ? "https://localhost/" : "http://localhost/");
        _http = app.CreateDefaultClient(BaseAddress, new CookieContainerHandler(Jar));
    }

    public string? Cookie(string name, string path = "/api/") => Jar.GetCookies(new Uri(BaseAddress, path))[name]?.Value is { Length: > 0 } v ? v : null;

    public Task<ApiResponse> Get(string path) => Send(HttpMethod.Get, path, null);

    public Task<ApiResponse> Send(HttpMethod method, string path, object? body, bool csrf = true, string? csrfToken = null, string? origin = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        var token = csrfToken ?? Cookie("csrftoken", "/");
        if (csrf && token is not null) request.Headers.Add("X-CSRFToken", token);
        if (origin is not null) request.Headers.Add("Origin", origin);
        return new ApiClient(_http).Send(request, null);
    }

    public Task<ApiResponse> Post(string path, object? body = null, bool csrf = true, string? csrfToken = null) =>
        Send(HttpMethod.Post, path, body, csrf, csrfToken);

    /// <summary>Signs up through the routes, reads the code from the mail and verifies it: the browser is then signed in by cookie.</summary>
    public async Task<(string Email, string Password)> SignUpAndVerify(object? extra = null, string? email = null)
    {
        email ??= ApiClient.Unique("talent") + "@example.com";
        var password = "Pw-" + Guid.NewGuid().ToString("N")[..10];
        var body = new Dictionary<string, object?> { ["email"] = email, ["password"] = password, ["confirm_password"] = password };
        if (extra is not null)
            foreach (var property in JsonSerializer.SerializeToElement(extra).EnumerateObject()) body[property.Name] = property.Value;
        (await Post("/api/auth/signup/", body)).Expect(HttpStatusCode.Created);
        var code = await TalentUsers.VerificationCode(email);
        (await Post("/api/auth/verify-email/", new { email, code })).Expect(HttpStatusCode.OK);
        return (email, password);
    }

    public HttpClient Http => _http;

    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);
}
