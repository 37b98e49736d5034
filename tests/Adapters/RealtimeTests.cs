using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CareerNexus.Functions.Hosting;
using CareerNexus.Realtime;
using CareerNexus.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace CareerNexus.Tests.Adapters;

/// <summary>
/// Realtime: standalone, a raw WebSocket speaking the SignalR JSON protocol to the app's hub; with Azure
/// SignalR Service configured, the negotiate redirect and the REST calls, against a local listener.
/// </summary>
public sealed class RealtimeTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private const string JobsPath = "/ws/notification/jobs";
    private readonly TestApp _app = fixture.App;

    [Fact]
    public async Task A_connected_user_receives_the_events_sent_to_them_and_not_those_for_others()
    {
        var api = _app.Api();
        var ada = await api.Register("rt");
        var ben = await api.Register("rt");
        // Ada as the SignalR JS client does it (access_token), Ben as document 002 shows it (token, trailing slash).
        await using var adaSocket = await SignalRTestClient.ConnectAsync(_app.Server, $"{JobsPath}?access_token={ada.Access}");
        await using var benSocket = await SignalRTestClient.ConnectAsync(_app.Server, $"{JobsPath}/?token={ben.Access}");

        var notifier = _app.Services.GetRequiredService<IRealtimeNotifier>();
        await notifier.SendToUserAsync(Hubs.JobNotifications, ben.Id, "job_notification", new { JobId = 1, Title = "For Ben" });
        await notifier.SendToUserAsync(Hubs.JobNotifications, ada.Id, "job_notification", new { JobId = 2, Title = "For Ada", PostedAt = DateTimeOffset.UnixEpoch });

        // Ben's event went out first: had it reached Ada, it would be the first she reads.
        var forAda = await adaSocket.NextInvocationAsync();
        Assert.Equal("job_notification", forAda.GetProperty("target").GetString());
        var payload = forAda.GetProperty("arguments")[0];
        Assert.Equal(2, payload.GetProperty("job_id").GetInt32());
        Assert.Equal("For Ada", payload.GetProperty("title").GetString());
        Assert.Equal("1970-01-01T00:00:00.000000Z", payload.GetProperty("posted_at").GetString());

        var forBen = await benSocket.NextInvocationAsync();
        Assert.Equal("For Ben", forBen.GetProperty("arguments")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_bearer_header_connects_too()
    {
        var user = await _app.Api().Register("rt");
        await using var socket = await SignalRTestClient.ConnectAsync(_app.Server, JobsPath, bearer: user.Access);
        await _app.Services.GetRequiredService<IRealtimeNotifier>()
            .SendToUserAsync(Hubs.JobNotifications, user.Id, "job_notification", new { JobId = 3 });
        Assert.Equal(3, (await socket.NextInvocationAsync()).GetProperty("arguments")[0].GetProperty("job_id").GetInt32());
    }

    [Theory]
    [InlineData("")]
    [InlineData("?token=not-a-token")]
    [InlineData("?access_token=eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl")]
    public async Task The_socket_refuses_a_missing_or_bad_token_with_401(string query)
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => SignalRTestClient.ConnectAsync(_app.Server, JobsPath + query));
        Assert.Contains("401", refused.Message);
    }

    [Fact]
    public async Task A_revoked_token_no_longer_connects()
    {
        var api = _app.Api();
        var user = await api.Register("rt");
        (await api.Post("/careers/users/logout/", new { refresh = user.Refresh }, user.Access)).Expect(HttpStatusCode.OK);
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => SignalRTestClient.ConnectAsync(_app.Server, $"{JobsPath}?token={user.Access}"));
        Assert.Contains("401", refused.Message);
    }

    [Fact]
    public async Task Negotiate_needs_the_access_token_and_offers_websockets()
    {
        var api = _app.Api();
        var user = await api.Register("rt");
        (await api.Post($"{JobsPath}/negotiate?negotiateVersion=1")).ExpectNexusError(HttpStatusCode.Unauthorized);
        (await api.Post($"{JobsPath}/negotiate?negotiateVersion=1", token: "bad")).ExpectNexusError(HttpStatusCode.Unauthorized);

        foreach (var negotiate in new[]
                 {
                     await api.Post($"{JobsPath}/negotiate?negotiateVersion=1", token: user.Access),
                     await api.Post($"{JobsPath}/negotiate?negotiateVersion=1&access_token={user.Access}"),
                 })
        {
            negotiate.Expect(HttpStatusCode.OK);
            Assert.False(string.IsNullOrEmpty(negotiate["connectionToken"].GetString()));
            Assert.Contains(negotiate["availableTransports"].EnumerateArray(), t => t.GetProperty("transport").GetString() == "WebSockets");
        }
    }

    [Fact]
    public async Task Tokens_in_the_query_are_ignored_outside_realtime_paths()
    {
        var api = _app.Api();
        var user = await api.Register("rt");
        (await api.Get("/careers/users/me/", user.Access)).Expect(HttpStatusCode.OK);
        (await api.Get($"/careers/users/me/?access_token={user.Access}")).ExpectCareersError(HttpStatusCode.Unauthorized);
        (await api.Get($"/careers/users/me/?token={user.Access}")).ExpectCareersError(HttpStatusCode.Unauthorized);
    }

    // Azure SignalR Service, serverless mode.

    [Fact]
    public async Task With_the_service_configured_negotiate_redirects_to_it_and_events_go_through_its_rest_api()
    {
        using var service = new RecordingHttpServer(HttpStatusCode.Accepted);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(33));
        await using var app = new TestApp(settings: new Dictionary<string, string?>
        {
            ["CareerNexus:Realtime:SignalRConnectionString"] = $"Endpoint={service.Url};AccessKey={key};Version=1.0;",
        });
        var api = app.Api();
        var user = await api.Register("rt");

        // Negotiate: the service's client URL and a token for this user, signed with the access key.
        var clientUrl = $"{service.Url}/client/?hub=jobnotifications";
        foreach (var negotiate in new[]
                 {
                     await api.Post($"{JobsPath}/negotiate?negotiateVersion=1", token: user.Access),
                     await api.Post($"{JobsPath}/negotiate/?access_token={user.Access}"),
                 })
        {
            negotiate.Expect(HttpStatusCode.OK);
            Assert.Equal(clientUrl, negotiate["url"].GetString());
            var claims = Verify(negotiate["accessToken"].GetString()!, key, clientUrl, out var token);
            Assert.Equal(user.Id.ToString(), claims.FindFirst("nameid")?.Value);
            Assert.Equal(user.Id.ToString(), claims.FindFirst("asrs.s.uid")?.Value);
            Assert.InRange(token.ValidTo, DateTime.UtcNow.AddMinutes(55), DateTime.UtcNow.AddMinutes(61));
        }
        (await api.Post($"{JobsPath}/negotiate")).ExpectNexusError(HttpStatusCode.Unauthorized);
        (await api.Post($"{JobsPath}/negotiate?token=forged")).ExpectNexusError(HttpStatusCode.Unauthorized);
        (await api.Get(JobsPath + "/")).ExpectNexusError(HttpStatusCode.NotFound);

        // Sending: POST /api/v1/hubs/{hub}/users/{id} with the SignalR message and a short-lived token for that URL.
        var notifier = app.Services.GetRequiredService<IRealtimeNotifier>();
        Assert.IsType<SignalRServiceNotifier>(notifier);
        await notifier.SendToUserAsync(Hubs.JobNotifications, 42, "job_notification", new { JobId = 7, Title = "Engineer" });
        var sent = Assert.Single(service.Requests);
        Assert.Equal("POST", sent.Method);
        Assert.Equal("/api/v1/hubs/jobnotifications/users/42", sent.Path);
        Assert.StartsWith("application/json", sent.ContentType);
        using (var body = JsonDocument.Parse(sent.Body))
        {
            Assert.Equal(new[] { "arguments", "target" }, body.RootElement.EnumerateObject().Select(p => p.Name).Order());
            Assert.Equal("job_notification", body.RootElement.GetProperty("target").GetString());
            var argument = Assert.Single(body.RootElement.GetProperty("arguments").EnumerateArray());
            Assert.Equal(7, argument.GetProperty("job_id").GetInt32());
            Assert.Equal("Engineer", argument.GetProperty("title").GetString());
        }
        Assert.StartsWith("Bearer ", sent.Authorization);
        Verify(sent.Authorization!["Bearer ".Length..], key, $"{service.Url}/api/v1/hubs/jobnotifications/users/42", out var restToken);
        Assert.InRange(restToken.ValidTo, DateTime.UtcNow, DateTime.UtcNow.AddMinutes(6));

        // A refusal is an error, so that the queue worker sending it retries.
        service.Status = HttpStatusCode.Unauthorized;
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() =>
            notifier.SendToUserAsync(Hubs.JobNotifications, 42, "job_notification", new { JobId = 8 }));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        // The generated functions are the same in both modes: the negotiate route is one in each.
        Assert.Equal(Functions(_app), Functions(app));
        Assert.Contains("ws_notification_jobs_negotiate_post", Functions(app));
    }

    [Fact]
    public async Task Service_connection_strings_give_the_server_client_and_audience_urls()
    {
        var key = new string('k', 44);
        var plain = new SignalRServiceEndpoint($"Endpoint=https://cn.service.signalr.net;AccessKey={key};Version=1.0;");
        Assert.Equal("https://cn.service.signalr.net", plain.ServerUrl);
        Assert.Equal("https://cn.service.signalr.net", plain.Audience);

        var ported = new SignalRServiceEndpoint($"Endpoint=https://cn.service.signalr.net/;Port=8443;AccessKey={key};ClientEndpoint=https://realtime.example.com;Version=1.0;");
        Assert.Equal("https://cn.service.signalr.net:8443", ported.ServerUrl);
        Assert.Equal("https://realtime.example.com", ported.ClientUrl);
        var redirect = ported.Negotiate("JobNotifications", 5, DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
        Assert.Equal("https://realtime.example.com/client/?hub=jobnotifications", redirect.Url);
        Verify(redirect.AccessToken, key, "https://cn.service.signalr.net/client/?hub=jobnotifications", out _);
        var path = SignalRServiceEndpoint.UserPath(Hubs.JobNotifications, 5);
        Assert.Equal("https://cn.service.signalr.net:8443/api/v1/hubs/jobnotifications/users/5", ported.ServerUrl + path);
        var token = await ported.ServerTokenAsync(path, DateTimeOffset.UtcNow, CancellationToken.None);
        Verify(token, key, "https://cn.service.signalr.net/api/v1/hubs/jobnotifications/users/5", out _);

        Assert.Throws<InvalidOperationException>(() => new SignalRServiceEndpoint("Endpoint=https://cn.service.signalr.net;Version=1.0;"));
        Assert.Throws<InvalidOperationException>(() => new SignalRServiceEndpoint($"AccessKey={key};Version=1.0;"));
        Assert.Throws<InvalidOperationException>(() => new SignalRServiceEndpoint($"Endpoint=cn.service.signalr.net;AccessKey={key}"));
        Assert.Throws<InvalidOperationException>(() => new SignalRServiceEndpoint($"Endpoint=https://cn.service.signalr.net;Port=x;AccessKey={key}"));
    }

    /// <summary>A credential that hands out one fixed token, standing in for Microsoft Entra ID.</summary>
    private sealed class FixedCredential(string token) : Azure.Core.TokenCredential
    {
        public List<string[]> Scopes { get; } = [];

        public override Azure.Core.AccessToken GetToken(Azure.Core.TokenRequestContext context, CancellationToken ct)
        {
            Scopes.Add(context.Scopes);
            return new Azure.Core.AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<Azure.Core.AccessToken> GetTokenAsync(Azure.Core.TokenRequestContext context, CancellationToken ct) =>
            ValueTask.FromResult(GetToken(context, ct));
    }

    [Fact]
    public async Task By_identity_rest_calls_carry_entra_tokens_and_client_tokens_come_from_the_service()
    {
        using var service = new RecordingHttpServer(HttpStatusCode.OK) { ResponseBody = """{"token":"issued-client-token"}""" };
        var credential = new FixedCredential("entra-access-token");
        using var app = new QueueApp([], new Dictionary<string, string?> { ["CareerNexus:Realtime:SignalRServiceUri"] = service.Url },
            replace: s => s.AddSingleton(new SignalRServiceEndpoint(new Uri(service.Url), credential)));
        var api = new ApiClient(app.Factory.CreateClient());
        var user = await api.Register("rt");

        var negotiate = (await api.Post($"{JobsPath}/negotiate", token: user.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal($"{service.Url}/client/?hub=jobnotifications", negotiate["url"].GetString());
        Assert.Equal("issued-client-token", negotiate["accessToken"].GetString());
        var issue = Assert.Single(service.Requests);
        Assert.Equal(("POST", "/api/hubs/jobnotifications/:generateToken", "Bearer entra-access-token"), (issue.Method, issue.Path, issue.Authorization));
        Assert.Contains($"userId={user.Id}", issue.Query);
        Assert.Contains("api-version=2022-11-01", issue.Query);

        await app.Get<IRealtimeNotifier>().SendToUserAsync(Hubs.JobNotifications, 42, "job_notification", new { JobId = 7 });
        var sent = service.Requests.Last();
        Assert.Equal(("/api/v1/hubs/jobnotifications/users/42", "Bearer entra-access-token"), (sent.Path, sent.Authorization));
        Assert.All(credential.Scopes, s => Assert.Equal([SignalRServiceEndpoint.EntraScope], s));

        // The settings alone choose the identity: the service URI without a connection string.
        var options = new RealtimeOptions { SignalRServiceUri = "https://acme.service.signalr.net", ClientId = "0000-client" };
        Assert.True(options.UsesService);
        Assert.Equal(new CareerNexus.Common.CredentialChoice(CareerNexus.Common.CredentialKind.ManagedIdentity, "0000-client"), options.Identity());
        Assert.True(SignalRServiceEndpoint.From(options).UsesIdentity);
        Assert.Null(new RealtimeOptions { SignalRConnectionString = "Endpoint=https://a;AccessKey=k" }.Identity());
    }

    internal static ClaimsPrincipal Verify(string jwt, string key, string audience, out JsonWebToken token)
    {
        var result = new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidAudience = audience,
            ValidateIssuer = false,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.Zero,
        }).GetAwaiter().GetResult();
        Assert.True(result.IsValid, result.Exception?.Message);
        token = (JsonWebToken)result.SecurityToken;
        return new ClaimsPrincipal(result.ClaimsIdentity);
    }

    private static List<string> Functions(TestApp app) =>
        FunctionManifest.Build([app.Services.GetRequiredService<EndpointDataSource>()]).Select(f => f.Name).Order().ToList();
}
