using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CareerNexus.Common;

namespace CareerNexus.Queues;

/// <summary>
/// The parts of a Service Bus connection string the sender needs. "UseDevelopmentEmulator=true" (the emulator's
/// own flag) sends over plain HTTP to the given host and port, for local listeners.
/// </summary>
public sealed record ServiceBusConnection(Uri Endpoint, string KeyName, string Key)
{
    public static ServiceBusConnection Parse(string connectionString)
    {
        var parts = ConnectionStrings.Parse(connectionString, "CareerNexus:Queues:ServiceBusConnectionString");
        if (!parts.TryGetValue("Endpoint", out var endpoint) || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)
            || !parts.TryGetValue("SharedAccessKeyName", out var keyName) || !parts.TryGetValue("SharedAccessKey", out var key))
            throw new InvalidOperationException(
                "CareerNexus:Queues:ServiceBusConnectionString needs Endpoint, SharedAccessKeyName and SharedAccessKey.");
        var emulator = parts.TryGetValue("UseDevelopmentEmulator", out var flag) && bool.TryParse(flag, out var on) && on;
        var builder = new UriBuilder(uri) { Scheme = emulator ? "http" : "https", Path = "/" };
        if (!emulator || uri.IsDefaultPort) builder.Port = -1;
        return new ServiceBusConnection(builder.Uri, keyName, key);
    }

    /// <summary>The address of a queue, which is also the resource its tokens are signed for.</summary>
    public Uri QueueUri(string queue) => new(Endpoint, Uri.EscapeDataString(queue));

    /// <summary>
    /// A SAS token for the resource: HMAC-SHA256 with the key (its UTF-8 bytes, as Service Bus does) over the
    /// URL-encoded resource URI, a newline and the expiry in Unix seconds.
    /// </summary>
    public string Token(Uri resource, DateTimeOffset expiry)
    {
        var encodedResource = WebUtility.UrlEncode(resource.AbsoluteUri.TrimEnd('/'));
        var se = expiry.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Key), Encoding.UTF8.GetBytes(encodedResource + "\n" + se)));
        return $"SharedAccessSignature sr={encodedResource}&sig={WebUtility.UrlEncode(signature)}&se={se}&skn={WebUtility.UrlEncode(KeyName)}";
    }
}

/// <summary>
/// Sends to Service Bus over its REST protocol (POST {queue}/messages with a SAS token). The message id goes
/// in BrokerProperties, so that duplicate detection on the queue turns a re-send into a no-op. Messages come
/// back through the serviceBusTrigger functions.
/// </summary>
public sealed class ServiceBusQueue(ServiceBusConnection connection, HttpClient http, TimeProvider clock) : IMessageQueue
{
    private const int SendAttempts = 3;
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);

    public async Task SendAsync(string queue, string messageId, string body, CancellationToken ct = default)
    {
        QueueIds.CheckQueueName(queue);
        var target = connection.QueueUri(queue);
        var properties = JsonSerializer.Serialize(new Dictionary<string, string> { ["MessageId"] = QueueIds.ToServiceBusMessageId(messageId) });
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target + "/messages"))
            {
                Content = new StringContent(body, Encoding.UTF8, "text/plain"),
            };
            request.Headers.TryAddWithoutValidation("Authorization", connection.Token(target, clock.GetUtcNow() + TokenLifetime));
            request.Headers.TryAddWithoutValidation("BrokerProperties", properties);
            // Other headers become the message's application properties: the trigger reads the trace back from there.
            if (PlatformMetrics.CurrentTraceParent() is { } traceParent) request.Headers.TryAddWithoutValidation(QueueIds.TraceParentProperty, traceParent);
            HttpStatusCode status;
            try
            {
                using var response = await http.SendAsync(request, ct);
                if (response.IsSuccessStatusCode) return;
                status = response.StatusCode;
            }
            catch (HttpRequestException) when (attempt < SendAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), ct);
                continue;
            }
            var transient = status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
            if (!transient || attempt >= SendAttempts)
                throw new HttpRequestException($"Service Bus refused a message for queue '{queue}': {(int)status}", null, status);
            await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), ct);
        }
    }
}
