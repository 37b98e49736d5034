using System.Net;
using CareerNexus.Accounts;
using CareerNexus.Messaging;
using CareerNexus.Tests.Budgets;
using CareerNexus.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace CareerNexus.Tests.Recruitment;

/// <summary>
/// The Cosmos budget of the messaging lists: a page of conversations and a page of messages cost the same with 15
/// conversations (and messages) as with 150, with no cross-partition query. The list is the reader's own entries (what
/// each shows is kept on it), the messages the reader's entry (which counts them) and a page of the conversation's partition.
/// </summary>
public sealed class MessagingBudgetTests(SharedApp fixture, ITestOutputHelper output) : IClassFixture<SharedApp>
{
    private const int Small = 15;
    private const int Large = 150;
    private const int Page = 10;
    private readonly TestApp _app = fixture.App;
    private readonly ApiClient _api = fixture.App.Api();

    [Fact]
    public async Task The_conversation_list_and_a_page_of_messages_cost_the_same_at_ten_times_the_data()
    {
        var conversations = _app.Services.GetRequiredService<ConversationService>();
        var costs = new Dictionary<string, List<CosmosBudgetTests.Cost>>();
        void Add(string name, ApiResponse response)
        {
            costs.TryAdd(name, []);
            costs[name].Add(CosmosBudgetTests.Cost.Of(response));
        }

        foreach (var size in new[] { Small, Large })
        {
            // The reader has `size` conversations, each with a message to them, and the first holds `size` more.
            var reader = await _api.Register("budget");
            var others = await Parallel(Enumerable.Range(0, size), _ => Account());
            var chats = await Parallel(others, async other =>
            {
                var chat = await conversations.StartOrGetConversationAsync(other.UserId, reader.Id);
                await conversations.SendMessageAsync(chat.ChatId, other.UserId, "budget hello", null);
                return chat.ChatId;
            });
            var longChat = chats[0];
            await Parallel(Enumerable.Range(0, size), async i =>
                (await conversations.SendMessageAsync(longChat, others[0].UserId, $"budget message {i}", null)).Id);

            var list = $"{MessagingTests.Conversations}?limit={Page}";
            var messages = $"{MessagingTests.Messages(longChat)}?limit={Page}";
            // The first request of a token warms its session; the measured ones are the common path.
            (await _api.Get(list, reader.Access)).Expect(HttpStatusCode.OK);
            var listed = (await _api.Get(list, reader.Access)).Expect(HttpStatusCode.OK);
            Assert.Equal(size, listed["count"].GetInt64());
            Assert.Equal(Page, listed["results"].GetArrayLength());
            Add("conversations", listed);

            var reading = (await _api.Get(messages, reader.Access)).Expect(HttpStatusCode.OK);
            Assert.All(reading["results"].EnumerateArray(), m => Assert.True(m.GetProperty("is_read").GetBoolean()));
            Add("messages, marking read", reading);
            var read = (await _api.Get(messages, reader.Access)).Expect(HttpStatusCode.OK);
            Assert.Equal(size + 1, read["count"].GetInt64());
            Assert.Equal(Page, read["results"].GetArrayLength());
            Add("messages", read);
        }

        foreach (var (name, pair) in costs)
        {
            var (small, large) = (pair[0], pair[1]);
            output.WriteLine($"{name}: {small} / {large}");
            Assert.True(small.Operations == large.Operations, $"{name}: {small} over {Small}, {large} over {Large}");
            Assert.All(pair, cost => Assert.True(cost.CrossPartitionQueries == 0, $"{name}: {cost}"));
        }
        Assert.All(costs["conversations"], c => Assert.True(c.Operations <= 2, $"the capped count and the page of entries, not {c}"));
        Assert.All(costs["messages"], c => Assert.True(c.Operations <= 2, $"the reader's entry (with the count) and the page, not {c}"));
        Assert.All(costs["messages, marking read"], c => Assert.True(c.Operations <= 2 + Page + 1 && c.Writes <= Page + 1,
            $"besides the read, one write per message of the page and the unread count, not {c}"));
    }

    private async Task<Account> Account()
    {
        var username = ApiClient.Unique("b");
        return await _app.Services.GetRequiredService<AccountService>()
            .RegisterAsync(new NewAccount(username, $"{username}@example.com", "Budget-pass-42", "Budget", "Peer", ""));
    }

    private static async Task<List<T>> Parallel<TIn, T>(IEnumerable<TIn> items, Func<TIn, Task<T>> work)
    {
        var list = items.ToList();
        var results = new T[list.Count];
        await System.Threading.Tasks.Parallel.ForEachAsync(Enumerable.Range(0, list.Count), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, _) => results[i] = await work(list[i]));
        return [.. results];
    }
}
