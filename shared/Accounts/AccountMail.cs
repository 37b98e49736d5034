using System.Net;
using CareerNexus.Email;

namespace CareerNexus.Accounts;

/// <summary>Notices about the account itself, sent to the address they concern.</summary>
public static class AccountMail
{
    public static EmailMessage EmailChanged(string oldAddress, string newAddress)
    {
        var masked = Mask(newAddress);
        var text = $"""
            The email address of your Career Nexus account was just changed to {masked}.

            If you made this change, there is nothing to do. If you did not, someone may be signed in to your
            account: reset your password at once with "forgot password", and contact us.

            Career Nexus
            """;
        var html = $"""
            <p>The email address of your Career Nexus account was just changed to <b>{WebUtility.HtmlEncode(masked)}</b>.</p>
            <p>If you made this change, there is nothing to do. If you did not, someone may be signed in to your account:
            reset your password at once with "forgot password", and contact us.</p>
            <p>Career Nexus</p>
            """;
        return new EmailMessage(oldAddress, "Your Career Nexus email address was changed", text.ReplaceLineEndings("\n"), html);
    }

    /// <summary>"al***@example.com": enough for the owner to recognise, not a new address for whoever reads the old mailbox.</summary>
    private static string Mask(string address)
    {
        var at = address.LastIndexOf('@');
        return at <= 2 ? "***" + address[at..] : address[..2] + "***" + address[at..];
    }
}
