using System.Globalization;
using System.Net;
using CareerNexus.Assistant;
using CareerNexus.Resumes;
using CareerNexus.Storage;
using CareerNexus.TalentProfiles;
using CareerNexus.Tests.Budgets;
using CareerNexus.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace CareerNexus.Tests.Talent;

/// <summary>
/// The Cosmos budget of the assistant routes, over a database of their own grown from 20 to 200 profiles, threads and jobs,
/// with the conversation under test grown from a few turns to more than it keeps: the resume chat and the coach are the
/// caller's account, the profile (with an employer's notes, one query of their organization's partition) and the thread read
/// and written back; the coach adds one capped cross-partition query of the open jobs, the agent search one capped
/// cross-partition query of the profiles (a search: at most 1,000 profiles read). None grows with the threads or the turns.
/// </summary>
public sealed class TalentAssistantBudgetTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Small = 20;
    private const int Large = 200;
    private readonly TestApp _app = new();
    private ApiClient _api = null!;

    public Task InitializeAsync()
    {
        _api = _app.Api();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_assistant_routes_cost_the_same_whatever_the_threads_turns_and_profiles()
    {
        var (owner, slug) = await _app.ProfileWithResume(AssistantSamples.AliceResume());
        var (employer, _) = await _app.Employer();
        await _api.CreateNote(employer, slug, "Strong Python");
        string? ownerThread = null, employerThread = null, coachThread = null, agentThread = null;
        var costs = new Dictionary<string, List<CosmosBudgetTests.Cost>>();
        var seeded = 0;
        var turns = 0;
        foreach (var size in new[] { Small, Large })
        {
            // `size` more profiles, threads of others and open jobs; the conversations under test get turns up to `size` / 4.
            await Task.WhenAll(Enumerable.Range(seeded, size - seeded).Select(async i =>
            {
                await SeedProfileAsync(i);
                await SeedThreadAsync(i);
                await SeedJobAsync(i);
            }));
            seeded = size;
            for (; turns < size / 4; turns++)
            {
                ownerThread = await Thread(_api.Ask(AssistantProfiles.Prompt, slug, "What are her skills?", owner.Access, ownerThread));
                employerThread = await Thread(_api.Ask(AssistantProfiles.Prompt, slug, "What are her skills?", employer.Access, employerThread));
                coachThread = await Thread(_api.Ask(AssistantProfiles.Coach, slug, "What should I learn?", owner.Access, coachThread));
                agentThread = await Thread(_api.Post(AssistantProfiles.Agent, agentThread is null
                    ? new { query = "Python developers" } : new { query = "Python developers", thread_id = agentThread }, employer.Access));
            }
            foreach (var (name, send, ops) in new (string, Func<Task<ApiResponse>>, int)[]
                     {
                         ("resume chat, candidate's thread", () => _api.Ask(AssistantProfiles.Prompt, slug, "How many years of Python?", owner.Access, ownerThread), 4),
                         ("resume chat, no token, new thread", () => _api.Ask(AssistantProfiles.Prompt, slug, "How many years of Python?"), 2),
                         ("resume chat, employer's thread", () => _api.Ask(AssistantProfiles.Prompt, slug, "Any notes?", employer.Access, employerThread), 5),
                         ("career coach, candidate's thread", () => _api.Ask(AssistantProfiles.Coach, slug, "What should I learn?", owner.Access, coachThread), 5),
                         ("agent search, employer's thread", () => _api.Post(AssistantProfiles.Agent, new { query = "Python developers", thread_id = agentThread },
                             employer.Access), 4),
                     })
            {
                var response = (await send()).Expect(HttpStatusCode.OK);
                var cost = CosmosBudgetTests.Cost.Of(response);
                Assert.True(cost.Operations <= ops, $"{name}: at most {ops} operations, not {cost}");
                Assert.True(cost.CrossPartitionQueries <= (name.StartsWith("resume", StringComparison.Ordinal) ? 0 : 1), $"{name}: {cost}");
                costs.TryAdd(name, []);
                costs[name].Add(cost);
            }
        }
        foreach (var (name, pair) in costs)
        {
            output.WriteLine($"{name}: {pair[0]} with {Small} / {pair[1]} with {Large}");
            Assert.True(pair[0].Operations == pair[1].Operations, $"{name}: {pair[0]} with {Small}, {pair[1]} with {Large}");
        }
    }

    private static async Task<string> Thread(Task<ApiResponse> sent) => (await sent).Expect(HttpStatusCode.OK)["thread_id"].GetString()!;

    private Task SeedProfileAsync(int n)
    {
        var slug = $"budget-{n}-{Guid.NewGuid():N}"[..30];
        var profile = AssistantSamples.Profile(1_000_000 + n, slug,
            AssistantSamples.Resume($"Budget {n}", ["Python", "Django", "Docker"], "2018-01", "Paris, France"), isPublic: n % 2 == 0);
        profile.Kind = TalentProfile.Type;
        profile.CreatedAt = profile.UpdatedAt = DateTimeOffset.UtcNow;
        return _app.Store.UpsertAsync(Containers.TalentProfiles, profile, profile.Partition);
    }

    private Task SeedThreadAsync(int n)
    {
        var key = "thread:budget-" + n.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N");
        return _app.Store.UpsertAsync(Containers.AssistantThreads, new AssistantThread
        {
            Id = key, Partition = key, Kind = AssistantKinds.ResumeChat, CallerId = 42, Slug = "someone", SubjectUserId = 43,
            Turns = [new ThreadTurn("What are her skills?", "Python.", DateTimeOffset.UtcNow)], TurnCount = 1, CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow, Ttl = 3600,
        }, key);
    }

    private Task SeedJobAsync(int n)
    {
        var id = Random.Shared.NextInt64(1L << 40, 1L << 50);
        var now = DateTimeOffset.UtcNow;
        var job = new Jobs.Job(Jobs.JobService.Key(id), id, 1, $"Data Engineer {n}", "Budget Org", "full_time", "remote", "France", "", "Pipelines",
            "Pipelines with Spark", "others", "mid", now)
        {
            Posting = new Jobs.JobPosting(1, Jobs.TalentJobService.DefaultCategory, 1, $"budget-job-{id}", "Paris, France", 50_000, 70_000, [], [],
                ["Python", "Spark", "Airflow"], IsActive: true, now) { ExperienceLevel = "mid" },
        };
        return _app.Store.UpsertAsync(Containers.Jobs, job, job.Id);
    }
}
