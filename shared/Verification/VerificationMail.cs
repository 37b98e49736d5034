using System.Net;
using CareerNexus.Email;

namespace CareerNexus.Verification;

/// <summary>The emails that carry codes and links: the code on a line of its own, the link with its secret as `hash=`.</summary>
public static class VerificationMail
{
    public static EmailMessage Signup(string to, string code, string link) => Build(to,
        "Your Career Nexus verification code",
        "Welcome to Career Nexus! Use this code to confirm your email address and finish signing up:",
        code, link, "If you did not sign up for Career Nexus, ignore this email.");

    public static EmailMessage PasswordReset(string to, string code, string link) => Build(to,
        "Reset your Career Nexus password",
        "Someone asked to reset the password of your Career Nexus account. Use this code to continue:",
        code, link, "If it was not you, ignore this email: your password stays as it is.");

    /// <summary>A reset by link alone (document 003): no code, the link's secret as `token=`.</summary>
    public static EmailMessage PasswordResetLink(string to, string link) => BuildLink(to,
        "Reset your Career Nexus password",
        "Someone asked to reset the password of your Career Nexus account. Open this link to choose a new one:",
        link, VerificationRules.CodeLifetime, "If it was not you, ignore this email: your password stays as it is.");

    public static EmailMessage Activation(string to, string link) => BuildLink(to,
        "Activate your Career Nexus account",
        "Welcome to Career Nexus! Open this link to confirm your email address and activate your account:",
        link, VerificationRules.ActivationLifetime, "If you did not create a Career Nexus account, ignore this email.");

    /// <summary>A verification code alone (document 004's signup): the code on a line of its own.</summary>
    public static EmailMessage VerificationCode(string to, string code)
    {
        const string intro = "Welcome to Career Nexus! Use this code to confirm your email address and activate your account:";
        const string closing = "If you did not create a Career Nexus account, ignore this email.";
        var minutes = (int)VerificationRules.CodeLifetime.TotalMinutes;
        var text = $"""
            {intro}

            {code}

            The code works once and expires in {minutes} minutes.
            {closing}

            Career Nexus
            """;
        var html = $"""
            <p>{WebUtility.HtmlEncode(intro)}</p>
            <p style="font-size:24px;font-weight:bold;letter-spacing:4px">{code}</p>
            <p>The code works once and expires in {minutes} minutes.<br>{WebUtility.HtmlEncode(closing)}</p>
            <p>Career Nexus</p>
            """;
        return new EmailMessage(to, "Your Career Nexus verification code", text.ReplaceLineEndings("\n"), html);
    }

    private static EmailMessage BuildLink(string to, string subject, string intro, string link, TimeSpan lifetime, string closing)
    {
        var expiry = lifetime.TotalHours >= 1 ? $"{(int)lifetime.TotalHours} hours" : $"{(int)lifetime.TotalMinutes} minutes";
        var text = $"""
            {intro}

            {link}

            The link works once and expires in {expiry}.
            {closing}

            Career Nexus
            """;
        var html = $"""
            <p>{WebUtility.HtmlEncode(intro)}</p>
            <p><a href="{WebUtility.HtmlEncode(link)}">{WebUtility.HtmlEncode(link)}</a></p>
            <p>The link works once and expires in {expiry}.<br>{WebUtility.HtmlEncode(closing)}</p>
            <p>Career Nexus</p>
            """;
        return new EmailMessage(to, subject, text.ReplaceLineEndings("\n"), html);
    }

    private static EmailMessage Build(string to, string subject, string intro, string code, string link, string closing)
    {
        var minutes = (int)VerificationRules.CodeLifetime.TotalMinutes;
        var text = $"""
            {intro}

            {code}

            Or open this link:
            {link}

            The code and the link work once and expire in {minutes} minutes.
            {closing}

            Career Nexus
            """;
        var html = $"""
            <p>{WebUtility.HtmlEncode(intro)}</p>
            <p style="font-size:24px;font-weight:bold;letter-spacing:4px">{code}</p>
            <p>Or open this link: <a href="{WebUtility.HtmlEncode(link)}">{WebUtility.HtmlEncode(link)}</a></p>
            <p>The code and the link work once and expire in {minutes} minutes.<br>{WebUtility.HtmlEncode(closing)}</p>
            <p>Career Nexus</p>
            """;
        return new EmailMessage(to, subject, text.ReplaceLineEndings("\n"), html);
    }
}
