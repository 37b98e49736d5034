namespace CareerNexus.Email;

/// <summary>Settings under CareerNexus:Smtp: any SMTP relay (maildev locally, Azure Communication Services in Azure).</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 1025;
    public bool EnableSsl { get; set; }
    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";
    public string From { get; set; } = "Career Nexus <no-reply@careernexus.local>";
}
