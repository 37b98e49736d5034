using CareerNexus.Accounts;

namespace CareerNexus.Functions.Recruitment;

// Document 003's accounts bodies, read through the request form (JSON, multipart or URL-encoded). Every field is
// optional here: the platform reports what is missing.

public sealed record TokenObtainBody(string? Username, string? Email, string? Password);

public sealed record TokenRefreshBody(string? Refresh);

public sealed record TokenVerifyBody(string? Token);

public sealed record EmailBody(string? Email);

public sealed record UsernameBody(string? Username);

public sealed record PasswordResetConfirmBody(string? Token, string? Password, string? PasswordConfirm);

public sealed record ActivationBody(string? Token);

public sealed record RegisterBody(string? Username, string? Email, string? Password, string? Password2, string? FirstName, string? LastName,
    string? UserType, string? Phone, string? Location, string? Bio, string? CompanyName, string? Company);

/// <summary>PATCH users/me: the fields given change; profile_picture is a file part or a URL (read from the form).</summary>
public sealed record UpdateMeBody(string? FirstName, string? LastName, string? Phone, string? Bio, string? Location);

/// <summary>The token pair; refresh rotates, so its answer carries the new refresh token too.</summary>
public sealed record TokenPairResponse(string Access, string Refresh);

public sealed record DetailResponse(string Detail);

public sealed record MessageResponse(string Message);

public sealed record EmailAvailabilityResponse(bool Available, string Message);

public sealed record UsernameAvailabilityResponse(bool Available, string Message, IReadOnlyList<string>? Suggestions);

public sealed record RegisteredUser(long Id, string Username, string Email, string FirstName, string LastName, string UserType, bool IsActive,
    DateTimeOffset CreatedAt, string Message);

public sealed record VerificationStatusResponse(bool IsVerified, bool IsActive, string Message);

/// <summary>The account in an activation answer: all of it when just activated, the id and state when it already was.</summary>
public sealed record ActivatedUser(long Id, string? Username, string? Email, bool IsActive);

public sealed record ActivationResponse(string Message, ActivatedUser User);

public sealed record LinkedInStartResponse(string AuthorizationUrl, string State);

public sealed record LinkedInSignedIn(string Access, string Refresh, bool Created, RecruitmentUser User);

/// <summary>users/me as document 003 shows it, with first_name, last_name and email_verified besides.</summary>
public sealed record RecruitmentUser(long Id, string Username, string Email, string FirstName, string LastName, string UserType, string Phone,
    string? ProfilePicture, string Bio, string Location, bool IsActive, bool EmailVerified, DateTimeOffset CreatedAt)
{
    /// <summary>
    /// The account's user type: "admin" for an administrator (AdminPolicy), else its Recruitment role; an account made
    /// on another surface that took no role here reads as a candidate, which every member may be.
    /// </summary>
    public static RecruitmentUser Of(Account a, AdminPolicy admins) => new(a.UserId, a.Username, a.Email, a.FirstName, a.LastName,
        TypeOf(a, admins), a.CountryCode + a.PhoneNumber, a.Avatar, a.Bio, a.Location, a.IsActive, a.EmailVerified, a.CreatedAt);

    public static string TypeOf(Account a, AdminPolicy admins) =>
        admins.IsAdmin(a) ? RecruitmentRoles.Admin : a.RecruitmentRole is { Length: > 0 } role ? role : RecruitmentRoles.Candidate;
}
