using Microsoft.Azure.Cosmos;

namespace CareerNexus.Storage;

/// <summary>
/// A Cosmos container: the path of its partition key, and what Cosmos DB must be told when the container is made.
/// The app creates containers from these (DocumentStore.EnsureCreatedAsync), and infra/cosmos-containers.json, which
/// the Bicep deploys, is this table written out (tests/Infra compares the two).
/// </summary>
public sealed record ContainerSpec(string Name, string PartitionKeyPath)
{
    /// <summary>Seconds a document lives without a "ttl" of its own; -1: TTL is on, and only documents carrying a "ttl" expire.</summary>
    public int DefaultTimeToLive { get; init; } = -1;

    /// <summary>
    /// Composite indexes. Cosmos DB refuses an ORDER BY on two or more properties without one (the local server does
    /// not), and uses one for an equality filter combined with a range filter on another property (range last).
    /// </summary>
    public IReadOnlyList<IReadOnlyList<IndexedPath>> CompositeIndexes { get; init; } = [];

    /// <summary>Sets of paths whose values are unique within a partition; fixed when the container is made.</summary>
    public IReadOnlyList<IReadOnlyList<string>> UniqueKeys { get; init; } = [];

    /// <summary>Every path is indexed (the queries filter and order on many), except the ETag, which no query reads.</summary>
    public const string AllPaths = "/*";
    public const string ETagPath = "/\"_etag\"/?";

    /// <summary>The container as Cosmos DB is asked to make it.</summary>
    public ContainerProperties Properties()
    {
        var properties = new ContainerProperties(Name, PartitionKeyPath)
        {
            DefaultTimeToLive = DefaultTimeToLive,
            PartitionKeyDefinitionVersion = PartitionKeyDefinitionVersion.V2,
            IndexingPolicy = new IndexingPolicy { Automatic = true, IndexingMode = IndexingMode.Consistent },
        };
        properties.IndexingPolicy.IncludedPaths.Add(new IncludedPath { Path = AllPaths });
        properties.IndexingPolicy.ExcludedPaths.Add(new ExcludedPath { Path = ETagPath });
        foreach (var composite in CompositeIndexes)
        {
            var paths = new System.Collections.ObjectModel.Collection<CompositePath>();
            foreach (var path in composite)
                paths.Add(new CompositePath { Path = path.Path, Order = path.Descending ? CompositePathSortOrder.Descending : CompositePathSortOrder.Ascending });
            properties.IndexingPolicy.CompositeIndexes.Add(paths);
        }
        foreach (var unique in UniqueKeys)
        {
            var key = new UniqueKey();
            foreach (var path in unique) key.Paths.Add(path);
            properties.UniqueKeyPolicy.UniqueKeys.Add(key);
        }
        return properties;
    }
}

