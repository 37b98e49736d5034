using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace CareerNexus.Tests.Support;

/// <summary>An email as the local catcher (maildev) received it over SMTP.</summary>
public sealed record CaughtMail(string Id, string To, string Subject, string Text, string Html);

/// <summary>
/// Reads what the app really sent, from maildev's REST API (CareerNexus__Smtp__WebUrl, set by ./test.sh).
/// Tests share the catcher, so each looks only at mail to its own fresh address.
/// </summary>
public static class MailCatcher
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private static string WebUrl => Environment.GetEnvironmentVariable("CareerNexus__Smtp__WebUrl")
                                    ?? throw new InvalidOperationException("No mail catcher: run the tests with ./test.sh, which starts one.");

    // Every mail maildev has caught, in the order it caught them, read once: each read asks only for the mails after
    // the ones already here. Fetching the whole mailbox (megabytes by the end of a run) on every poll of every waiting
    // test slowed maildev until the app's SMTP sends timed out.
    private static readonly List<JsonElement> Caught = [];
    private static readonly SemaphoreSlim Reading = new(1, 1);

    public static async Task<IReadOnlyList<CaughtMail>> ListAsync(string to)
    {
        JsonElement[] caught;
        await Reading.WaitAsync();
        try
        {
            var newer = await Http.GetFromJsonAsync<JsonElement>($"{WebUrl}/email?skip={Caught.Count}");
            Caught.AddRange(newer.EnumerateArray().Select(m => m.Clone()));
            caught = [.. Caught];
        }
        finally
        {
            Reading.Release();
        }
        return caught
            .Where(m => m.GetProperty("to").EnumerateArray().Any(a => string.Equals(a.GetProperty("address").GetString(), to, StringComparison.OrdinalIgnoreCase)))
            .Select(m => new CaughtMail(m.GetProperty("id").GetString()!, to, m.GetProperty("subject").GetString() ?? "",
                m.TryGetProperty("text", out var text) ? text.GetString() ?? "" : "",
                m.TryGetProperty("html", out var html) && html.ValueKind == JsonValueKind.String ? html.GetString()! : ""))
            .ToList();
    }

    /// <summary>Waits until at least `count` emails to the address have arrived (the mail worker sends them in the background).</summary>
    public static async Task<IReadOnlyList<CaughtMail>> WaitForAsync(string to, int count = 1, TimeSpan? timeout = null)
    {
        IReadOnlyList<CaughtMail> mails = [];
        await Eventually.True(async () => (mails = await ListAsync(to)).Count >= count, $"Expected {count} email(s) to {to}", timeout,
            TimeSpan.FromMilliseconds(200));
        return mails;
    }

    /// <summary>The 6-digit code on a line of its own in the text body.</summary>
    public static string Code(CaughtMail mail) =>
        mail.Text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length == 6 && l.All(char.IsAsciiDigit))
        ?? throw new Xunit.Sdk.XunitException($"No 6-digit code in: {mail.Text}");

    /// <summary>The value of a query parameter (hash=, token=) of the first link carrying it.</summary>
    public static string LinkParameter(CaughtMail mail, string name)
    {
        var match = System.Text.RegularExpressions.Regex.Match(mail.Text + "\n" + mail.Html, $@"[?&]{name}=([A-Za-z0-9_\-%.~]+)");
        Assert.True(match.Success, $"No {name}= link in: {mail.Text}");
        return Uri.UnescapeDataString(match.Groups[1].Value);
    }
}
