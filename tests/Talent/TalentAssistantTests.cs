using System.Net;
using CareerNexus.Resumes;
using CareerNexus.TalentProfiles;
using CareerNexus.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CareerNexus.Tests.Talent;

/// <summary>Profiles with a known resume, as its parsing would leave them, for the assistant's tests.</summary>
public static class AssistantProfiles
{
    public const string Prompt = "/api/candidates/prompt/";
    public const string Coach = "/api/candidates/career-coach/";
    public const string Agent = "/api/channels/agent/";

    /// <summary>A new candidate's profile (made through its route with the fields) holding the resume as parsed data.</summary>
    public static async Task<(TestUser User, string Slug)> ProfileWithResume(this TestApp app, ResumeData resume, object? fields = null)
    {
        var (user, slug) = await app.CandidateWithProfile(fields ?? new { is_available = true, is_public = true });
        await app.Services.GetRequiredService<TalentProfileStore>().ChangeAsync(slug, profile =>
        {
            profile.ResumeData = resume;
            profile.ParsingStatus = ParsingStatuses.Parsed;
            profile.UpdatedAt = DateTimeOffset.UtcNow;
            return profile;
        });
        return (user, slug);
    }

    public static Task<ApiResponse> Ask(this ApiClient api, string route, string slug, string question, string? token = null, string? thread = null) =>
        api.Post(route, thread is null ? new { input_text = question, resume_slug = slug } : new { input_text = question, resume_slug = slug, thread_id = thread },
            token);
}

