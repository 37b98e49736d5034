namespace CareerNexus.Functions.Talent;

// Document 004's bodies as its documents show them (for the OpenAPI document; the endpoints read them field by field), and
// its answers.

public sealed record SignupBody(string Email, string Password, string ConfirmPassword, string? InviteCode, bool? Newsletter, bool? IsCandidate,
    string? ReferralCode);

public sealed record VerifyEmailBody(string Email, string Code);

public sealed record EmailOnlyBody(string Email);

public sealed record LoginBody(string Email, string Password);

public sealed record RefreshBody(string Refresh);

public sealed record ChangePasswordBody(string CurrentPassword, string NewPassword, string ConfirmNewPassword);

public sealed record ResetConfirmBody(string Token, string Password);

public sealed record TalentDetail(string Detail);

public sealed record TalentMessage(string Message);

public sealed record TalentStatus(string Status);

public sealed record CsrfResponse(string Csrftoken);

/// <summary>Both tokens: refresh tokens are single-use, so a refresh answers the new one too.</summary>
public sealed record TalentTokenPair(string Access, string Refresh);

/// <summary>users/me and users/{id} as document 004 shows them; the profile's id is the account's (one profile per account).</summary>
public sealed record TalentUser(long Id, string Email, string FirstName, string LastName, bool IsActive, bool IsVerified, bool IsCandidate,
    TalentProfile Profile)
{
    public static TalentUser Of(Accounts.Account a, Accounts.Referrals referrals) => new(a.UserId, a.Email, a.FirstName, a.LastName, a.IsActive,
        a.EmailVerified, a.IsCandidateOnTalent(), new TalentProfile(a.UserId, a.UserId, a.Avatar, referrals.CodeOf(a.UserId), a.TotalReferrals));
}

public sealed record TalentProfile(long Id, long User, string? Avatar, string ReferralCode, long TotalReferrals);

/// <summary>An account as organizations and job posts show it.</summary>
public sealed record TalentUserCard(long Id, string Email, string FirstName, string LastName);

public sealed record UserChangeBody(string? FirstName, string? LastName, string? Avatar);

public sealed record FeedbackBody(string Urgency, string Subject, string Message, string? Emoji, string? Attachment);

public sealed record FeedbackItem(long Id, string Urgency, string Subject, string Message, string Emoji, string? AttachmentUrl, DateTimeOffset CreatedAt)
{
    public static FeedbackItem Of(CareerNexus.Feedback.FeedbackEntry f) => new(f.FeedbackId, f.Urgency, f.Subject, f.Message, f.Emoji, f.AttachmentUrl, f.CreatedAt);
}

/// <summary>A feedback as administrators read it: with its sender (null once the sender's account was erased).</summary>
public sealed record FeedbackForAdmin(long Id, string Urgency, string Subject, string Message, string Emoji, string? AttachmentUrl,
    DateTimeOffset CreatedAt, FeedbackSender? Sender)
{
    public static FeedbackForAdmin Of(CareerNexus.Feedback.FeedbackEntry f) => new(f.FeedbackId, f.Urgency, f.Subject, f.Message, f.Emoji,
        f.AttachmentUrl, f.CreatedAt, f.SenderId is { } id ? new FeedbackSender(id, f.SenderEmail, f.SenderName) : null);
}

public sealed record FeedbackSender(long Id, string Email, string Name);
