using System.Net;
using System.Text.Json;
using CareerNexus.Tests.Support;
using Xunit;

namespace CareerNexus.Tests.Talent;

/// <summary>
/// With Azure OpenAI configured, the assistants phrase their answers with it: a local listener stands in for the chat
/// completions endpoint of a deployment, checks what it is sent (the key, the facts the caller may see, the platform's own
/// answer, the thread's earlier turns) and answers, fails or stalls; a failure or a stall gives the platform's answer.
/// </summary>
public sealed class TalentAssistantModelTests : IAsyncLifetime
{
    private const string Deployment = "career-chat";
    private const string Key = "test-openai-key";

    private readonly RecordingHttpServer _openAi = new(HttpStatusCode.OK);
    private TestApp _app = null!;
    private ApiClient _api = null!;

    public Task InitializeAsync()
    {
        _app = new TestApp(settings: new Dictionary<string, string?>
        {
            ["CareerNexus:Assistant:OpenAIEndpoint"] = _openAi.Url,
            ["CareerNexus:Assistant:OpenAIDeployment"] = Deployment,
            ["CareerNexus:Assistant:OpenAIKey"] = Key,
            ["CareerNexus:Assistant:OpenAITimeoutSeconds"] = "2",
        });
        _api = _app.Api();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _openAi.Dispose();
    }

    private static string Completion(string content) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-1", @object = "chat.completion", created = 1_700_000_000, model = "gpt-4o-mini",
        choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
        usage = new { prompt_tokens = 100, completion_tokens = 20, total_tokens = 120 },
    });

    [Fact]
    public async Task Answers_are_phrased_by_the_deployment_from_the_facts_the_caller_may_see()
    {
        var (owner, slug) = await _app.ProfileWithResume(AssistantSamples.AliceResume());
        _openAi.ResponseBody = Completion("From the model: Alice works mostly with Python and Django.");

        var first = (await _api.Ask(AssistantProfiles.Prompt, slug, "What are this candidate's key skills?")).Expect(HttpStatusCode.OK);
        Assert.Equal("From the model: Alice works mostly with Python and Django.", first["output"].GetString());
        var request = _openAi.Requests.Last();
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/openai/deployments/{Deployment}/chat/completions", request.Path);
        Assert.Contains("api-version=", request.Query);
        Assert.Equal(Key, request.Header("api-key"));
        var sent = JsonDocument.Parse(request.Body).RootElement;
        var messages = sent.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal("system", messages[0].GetProperty("role").GetString());
        var system = messages[0].GetProperty("content").GetString()!;
        Assert.Contains("Université Paris-Saclay", system);
        Assert.Contains("Platform's answer: Alice's key skills are Python, Django", system);
        // Asked without a token: the facts sent hold no contact details.
        Assert.DoesNotContain("alice.martin@example.com", request.Body);
        Assert.DoesNotContain("+33 6 12", request.Body);
        Assert.Equal("What are this candidate's key skills?", messages[^1].GetProperty("content").GetString());

        // A follow-up sends the thread's earlier turn; the owner's facts hold the contact details.
        _openAi.ResponseBody = Completion("From the model: about ten years.");
        var next = (await _api.Ask(AssistantProfiles.Prompt, slug, "How many years of Python?", owner.Access)).Expect(HttpStatusCode.OK);
        var owners = next["thread_id"].GetString();
        (await _api.Ask(AssistantProfiles.Prompt, slug, "and of Django?", owner.Access, owners)).Expect(HttpStatusCode.OK);
        var followUp = _openAi.Requests.Last();
        Assert.Contains("alice.martin@example.com", followUp.Body);
        var turns = JsonDocument.Parse(followUp.Body).RootElement.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("content").GetString()).ToList();
        Assert.Equal(["How many years of Python?", "From the model: about ten years.", "and of Django?"], turns.Skip(1));

        // The agent's reasoning too; its candidates stay the platform's ranking.
        _openAi.ResponseBody = Completion("From the model: one Django developer found, Alice.");
        var agent = (await _api.Post(AssistantProfiles.Agent, new { query = "Django developers" })).Expect(HttpStatusCode.OK);
        Assert.Equal("From the model: one Django developer found, Alice.", agent["results"].GetProperty("reasoning").GetString());
        Assert.Equal(slug, agent["results"].GetProperty("candidates")[0].GetProperty("slug").GetString());
        Assert.Contains("Criteria understood: role: django developers", _openAi.Requests.Last().Body);
    }

    [Fact]
    public async Task A_failing_or_stalled_deployment_gives_the_platform_s_own_answer()
    {
        var (_, slug) = await _app.ProfileWithResume(AssistantSamples.AliceResume());
        var before = _openAi.Requests.Count;
        _openAi.Answers.Enqueue(HttpStatusCode.InternalServerError);
        var failed = (await _api.Ask(AssistantProfiles.Prompt, slug, "Where did she study?")).Expect(HttpStatusCode.OK)["output"].GetString()!;
        Assert.StartsWith("Alice studied: Master in Computer Science at Université Paris-Saclay", failed);
        Assert.Equal(before + 1, _openAi.Requests.Count);

        _openAi.Answers.Enqueue(HttpStatusCode.TooManyRequests);
        Assert.StartsWith("Alice studied:", (await _api.Ask(AssistantProfiles.Prompt, slug, "Where did she study?")).Expect(HttpStatusCode.OK)["output"].GetString());

        _openAi.ResponseBody = "{\"choices\": \"not what a completion looks like\"}";
        Assert.StartsWith("Alice studied:", (await _api.Ask(AssistantProfiles.Prompt, slug, "Where did she study?")).Expect(HttpStatusCode.OK)["output"].GetString());

        // Slower than the 2 s allowed.
        _openAi.Responder = _ =>
        {
            Thread.Sleep(TimeSpan.FromSeconds(4));
            return (HttpStatusCode.OK, Completion("Too late."));
        };
        var stalled = (await _api.Ask(AssistantProfiles.Coach, slug, "What career path would you recommend for me?")).Expect(HttpStatusCode.OK)["output"].GetString()!;
        Assert.StartsWith("Based on your experience", stalled);
        _openAi.Responder = null;
    }
}

/// <summary>The assistants' per-IP limit, on an app of its own with a small one: over it, 429 with Retry-After in document 004's shape.</summary>
public sealed class TalentAssistantLimitTests : IAsyncLifetime
{
    private readonly TestApp _app = new(settings: new Dictionary<string, string?> { ["CareerNexus:Assistant:RequestsPerIpPerMinute"] = "3" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_three_routes_share_a_per_ip_limit()
    {
        var api = _app.Api();
        (await api.Post(AssistantProfiles.Agent, new { query = "Python developers" })).Expect(HttpStatusCode.OK);
        (await api.Post(AssistantProfiles.Prompt, new { input_text = "Skills?", resume_slug = "nobody-abc123" })).ExpectTalentError(HttpStatusCode.NotFound);
        (await api.Post(AssistantProfiles.Coach, new { input_text = "Path?", resume_slug = "nobody-abc123" })).ExpectTalentError(HttpStatusCode.NotFound);
        var refused = (await api.Post(AssistantProfiles.Agent, new { query = "Python developers" })).ExpectTalentError(HttpStatusCode.TooManyRequests);
        refused.ExpectRetryAfter(60);
        Assert.Contains("Too many assistant", refused["detail"].GetString());
        // Other routes are not counted against it.
        (await api.Get("/api/channels/skills/")).Expect(HttpStatusCode.OK);
    }
}
