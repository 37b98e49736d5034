using CareerNexus.Tokens;

namespace CareerNexus.Functions.Nexus;

// Document 002's account bodies, read through the request form (so codes may come as JSON numbers too).
// Every field is optional here: the platform reports what is missing. Signup and forget-password bind the
// platform's SignupRequest and PasswordResetRequest directly.

public sealed record HashBody(string? Hash);

public sealed record SigninBody(string? Email, string? Password);

public sealed record SignoutBody(string? Refresh);

public sealed record SignedUp(string Refresh, string Access, string Email, string Status)
{
    public static SignedUp Of(Session session) => new(session.Tokens.Refresh, session.Tokens.Access, session.Account.Email, "Success");
}

public sealed record SignedIn(string Refresh, string Access, string User);

public sealed record StatusResponse(string Status);

public sealed record PasswordChanged(string Status, string Email);

/// <summary>Stage 2 of the reset: the document's status, and the grant that stage 3 must bring back (an addition to the document).</summary>
public sealed record ResetVerified(string Status, string ResetToken);
