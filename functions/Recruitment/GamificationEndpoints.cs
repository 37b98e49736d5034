using System.Security.Claims;
using CareerNexus.Functions.Hosting;
using CareerNexus.Gamification;

namespace CareerNexus.Functions.Recruitment;

/// <summary>Document 003's gamification module, under /gamification/api/v1/: the caller's XP, level, badges, achievements and position.</summary>
public static class RecruitmentGamificationEndpoints
{
    public static void MapRecruitmentGamification(this RouteGroupBuilder group) =>
        group.MapGet("/gamification/me", async (ClaimsPrincipal user, GamificationService service, CancellationToken ct) =>
            GamificationMe.Of(await service.MeAsync(user.Caller(), ct))).RequireAuthorization().Produces<GamificationMe>();
}

public sealed record GamificationUser(long Id, string Username);

public sealed record BadgeItem(int Id, string Name, string Icon, DateTimeOffset EarnedAt);

public sealed record AchievementItem(int Id, string Name, string Description, int Progress, bool Completed);

public sealed record ActivityItem(string Type, int XpEarned, DateTimeOffset Timestamp);

/// <summary>Document 003's stats; next_level_xp (where the next level starts) is our extension.</summary>
public sealed record GamificationMe(GamificationUser User, long XpPoints, int Level, long NextLevelXp, IReadOnlyList<BadgeItem> Badges,
    IReadOnlyList<AchievementItem> Achievements, long LeaderboardPosition, IReadOnlyList<ActivityItem> RecentActivities)
{
    public static GamificationMe Of(GamificationProfile profile)
    {
        var stats = profile.Stats;
        var level = GamificationRules.LevelOf(stats.Xp);
        var badges = GamificationRules.Badges.ToDictionary(b => b.Id);
        return new(new GamificationUser(profile.UserId, profile.Username), stats.Xp, level, GamificationRules.LevelStart(level + 1),
            stats.Badges.Where(b => badges.ContainsKey(b.Id)).Select(b => new BadgeItem(b.Id, badges[b.Id].Name, badges[b.Id].Icon, b.EarnedAt)).ToList(),
            GamificationRules.Achievements.Select(a =>
            {
                var progress = GamificationRules.Progress(a, stats.Counts, stats.ProfileCompletion);
                return new AchievementItem(a.Id, a.Name, a.Description, progress, progress >= 100);
            }).ToList(),
            profile.LeaderboardPosition, stats.Recent.Select(r => new ActivityItem(r.Type, r.XpEarned, r.Timestamp)).ToList());
    }
}
