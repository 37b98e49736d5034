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

public sealed record OrganizationBody(string Name, string? Industry, string? LinkedinUrl, string? HeadquarterLocation, string? About, string? EmployeeSize,
    string? Url, string? Avatar);

/// <summary>An organization as document 004 shows it: its root user and its members (copies kept on the team).</summary>
public sealed record OrganizationItem(long Id, string Name, string Industry, string LinkedinUrl, string HeadquarterLocation, string About,
    string EmployeeSize, string Url, string? AvatarUrl, TalentUserCard? RootUser, IReadOnlyList<TalentUserCard> Users, DateTimeOffset CreatedAt)
{
    public static OrganizationItem Of(Companies.Company c) => new(c.CompanyId, c.Name, c.Industry, c.LinkedinUrl, c.Location, c.Description,
        c.EmployeeCount, c.Website, c.Logo, c.Team.FirstOrDefault(m => m.UserId == c.OwnerId) is { } root ? Card(root) : null,
        c.Team.Select(Card).ToList(), c.CreatedAt);

    private static TalentUserCard Card(Companies.TeamMember m) => new(m.UserId, m.Email, m.FirstName, m.LastName);
}

public sealed record InviteBody(string Email);

public sealed record AcceptInviteBody(string InviteCode);

public sealed record InviteResponse(string Email, string InviteCode, long Organization);

public sealed record JobPostBody(string Title, string JobDesc, string? WorkplaceType, string? Location, string? JobType, string? EstimatedSalary,
    bool? VisaRequired, IReadOnlyList<string>? Skills);

public sealed record OrganizationCard(long Id, string Name);

/// <summary>A ranking as a job shows it: when, over how many candidates, and the best <see cref="JobPostItem.RankedShown"/>.</summary>
public sealed record RankingSummary(DateTimeOffset? RankedAt, long CandidatesConsidered, IReadOnlyList<Ranking.RankedCandidate> RankedCandidates);

/// <summary>A job post as document 004 shows it.</summary>
public sealed record JobPostItem(long Id, string Title, string JobDesc, string WorkplaceType, string Location, string JobType, string EstimatedSalary,
    bool VisaRequired, string RankingStatus, string? RankingTaskId, RankingSummary? CandidateRankingData, IReadOnlyList<Jobs.SkillRef> Skills,
    TalentUserCard User, OrganizationCard Organization, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>How many ranked candidates a job shows; GET ranking-data/ has them all.</summary>
    public const int RankedShown = 10;

    public static JobPostItem Of(Jobs.Job job, Ranking.JobRanking? ranking)
    {
        var posting = job.Posting!;
        var talent = job.Talent;
        var poster = talent?.Poster is { } p ? new TalentUserCard(p.Id, p.Email, p.FirstName, p.LastName)
            : new TalentUserCard(job.PosterId, "", posting.Recruiter?.FullName ?? "", "");
        return new JobPostItem(job.JobId, job.Title, job.Description, talent?.WorkplaceType ?? job.WorkType, posting.Location,
            Jobs.TalentJobService.JobTypeName(job.EmploymentType), talent?.EstimatedSalary ?? job.Salary, talent?.VisaRequired ?? false,
            Ranking.RankingService.StatusOf(job, ranking), ranking?.TaskId,
            ranking?.RankedAt is null ? null : new RankingSummary(ranking.RankedAt, ranking.CandidatesConsidered, ranking.RankedCandidates.Take(RankedShown).ToList()),
            Jobs.TalentJobService.SkillsOf(job), poster, new OrganizationCard(posting.CompanyId, posting.Company?.Name ?? job.Organization),
            job.CreatedAt, posting.UpdatedAt);
    }
}

/// <summary>rank-candidates while a ranking is (now) running: its task.</summary>
public sealed record RankingStarted(string Message, string RankingStatus, string TaskId);

/// <summary>rank-candidates when the ranking is current: the ranking itself.</summary>
public sealed record RankingCurrent(string Message, string RankingStatus, RankingData Data);

/// <summary>ranking-data: the best candidates (at most 100), best first, with when and over how many they were ranked.</summary>
public sealed record RankingData(string RankingStatus, DateTimeOffset? RankedAt, long CandidatesConsidered, IReadOnlyList<Ranking.RankedCandidate> RankedCandidates)
{
    public static RankingData Of(Jobs.Job job, Ranking.JobRanking? ranking) =>
        new(Ranking.RankingService.StatusOf(job, ranking), ranking?.RankedAt, ranking?.CandidatesConsidered ?? 0, ranking?.RankedCandidates ?? []);
}