/// <summary>A path of a composite index, ascending unless said otherwise.</summary>
public sealed record IndexedPath(string Path, bool Descending = false);

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

    /// <summary>Conversations and each participant's index entry, by partition; in Azure also the chat sockets by the hour their token expires.</summary>
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
    public static readonly ContainerSpec QueueMessages = new("queue_messages", "/partition")
    {
        // The pump claims the ready messages that are due (LocalQueuePump): an equality, then a range.
        CompositeIndexes = [[new("/state"), new("/visible_at")]],
    };

    /// <summary>Candidate profiles (document 003), one per candidate account, by user id.</summary>
    public static readonly ContainerSpec CandidateProfiles = new("candidate_profiles", "/id");

    /// <summary>Companies, by company id; recruiter profiles, by user id.</summary>
    public static readonly ContainerSpec Companies = new("companies", "/id");
    public static readonly ContainerSpec RecruiterProfiles = new("recruiter_profiles", "/id");

    /// <summary>Applications to jobs: in the job's partition ("job:{id}") and copied into the candidate's ("candidate:{id}").</summary>
    public static readonly ContainerSpec Applications = new("applications", "/partition");

    /// <summary>Stored match scores: in the job's partition ("job:{id}") and copied into the candidate's ("candidate:{id}").</summary>
    public static readonly ContainerSpec JobMatches = new("job_matches", "/partition");

    /// <summary>
    /// The matching worker's inverted index: candidate ids under each skill ("candidates:{skill}"), active Recruitment job
    /// ids under each ("jobs:{skill}"), and each one's current skills in its own partition ("candidate:{id}", "job:{id}").
    /// </summary>
    public static readonly ContainerSpec MatchIndex = new("match_index", "/partition");

    /// <summary>Monthly quota usage of each account ("usage:{id}:{yyyy-MM}"), by id; each expires after two months.</summary>
    public static readonly ContainerSpec QuotaUsage = new("quota_usage", "/id");

    /// <summary>
    /// A/B experiments and their tallies in one catalog partition ("experiments"), each experiment's participants in its
    /// own ("experiment:{id}").
    /// </summary>
    public static readonly ContainerSpec Experiments = new("experiments", "/partition");

    /// <summary>
    /// Payments (document 003): each transaction in a partition of its own (its id), the initiate requests' claims
    /// ("initiate:{user}:{hash}", each its own partition), and the pending index by the hour checkouts expire
    /// ("pending:{yyyyMMddHH}") that the poller reads.
    /// </summary>
    public static readonly ContainerSpec Payments = new("payments", "/partition");

    /// <summary>Subscriptions, one per account, by user id.</summary>
    public static readonly ContainerSpec Subscriptions = new("subscriptions", "/id");
    // Blog, reviews, NGOs and the admin panel's platform figures (document 003).

    /// <summary>
    /// Blog posts, their view tallies and slug claims in one catalog partition ("posts": an admin-written catalog stays
    /// small), and each post's daily viewers in its own ("post:{id}", expiring after two days).
    /// </summary>
    public static readonly ContainerSpec Blog = new("blog", "/partition");

    /// <summary>Reviews in their target's partition ("company:{id}", "candidate:{id}"), one per author; an index by review id in its own.</summary>
    public static readonly ContainerSpec Reviews = new("reviews", "/partition");

    /// <summary>NGOs with their slug and manager claims, in one catalog partition ("ngos").</summary>
    public static readonly ContainerSpec Ngos = new("ngos", "/partition");

    /// <summary>The platform's figures for the admin dashboard: sharded counter documents in one partition ("platform").</summary>
    public static readonly ContainerSpec Statistics = new("statistics", "/partition");

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

    // Document 004 (Talent).

    /// <summary>Members' feedback, newest first in one partition ("feedback"), read by administrators.</summary>
    public static readonly ContainerSpec Feedback = new("feedback", "/partition_key");

    /// <summary>
    /// The candidate ranking of each job (status, task, the ranked candidates: "ranking:{jobId}"), in its organization's
    /// partition ("organization:{id}"), so a page of an organization's jobs reads its rankings with one query.
    /// </summary>
    public static readonly ContainerSpec JobRankings = new("job_rankings", "/partition");

    /// <summary>
    /// Candidate profiles: each in its own partition ("profile:{slug}"), its account's claim on it ("user:{id}": one profile
    /// per account), and the list employers page through ("catalog": one entry per available profile, newest first).
    /// </summary>
    public static readonly ContainerSpec TalentProfiles = new("talent_profiles", "/partition")
    {
        // The ranking pool pages through the available profiles by profile id: two equalities, then a range.
        CompositeIndexes = [[new("/kind"), new("/is_available"), new("/profile_id")]],
    };

    /// <summary>
    /// Employers' notes on candidate profiles, in the writing organization's partition ("organization:{id}"): a profile's notes
    /// for one organization, and an author's own notes, are each one single-partition query.
    /// </summary>
    public static readonly ContainerSpec CandidateNotes = new("candidate_notes", "/partition");

    /// <summary>
    /// The assistants' conversations (agent search, resume chat, career coach), each in its own partition (the digest of its
    /// thread id), expiring 30 days after their last turn.
    /// </summary>
    public static readonly ContainerSpec AssistantThreads = new("assistant_threads", "/partition");

    public static readonly IReadOnlyList<ContainerSpec> All =
    [
        Accounts, Handles, Limits, Counters, Follows, Posts, PostActivity, Timelines, UserActivity, Connections, Jobs, JobListings, JobPreferences,
        Conversations, Messages, Notifications, Reference, Verifications, Outbox, QueueMessages,
        CandidateProfiles, Companies, RecruiterProfiles, Applications, JobMatches, QuotaUsage, Experiments,
        Payments, Subscriptions,
        Blog, Reviews, Ngos, Statistics,
        CompanyFollows, Gamification,
        MatchIndex,
        Feedback, JobRankings, TalentProfiles, CandidateNotes,
        AssistantThreads,
    ];
}
