namespace CareerNexus.Storage;

/// <summary>A Cosmos container and the path of its partition key.</summary>
public sealed record ContainerSpec(string Name, string PartitionKeyPath);

/// <summary>
/// Every container of the platform. Each partition key follows the hottest access path of its documents:
/// point reads by id where a document stands alone, one partition per owner where a list grows without bound.
/// </summary>
public static class Containers
{
    /// <summary>Accounts, by user id: every token check and profile read is a point read.</summary>
    public static readonly ContainerSpec Accounts = new("accounts", "/id");

    /// <summary>Unique usernames and emails ("username:alice"), each pointing at its account.</summary>
    public static readonly ContainerSpec Handles = new("account_handles", "/id");

    /// <summary>Attempt counters of the rate limits, one per key and window, by id (they expire with their window).</summary>
    public static readonly ContainerSpec Limits = new("limits", "/id");

    /// <summary>Id sequences, from which each process reserves blocks.</summary>
    public static readonly ContainerSpec Counters = new("counters", "/id");

    /// <summary>Follow edges, in the partition of the account they belong to (both directions are stored).</summary>
    public static readonly ContainerSpec Follows = new("follows", "/partition");

    /// <summary>Posts, by post id.</summary>
    public static readonly ContainerSpec Posts = new("posts", "/id");

    /// <summary>Likes, comments and shares of a post, in that post's partition.</summary>
    public static readonly ContainerSpec PostActivity = new("post_activity", "/partition");

    /// <summary>
    /// The views feeds are read from: one partition per timeline ("author:{id}", "industry:{name}", "mentors",
    /// "following:{id}"), each holding its entries by post id and its stored counts.
    /// </summary>
    public static readonly ContainerSpec Timelines = new("timelines", "/partition");

    /// <summary>What one account keeps for itself (saved posts, profile views by others), in that account's partition.</summary>
    public static readonly ContainerSpec UserActivity = new("user_activity", "/partition");

    /// <summary>Connection edges, stored in both accounts' partitions, like follows.</summary>
    public static readonly ContainerSpec Connections = new("connections", "/partition");

    /// <summary>Jobs, by job id.</summary>
    public static readonly ContainerSpec Jobs = new("jobs", "/id");

    /// <summary>
    /// The job lists as views, one partition per list ("poster:{id}", "industry:{name}", "company:{id}"), each entry a copy
    /// of its job, replaced when a Recruitment job is edited and removed when it closes: a page is a single-partition query.
    /// </summary>
    public static readonly ContainerSpec JobListings = new("job_listings", "/partition");

    /// <summary>Job preferences, one per account, by user id.</summary>
    public static readonly ContainerSpec JobPreferences = new("job_preferences", "/id");

    /// <summary>Conversations and each participant's index entry, by partition.</summary>
    public static readonly ContainerSpec Conversations = new("conversations", "/partition");

    /// <summary>Messages of a conversation, in that conversation's partition.</summary>
    public static readonly ContainerSpec Messages = new("messages", "/partition");

    /// <summary>Notifications of an account, in that account's partition.</summary>
    public static readonly ContainerSpec Notifications = new("notifications", "/partition");

    /// <summary>Reference data (countries, content pages), by kind.</summary>
    public static readonly ContainerSpec Reference = new("reference", "/partition");

    /// <summary>One-time codes and links (signup, password reset), by id.</summary>
    public static readonly ContainerSpec Verifications = new("verifications", "/id");

    /// <summary>Emails waiting for the mail worker, by id.</summary>
    public static readonly ContainerSpec Outbox = new("outbox", "/id");

    /// <summary>The standalone durable queue: messages by queue name, and dead letters beside them.</summary>
    public static readonly ContainerSpec QueueMessages = new("queue_messages", "/partition");

    /// <summary>Candidate profiles (document 003), one per candidate account, by user id.</summary>
    public static readonly ContainerSpec CandidateProfiles = new("candidate_profiles", "/id");

    /// <summary>Companies, by company id; recruiter profiles, by user id.</summary>
    public static readonly ContainerSpec Companies = new("companies", "/id");
    public static readonly ContainerSpec RecruiterProfiles = new("recruiter_profiles", "/id");

    /// <summary>Applications to jobs: in the job's partition ("job:{id}") and copied into the candidate's ("candidate:{id}").</summary>
    public static readonly ContainerSpec Applications = new("applications", "/partition");

    /// <summary>Stored match scores: in the job's partition ("job:{id}") and copied into the candidate's ("candidate:{id}").</summary>
    public static readonly ContainerSpec JobMatches = new("job_matches", "/partition");

    /// <summary>Monthly quota usage of each account ("usage:{id}:{yyyy-MM}"), by id; each expires after two months.</summary>
    public static readonly ContainerSpec QuotaUsage = new("quota_usage", "/id");

    /// <summary>
    /// A/B experiments and their tallies in one catalog partition ("experiments"), each experiment's participants in its
    /// own ("experiment:{id}").
    /// </summary>
    public static readonly ContainerSpec Experiments = new("experiments", "/partition");

    /// <summary>
    /// Follows of companies: each in the company's partition ("company:{id}", its followers in order, for the job-posted
    /// fan-out) and in the follower's ("user:{id}").
    /// </summary>
    public static readonly ContainerSpec CompanyFollows = new("company_follows", "/partition");

    /// <summary>
    /// Gamification: each account's stats and its awards, one per fact, in its partition ("user:{id}"), and the
    /// leaderboard's sharded histogram of accounts per XP bucket in one partition ("leaderboard").
    /// </summary>
    public static readonly ContainerSpec Gamification = new("gamification", "/partition");

    public static readonly IReadOnlyList<ContainerSpec> All =
    [
        Accounts, Handles, Limits, Counters, Follows, Posts, PostActivity, Timelines, UserActivity, Connections, Jobs, JobListings, JobPreferences,
        Conversations, Messages, Notifications, Reference, Verifications, Outbox, QueueMessages,
        CandidateProfiles, Companies, RecruiterProfiles, Applications, JobMatches, QuotaUsage, Experiments,
        CompanyFollows, Gamification,
    ];
}
