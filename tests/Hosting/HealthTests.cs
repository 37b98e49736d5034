using System.Net;
using CareerNexus.Tests.Support;
using Xunit;

namespace CareerNexus.Tests.Hosting;

public sealed class HealthTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private static readonly string[] Dependencies = ["cosmos", "blob", "queue", "smtp"];

    private static Dictionary<string, string> Statuses(ApiResponse response) =>
        response["checks"].EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString()!);

    [Fact]
    public async Task Live_answers_without_a_token()
    {
        var live = (await fixture.App.Api().Send(HttpMethod.Get, "/health/live", null, null)).Expect(HttpStatusCode.OK);
        Assert.Equal("healthy", live["status"].GetString());
    }

    [Fact]
    public async Task Ready_with_the_stack_up_is_200_naming_each_dependency()
    {
        // The first probe, on a cold client against a local server busy with the rest of the suite, may run out of
        // time, as an orchestrator's first probe of a cold instance may. The stack is up, so one soon passes.
        ApiResponse? answer = null;
        await Eventually.True(async () =>
            (answer = await fixture.App.Api().Send(HttpMethod.Get, "/health/ready/", null, null)).Status == HttpStatusCode.OK,
            "readiness did not answer 200 with the stack up", TimeSpan.FromSeconds(30));
        var ready = answer!.Expect(HttpStatusCode.OK);
        Assert.Equal("healthy", ready["status"].GetString());
        var statuses = Statuses(ready);
        Assert.Equal(Dependencies.Order(), statuses.Keys.Order());
        Assert.All(statuses.Values, s => Assert.Equal("healthy", s));
        Assert.Equal("no-store", ready.Raw.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Ready_with_the_smtp_relay_down_is_503_naming_smtp_and_no_secret()
    {
        var closedPort = FreePort.Next();
        using var app = new TestApp(settings: new Dictionary<string, string?>
        {
            ["CareerNexus:Smtp:Port"] = closedPort.ToString(),
            ["CareerNexus:Smtp:Password"] = "relay-secret-password",
        });
        var ready = (await app.Api().Send(HttpMethod.Get, "/health/ready", null, null)).Expect(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("unhealthy", ready["status"].GetString());
        var statuses = Statuses(ready);
        Assert.Equal("unhealthy", statuses["smtp"]);
        Assert.All(statuses.Where(s => s.Key != "smtp"), s => Assert.Equal("healthy", s.Value));
        var text = ready.Body.GetRawText();
        Assert.DoesNotContain("relay-secret-password", text);
        Assert.DoesNotContain(TestApp.SigningKey, text);
        Assert.DoesNotContain(closedPort.ToString(), text);
    }
}
