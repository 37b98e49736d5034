using CareerNexus.Candidates;

namespace CareerNexus.Gamification;

/// <summary>The platform events that earn XP, by the activity type a user's recent activities show.</summary>
public static class ActivityTypes
{
    public const string ApplicationSubmitted = "application_submitted";
    public const string TestSubmitted = "test_submitted";
    public const string InterviewReached = "interview_reached";
    public const string OfferAccepted = "offer_accepted";
    public const string ProfileCompleted = "profile_completed";
    public const string PostCreated = "post_created";
    public const string JobPosted = "job_posted";
    public const string HireMade = "hire_made";
}

/// <summary>What an event earns, and why, as the README's table shows it.</summary>
public sealed record XpRule(string Type, int Xp, string When);

/// <summary>A badge, earned once when a count (an activity type, or "level") reaches its threshold.</summary>
public sealed record BadgeRule(int Id, string Name, string Icon, string Counter, long Threshold);

/// <summary>An achievement: progress is a count (or the profile's completion) towards a target, in percent.</summary>
public sealed record AchievementRule(int Id, string Name, string Description, string Counter, long Target);

/// <summary>
/// Gamification's rules: XP per event, levels, badges, achievements, and the XP buckets of the leaderboard. Every XP
/// value is a multiple of 10, so the leaderboard's 10-XP buckets below <see cref="ExactBelow"/> are exact.
/// </summary>
public static class GamificationRules
{
    /// <summary>Posts earn XP for the first this many of a day (UTC), so that posting cannot be farmed.</summary>
    public const int DailyPostAwards = 5;

    /// <summary>How many recent activities the stats keep and show.</summary>
    public const int RecentActivities = 10;

    /// <summary>The counter name of levels in badge rules, and of the profile's completion in achievement rules.</summary>
    public const string Level = "level";
    public const string ProfileCompletion = "profile_completion";

    public static readonly IReadOnlyList<XpRule> XpRules =
    [
        new(ActivityTypes.ApplicationSubmitted, 50, "a candidate applies to a job (once per job)"),
        new(ActivityTypes.TestSubmitted, 30, "a candidate submits a job's test (once per application)"),
        new(ActivityTypes.InterviewReached, 70, "a candidate's application moves to interview (once per application)"),
        new(ActivityTypes.OfferAccepted, 200, "a candidate's application is accepted (once per application)"),
        new(ActivityTypes.ProfileCompleted, 100, "a candidate profile is complete for the first time (once per account)"),
        new(ActivityTypes.PostCreated, 10, "a post is published on any surface, reposts included (the first 5 of a UTC day earn XP)"),
        new(ActivityTypes.JobPosted, 20, "a recruiter posts a Recruitment job (once per job)"),
        new(ActivityTypes.HireMade, 100, "a recruiter's job's application is accepted (once per application; XP to the job's poster)"),
    ];

    public static readonly IReadOnlyDictionary<string, XpRule> ByType = XpRules.ToDictionary(r => r.Type);

    public static readonly IReadOnlyList<BadgeRule> Badges =
    [
        new(1, "First Application", "🎯", ActivityTypes.ApplicationSubmitted, 1),
        new(2, "Job Hunter", "🔍", ActivityTypes.ApplicationSubmitted, 10),
        new(3, "Test Taker", "📝", ActivityTypes.TestSubmitted, 1),
        new(4, "Interview Ready", "🎤", ActivityTypes.InterviewReached, 1),
        new(5, "Hired", "🏆", ActivityTypes.OfferAccepted, 1),
        new(6, "Profile Pro", "✅", ActivityTypes.ProfileCompleted, 1),
        new(7, "First Post", "✍️", ActivityTypes.PostCreated, 1),
        new(8, "Storyteller", "📣", ActivityTypes.PostCreated, 25),
        new(9, "First Job Posted", "📢", ActivityTypes.JobPosted, 1),
        new(10, "Talent Scout", "🤝", ActivityTypes.HireMade, 1),
        new(11, "Rising Star", "⭐", Level, 5),
    ];

    public static readonly IReadOnlyList<AchievementRule> Achievements =
    [
        new(1, "Profile Complete", "Complete your profile 100%", ProfileCompletion, 100),
        new(2, "Active Applicant", "Apply to 10 jobs", ActivityTypes.ApplicationSubmitted, 10),
        new(3, "Test Ace", "Submit 5 job tests", ActivityTypes.TestSubmitted, 5),
        new(4, "Hired!", "Get an application accepted", ActivityTypes.OfferAccepted, 1),
        new(5, "Community Voice", "Publish 25 posts", ActivityTypes.PostCreated, 25),
        new(6, "Recruiter", "Post 5 jobs", ActivityTypes.JobPosted, 5),
        new(7, "Talent Scout", "Make 5 hires", ActivityTypes.HireMade, 5),
    ];

    /// <summary>Level L starts at 50·L² XP: 1 below 200, 2 from 200, 5 from 1,250, 10 from 5,000.</summary>
    public static int LevelOf(long xp) => Math.Max(1, (int)Math.Floor(Math.Sqrt(Math.Max(0, xp) / 50.0)));

    /// <summary>The XP at which a level starts.</summary>
    public static long LevelStart(int level) => level <= 1 ? 0 : 50L * level * level;

    /// <summary>The badges newly earned by stats that now have these counts, this XP and this profile completion.</summary>
    public static IEnumerable<BadgeRule> Earned(IReadOnlyDictionary<string, long> counts, long xp, ISet<int> already) =>
        Badges.Where(b => !already.Contains(b.Id) && (b.Counter == Level ? LevelOf(xp) : counts.GetValueOrDefault(b.Counter)) >= b.Threshold);

    /// <summary>An achievement's progress in percent (0-100).</summary>
    public static int Progress(AchievementRule rule, IReadOnlyDictionary<string, long> counts, int profileCompletion)
    {
        var value = rule.Counter == ProfileCompletion ? profileCompletion : counts.GetValueOrDefault(rule.Counter);
        return (int)Math.Clamp(value * 100 / rule.Target, 0, 100);
    }

    /// <summary>
    /// How complete a candidate profile is, in percent: seven parts, each a seventh (bio, skills, location, a work
    /// experience, an education, a project, a CV).
    /// </summary>
    public static int Completion(CandidateProfile profile)
    {
        bool[] parts =
        [
            profile.Bio.Trim().Length > 0, profile.Skills.Count > 0, profile.Location.Trim().Length > 0, profile.WorkExperiences.Count > 0,
            profile.Educations.Count > 0, profile.Projects.Count > 0, !string.IsNullOrEmpty(profile.CvFile),
        ];
        return (int)Math.Round(100.0 * parts.Count(p => p) / parts.Length);
    }

    /// <summary>Where the leaderboard is exact (10-XP buckets); above it buckets widen (see <see cref="Bucket"/>).</summary>
    public const long ExactBelow = 10_000;

    public const long HundredsBelow = 100_000;

    /// <summary>
    /// The leaderboard bucket of an XP total: 10 XP wide below 10,000 (exact, every XP value being a multiple of 10),
    /// 100 XP wide up to 100,000, 10,000 XP wide beyond. Higher XP, higher bucket.
    /// </summary>
    public static int Bucket(long xp)
    {
        xp = Math.Max(0, xp);
        if (xp < ExactBelow) return (int)(xp / 10);
        if (xp < HundredsBelow) return 1_000 + (int)((xp - ExactBelow) / 100);
        return 1_900 + (int)Math.Min((xp - HundredsBelow) / 10_000, 1_000_000);
    }
}
