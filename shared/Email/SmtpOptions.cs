namespace CareerNexus.Email;

/// <summary>How the connection to the relay is protected.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain SMTP, for a local catcher on loopback.</summary>
    None,

    /// <summary>Plain connect, then STARTTLS, required (port 587; Azure Communication Services).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    Tls,
}

/// <summary>Settings under CareerNexus:Smtp: any SMTP relay (maildev locally, Azure Communication Services in Azure).</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 1025;

    /// <summary>none, starttls or tls; empty: starttls when <see cref="EnableSsl"/> is set, none otherwise.</summary>
    public string Security { get; set; } = "";

    /// <summary>The older switch, kept so that existing settings keep their meaning: true is STARTTLS.</summary>
    public bool EnableSsl { get; set; }

    /// <summary>Set for an authenticated relay: the connection signs in before sending.</summary>
    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";
    public string From { get; set; } = "Career Nexus <no-reply@careernexus.local>";

    public SmtpSecurity Protection => Security.Trim().ToLowerInvariant() switch
    {
        "" => EnableSsl ? SmtpSecurity.StartTls : SmtpSecurity.None,
        "none" => SmtpSecurity.None,
        "starttls" => SmtpSecurity.StartTls,
        "tls" or "ssl" => SmtpSecurity.Tls,
        _ => throw new InvalidOperationException("CareerNexus:Smtp:Security must be none, starttls or tls."),
    };
}