/// <summary>
/// The resume chat and the career coach through HTTP on the shared app: answers naming the resume's facts, conversations
/// continued by thread and refused to anyone else, who may ask about which profile and see what, and bad input in document
/// 004's error shape.
/// </summary>
public sealed class TalentAssistantTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private readonly TestApp _app = fixture.App;
    private readonly ApiClient _api = fixture.App.Api();

    private static string Output(ApiResponse response) => response.Expect(HttpStatusCode.OK)["output"].GetString()!;

    private static void Has(string part, string text) => Assert.True(text.Contains(part, StringComparison.Ordinal), $"Not found: {part}\nIn: {text}");

    [Fact]
    public async Task The_resume_chat_answers_from_the_resume_s_facts_and_continues_its_thread()
    {
        var (owner, slug) = await _app.ProfileWithResume(AssistantSamples.AliceResume());
        var skills = (await _api.Ask(AssistantProfiles.Prompt, slug, "What are this candidate's key skills?", owner.Access)).Expect(HttpStatusCode.OK);
        Has("Python", skills["output"].GetString()!);
        Has("Django", skills["output"].GetString()!);
        var thread = skills["thread_id"].GetString()!;
        Assert.Equal(43, thread.Length);

        Has("years with Python", Output(await _api.Ask(AssistantProfiles.Prompt, slug, "How many years of Python?", owner.Access, thread)));
        Has("Master in Computer Science at Université Paris-Saclay", Output(await _api.Ask(AssistantProfiles.Prompt, slug, "Where did she study?", owner.Access, thread)));
        Has("Yes, a strong fit for a senior Django role", Output(await _api.Ask(AssistantProfiles.Prompt, slug, "Is he a fit for a senior Django role?", owner.Access, thread)));

        // A follow-up reads the skill of the turn before, in the same thread only.
        var django = await _api.Ask(AssistantProfiles.Prompt, slug, "Does she know Django?", owner.Access, thread);
        Assert.Equal(thread, django.Expect(HttpStatusCode.OK)["thread_id"].GetString());
        Has("years with Django", Output(await _api.Ask(AssistantProfiles.Prompt, slug, "and how many years of that?", owner.Access, thread)));
        Has("years of work experience", Output(await _api.Ask(AssistantProfiles.Prompt, slug, "and how many years of that?", owner.Access)));

        var stored = await _app.Store.QueryListAsync<Assistant.AssistantThread>(Storage.Containers.AssistantThreads,
            new Microsoft.Azure.Cosmos.QueryDefinition("SELECT * FROM c WHERE c.slug = @slug AND c.caller_id = @owner").WithParameter("@slug", slug)
                .WithParameter("@owner", owner.Id));
        Assert.Contains(stored, t => t.TurnCount == 6 && t.Turns[^1].Input == "and how many years of that?" && t.Context.Skills.SequenceEqual(["Django"]));
        Assert.DoesNotContain(stored, t => t.Id.Contains(thread, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_caller_s_thread_is_refused()
    {
        var (owner, slug) = await _app.ProfileWithResume(AssistantSamples.AliceResume());
        var (_, otherSlug) = await _app.ProfileWithResume(AssistantSamples.AliceResume(" Bis"));
        var (employer, _) = await _app.Employer();
        var owners = (await _api.Ask(AssistantProfiles.Prompt, slug, "What are her skills?", owner.Access)).Expect(HttpStatusCode.OK)["thread_id"].GetString()!;

        (await _api.Ask(AssistantProfiles.Prompt, slug, "and her education?", employer.Access, owners)).ExpectTalentError(HttpStatusCode.Forbidden);
        (await _api.Ask(AssistantProfiles.Prompt, slug, "and her education?", null, owners)).ExpectTalentError(HttpStatusCode.Forbidden);
        // A thread is one assistant's: the coach does not know the chat's.
        (await _api.Ask(AssistantProfiles.Coach, slug, "and her education?", owner.Access, owners)).ExpectTalentError(HttpStatusCode.NotFound);

        // A thread started without a token belongs to no account, and to its profile.
        var anonymous = (await _api.Ask(AssistantProfiles.Prompt, slug, "What are her skills?")).Expect(HttpStatusCode.OK)["thread_id"].GetString()!;
        Has("Université Paris-Saclay", Output(await _api.Ask(AssistantProfiles.Prompt, slug, "Where did she study?", null, anonymous)));
        (await _api.Ask(AssistantProfiles.Prompt, slug, "Where did she study?", owner.Access, anonymous)).ExpectTalentError(HttpStatusCode.Forbidden);
        (await _api.Ask(AssistantProfiles.Prompt, otherSlug, "Where did she study?", null, anonymous)).ExpectTalentError(HttpStatusCode.Forbidden);

        // An id that names no thread, and one that cannot be an id.
        (await _api.Ask(AssistantProfiles.Prompt, slug, "Where did she study?", null, new string('A', 43))).ExpectTalentError(HttpStatusCode.NotFound);
        var malformed = (await _api.Ask(AssistantProfiles.Prompt, slug, "Where did she study?", null, "thread-uuid-123")).ExpectTalentError(HttpStatusCode.BadRequest);
        Assert.True(malformed["fields"].TryGetProperty("thread_id", out _));

        // The owner's own thread still answers.
        Has("Université Paris-Saclay", Output(await _api.Ask(AssistantProfiles.Prompt, slug, "and her education?", owner.Access, owners)));
    }

    [Fact]
    public async Task Who_may_ask_about_which_profile_and_see_what()
    {
        var (owner, slug) = await _app.ProfileWithResume(AssistantSamples.AliceResume(), new { is_available = true, is_public = false });
        var (employer, _) = await _app.Employer();
        var stranger = await _app.TalentUser();
        const string email = "What is her email?";

        // Not public: its candidate and employers only.
        Has("alice.martin@example.com", Output(await _api.Ask(AssistantProfiles.Prompt, slug, email, owner.Access)));
        Has("alice.martin@example.com", Output(await _api.Ask(AssistantProfiles.Prompt, slug, email, employer.Access)));
        (await _api.Ask(AssistantProfiles.Prompt, slug, email)).ExpectTalentError(HttpStatusCode.NotFound);
        (await _api.Ask(AssistantProfiles.Prompt, slug, email, stranger.Access)).ExpectTalentError(HttpStatusCode.NotFound);
        (await _api.Ask(AssistantProfiles.Coach, slug, "What should I learn next?")).ExpectTalentError(HttpStatusCode.NotFound);

        // Public: anyone, without contact details (and no notes).
        (await _api.Patch($"{TalentCandidates.ProfilesRoute}/{slug}/", new { is_public = true }, owner.Access)).Expect(HttpStatusCode.OK);
        await _api.CreateNote(employer, slug, "Strong Python, call back in May");
        foreach (var token in new[] { null, stranger.Access })
        {
            var hidden = Output(await _api.Ask(AssistantProfiles.Prompt, slug, "How can I contact her? Her phone, LinkedIn?", token));
            Has("Contact details are shown only to Alice and to signed-in employers", hidden);
            Assert.DoesNotContain("alice.martin", hidden);
            Assert.DoesNotContain("+33", hidden);
            Has("no notes", Output(await _api.Ask(AssistantProfiles.Prompt, slug, "Show me the notes on her profile", token)));
            Has("Based on your experience", Output(await _api.Ask(AssistantProfiles.Coach, slug, "What career path would you recommend for me?", token)));
        }
        Has("Strong Python, call back in May", Output(await _api.Ask(AssistantProfiles.Prompt, slug, "Show me the notes on her profile", employer.Access)));
        Has("+33 6 12 34 56 78", Output(await _api.Ask(AssistantProfiles.Prompt, slug, "What is her phone number?", employer.Access)));

        // Unavailable: employers no longer reach it (but anyone still reaches it while it is public).
        (await _api.Patch($"{TalentCandidates.ProfilesRoute}/{slug}/", new { is_available = false, is_public = false }, owner.Access)).Expect(HttpStatusCode.OK);
        (await _api.Ask(AssistantProfiles.Prompt, slug, email, employer.Access)).ExpectTalentError(HttpStatusCode.NotFound);
        Has("alice.martin@example.com", Output(await _api.Ask(AssistantProfiles.Prompt, slug, email, owner.Access)));
    }

    [Fact]
    public async Task A_token_that_is_sent_must_be_valid_and_a_cookie_needs_its_csrf_header()
    {
        var (_, slug) = await _app.ProfileWithResume(AssistantSamples.AliceResume());
        (await _api.Ask(AssistantProfiles.Prompt, slug, "What are her skills?", "not-a-token")).ExpectTalentError(HttpStatusCode.Unauthorized);
        (await _api.Post(AssistantProfiles.Agent, new { query = "Python developers" }, "not-a-token")).ExpectTalentError(HttpStatusCode.Unauthorized);

        var browser = new TalentBrowser(_app);
        await browser.SignUpAndVerify();
        (await browser.Post(AssistantProfiles.Prompt, new { input_text = "What are her skills?", resume_slug = slug }, csrf: false))
            .ExpectTalentError(HttpStatusCode.Forbidden);
        Has("Python", (await browser.Post(AssistantProfiles.Prompt, new { input_text = "What are her skills?", resume_slug = slug }))
            .Expect(HttpStatusCode.OK)["output"].GetString()!);
    }

    [Fact]
    public async Task Bad_input_is_answered_in_document_004_s_error_shape()
    {
        var (owner, slug) = await _app.ProfileWithResume(AssistantSamples.AliceResume());
        foreach (var route in new[] { AssistantProfiles.Prompt, AssistantProfiles.Coach })
        {
            var missing = (await _api.Post(route, new { }, owner.Access)).ExpectTalentError(HttpStatusCode.BadRequest);
            Assert.True(missing["fields"].TryGetProperty("input_text", out _) && missing["fields"].TryGetProperty("resume_slug", out _), missing.Body.ToString());
            (await _api.Post(route, new { input_text = 42, resume_slug = slug }, owner.Access)).ExpectTalentError(HttpStatusCode.BadRequest);
            (await _api.Post(route, new { input_text = "  ", resume_slug = slug }, owner.Access)).ExpectTalentError(HttpStatusCode.BadRequest);
            (await _api.Post(route, new { input_text = new string('x', 2001), resume_slug = slug }, owner.Access)).ExpectTalentError(HttpStatusCode.BadRequest);
            (await _api.Post(route, new { input_text = "Skills?", resume_slug = "no-such-profile" }, owner.Access)).ExpectTalentError(HttpStatusCode.NotFound);
            (await _api.Post(route, new { input_text = "Skills?", resume_slug = "../../etc" }, owner.Access)).ExpectTalentError(HttpStatusCode.NotFound);
            (await _api.PostRaw(route, "{\"input_text\":", owner.Access)).ExpectTalentError(HttpStatusCode.BadRequest);
        }
        (await _api.Post(AssistantProfiles.Agent, new { }, owner.Access)).ExpectTalentError(HttpStatusCode.BadRequest);
        (await _api.Post(AssistantProfiles.Agent, new { query = new[] { "Python" } })).ExpectTalentError(HttpStatusCode.BadRequest);
        (await _api.Post(AssistantProfiles.Agent, new { query = "Python", thread_id = 7 })).ExpectTalentError(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_profile_without_resume_data_says_so()
    {
        var (owner, slug) = await _app.CandidateWithProfile(new { is_available = true });
        Has("no resume data yet", Output(await _api.Ask(AssistantProfiles.Prompt, slug, "What are my skills?", owner.Access)));
        Has("no resume data yet", Output(await _api.Ask(AssistantProfiles.Coach, slug, "What should I learn?", owner.Access)));
    }
}
