using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CareerNexus.Accounts;
using CareerNexus.Connections;
using CareerNexus.Jobs;
using CareerNexus.Messaging;
using CareerNexus.Posts;
using CareerNexus.Social;
using CareerNexus.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CareerNexus.Tests.Budgets;

/// <summary>What a route may cost in Cosmos operations, whatever the size of the data.</summary>
public enum Budget
{
    /// <summary>An authenticated point read: one operation, authentication included.</summary>
    PointRead,

    /// <summary>A list page: single-partition queries and point reads bounded by the page, no cross-partition query.</summary>
    ListPage,

    /// <summary>A list page whose count is capped (the ids up to 1,000, in the same partition) rather than stored.</summary>
    CappedListPage,

    /// <summary>Search and filters: may go across partitions, reading at most the page plus a capped count.</summary>
    Search,
}

/// <summary>
/// The Cosmos budget of the hot routes, from each response's Server-Timing header: the same routes are asked once
/// over a small data set and once over one ten times larger, and must cost the same number of operations both
/// times, within their budget.
/// </summary>
public sealed class CosmosBudgetTests(CosmosBudgetTests.Data data) : IClassFixture<CosmosBudgetTests.Data>
{
    public const int Page = 10;

    /// <summary>
    /// Operations a page may spend per entry: its document, its author and the reader's own state (a like, a follow);
    /// on top, 3 for authentication and the list's own queries.
    /// </summary>
    public const int PerItem = 3;

    /// <summary>Items a capped count may read besides the page (see "Cosmos budget" in the README).</summary>
    public const int CountCap = CareerNexus.Common.PageRequest.MaxReach;

    /// <summary>Authors who write last at each size, so that the newest page is theirs.</summary>
    public const int FixedAuthors = 10;

