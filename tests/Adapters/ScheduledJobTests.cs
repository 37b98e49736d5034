using CareerNexus.Queues;
using Xunit;

namespace CareerNexus.Tests.Adapters;

/// <summary>A scheduled job's NCRONTAB schedule (the timer function's) and the standalone worker's next time say the same.</summary>
public sealed class ScheduledJobTests
{
    private sealed class Nothing : IScheduledJob
    {
        public Task RunAsync(CancellationToken ct) => Task.CompletedTask;
    }

    [Theory]
    [InlineData(5, "0 */5 * * * *", "2026-03-01T10:07:30Z", "2026-03-01T10:10:00Z")]
    [InlineData(5, "0 */5 * * * *", "2026-03-01T10:10:00Z", "2026-03-01T10:15:00Z")]
    [InlineData(15, "0 */15 * * * *", "2026-03-01T23:50:00Z", "2026-03-02T00:00:00Z")]
    [InlineData(120, "0 0 */2 * * *", "2026-03-01T03:00:00Z", "2026-03-01T04:00:00Z")]
    public void The_schedule_and_the_next_time_agree(int minutes, string schedule, string now, string next)
    {
        var job = new ScheduledJobRegistration("job", TimeSpan.FromMinutes(minutes), typeof(Nothing));
        Assert.Equal(schedule, job.Schedule);
        Assert.Equal(DateTimeOffset.Parse(next), job.NextAfter(DateTimeOffset.Parse(now)));
    }

    [Theory]
    [InlineData("job", 7)]
    [InlineData("job", 90)]
    [InlineData("bad name", 5)]
    public void An_interval_no_ncrontab_states_or_a_bad_name_is_refused(string name, int minutes) =>
        Assert.Throws<ArgumentException>(() => ScheduledJobRegistration.Check(name, TimeSpan.FromMinutes(minutes)));
}
