namespace CareerNexus.Accounts;

public static class Roles
{
    public const string Member = "member";
    public const string Admin = "admin";
}

/// <summary>Document 003's user types. Only candidates and recruiters may register; the others are granted.</summary>
public static class RecruitmentRoles
{
    public const string Candidate = "candidate";
    public const string Recruiter = "recruiter";
    public const string NgoManager = "ngo_manager";
    public const string Admin = "admin";
}

/// <summary>
/// One account of the platform, shared by every surface. The counters are maintained on write
/// (patch Increment) so that profiles and statistics never count on read.
/// </summary>
public sealed class Account
{
    public string Id { get; set; } = "";
    public long UserId { get; set; }
    public string Username { get; set; } = "";
    public string Email { get; set; } = "";
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string Bio { get; set; } = "";
    public string? Avatar { get; set; }
    /// <summary>The role granted by an operator; it counts only while <see cref="EmailVerified"/> holds (see AdminPolicy).</summary>
    public string Role { get; set; } = Roles.Member;
    public bool IsActive { get; set; }

    /// <summary>
    /// True only once a code or link sent to <see cref="Email"/> came back; a change of address sets it back to false.
    /// </summary>
    public bool EmailVerified { get; set; }

    /// <summary>
    /// One entry per sign-in (a refresh-token family). Kept on the account, which authentication reads anyway, so
    /// checking that a token was not revoked costs no second read.
    /// </summary>
    public List<SessionFamily> Sessions { get; set; } = [];
    public string PasswordHash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public long PostsCount { get; set; }
    public long FollowersCount { get; set; }
    public long FollowingCount { get; set; }
    public long LikesReceived { get; set; }
    public long CommentsReceived { get; set; }
    public long ConnectionsCount { get; set; }
    public long ProfileViews { get; set; }

    // The rich profile (document 002). Avatar is the profile photo on every surface.
    public string MiddleName { get; set; } = "";
    public string? CoverPhoto { get; set; }
    public string? IntroVideo { get; set; }
    public string Location { get; set; } = "";
    public string Position { get; set; } = "";
    public string Qualification { get; set; } = "";
    public string Summary { get; set; } = "";
    public string CountryCode { get; set; } = "";
    public string PhoneNumber { get; set; } = "";

    /// <summary>One of <see cref="Reference.Choices.Industries"/>, or empty until the account picks one.</summary>
    public string Industry { get; set; } = "";

    /// <summary>One of <see cref="Reference.Choices.UserTypes"/>, or empty.</summary>
    public string UserType { get; set; } = "";

    /// <summary>
    /// The profile's experience, education and certification entries (document 002), each kind capped, kept here so
    /// that a profile is one read: see ProfileEntryService.
    /// </summary>
    public List<Profiles.ProfileEntry> ProfileEntries { get; set; } = [];

    /// <summary>
    /// The account's user_type on the Recruitment surface (document 003): one of <see cref="RecruitmentRoles"/>, or empty
    /// for an account made on another surface that has not taken a side yet.
    /// </summary>
    public string RecruitmentRole { get; set; } = "";

    // Document 004 (Talent).

    /// <summary>Document 004's is_candidate as the signup sent it; null for an account made elsewhere (see <see cref="IsCandidateOnTalent"/>).</summary>
    public bool? IsCandidate { get; set; }

    /// <summary>Whether the account asked for the newsletter at its Talent signup.</summary>
    public bool Newsletter { get; set; }

    /// <summary>
    /// The organization (a company) the account belongs to, at most one; set when it makes one or joins one by invite. A
    /// Recruitment recruiter's company is on their recruiter profile instead.
    /// </summary>
    public long? OrganizationId { get; set; }

    /// <summary>Until the account verifies its address: who referred it (a referral code at signup), and the invite it signed up with.</summary>
    public long? ReferredBy { get; set; }
    public string? PendingInvite { get; set; }

    /// <summary>Stored counter of the accounts this one invited or referred that verified their address (CountOnce).</summary>
    public long TotalReferrals { get; set; }

    /// <summary>Set when the account asked to be deleted: it is signed out and inactive until the erasure worker removes it.</summary>
    public DateTimeOffset? DeletionRequestedAt { get; set; }

    /// <summary>Document 004's is_candidate: as the Talent signup set it, else false for a Recruitment recruiter and true for anyone else.</summary>
    public bool IsCandidateOnTalent() => IsCandidate ?? RecruitmentRole != RecruitmentRoles.Recruiter;

    /// <summary>Document 004's employer: an account in an organization, or one that is not a candidate (a Recruitment recruiter is neither).</summary>
    public bool IsEmployerOnTalent() => OrganizationId is not null || !IsCandidateOnTalent();

    /// <summary>Lower-cased location, for "people near me" recommendations.</summary>
    public string LocationKey { get; set; } = "";

    /// <summary>Lower-cased copies for case-insensitive filters and ordering (the query language has no collation).</summary>
    public string UsernameKey { get; set; } = "";
    public string FirstNameKey { get; set; } = "";
    public string LastNameKey { get; set; } = "";
    public string SearchText { get; set; } = "";

    /// <summary>First and last name as one ("Jane Smith"), empty when neither is set.</summary>
    public string FullName() => $"{FirstName} {LastName}".Trim();

    public void RefreshKeys()
    {
        UsernameKey = Username.ToLowerInvariant();
        FirstNameKey = FirstName.ToLowerInvariant();
        LastNameKey = LastName.ToLowerInvariant();
        LocationKey = Location.Trim().ToLowerInvariant();
        SearchText = string.Join('\n', Username, FirstName, LastName, Bio).ToLowerInvariant();
    }

}

/// <summary>
/// One sign-in and every token pair refreshed from it. Only <see cref="RefreshId"/> may be refreshed; any other
/// refresh token of the family coming back means it was copied, and the whole family ends (RFC 9700, 4.14).
/// </summary>
public sealed record SessionFamily(string Id, string RefreshId, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

/// <summary>Counter fields of an account, as stored.</summary>
public static class AccountCounters
{
    public const string Posts = "/posts_count";
    public const string Followers = "/followers_count";
    public const string Following = "/following_count";
    public const string LikesReceived = "/likes_received";
    public const string CommentsReceived = "/comments_received";
    public const string Connections = "/connections_count";
    public const string ProfileViews = "/profile_views";
    public const string TotalReferrals = "/total_referrals";
}
