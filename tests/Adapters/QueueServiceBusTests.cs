using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CareerNexus.Email;
using CareerNexus.Queues;
using CareerNexus.Tests.Support;
using Xunit;

namespace CareerNexus.Tests.Adapters;

/// <summary>The Service Bus sender, against a local listener that plays Service Bus's REST endpoint and checks the SAS token as it would.</summary>
public sealed class QueueServiceBusTests
{
    private const string KeyName = "RootManageSharedAccessKey";
    private const string Key = "c2VjcmV0LWtleS1mb3ItdGVzdHM=";

    /// <summary>Plays Service Bus: answers the queued statuses in turn (201 when none are left) and records every request.</summary>
    private static RecordingHttpServer FakeServiceBus(params HttpStatusCode[] answers) => new(HttpStatusCode.Created, answers);

    private static string ConnectionString(RecordingHttpServer bus) =>
        $"Endpoint=sb://127.0.0.1:{bus.Port}/;SharedAccessKeyName={KeyName};SharedAccessKey={Key};UseDevelopmentEmulator=true";

    /// <summary>Verifies the token the way Service Bus does: the signature over "{sr}\n{se}" with the named key, not expired, for the resource.</summary>
    private static void AssertValidToken(string authorization, string expectedResource)
    {
        Assert.StartsWith("SharedAccessSignature ", authorization);
        var fields = authorization["SharedAccessSignature ".Length..].Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(["se", "sig", "skn", "sr"], fields.Keys.Order());
        Assert.Equal(KeyName, fields["skn"]);
        Assert.Equal(expectedResource, WebUtility.UrlDecode(fields["sr"]));
        var expiry = DateTimeOffset.FromUnixTimeSeconds(long.Parse(fields["se"]));
        Assert.InRange(expiry, DateTimeOffset.UtcNow.AddMinutes(5), DateTimeOffset.UtcNow.AddHours(2));
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Key), Encoding.UTF8.GetBytes(fields["sr"] + "\n" + fields["se"]));
        Assert.Equal(Convert.ToBase64String(expected), WebUtility.UrlDecode(fields["sig"]));
    }

    [Theory]
    [InlineData("CareerNexus:Queues:ServiceBusConnectionString")]
    [InlineData("ServiceBusConnection")]
    public async Task With_a_connection_string_messages_are_posted_to_service_bus_with_a_sas_token_and_the_message_id(string setting)
    {
        using var bus = FakeServiceBus();
        using var app = new QueueApp([], new Dictionary<string, string?> { [setting] = ConnectionString(bus) });
        var queue = app.Get<IMessageQueue>();
        Assert.IsType<ServiceBusQueue>(queue);

        await queue.SendAsync("job-notifications", "job-17", "17");
        var request = Assert.Single(bus.Requests);
        Assert.Equal(("POST", "/job-notifications/messages", "17"), (request.Method, request.Path, request.Body));
        Assert.StartsWith("text/plain", request.ContentType);
        AssertValidToken(request.Authorization, $"http://127.0.0.1:{bus.Port}/job-notifications");
        Assert.Equal("job-17", JsonDocument.Parse(request.BrokerProperties).RootElement.GetProperty("MessageId").GetString());

        // The email outbox sends only the outbox id, under a message id derived from the email's id: a retry is a duplicate.
        var to = $"sb{Guid.NewGuid():N}@example.com";
        await app.Get<EmailOutbox>().EnqueueAsync("welcome:" + to, new EmailMessage(to, "Hi", "text", "<p>html</p>"));
        var email = bus.Requests.Last();
        Assert.Equal("/email/messages", email.Path);
        Assert.Equal("welcome:" + to, email.Body);
        Assert.Equal("email-welcome:" + to, JsonDocument.Parse(email.BrokerProperties).RootElement.GetProperty("MessageId").GetString());
        AssertValidToken(email.Authorization, $"http://127.0.0.1:{bus.Port}/email");
    }

    [Fact]
    public async Task Transient_refusals_are_retried_and_lasting_ones_fail_the_send()
    {
        using var bus = FakeServiceBus(HttpStatusCode.ServiceUnavailable, HttpStatusCode.InternalServerError);
        using var app = new QueueApp([], new Dictionary<string, string?> { ["CareerNexus:Queues:ServiceBusConnectionString"] = ConnectionString(bus) });
        var queue = app.Get<IMessageQueue>();

        await queue.SendAsync("email", new string('x', 300), "body");
        Assert.Equal(3, bus.Requests.Count);
        // Over 128 characters, the id is hashed the same way each time, so duplicate detection still holds.
        var ids = bus.Requests.Select(r => JsonDocument.Parse(r.BrokerProperties).RootElement.GetProperty("MessageId").GetString()!).Distinct().ToList();
        Assert.True(ids.Single().Length <= 128);

        bus.Answers.Enqueue(HttpStatusCode.Unauthorized);
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => queue.SendAsync("email", "m", "body"));
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Theory]
    [InlineData("Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=k", "https://ns.servicebus.windows.net/")]
    [InlineData("Endpoint=sb://ns.servicebus.windows.net;SharedAccessKeyName=send;SharedAccessKey=k=;EntityPath=x", "https://ns.servicebus.windows.net/")]
    [InlineData("Endpoint=sb://localhost:5672;SharedAccessKeyName=send;SharedAccessKey=k;UseDevelopmentEmulator=true", "http://localhost:5672/")]
    public void Connection_strings_are_read_as_service_bus_writes_them(string connectionString, string endpoint)
    {
        var connection = ServiceBusConnection.Parse(connectionString);
        Assert.Equal(endpoint, connection.Endpoint.AbsoluteUri);
        Assert.Equal("send", connection.KeyName);
        Assert.StartsWith("k", connection.Key);
    }

    [Fact]
    public void An_incomplete_connection_string_is_refused_with_the_setting_name()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ServiceBusConnection.Parse("Endpoint=sb://ns.servicebus.windows.net/"));
        Assert.Contains("ServiceBusConnectionString", error.Message);
    }
}
