using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CareerNexus.Payments;

/// <summary>
/// AfribaPay mobile-money collections over its REST API (no SDK is served): an access token from POST /v1/token (HTTP
/// Basic with the API user and key, kept until shortly before it expires), a collection with POST /v1/pay/payin whose
/// order_id is the transaction id, and its status from GET /v1/status?order_id=. AfribaPay signs its callbacks with
/// the API key: the AfribaPAY-Sign header is the hex HMAC-SHA256 of the raw body.
/// </summary>
public sealed class AfribaPayGateway(IHttpClientFactory clients, PlatformOptions options, TimeProvider clock) : IPaymentGateway
{
    public const string HttpClientName = "afribapay";
    public const string SignatureHeader = "AfribaPAY-Sign";

    private readonly SemaphoreSlim _tokenLock = new(1, 1);
    private (string Token, DateTimeOffset Until)? _token;

    private AfribaPayOptions Settings => options.Payments.AfribaPay;

    public string Method => PaymentMethods.AfribaPay;

    public bool IsConfigured => Settings.IsConfigured;

    public async Task<ProviderCheckout> StartAsync(PaymentTransaction transaction, CancellationToken ct)
    {
        var body = new Dictionary<string, object?>
        {
            ["operator"] = transaction.Operator, ["country"] = transaction.Country, ["phone_number"] = transaction.PhoneNumber,
            ["amount"] = transaction.Amount, ["currency"] = transaction.Currency, ["order_id"] = transaction.Id,
            ["merchant_key"] = Settings.MerchantKey.Trim(), ["reference_id"] = PaymentLinks.Description(transaction), ["lang"] = "en",
            ["notify_url"] = options.PublicBaseUrl.TrimEnd('/') + NotifyPath,
            ["return_url"] = PaymentLinks.Return(options, transaction.Id, "success"),
            ["cancel_url"] = PaymentLinks.Return(options, transaction.Id, "cancel"),
        };
        var data = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, Url("/v1/pay/payin")) { Content = JsonContent.Create(body) }, ct)
                   ?? throw new PaymentProviderException("AfribaPay answered the collection without data.", refused: true);
        return new ProviderCheckout(Text(data, "provider_id") ?? Text(data, "transaction_id") ?? transaction.Id, Text(data, "provider_link"));
    }

    public async Task<ProviderStatus?> CheckAsync(PaymentTransaction transaction, CancellationToken ct)
    {
        var data = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Url("/v1/status?order_id=" + Uri.EscapeDataString(transaction.Id))), ct,
            notFoundIsNull: true);
        return data is { } found ? new ProviderStatus(StatusOf(Text(found, "status")), Text(found, "transaction_id") ?? transaction.ProviderRef) : null;
    }

    /// <summary>The webhook route AfribaPay is told to call (notify_url).</summary>
    public const string NotifyPath = "/payments/api/v1/webhooks/afribapay/";

    /// <summary>SUCCESS is completed, FAILED (and the provider's other final refusals) failed; anything else is still pending.</summary>
    public static string StatusOf(string? status) => status?.Trim().ToUpperInvariant() switch
    {
        "SUCCESS" or "SUCCESSFUL" or "COMPLETED" => PaymentStatuses.Completed,
        "FAILED" or "CANCELLED" or "CANCELED" or "REJECTED" => PaymentStatuses.Failed,
        "EXPIRED" => PaymentStatuses.Expired,
        _ => PaymentStatuses.Pending,
    };

    /// <summary>Whether a callback's AfribaPAY-Sign header is the HMAC-SHA256 of its raw body under the API key (compared in constant time).</summary>
    public bool IsSigned(string body, string? signature)
    {
        if (!IsConfigured || string.IsNullOrWhiteSpace(signature)) return false;
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Settings.ApiKey.Trim()), Encoding.UTF8.GetBytes(body));
        byte[] given;
        try
        {
            given = Convert.FromHexString(signature.Trim());
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    private string Url(string path) => Settings.BaseUrl.TrimEnd('/') + path;

    /// <summary>
    /// A call with the access token; a 401 drops the token and tries once more with a new one. The answer's "data"
    /// object, or null for a 404 when <paramref name="notFoundIsNull"/>.
    /// </summary>
    private async Task<JsonElement?> SendAsync(Func<HttpRequestMessage> request, CancellationToken ct, bool notFoundIsNull = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var message = request();
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(ct));
            var (status, json) = await CallAsync(message, ct);
            if (status == HttpStatusCode.Unauthorized && attempt == 1)
            {
                _token = null;
                continue;
            }
            if (status == HttpStatusCode.NotFound && notFoundIsNull) return null;
            if ((int)status is >= 400 and < 500 && status != HttpStatusCode.TooManyRequests)
                throw new PaymentProviderException($"AfribaPay refused the request ({(int)status}): {ErrorText(json)}", refused: true);
            if ((int)status >= 400) throw new PaymentProviderException($"AfribaPay answered {(int)status}.", refused: false);
            return json is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                ? data : null;
        }
    }

    private async Task<string> TokenAsync(CancellationToken ct)
    {
        if (_token is { } cached && cached.Until > clock.GetUtcNow()) return cached.Token;
        await _tokenLock.WaitAsync(ct);
        try
        {
            if (_token is { } again && again.Until > clock.GetUtcNow()) return again.Token;
            using var message = new HttpRequestMessage(HttpMethod.Post, Url("/v1/token")) { Content = JsonContent.Create(new { }) };
            message.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Settings.ApiUser.Trim()}:{Settings.ApiKey.Trim()}")));
            var (status, json) = await CallAsync(message, ct);
            if (!((int)status is >= 200 and < 300) || json is not { ValueKind: JsonValueKind.Object } root
                || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object || Text(data, "access_token") is not { } token)
                throw new PaymentProviderException($"AfribaPay gave no access token ({(int)status}).", refused: false);
            var lifetime = data.TryGetProperty("expires_in", out var seconds) && seconds.TryGetInt32(out var s) ? s : 3600;
            _token = (token, clock.GetUtcNow().AddSeconds(Math.Max(lifetime - 300, 30)));
            return token;
        }
        finally
        {
            _tokenLock.Release();
        }
    }

    private async Task<(HttpStatusCode Status, JsonElement? Json)> CallAsync(HttpRequestMessage message, CancellationToken ct)
    {
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(message, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            JsonElement? json = null;
            if (text.Length > 0)
            {
                try
                {
                    json = JsonSerializer.Deserialize<JsonElement>(text);
                }
                catch (JsonException)
                {
                    // Not JSON (a proxy's error page): the status says enough.
                }
            }
            return (response.StatusCode, json);
        }
        catch (Exception error) when (error is HttpRequestException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException
                                      || (error is OperationCanceledException && !ct.IsCancellationRequested))
        {
            throw new PaymentProviderException("AfribaPay could not be reached.", refused: false, error);
        }
    }

    private static string ErrorText(JsonElement? json)
    {
        if (json is not { ValueKind: JsonValueKind.Object } root) return "no details";
        var text = root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object ? Text(error, "message") : null;
        text ??= Text(root, "message") ?? "no details";
        return text.Length > 200 ? text[..200] : text;
    }

    private static string? Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String when value.GetString() is { Length: > 0 } text => text,
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;
}
