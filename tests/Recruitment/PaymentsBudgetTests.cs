using System.Globalization;
using System.Net;
using CareerNexus.Payments;
using CareerNexus.Storage;
using CareerNexus.Subscriptions;
using CareerNexus.Tests.Budgets;
using CareerNexus.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace CareerNexus.Tests.Recruitment;

/// <summary>
/// The Cosmos budget of a payment's status and of one's subscription: the same operations with 20 transactions and
/// subscriptions as with 200 (the caller's own and everyone else's), no query at all: the transaction is a point read,
/// the subscription and its period's usage two.
/// </summary>
public sealed class PaymentsBudgetTests(SharedApp fixture, ITestOutputHelper output) : IClassFixture<SharedApp>
{
    private const int Small = 20;
    private const int Large = 200;
    private readonly TestApp _app = fixture.App;
    private readonly ApiClient _api = fixture.App.Api();

    [Fact]
    public async Task A_payments_status_and_ones_subscription_cost_the_same_at_ten_times_the_data()
    {
        var payer = await _app.Recruiter();
        var costs = new Dictionary<string, List<CosmosBudgetTests.Cost>>();
        string? mine = null;
        foreach (var size in new[] { Small, Large })
        {
            var now = DateTimeOffset.UtcNow;
            // Half the transactions are the payer's, half others'; every other account has a subscription and usage.
            await Task.WhenAll(Enumerable.Range(0, size).Select(i => Seed(i % 2 == 0 ? payer.Id : 3_000_000_000 + i, now)));
            await Task.WhenAll(Enumerable.Range(0, size).Select(i => SeedSubscription(4_000_000_000 + size + i, now)));
            mine ??= await Seed(payer.Id, now);
            await _app.Services.GetRequiredService<SubscriptionStore>().FulfilAsync(new PaymentTransaction
            {
                Id = "txn_" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..12]), UserId = payer.Id, Purpose = PaymentPurposes.Subscription,
                PlanId = Plans.Starter.Id, CompletedAt = now,
            });

            foreach (var (name, path) in new[] { ("payment status", $"/payments/api/v1/payments/{mine}/status/"), ("my subscription", "/subscriptions/api/v1/subscriptions/me/") })
            {
                (await _api.Get(path, payer.Access)).Expect(HttpStatusCode.OK);
                costs.TryAdd(name, []);
                costs[name].Add(CosmosBudgetTests.Cost.Of((await _api.Get(path, payer.Access)).Expect(HttpStatusCode.OK)));
            }
        }
        foreach (var (name, pair) in costs)
        {
            output.WriteLine($"{name}: {pair[0]} / {pair[1]}");
            Assert.True(pair[0].Operations == pair[1].Operations, $"{name}: {pair[0]} over {Small}, {pair[1]} over {Large}");
            foreach (var cost in pair)
            {
                Assert.True(cost.Queries == 0 && cost.CrossPartitionQueries == 0 && cost.Writes == 0, $"{name}: {cost}");
                Assert.True(cost.Reads == (name == "payment status" ? 1 : 2), $"{name}: the transaction, or the subscription and its usage, not {cost}");
            }
        }
    }

    private async Task<string> Seed(long userId, DateTimeOffset now)
    {
        var id = "txn_" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..12]);
        await _app.Store.UpsertAsync(Containers.Payments, new PaymentTransaction
        {
            Id = id, Partition = id, UserId = userId, Purpose = PaymentPurposes.Credits, Credits = 5, Amount = 5, Currency = "EUR",
            PaymentMethod = PaymentMethods.Stripe, CreatedAt = now, UpdatedAt = now, ExpiresAt = now.AddHours(1), PendingBucket = PendingPayment.Bucket(now.AddHours(1)),
        }, id);
        return id;
    }

    private Task SeedSubscription(long userId, DateTimeOffset now)
    {
        var key = userId.ToString(CultureInfo.InvariantCulture);
        return _app.Store.UpsertAsync(Containers.Subscriptions, new Subscription
        {
            Id = key, UserId = userId, PlanId = Plans.Starter.Id, StartDate = now, Months = 1, UpdatedAt = now,
        }, key);
    }
}
