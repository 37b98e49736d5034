namespace CareerNexus;

/// <summary>Settings under "CareerNexus" (environment: CareerNexus__Section__Key).</summary>
public sealed class PlatformOptions
{
    public const string Section = "CareerNexus";

    public CosmosOptions Cosmos { get; set; } = new();
    public TokenOptions Tokens { get; set; } = new();
    public PasswordOptions Passwords { get; set; } = new();
    public Files.BlobOptions Blob { get; set; } = new();
    public Email.SmtpOptions Smtp { get; set; } = new();
    public Queues.QueueOptions Queues { get; set; } = new();
    public Realtime.RealtimeOptions Realtime { get; set; } = new();
    public LinkedIn.LinkedInOptions LinkedIn { get; set; } = new();
    public Payments.PaymentOptions Payments { get; set; } = new();
    public TalentOptions Talent { get; set; } = new();
    public Assistant.AssistantOptions Assistant { get; set; } = new();

    /// <summary>The address clients reach the app at, for links in emails and page links ("next", "last_page").</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:7071";

    /// <summary>
    /// Where links in emails point: the client app, which reads the `hash=` and posts it to the API (a GET on the
    /// API must not use up a link, or mail scanners that open links would). Empty: <see cref="PublicBaseUrl"/>.
    /// </summary>
    public string EmailLinkBaseUrl { get; set; } = "";

    public string EmailLinkBase => (EmailLinkBaseUrl.Length > 0 ? EmailLinkBaseUrl : PublicBaseUrl).TrimEnd('/');

    /// <summary>
    /// Comma-separated emails whose accounts are administrators while the address is verified (see AdminPolicy).
    /// Empty by default: locally, the operator route makes an admin.
    /// </summary>
    public string AdminEmails { get; set; } = "";

    /// <summary>Credential and mail-sending requests each client IP may make per minute, per instance.</summary>
    public int CredentialRequestsPerIpPerMinute { get; set; } = 60;

    /// <summary>Chat messages each account may send per minute, by route and socket together, across instances.</summary>
    public int MessagesPerAccountPerMinute { get; set; } = 60;

    /// <summary>How long each readiness probe may take before its dependency counts as down.</summary>
    public int HealthProbeSeconds { get; set; } = 3;

    /// <summary>A folder holding the CV fonts (see CvFonts); empty: the machine's font folders.</summary>
    public string CvFontDirectory { get; set; } = "";

    public bool IsAdminEmail(string email) =>
        AdminEmails.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Contains(email, StringComparer.OrdinalIgnoreCase);
}

public sealed class CosmosOptions
{
    public string Endpoint { get; set; } = "";

    /// <summary>The account key; empty to connect by identity (a Cosmos DB data-plane role on the account).</summary>
    public string Key { get; set; } = "";

    /// <summary>Without a key: "managedidentity" for the system-assigned identity, empty for DefaultAzureCredential.</summary>
    public string Credential { get; set; } = "";

    /// <summary>Without a key: the client id of a user-assigned managed identity.</summary>
    public string ClientId { get; set; } = "";
    public string Database { get; set; } = "careernexus";

    /// <summary>Gateway mode limited to the endpoint: what the local server and private endpoints need.</summary>
    public bool GatewayOnly { get; set; } = true;

    /// <summary>The identity the account is reached with; null when a key is set.</summary>
    public Common.CredentialChoice? Identity() => Key.Trim().Length > 0 ? null : Common.AzureIdentity.Choose(Credential, ClientId);

    /// <summary>Adds each request's Cosmos operation counts to a Server-Timing response header.</summary>
    public bool ServerTiming { get; set; }
}

public sealed class TokenOptions
{
    /// <summary>HS256 key: base64 of at least 32 bytes, or a passphrase of at least 32 characters.</summary>
    public string SigningKey { get; set; } = "";
    public string Issuer { get; set; } = "careernexus";
    public string Audience { get; set; } = "careernexus-clients";
    public int AccessMinutes { get; set; } = 60;
    public int RefreshDays { get; set; } = 7;

    /// <summary>
    /// Seconds an instance may trust what it last read of an account's sign-ins (0 to 30): the bound on how long a
    /// revocation made on another instance can take to hold here. 0 reads the account on every request.
    /// </summary>
    public int SessionCacheSeconds { get; set; } = 30;
}

public sealed class PasswordOptions
{
    /// <summary>PBKDF2-SHA512 iterations; OWASP 2023 asks for 210,000. Lower only in tests.</summary>
    public int Iterations { get; set; } = 210_000;
}

/// <summary>Document 004's surface: who its cookie-signed-in clients are.</summary>
public sealed class TalentOptions
{
    /// <summary>
    /// Comma-separated origins ("https://app.example.com") of the browser clients that call the Talent routes with their
    /// cookies: they get CORS answers with credentials; other origins get none.
    /// </summary>
    public string ClientOrigins { get; set; } = "";

    public IReadOnlyList<string> Origins() =>
        ClientOrigins.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(o => o.TrimEnd('/')).ToList();
}
