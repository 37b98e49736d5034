using System.Net;
using CareerNexus.Tests.Recruitment;
using CareerNexus.Tests.Support;
using Xunit;

namespace CareerNexus.Tests.Talent;

/// <summary>
/// The agent search and the career coach over a database of their own (so that the profiles and the jobs are exactly those
/// made here): the criteria understood, the ranking of hand-made profiles in the obvious order, who sees which profiles and
/// their contact details, follow-ups in a thread, and coaching that names the gaps against jobs posted through the routes.
/// </summary>
public sealed class TalentAgentSearchTests : IAsyncLifetime
{
    private readonly TestApp _app = new();
    private ApiClient _api = null!;

    public Task InitializeAsync()
    {
        _api = _app.Api();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static void Has(string part, string text) => Assert.True(text.Contains(part, StringComparison.Ordinal), $"Not found: {part}\nIn: {text}");

    private Task<(TestUser User, string Slug)> Candidate(string name, string[] skills, string start, string location, string[] workModes, bool relocate = true,
        bool isPublic = true, bool available = true) =>
        _app.ProfileWithResume(AssistantSamples.Resume(name, skills, start, location) with { Email = name.Split(' ')[0].ToLowerInvariant() + "@example.com" },
            new { is_available = available, is_public = isPublic, work_mode_preferences = workModes, willing_to_relocate = relocate, has_workvisa = true });

    private static List<string> Names(ApiResponse response) =>
        response.Expect(HttpStatusCode.OK)["results"].GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToList();

    [Fact]
    public async Task The_agent_ranks_available_profiles_by_the_criteria_understood_and_hides_contact_details_from_anonymous_callers()
    {
        var year = DateTime.UtcNow.Year;
        await Candidate("Ann Berlin", ["Python", "Django"], $"{year - 8}-01", "Berlin, Germany", ["remote"]);
        await Candidate("Bob Python", ["Python"], $"{year - 7}-01", "Madrid, Spain", ["remote"]);
        await Candidate("Cleo Junior", ["Python", "Django"], $"{year - 2}-01", "Rome, Italy", ["remote"]);
        await Candidate("Dan Office", ["Python", "Django"], $"{year - 9}-01", "Paris, France", ["onsite"]);
        await Candidate("Eve Java", ["Java"], $"{year - 12}-01", "Paris, France", ["remote"]);
        await Candidate("Finn Lyon", ["Python", "Django"], $"{year - 10}-01", "Lyon, France", ["remote"], relocate: false);
        await Candidate("Gus Paris", ["Python", "Django"], $"{year - 12}-01", "Paris, France", ["remote"], relocate: false);
        await Candidate("Hal Away", ["Python", "Django"], $"{year - 14}-01", "Paris, France", ["remote"], available: false);
        await Candidate("Ida Private", ["Python", "Django"], $"{year - 11}-01", "Paris, France", ["remote"], isPublic: false);
        var (employer, _) = await _app.Employer();
        const string query = "5+ years of Python and Django, remote, willing to relocate to Paris";

        var anonymous = (await _api.Post(AssistantProfiles.Agent, new { query })).Expect(HttpStatusCode.OK);
        Assert.Equal(["Gus Paris", "Ann Berlin", "Cleo Junior", "Bob Python"], Names(anonymous));
        var results = anonymous["results"];
        var criteria = results.GetProperty("criteria");
        Assert.Equal(["Python", "Django"], criteria.GetProperty("skills").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(5, criteria.GetProperty("minimum_years").GetDouble());
        Assert.Equal("Python", criteria.GetProperty("years_skill").GetString());
        Assert.Equal("remote", criteria.GetProperty("work_mode").GetString());
        Assert.Equal("Paris", criteria.GetProperty("location").GetString());
        Assert.True(criteria.GetProperty("relocation").GetBoolean());
        var reasoning = results.GetProperty("reasoning").GetString()!;
        Has("Criteria understood: skills: Python and Django (synonyms included); at least 5 years with Python; work mode: remote", reasoning);
        Has("Found 4 candidates matching criteria: 1. Gus Paris", reasoning);
        var gus = results.GetProperty("candidates")[0];
        Assert.Equal(["Python", "Django"], gus.GetProperty("matched_skills").EnumerateArray().Select(s => s.GetString()));
        Assert.True(gus.GetProperty("meets_years").GetBoolean());
        Assert.Contains("based in Paris, France", gus.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.False(gus.TryGetProperty("email", out _));
        Assert.DoesNotContain("@example.com", anonymous.Body.GetRawText());
        Assert.Equal(43, anonymous["thread_id"].GetString()!.Length);

        // An employer searches every available profile, public or not, and sees their contact details.
        var employers = (await _api.Post(AssistantProfiles.Agent, new { query }, employer.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(["Gus Paris", "Ida Private", "Ann Berlin", "Cleo Junior", "Bob Python"], Names(employers));
        Assert.Equal("gus@example.com", employers["results"].GetProperty("candidates")[0].GetProperty("email").GetString());

        // A follow-up refines the last search: the thread remembers the criteria.
        var thread = employers["thread_id"].GetString();
        var refined = (await _api.Post(AssistantProfiles.Agent, new { query = "and only on-site ones", thread_id = thread }, employer.Access))
            .Expect(HttpStatusCode.OK);
        Assert.Equal(["Dan Office"], Names(refined));
        Assert.Equal("onsite", refined["results"].GetProperty("criteria").GetProperty("work_mode").GetString());
        Assert.Equal(5, refined["results"].GetProperty("criteria").GetProperty("minimum_years").GetDouble());
        (await _api.Post(AssistantProfiles.Agent, new { query = "and in Lyon?", thread_id = thread })).ExpectTalentError(HttpStatusCode.Forbidden);

        // French, with a count.
        var french = (await _api.Post(AssistantProfiles.Agent, new { query = "Trouve 2 développeurs Django en télétravail avec au moins 5 ans d'expérience" }))
            .Expect(HttpStatusCode.OK);
        var found = french["results"].GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal(2, found.Count);
        Assert.All(found, c => Assert.True(c.GetProperty("meets_years").GetBoolean() && c.GetProperty("matched_skills")[0].GetString() == "Django"));
        Assert.Equal("fr", french["results"].GetProperty("criteria").GetProperty("language").GetString());
        Assert.Equal("remote", french["results"].GetProperty("criteria").GetProperty("work_mode").GetString());
    }

    [Fact]
    public async Task The_coach_names_the_skill_gaps_against_the_jobs_posted_on_the_platform()
    {
        var (owner, slug) = await _app.ProfileWithResume(AssistantSamples.AliceResume(), new { is_available = true, is_public = false });
        // A free plan posts 3 jobs a month: two employers post them.
        var employers = new[] { (await _app.Employer()).User, (await _app.Employer()).User };
        foreach (var (index, (title, skills)) in new[]
                 {
                     ("Senior Data Engineer", new[] { "Python", "Airflow", "Spark", "Kafka" }),
                     ("Data Engineer", new[] { "Python", "Spark", "SQL", "Airflow" }),
                     ("Data Engineer", new[] { "Scala", "Spark", "Kubernetes" }),
                     ("Frontend Developer", new[] { "React", "TypeScript", "CSS" }),
                     ("Senior Backend Developer", new[] { "Python", "Django", "Kubernetes", "AWS" }),
                 }.Index())
            (await _api.Post($"{TalentJobTests.Jobs}/", TalentJobTests.JobPost(title).With("skills", skills), employers[index % 2].Access))
                .Expect(HttpStatusCode.Created);

        var gaps = (await _api.Ask(AssistantProfiles.Coach, slug, "What skills do I need to become a data engineer?", owner.Access)).Expect(HttpStatusCode.OK);
        var output = gaps["output"].GetString()!;
        Has("Skills the 3 data engineer jobs on the platform ask that your resume lacks: Spark (3 of 3), Airflow (2 of 3)", output);
        Has("You already have Python (2 of 3)", output);

        var salary = (await _api.Ask(AssistantProfiles.Coach, slug, "and what salary could I expect?", owner.Access, gaps["thread_id"].GetString()))
            .Expect(HttpStatusCode.OK)["output"].GetString()!;
        Has("data engineer jobs on the platform that state a salary offer", salary);

        var plan = (await _api.Ask(AssistantProfiles.Coach, slug, "What career path would you recommend for me?", owner.Access)).Expect(HttpStatusCode.OK)["output"]
            .GetString()!;
        Has("Based on your experience with Django, Python and React", plan);
        Has("the next step is Lead Backend Developer", plan);
        Has("Senior Backend Developer", plan);
        Has("Next steps: 1. learn", plan);
    }
}
