using System.Net.Mail;
using System.Text.RegularExpressions;
using CareerNexus.Common;

namespace CareerNexus.Accounts;

/// <summary>What makes a username, email, name or password acceptable, for every surface alike.</summary>
public static partial class AccountRules
{
    public const int MaxNameLength = 50;
    public const int MaxBioLength = 500;
    public const int MaxAvatarLength = 2048;
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 128;
    public const int MaxLocationLength = 100;
    public const int MaxPositionLength = 150;
    public const int MaxQualificationLength = 150;
    public const int MaxSummaryLength = 2000;

    // Words that are path segments under /careers/users/: an account named so could not be addressed.
    private static readonly HashSet<string> ReservedUsernames = new(StringComparer.OrdinalIgnoreCase)
    {
        "me", "follow", "following", "followers", "register", "login", "logout", "token", "admin", "api", "unfollow", "stats", "update",
    };

    private static readonly HashSet<string> CommonPasswords = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "password1", "password12", "password123", "12345678", "123456789", "1234567890", "qwertyui", "qwerty123",
        "iloveyou", "11111111", "00000000", "abc12345", "letmein1", "welcome1", "admin123", "passw0rd", "baseball", "football",
    };

    [GeneratedRegex("^[A-Za-z0-9_.-]{3,30}$")]
    private static partial Regex UsernamePattern();

    public static void CheckUsername(string? username, FieldErrors errors, string field = "username")
    {
        if (string.IsNullOrWhiteSpace(username)) errors.Add(field, "This field is required.");
        else if (!UsernamePattern().IsMatch(username)) errors.Add(field, "Use 3 to 30 letters, digits, '.', '-' or '_'.");
        else if (ReservedUsernames.Contains(username)) errors.Add(field, "This username is reserved.");
    }

    public static string? NormalizeEmail(string? email, FieldErrors errors, string field = "email")
    {
        if (string.IsNullOrWhiteSpace(email)) { errors.Add(field, "This field is required."); return null; }
        var trimmed = email.Trim();
        // '/', '\', '?' and '#' are legal in a local part but cannot be part of a document id, and no real mailbox needs them.
        if (trimmed.Length > 254 || !MailAddress.TryCreate(trimmed, out var address) || address.Address != trimmed
            || !address.Host.Contains('.') || trimmed.IndexOfAny(['/', '\\', '?', '#']) >= 0)
        {
            errors.Add(field, "Enter a valid email address.");
            return null;
        }
        return trimmed;
    }

    public static void CheckPassword(string? password, string? username, string? email, FieldErrors errors, string field = "password")
    {
        if (string.IsNullOrEmpty(password)) { errors.Add(field, "This field is required."); return; }
        if (password.Length < MinPasswordLength) errors.Add(field, $"This password is too short. It must contain at least {MinPasswordLength} characters.");
        else if (password.Length > MaxPasswordLength) errors.Add(field, $"This password is too long. It must contain at most {MaxPasswordLength} characters.");
        else if (password.All(char.IsDigit)) errors.Add(field, "This password is entirely numeric.");
        else if (CommonPasswords.Contains(password)) errors.Add(field, "This password is too common.");
        else if ((username is not null && password.Equals(username, StringComparison.OrdinalIgnoreCase))
                 || (email is not null && password.Equals(email, StringComparison.OrdinalIgnoreCase)))
            errors.Add(field, "This password is too similar to the username or email.");
    }

    public static void CheckText(string? value, int maxLength, FieldErrors errors, string field)
    {
        if (value is not null && value.Length > maxLength) errors.Add(field, $"Ensure this field has no more than {maxLength} characters.");
    }

    /// <summary>A phone number without its country code: 4 to 15 digits (E.164 allows 15 in all), or empty.</summary>
    public static void CheckPhoneNumber(string? value, FieldErrors errors, string field)
    {
        if (string.IsNullOrEmpty(value)) return;
        var trimmed = value.Trim();
        if (trimmed.Length is < 4 or > 15 || !trimmed.All(char.IsAsciiDigit)) errors.Add(field, "Enter 4 to 15 digits, without the country code.");
    }

    /// <summary>A whole international number as document 003 shows it ("+1234567890"): an optional '+' and 4 to 15 digits, or empty.</summary>
    public static void CheckPhone(string? value, FieldErrors errors, string field)
    {
        if (string.IsNullOrEmpty(value)) return;
        var trimmed = value.Trim();
        var digits = trimmed.StartsWith('+') ? trimmed[1..] : trimmed;
        if (digits.Length is < 4 or > 15 || !digits.All(char.IsAsciiDigit)) errors.Add(field, "Enter a phone number such as +1234567890 (4 to 15 digits).");
    }

    /// <summary>An international dialling code such as "+234" or "+1242", or empty.</summary>
    public static void CheckCountryCode(string? value, FieldErrors errors, string field)
    {
        if (string.IsNullOrEmpty(value)) return;
        var trimmed = value.Trim();
        if (trimmed.Length is < 2 or > 8 || trimmed[0] != '+' || !trimmed[1..].All(char.IsAsciiDigit))
            errors.Add(field, "Enter a country code such as +234.");
    }

    /// <summary>Absolute http(s) URLs only: anything else would be rendered as a link by clients.</summary>
    public static void CheckUrl(string? value, FieldErrors errors, string field)
    {
        if (string.IsNullOrEmpty(value)) return;
        if (value.Length > MaxAvatarLength || !Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            errors.Add(field, "Enter a valid http or https URL.");
    }
}
