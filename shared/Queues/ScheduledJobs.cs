using System.Globalization;
using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Queues;

/// <summary>
/// Periodic work (a timer trigger in Azure, a hosted service standalone), run at the same wall-clock times in both:
/// whole multiples of its registered interval since midnight UTC. Each run does bounded work and may be repeated or
/// overlap a missed one: jobs are idempotent like queue handlers.
/// </summary>
public interface IScheduledJob
{
    Task RunAsync(CancellationToken ct);
}

/// <summary>
/// Names a scheduled job (letters, digits and '_') and its interval (minutes dividing an hour, or hours dividing a day,
/// so that one NCRONTAB expression states it) without building it: the timer endpoints and function.json files come
/// from these.
/// </summary>
public sealed record ScheduledJobRegistration(string Name, TimeSpan Interval, Type JobType)
{
    /// <summary>The six-field NCRONTAB schedule (seconds first) of the Functions timer trigger: "0 */5 * * * *" for five minutes.</summary>
    public string Schedule => Interval.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"0 0 */{(int)Interval.TotalHours} * * *")
        : string.Create(CultureInfo.InvariantCulture, $"0 */{(int)Interval.TotalMinutes} * * * *");

    /// <summary>The first time on the schedule after <paramref name="now"/>.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset now)
    {
        var day = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var ticks = Interval.Ticks;
        return day.AddTicks(((now - day).Ticks / ticks + 1) * ticks);
    }

    public static void Check(string name, TimeSpan interval)
    {
        if (string.IsNullOrEmpty(name) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            throw new ArgumentException($"Invalid scheduled job name '{name}'", nameof(name));
        var minutes = interval.TotalMinutes;
        var valid = minutes >= 1 && minutes == Math.Floor(minutes)
                    && (minutes < 60 ? 60 % minutes == 0 : minutes % 60 == 0 && 24 % (minutes / 60) == 0);
        if (!valid) throw new ArgumentException($"The interval of '{name}' must divide an hour or a day", nameof(interval));
    }
}

public static class ScheduledJobRegistrations
{
    public static IServiceCollection AddScheduledJob<TJob>(this IServiceCollection services, string name, TimeSpan interval)
        where TJob : class, IScheduledJob
    {
        ScheduledJobRegistration.Check(name, interval);
        services.AddSingleton<TJob>();
        services.AddSingleton(new ScheduledJobRegistration(name, interval, typeof(TJob)));
        return services;
    }
}