    /// <summary>
    /// Each hot route, its budget, and the operations it may spend beyond that budget, each allowance with its reason:
    /// what the data model does not hold in one document yet. Allowances are fixed numbers, never a share of the data.
    /// </summary>
    public static TheoryData<string, Budget, string, int> Routes => new()
    {
        { "careers me", Budget.PointRead, "/careers/users/me/", 0 },
        { "nexus own profile", Budget.PointRead, "/user/retrieve-profile/", 0 },
        // The post (its author is copied onto it), and the reader's like of it.
        { "careers post", Budget.PointRead, "/careers/{post}/", 1 },
        { "nexus post", Budget.PointRead, "/post/?post_id={post}", 0 },

        { "nexus feed", Budget.ListPage, "/post/", 0 },
        { "nexus following feed", Budget.ListPage, "/post/following/", 0 },
        // Per named author (at most PostSearch.MaxAuthors): the username lookup, the timeline's count and its query.
        { "careers posts of authors", Budget.ListPage, "/careers/?author={authors}", 3 * FixedAuthors },
        { "careers comments", Budget.ListPage, "/careers/{post}/comments/", 0 },
        { "careers likes", Budget.ListPage, "/careers/{post}/likes/", 0 },
        { "nexus comments", Budget.ListPage, "/post/comment/?post_id={post}&limit=10", 0 },
        { "careers following", Budget.ListPage, "/careers/users/following/", 0 },
        { "careers followers", Budget.ListPage, "/careers/users/followers/", 0 },
        { "careers following of a user", Budget.ListPage, "/careers/users/{reader}/following/", 0 },
        { "nexus connections", Budget.ListPage, "/connection/?limit=10", 0 },
        { "nexus chats", Budget.ListPage, "/chats/?limit=10", 0 },
        { "nexus chat messages", Budget.ListPage, "/chats/messages/?chat_id={chat}&limit=10", 0 },
        { "nexus my jobs", Budget.CappedListPage, "/job/", 0 },
        { "nexus recommended jobs", Budget.CappedListPage, "/job/recommend/", 0 },

        { "careers post search", Budget.Search, "/careers/?search=budget", 0 },
        { "careers deep page", Budget.Search, "/careers/?batch_number=20000000&batch_size=100", 0 },
        { "careers user search", Budget.Search, "/careers/users/?search=budget", 0 },
        { "careers first name filter", Budget.Search, "/careers/users/?first_name=budget", 0 },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public void A_route_costs_the_same_at_ten_times_the_data_and_stays_within_budget(string name, Budget budget, string template, int allowance)
    {
        Assert.False(data.Failures.TryGetValue(template, out var failure), $"{name}: {failure}");
        var (small, large) = data.Costs[template];
        Assert.True(small.Operations == large.Operations,
            $"{name}: {small.Operations} operations over the small data set, {large.Operations} over the large one ({small} / {large})");
        foreach (var cost in new[] { small, large })
        {
            switch (budget)
            {
                case Budget.PointRead:
                    Assert.True(cost.Operations <= 1 + allowance && cost.Queries + cost.CrossPartitionQueries <= allowance,
                        $"{name}: a point read is 1 operation with authentication (+{allowance}), not {cost}");
                    break;
                case Budget.ListPage or Budget.CappedListPage:
                    Assert.True(cost.CrossPartitionQueries == 0, $"{name}: a list page makes no cross-partition query ({cost})");
                    Assert.True(cost.Operations <= PerItem * Page + 3 + allowance, $"{name}: more operations than the page bounds ({cost})");
                    Assert.True(cost.Items <= (PerItem + 1) * Page + 3 + allowance * Page + (budget == Budget.CappedListPage ? CountCap : 0),
                        $"{name}: reads more items than the page ({cost})");
                    break;
                case Budget.Search:
                    Assert.True(cost.CrossPartitionQueries <= 1, $"{name}: one capped cross-partition query at most ({cost})");
                    Assert.True(cost.Operations <= PerItem * Page + 3 + allowance, $"{name}: more operations than the page bounds ({cost})");
                    Assert.True(cost.Items <= (PerItem + 1) * Page + 3 + CountCap, $"{name}: reads more than the page and a capped count ({cost})");
                    break;
            }
        }
    }

    [Fact]
    public async Task The_header_counts_what_the_request_read()
    {
        var response = await data.Api.Get("/careers/users/me/", data.Reader.Access);
        response.Expect(HttpStatusCode.OK);
        var cost = Cost.Of(response);
        Assert.True(cost.Reads >= 1, cost.ToString());
        Assert.Equal(0, cost.Writes);
        Assert.True(cost.Items >= 1, cost.ToString());
        Assert.True(cost.RequestCharge > 0, cost.ToString());

        var post = await data.Api.Post("/careers/create/", new { content = "metered" }, data.Reader.Access);
        post.Expect(HttpStatusCode.Created);
        Assert.True(Cost.Of(post).Writes >= 1, Cost.Of(post).ToString());
    }

    [Fact]
    public async Task The_totals_are_tags_on_the_request_telemetry()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var stopped = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == traceId) stopped.Add(activity);
            },
        };
        ActivitySource.AddActivityListener(listener);

        var request = new HttpRequestMessage(HttpMethod.Get, "/careers/users/me/");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        var response = await data.Api.Send(request, data.Reader.Access);
        response.Expect(HttpStatusCode.OK);

        var cost = Cost.Of(response);
        await Eventually.True(() => !stopped.IsEmpty, "the request's activity did not stop", TimeSpan.FromSeconds(10));
        var activity = stopped.First();
        Assert.Equal(cost.Reads, activity.GetTagItem("cosmos.reads"));
        Assert.Equal(cost.Queries, activity.GetTagItem("cosmos.queries"));
        Assert.Equal(0, activity.GetTagItem("cosmos.cross_partition_queries"));
        Assert.Equal(0, activity.GetTagItem("cosmos.writes"));
        Assert.Equal(cost.Items, activity.GetTagItem("cosmos.items"));
    }

    /// <summary>The Server-Timing entry the app writes, parsed.</summary>
    public sealed record Cost(int Reads, int Queries, int CrossPartitionQueries, int Writes, int Items, double RequestCharge)
    {
        private static readonly Regex Entry = new(
            "^cosmos;dur=[0-9.]+;desc=\"reads=(\\d+) queries=(\\d+) xqueries=(\\d+) writes=(\\d+) items=(\\d+) ru=([0-9.]+)\"$");

        public int Operations => Reads + Queries + CrossPartitionQueries + Writes;

        public static Cost Of(ApiResponse response)
        {
            Assert.True(response.Raw.Headers.TryGetValues("Server-Timing", out var values), "no Server-Timing header");
            var match = Entry.Match(Assert.Single(values));
            Assert.True(match.Success, $"unexpected Server-Timing: {string.Join(", ", values)}");
            int At(int group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
            return new Cost(At(1), At(2), At(3), At(4), At(5), double.Parse(match.Groups[6].Value, CultureInfo.InvariantCulture));
        }

        public override string ToString() =>
            $"reads={Reads} queries={Queries} xqueries={CrossPartitionQueries} writes={Writes} items={Items}";
    }

    /// <summary>
    /// One app over a database of its own, grown from the small data set to the large one on demand. A reader in
    /// the authors' industry follows and is connected to every author, has a post every author liked and commented
    /// on, a conversation with many messages and many jobs. Ten fixed authors write last at each size, so the
    /// newest page of every list is the same page at both sizes.
    /// The relationships go through the services; the bulk (the authors' older posts with their timeline entries, and
    /// accounts that only fill the directory) is written straight through the store, as the services would store it,
    /// so that the large set is quick to make on the local server.
    /// </summary>
    public sealed class Data : IAsyncLifetime
    {
        /// <summary>Authors with every relationship to the reader, at the small size (ten times more at the large one).</summary>
        public const int SmallSize = 20;

        /// <summary>
        /// Older posts per author (200 posts at the small size, 2,000 at the large one): the local server slows down
        /// with every document it holds, and ten times the data is what the test is about.
        /// </summary>
        private const int PostsPerAuthor = 10;

        /// <summary>Accounts in the directory at the small size, authors included (2,000 at the large one).</summary>
        private const int AccountsPerSize = 200;

        private const string Industry = "agriculture";

        private readonly TestApp _app = new();
        private readonly List<Account> _authors = [];
        private int _accounts;
        private long _post, _chat;

        public ApiClient Api { get; private set; } = null!;
        public TestUser Reader { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Api = _app.Api();
            Reader = await Api.Register("budget", first: "budget");
            await Service<AccountService>().SetIndustryAsync(Reader.Id, Industry, "professional");
            // A profile with entries of each kind, all of which the one read of the own profile shows.
            var entries = Service<CareerNexus.Profiles.ProfileEntryService>();
            await entries.AddExperienceAsync(Reader.Id, new("Analyst", "Budget Ltd", "2020-01-01", "Present", "Lagos", "Onsite", "Counted reads."));
            await entries.AddEducationAsync(Reader.Id, new("Maths", "Uni", "2010-09-01", "2014-06-30", "Lagos", ""));
            await entries.AddCertificationAsync(Reader.Id, new("Cloud", "Coursera", "2023-07-04", "", ""));
            _post = (await Service<PostService>().CreateAsync(Reader.Id, new NewPost("budget hot post", null))).Post.PostId;
            var templates = Routes.Select(row => (string)row[2]).ToList();
            await GrowAsync(SmallSize, AccountsPerSize);
            var small = new Dictionary<string, Cost>();
            foreach (var template in templates)
                if (await MeasureAsync(template) is { } cost) small[template] = cost;
            var started = Stopwatch.GetTimestamp();
            await GrowAsync(SmallSize * 10, AccountsPerSize * 10);
            Console.WriteLine($"[budget] the large data set took {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s to write");
            foreach (var template in templates)
                if (await MeasureAsync(template) is { } cost && small.TryGetValue(template, out var before)) Costs[template] = (before, cost);
        }

        public Task DisposeAsync()
        {
            _app.Dispose();
            return Task.CompletedTask;
        }

        /// <summary>Each route's cost over the small data set and over the large one.</summary>
        public Dictionary<string, (Cost Small, Cost Large)> Costs { get; } = [];

        /// <summary>Routes that did not answer 200 with a Server-Timing header, and what they answered.</summary>
        public Dictionary<string, string> Failures { get; } = [];

        private async Task<Cost?> MeasureAsync(string template)
        {
            var path = template
                .Replace("{post}", _post.ToString(CultureInfo.InvariantCulture))
                .Replace("{chat}", _chat.ToString(CultureInfo.InvariantCulture))
                .Replace("{reader}", Reader.Username)
                .Replace("{authors}", string.Join(',', _authors.Take(FixedAuthors).Select(a => a.Username)));
            var response = await Api.Get(path, Reader.Access);
            try
            {
                response.Expect(HttpStatusCode.OK);
                return Cost.Of(response);
            }
            catch (Exception e) when (e is Xunit.Sdk.XunitException)
            {
                Failures.TryAdd(template, $"{path} after {_authors.Count} authors: {e.Message}");
                return null;
            }
        }

        private async Task GrowAsync(int authors, int accounts)
        {
            var service = Service<AccountService>();
            var newcomers = await Parallel(Enumerable.Range(_authors.Count, authors - _authors.Count), async i =>
            {
                var username = $"budget{i}x{Guid.NewGuid():N}"[..24];
                var account = await service.RegisterAsync(new NewAccount(username, $"{username}@example.com", "Budget-pass-42",
                    "budget", $"Author{i}", "budget bio"));
                return await service.SetIndustryAsync(account.UserId, Industry, "professional");
            });
            _authors.AddRange(newcomers);
            var fixedAuthors = _authors.Take(FixedAuthors).ToList();

            // Follows first, while the newcomers have no posts: the older posts below go into the reader's
            // following timeline directly, as the posts queue's fan-out would write them.
            await Parallel(newcomers, async author =>
            {
                await Service<FollowService>().FollowAsync(Reader.Id, author.UserId);
                await Service<FollowService>().FollowAsync(author.UserId, Reader.Id);
                await Service<PostActivityService>().LikeAsync(author.UserId, _post);
                var comment = await Service<PostActivityService>().CommentAsync(author.UserId, _post, "budget comment");
                await Service<PostActivityService>().ReplyAsync(Reader.Id, comment.Activity.ActivityId, "budget reply");
                var request = await Service<ConnectionService>().RequestAsync(author.UserId, Reader.Id);
                await Service<ConnectionService>().DecideAsync(Reader.Id, request.Id, ConnectionDecision.Accept);
                var chat = await Service<ConversationService>().StartOrGetConversationAsync(Reader.Id, author.UserId);
                await Service<ConversationService>().SendMessageAsync(chat.ChatId, author.UserId, "budget hello", null);
                await Service<JobService>().CreateAsync(Reader.Id, Job("budget mine"));
                return 0;
            }, degree: 4); // every one of these changes a counter of the reader's account: few at once, as real traffic would

            await Parallel(newcomers.SelectMany(author => Enumerable.Range(0, PostsPerAuthor), (author, n) => (author, n)),
                item => WriteOlderPostAsync(item.author, item.n));
            var timelines = Service<TimelineStore>();
            await Parallel(newcomers.Select(a => TimelineStore.Author(a.UserId))
                    .Concat([TimelineStore.Industry(Industry), TimelineStore.Following(Reader.Id)]),
                async timeline =>
                {
                    await timelines.RecountAsync(timeline, default);
                    return 0;
                });

            await Parallel(Enumerable.Range(_accounts, Math.Max(0, accounts - _authors.Count - _accounts)), WriteDirectoryAccountAsync);
            _accounts = Math.Max(_accounts, accounts - _authors.Count);

            // One long conversation, with a message per author.
            var conversations = Service<ConversationService>();
            var longChat = await conversations.StartOrGetConversationAsync(Reader.Id, fixedAuthors[0].UserId);
            _chat = longChat.ChatId;
            await Parallel(newcomers, async author =>
                (await conversations.SendMessageAsync(_chat, Reader.Id, $"budget message {author.UserId}", null)).Id);

            // Written last, one at a time: the newest page of each list.
            foreach (var author in fixedAuthors)
            {
                await Service<PostService>().CreateAsync(author.UserId, new NewPost("budget newest", null));
                await Service<JobService>().CreateAsync(author.UserId, Job("budget theirs"));
                await conversations.SendMessageAsync((await conversations.StartOrGetConversationAsync(Reader.Id, author.UserId)).ChatId,
                    author.UserId, "budget newest", null);
            }
        }

        /// <summary>An older post of the author, counted, in the timelines the posts queue would have put it in.</summary>
        private async Task<int> WriteOlderPostAsync(Account author, int n)
        {
            var postId = await Service<CareerNexus.Storage.IdAllocator>().NextAsync("posts");
            var at = DateTimeOffset.UtcNow.AddDays(-1).AddSeconds(-postId);
            var post = new Post
            {
                Id = PostService.Key(postId), PostId = postId, AuthorId = author.UserId, AuthorUsername = author.Username,
                AuthorIndustry = Industry, Content = $"budget post {n}", CreatedAt = at, UpdatedAt = at, Counted = true,
            };
            post.RefreshSearchText();
            var store = _app.Store;
            await store.TryCreateAsync(CareerNexus.Storage.Containers.Posts, post, post.Id);
            foreach (var timeline in new[] { TimelineStore.Author(author.UserId), TimelineStore.Industry(Industry), TimelineStore.Following(Reader.Id) })
            {
                var entry = TimelineEntry.Of(post);
                entry.Id = "post:" + post.Id;
                entry.Partition = timeline;
                entry.Fact = Guid.NewGuid().ToString("N");
                entry.Counted = true;
                await store.TryCreateAsync(CareerNexus.Storage.Containers.Timelines, entry, timeline);
            }
            return 0;
        }

        /// <summary>An active account of the directory that takes part in nothing else.</summary>
        private async Task<int> WriteDirectoryAccountAsync(int n)
        {
            var userId = await Service<CareerNexus.Storage.IdAllocator>().NextAsync("accounts");
            var account = new Account
            {
                Id = userId.ToString(CultureInfo.InvariantCulture), UserId = userId, Username = $"budgetdir{n}", Email = $"budgetdir{n}@example.com",
                FirstName = "budget", LastName = $"Directory{n}", Bio = "budget bio", IsActive = true, Industry = Industry,
                CreatedAt = DateTimeOffset.UtcNow.AddDays(-2),
            };
            account.RefreshKeys();
            await _app.Store.TryCreateAsync(CareerNexus.Storage.Containers.Accounts, account, account.Id);
            return 0;
        }

        private static NewJob Job(string title) =>
            new(title, "Budget Ltd", "full_time", "remote", "Nigeria", "1000", "overview", "description", "mid");

        private T Service<T>() where T : notnull => _app.Services.GetRequiredService<T>();

        private static async Task<List<TOut>> Parallel<TIn, TOut>(IEnumerable<TIn> items, Func<TIn, Task<TOut>> work, int degree = 16)
        {
            using var slots = new SemaphoreSlim(degree);
            return (await Task.WhenAll(items.Select(async item =>
            {
                await slots.WaitAsync();
                try
                {
                    return await work(item);
                }
                finally
                {
                    slots.Release();
                }
            }))).ToList();
        }
    }
}
