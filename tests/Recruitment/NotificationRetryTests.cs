using System.Net;
using CareerNexus.Gamification;
using CareerNexus.Notifications;
using CareerNexus.Tests.Nexus;
using CareerNexus.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CareerNexus.Tests.Recruitment;

/// <summary>
/// Notification counters and gamification stay right when the work behind them stops between its writes (an injected
/// fault, as a process dying there) and is repeated: a notification counted but not marked, a read counted but not
/// marked, an award counted on the stats or on the leaderboard but not finished, each settles once on its repeat.
/// </summary>
public sealed class NotificationRetryTests(FaultyApp fixture) : IClassFixture<FaultyApp>
{
    private const string Notifications = "/notifications/api/v1/notifications/";
    private readonly TestApp _app = fixture.App;
    private readonly FaultSwitch _faults = fixture.Faults;
    private readonly ApiClient _api = fixture.App.Api();

    [Fact]
    public async Task A_notification_or_its_read_mark_stopped_after_counting_is_counted_once_by_its_repeat()
    {
        var user = await _app.Candidate();
        var service = _app.Services.GetRequiredService<NotificationService>();
        NewNotification Told(int n) => new(user.Id, $"retry:{user.Id}:{n}", NotificationKinds.NewMessage, "New Message", $"Message {n}");
        await service.NotifyAsync(Told(1));

        _faults.Arm("apply:notifications");
        await Assert.ThrowsAsync<InjectedFault>(() => service.NotifyAsync(Told(2)));
        await service.NotifyAsync(Told(2));
        await service.NotifyAsync(Told(2));
        var list = (await _api.Get(Notifications, user.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(2, list["count"].GetInt64());
        Assert.Equal(2, list["unread_count"].GetInt64());

        var id = list["results"][0].GetProperty("id").GetInt64();
        _faults.Arm("apply:notifications");
        (await _api.Patch($"{Notifications}{id}/read/", null, user.Access)).ExpectRecruitmentError(HttpStatusCode.InternalServerError);
        (await _api.Patch($"{Notifications}{id}/read/", null, user.Access)).Expect(HttpStatusCode.OK);
        (await _api.Patch($"{Notifications}{id}/read/", null, user.Access)).Expect(HttpStatusCode.OK);
        var after = (await _api.Get(Notifications + "?type=new_message", user.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(1, after["unread_count"].GetInt64());
        Assert.Equal(1, (await _api.Get(Notifications + "?unread_only=true&type=new_message", user.Access)).Expect(HttpStatusCode.OK)["count"].GetInt64());
    }

    [Fact]
    public async Task An_award_stopped_on_the_stats_or_on_the_leaderboard_is_counted_once_by_its_repeat()
    {
        var gamification = _app.Services.GetRequiredService<GamificationService>();
        var (ahead, behind) = (await _app.Candidate(), await _app.Candidate());
        var now = DateTimeOffset.UtcNow;
        // Both start level, with stats and a place on the leaderboard, so that the faults below stop after real writes.
        foreach (var user in new[] { ahead, behind }) await gamification.AwardAsync(user.Id, ActivityTypes.ApplicationSubmitted, "application:1", now);
        var before = await Position(behind);
        Assert.Equal(before, await Position(ahead));

        // Stopped once after the stats counted the award, once after the leaderboard counted its move; each repeat finishes it.
        _faults.Arm("apply:gamification");
        await Assert.ThrowsAsync<InjectedFault>(() => gamification.AwardAsync(ahead.Id, ActivityTypes.OfferAccepted, "offer:1", now));
        _faults.Arm("count:gamification");
        await Assert.ThrowsAsync<InjectedFault>(() => gamification.AwardAsync(ahead.Id, ActivityTypes.OfferAccepted, "offer:1", now));
        await gamification.AwardAsync(ahead.Id, ActivityTypes.OfferAccepted, "offer:1", now);

        var stats = (await _api.Get("/gamification/api/v1/gamification/me/", ahead.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(250, stats["xp_points"].GetInt64());
        Assert.Equal(2, stats["recent_activities"].GetArrayLength());
        // The account ahead is counted once above the one behind.
        Assert.Equal(before + 1, await Position(behind));
        Assert.Equal(before, stats["leaderboard_position"].GetInt64());
    }

    private async Task<long> Position(TestUser user) =>
        (await _api.Get("/gamification/api/v1/gamification/me/", user.Access)).Expect(HttpStatusCode.OK)["leaderboard_position"].GetInt64();
}
