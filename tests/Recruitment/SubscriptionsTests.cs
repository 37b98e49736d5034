using System.Globalization;
using System.Net;
using System.Text.Json;
using CareerNexus.Storage;
using CareerNexus.Subscriptions;
using CareerNexus.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static CareerNexus.Tests.Recruitment.PaymentsSupport;

namespace CareerNexus.Tests.Recruitment;

/// <summary>
/// Subscriptions (document 003) against the payment stand-ins: the free plan, a paid plan activated and extended once
/// per payment, quotas taken from the plan and reset with its period, and CV views counted once per candidate.
/// </summary>
public sealed class SubscriptionsTests(PaymentsStandIn standIn) : IClassFixture<PaymentsStandIn>
{
    private readonly ApiClient _api = standIn.Api();

    [Fact]
    public async Task An_account_that_never_subscribed_is_on_the_free_plan_with_its_quotas_and_subscribing_to_free_is_at_once()
    {
        var user = await standIn.App.Recruiter();
        var me = (await _api.Get(Me, user.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(user.Id, me["id"].GetInt64());
        Assert.Equal("Free", me["plan"].GetProperty("name").GetString());
        Assert.Equal(Plans.Free.Id, me["plan"].GetProperty("id").GetInt64());
        Assert.Equal(0m, me["plan"].GetProperty("price").GetDecimal());
        Assert.Equal("active", me["status"].GetString());
        Assert.Equal(JsonValueKind.Null, me["end_date"].ValueKind);
        Assert.False(me["auto_renew"].GetBoolean());
        Assert.Equal(3, me["quota_usage"].GetProperty("job_postings").GetProperty("limit").GetInt64());
        Assert.Equal(0, me["quota_usage"].GetProperty("job_postings").GetProperty("used").GetInt64());
        Assert.Equal(10, me["quota_usage"].GetProperty("cv_views").GetProperty("limit").GetInt64());
        Assert.Equal(20, me["quota_usage"].GetProperty("applications").GetProperty("limit").GetInt64());
        Assert.Equal(JsonValueKind.Null, me["pending_plan"].ValueKind);

        var free = (await _api.Post(Subscribe, new { plan_id = Plans.Free.Id }, user.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("active", free["status"].GetString());
        Assert.Equal("Free", free["plan"].GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, free["payment_url"].ValueKind);
        Assert.Equal(user.Id, free["subscription_id"].GetInt64());
        (await _api.Post(Subscribe, new { plan_id = Plans.Free.Id }, user.Access)).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_paid_plan_is_pending_until_paid_then_activated_once_and_extended_by_the_next_payment()
    {
        var user = await standIn.App.Recruiter();
        var subscribed = (await _api.Post(Subscribe, new { plan_id = 1, payment_method = "stripe" }, user.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("pending", subscribed["status"].GetString());
        Assert.Equal("Starter", subscribed["plan"].GetProperty("name").GetString());
        var id = subscribed["transaction_id"].GetString()!;
        var session = (await standIn.Transaction(id)).ProviderRef!;
        Assert.Equal($"https://checkout.stripe.com/c/pay/{session}", subscribed["payment_url"].GetString());
        var pending = (await _api.Get(Me, user.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("Free", pending["plan"].GetProperty("name").GetString());
        Assert.Equal("Starter", pending["pending_plan"].GetProperty("name").GetString());
        Assert.Equal(id, pending["pending_plan"].GetProperty("transaction_id").GetString());

        await standIn.Complete(id, session);
        await standIn.Complete(id, session);
        var active = (await _api.Get(Me, user.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("Starter", active["plan"].GetProperty("name").GetString());
        Assert.Equal(29.99m, active["plan"].GetProperty("price").GetDecimal());
        Assert.Equal("EUR", active["plan"].GetProperty("currency").GetString());
        Assert.Contains("50 CV views/month", active["plan"].GetProperty("features").EnumerateArray().Select(f => f.GetString()));
        var start = Date(active["start_date"]);
        Assert.Equal(start.AddMonths(1), Date(active["end_date"]));
        Assert.Equal(5, active["quota_usage"].GetProperty("job_postings").GetProperty("limit").GetInt64());
        Assert.Equal(50, active["quota_usage"].GetProperty("cv_views").GetProperty("limit").GetInt64());
        Assert.Equal(JsonValueKind.Null, active["pending_plan"].ValueKind);

        // Another month of the same plan extends it from its end, once.
        var next = (await _api.Post(Subscribe, new { plan_id = 1, payment_method = "stripe" }, user.Access)).Expect(HttpStatusCode.OK);
        var nextId = next["transaction_id"].GetString()!;
        Assert.NotEqual(id, nextId);
        await standIn.Complete(nextId, (await standIn.Transaction(nextId)).ProviderRef!);
        await standIn.Complete(nextId, (await standIn.Transaction(nextId)).ProviderRef!);
        var extended = (await _api.Get(Me, user.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(start, Date(extended["start_date"]));
        Assert.Equal(start.AddMonths(2), Date(extended["end_date"]));

        // Free is not forced on a running paid plan.
        (await _api.Post(Subscribe, new { plan_id = Plans.Free.Id }, user.Access)).ExpectRecruitmentError(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Job_postings_are_limited_by_the_accounts_plan_and_start_again_with_each_period()
    {
        var recruiter = await standIn.App.Recruiter();
        for (var i = 0; i < 3; i++) await _api.PostJob(recruiter);
        var refused = (await _api.Post("/jobs/api/v1/jobs/", RecruitmentJobsSupport.JobBody(), recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.PaymentRequired);
        Assert.Contains("Free plan allows 3 job postings", refused["detail"].GetString());

        var (id, session) = await standIn.Pay(recruiter, StarterByCard);
        await standIn.Complete(id, session!);
        // The paid plan's first period starts when it is paid: five postings in it.
        for (var i = 0; i < 5; i++) await _api.PostJob(recruiter);
        Assert.Contains("Starter plan allows 5 job postings",
            (await _api.Post("/jobs/api/v1/jobs/", RecruitmentJobsSupport.JobBody(), recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.PaymentRequired)["detail"].GetString());
        Assert.Equal(5, (await _api.Get(Me, recruiter.Access)).Expect(HttpStatusCode.OK)["quota_usage"].GetProperty("job_postings").GetProperty("used").GetInt64());

        // A month later (the plan paid for two), the second period has its own usage.
        var key = recruiter.Id.ToString(CultureInfo.InvariantCulture);
        var subscription = (await standIn.App.Subscription(recruiter.Id))!;
        subscription.StartDate = DateTimeOffset.UtcNow.AddMonths(-1).AddHours(-1);
        subscription.Months = 2;
        await standIn.App.Store.UpsertAsync(Containers.Subscriptions, subscription, key);
        var me = (await _api.Get(Me, recruiter.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(0, me["quota_usage"].GetProperty("job_postings").GetProperty("used").GetInt64());
        Assert.Equal(Date(me["start_date"]).AddMonths(1), Date(me["quota_period"].GetProperty("start")));
        await _api.PostJob(recruiter);
        Assert.Equal(1, (await _api.Get(Me, recruiter.Access)).Expect(HttpStatusCode.OK)["quota_usage"].GetProperty("job_postings").GetProperty("used").GetInt64());
    }

    [Fact]
    public async Task Past_the_plans_limit_each_fact_spends_one_credit_once_and_without_credits_it_is_a_402()
    {
        var recruiter = await standIn.App.Recruiter();
        for (var i = 0; i < 3; i++) await _api.PostJob(recruiter);
        Assert.Contains("buy credits", (await _api.Post("/jobs/api/v1/jobs/", RecruitmentJobsSupport.JobBody(), recruiter.Access))
            .ExpectRecruitmentError(HttpStatusCode.PaymentRequired)["detail"].GetString());
        var (id, session) = await standIn.Pay(recruiter, new { payment_method = "stripe", purpose = "credits", credits = 2 });
        await standIn.Complete(id, session!);
        long Credits(ApiResponse me) => me.Expect(HttpStatusCode.OK)["credits"].GetInt64();
        Assert.Equal(2, Credits(await _api.Get(Me, recruiter.Access)));

        // A retried posting (the same body) is the same job and spends nothing more.
        var body = RecruitmentJobsSupport.JobBody(ApiClient.Unique("Paid by credit "));
        var first = (await _api.Post("/jobs/api/v1/jobs/", body, recruiter.Access)).Expect(HttpStatusCode.Created)["id"].GetInt64();
        Assert.Equal(first, (await _api.Post("/jobs/api/v1/jobs/", body, recruiter.Access)).Expect(HttpStatusCode.Created)["id"].GetInt64());
        var me = await _api.Get(Me, recruiter.Access);
        Assert.Equal(1, Credits(me));
        Assert.Equal(3, me["quota_usage"].GetProperty("job_postings").GetProperty("used").GetInt64());

        await _api.PostJob(recruiter);
        Assert.Equal(0, Credits(await _api.Get(Me, recruiter.Access)));
        (await _api.Post("/jobs/api/v1/jobs/", RecruitmentJobsSupport.JobBody(ApiClient.Unique("One too many ")), recruiter.Access))
            .ExpectRecruitmentError(HttpStatusCode.PaymentRequired);
        Assert.Equal(0, Credits(await _api.Get(Me, recruiter.Access)));
    }

    [Fact]
    public async Task A_credit_that_a_failed_fact_spent_is_given_back_once()
    {
        var quotas = standIn.App.Services.GetRequiredService<PlanQuotas>();
        var user = await standIn.App.Recruiter();
        for (var i = 0; i < FreePlan.JobPostingsPerMonth; i++) await quotas.TakeAsync(user.Id, QuotaKind.JobPostings, $"job-{i}");
        var (id, session) = await standIn.Pay(user, new { payment_method = "stripe", purpose = "credits", credits = 1 });
        await standIn.Complete(id, session!);
        await quotas.TakeAsync(user.Id, QuotaKind.JobPostings, "job-by-credit");
        Assert.Equal(0, (await standIn.App.Subscription(user.Id))!.Credits);
        await quotas.ReturnAsync(user.Id, QuotaKind.JobPostings, "job-by-credit");
        await quotas.ReturnAsync(user.Id, QuotaKind.JobPostings, "job-by-credit");
        Assert.Equal(1, (await standIn.App.Subscription(user.Id))!.Credits);
        Assert.Equal(FreePlan.JobPostingsPerMonth, (await quotas.UsageAsync(user.Id, QuotaKind.JobPostings)).Used);
    }

    [Fact]
    public async Task A_recruiter_opening_candidates_counts_each_candidate_once_and_past_the_plans_limit_is_a_402()
    {
        var recruiter = await standIn.App.Recruiter();
        var candidates = new List<TestUser>();
        for (var i = 0; i <= FreePlan.CvViewsPerMonth; i++) candidates.Add(await standIn.App.Candidate());
        var first = (await _api.Get(Profile(candidates[0]), recruiter.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(candidates[0].Id, first["user"].GetProperty("id").GetInt64());
        Assert.Equal(candidates[0].Username, first["user"].GetProperty("username").GetString());
        Assert.True(first.Body.TryGetProperty("cv_file", out _));
        (await _api.Get(Profile(candidates[0]), recruiter.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(1, CvViews(await _api.Get(Me, recruiter.Access)));

        foreach (var candidate in candidates.Skip(1).Take((int)FreePlan.CvViewsPerMonth - 1))
            (await _api.Get(Profile(candidate), recruiter.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(FreePlan.CvViewsPerMonth, CvViews(await _api.Get(Me, recruiter.Access)));
        var over = (await _api.Get(Profile(candidates[^1]), recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.PaymentRequired);
        Assert.Contains("CV views", over["detail"].GetString());
        // A candidate already opened this period opens again without a unit.
        (await _api.Get(Profile(candidates[3]), recruiter.Access)).Expect(HttpStatusCode.OK);

        (await _api.Get(Profile(candidates[1]), candidates[0].Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
        (await _api.Get(Profile(recruiter), recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.NotFound);
        (await _api.Get("/accounts/api/v1/candidate-profiles/abc/", recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.NotFound);
        (await _api.Get(Profile(candidates[1]))).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Subscribing_needs_a_known_plan_and_a_payment_method_for_a_paid_one()
    {
        var user = await standIn.App.Candidate();
        Assert.NotEmpty((await _api.Post(Subscribe, new { }, user.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("plan_id"));
        Assert.NotEmpty((await _api.Post(Subscribe, new { plan_id = 99 }, user.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("plan_id"));
        Assert.NotEmpty((await _api.Post(Subscribe, new { plan_id = "x" }, user.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("plan_id"));
        Assert.NotEmpty((await _api.Post(Subscribe, new { plan_id = 2 }, user.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest)
            .FieldErrors("payment_method"));
        Assert.NotEmpty((await _api.Post(Subscribe, new { plan_id = 2, payment_method = "afribapay" }, user.Access))
            .ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("phone_number"));
        (await _api.Post(Subscribe, new { plan_id = 3 })).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
        (await _api.Get(Me)).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
    }

    private static string Profile(TestUser candidate) => $"/accounts/api/v1/candidate-profiles/{candidate.Id}/";

    private static long CvViews(ApiResponse me) => me.Expect(HttpStatusCode.OK)["quota_usage"].GetProperty("cv_views").GetProperty("used").GetInt64();

    private static DateTimeOffset Date(JsonElement value) => DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture);
}
