using CareerNexus.Common;
using CareerNexus.Subscriptions;
using CareerNexus.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CareerNexus.Tests.Recruitment;

public sealed class PlanQuotaTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private readonly TestApp _app = fixture.App;

    [Fact]
    public async Task The_free_plan_counts_each_fact_once_and_refuses_past_its_limit_with_a_payment_required()
    {
        var quotas = _app.Services.GetRequiredService<PlanQuotas>();
        var user = Random.Shared.NextInt64(1L << 40, 1L << 50);
        for (var i = 0; i < FreePlan.JobPostingsPerMonth; i++)
        {
            await quotas.TakeAsync(user, QuotaKind.JobPostings, $"job-{i}");
            await quotas.TakeAsync(user, QuotaKind.JobPostings, $"job-{i}");
        }
        Assert.Equal(new QuotaUsage(FreePlan.JobPostingsPerMonth, FreePlan.JobPostingsPerMonth), await quotas.UsageAsync(user, QuotaKind.JobPostings));
        var refused = await Assert.ThrowsAsync<PlatformException>(() => quotas.TakeAsync(user, QuotaKind.JobPostings, "job-extra"));
        Assert.Equal(ErrorKind.PaymentRequired, refused.Kind);
        // A fact already counted is still let through (a retried request), and other quotas are their own.
        await quotas.TakeAsync(user, QuotaKind.JobPostings, "job-0");
        await quotas.TakeAsync(user, QuotaKind.Applications, "application-1");
        Assert.Equal(1, (await quotas.UsageAsync(user, QuotaKind.Applications)).Used);

        await quotas.ReturnAsync(user, QuotaKind.JobPostings, "job-2");
        await quotas.TakeAsync(user, QuotaKind.JobPostings, "job-extra");
        Assert.Equal(FreePlan.JobPostingsPerMonth, (await quotas.UsageAsync(user, QuotaKind.JobPostings)).Used);
    }
}
