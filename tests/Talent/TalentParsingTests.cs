using System.Net;
using System.Text.Json;
using CareerNexus.Storage;
using CareerNexus.TalentProfiles;
using CareerNexus.Tests.Resumes;
using CareerNexus.Tests.Resumes.Corpus;
using CareerNexus.Tests.Support;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static CareerNexus.Tests.Talent.TalentCandidates;

namespace CareerNexus.Tests.Talent;

/// <summary>
/// Resume parsing through the candidate-profiles queue: a PDF and a DOCX generated here are parsed end to end by the worker
/// (pending → parsing → parsed), "already parsed" until a new resume resets it, unreadable files fail with the parser's
/// reason, and the candidate and employers who see the profile may ask.
/// </summary>
public sealed class TalentParsingTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private readonly TestApp _app = fixture.App;
    private readonly ApiClient _api = fixture.App.Api();

    [Fact]
    public async Task A_pdf_and_then_a_docx_resume_are_parsed_by_the_worker_and_a_new_upload_resets_the_parsing()
    {
        var (pdf, pdfTruth) = Resume(3, "pdf");
        var (candidate, slug) = await _app.CandidateWithProfile(resume: pdf);
        var status = (await _api.Get($"{ProfilesRoute}/{slug}/parsing-status/", candidate.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("pending", status["parsing_status"].GetString());
        Assert.True(status["resume_file_exists"].GetBoolean());
        Assert.False(status["has_resume_data"].GetBoolean());

        var started = (await _api.Post($"{ProfilesRoute}/{slug}/parse-resume/", null, candidate.Access)).Expect(HttpStatusCode.Accepted);
        Assert.Equal("Resume parsing started", started["message"].GetString());
        Assert.Equal("parsing", started["parsing_status"].GetString());
        var task = started["task_id"].GetString()!;
        status = await _api.ParsedAsync(candidate, slug);
        Assert.Equal("parsed", status["parsing_status"].GetString());
        Assert.True(status["has_resume_data"].GetBoolean());
        Assert.False(status["has_verified_data"].GetBoolean());
        Assert.Equal(task, status["task_id"].GetString());
        Assert.Equal(JsonValueKind.Null, status["parsing_error"].ValueKind);
        ExpectRead(pdfTruth, (await _api.Get($"{ProfilesRoute}/{slug}/", candidate.Access)).Expect(HttpStatusCode.OK)["resume_data"]);

        // Parsed: asking again answers the data, no new task.
        var again = (await _api.Post($"{ProfilesRoute}/{slug}/parse-resume/", null, candidate.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("Resume already parsed", again["message"].GetString());
        Assert.Equal("parsed", again["parsing_status"].GetString());
        ExpectRead(pdfTruth, again["resume_data"]);

        // A new resume resets the parsing; the DOCX is parsed by a new task.
        var (docx, docxTruth) = Resume(4, "docx", CorpusLayout.SidebarLeft);
        var replaced = (await _api.SendForm(HttpMethod.Patch, $"{ProfilesRoute}/{slug}/", Form(null, ("resume_file", docx)), candidate.Access))
            .Expect(HttpStatusCode.OK);
        Assert.Equal("pending", replaced["parsing_status"].GetString());
        Assert.Equal(JsonValueKind.Null, replaced["resume_data"].ValueKind);
        var restarted = (await _api.Post($"{ProfilesRoute}/{slug}/parse-resume/", null, candidate.Access)).Expect(HttpStatusCode.Accepted);
        Assert.NotEqual(task, restarted["task_id"].GetString());
        Assert.Equal("parsed", (await _api.ParsedAsync(candidate, slug))["parsing_status"].GetString());
        ExpectRead(docxTruth, (await _api.Get($"{ProfilesRoute}/{slug}/", candidate.Access)).Expect(HttpStatusCode.OK)["resume_data"]);
    }

    /// <summary>What the parser read of the generated resume: the contact details and the skills, as written into it.</summary>
    private static void ExpectRead(CareerNexus.Resumes.ResumeData truth, JsonElement data)
    {
        Assert.Equal(truth.Name, data.GetProperty("name").GetString());
        Assert.Equal(truth.Email, data.GetProperty("email").GetString());
        Assert.Equal(truth.Phone, data.GetProperty("phone").GetString());
        Assert.Equal(truth.Skills, data.GetProperty("skills").EnumerateArray().Select(s => s.GetString()!));
        Assert.Equal(truth.Experience.Count, data.GetProperty("experience").GetArrayLength());
    }

    [Theory]
    [InlineData("scanned", "no_text")]
    [InlineData("corrupt", "corrupt")]
    [InlineData("doc", "legacy_word")]
    public async Task An_unreadable_resume_fails_with_the_parsers_reason_and_may_be_parsed_again(string kind, string reason)
    {
        var file = kind switch
        {
            "scanned" => new FormFile("scan.pdf", PdfType, ResumeParserTests.ScannedPdf()),
            "corrupt" => new FormFile("cv.pdf", PdfType, [.. "%PDF-1.7\n"u8, .. Enumerable.Range(0, 4000).Select(i => (byte)(i * 37 % 251))]),
            _ => new FormFile("cv.doc", "application/msword",
                [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[600], .. System.Text.Encoding.Unicode.GetBytes("WordDocument"), .. new byte[600]]),
        };
        var (candidate, slug) = await _app.CandidateWithProfile(resume: file);
        (await _api.Post($"{ProfilesRoute}/{slug}/parse-resume/", null, candidate.Access)).Expect(HttpStatusCode.Accepted);
        var status = await _api.ParsedAsync(candidate, slug);
        Assert.Equal("failed", status["parsing_status"].GetString());
        Assert.Equal(reason, status["parsing_error"].GetProperty("reason").GetString());
        Assert.False(string.IsNullOrWhiteSpace(status["parsing_error"].GetProperty("message").GetString()));
        Assert.False(status["has_resume_data"].GetBoolean());
        var profile = (await _api.Get($"{ProfilesRoute}/{slug}/", candidate.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("failed", profile["parsing_status"].GetString());
        Assert.Equal(reason, profile["parsing_error"].GetProperty("reason").GetString());

        // A failure is not final: asking again starts a new task (a timeout may pass on a quieter worker).
        Assert.Equal("Resume parsing started", (await _api.Post($"{ProfilesRoute}/{slug}/parse-resume/", null, candidate.Access))
            .Expect(HttpStatusCode.Accepted)["message"].GetString());
    }

    [Fact]
    public async Task The_candidate_and_the_employers_who_see_the_profile_may_ask_and_a_running_task_is_answered_again()
    {
        var (candidate, slug) = await _app.CandidateWithProfile(resume: Resume(5, "pdf").File);
        var (employer, _) = await _app.Employer();
        var other = await _app.TalentUser();
        (await _api.Post($"{ProfilesRoute}/{slug}/parse-resume/", null, other.Access)).ExpectTalentError(HttpStatusCode.NotFound);

        // A task that is running (its worker busy elsewhere) is answered again, the same task, to everyone who may ask.
        var profile = (await _app.Services.GetRequiredService<TalentProfileStore>().FindAsync(slug))!;
        profile.ParsingStatus = ParsingStatuses.Parsing;
        profile.ParsingTaskId = "running-task";
        profile.ParsingStartedAt = DateTimeOffset.UtcNow;
        await _app.Store.UpsertAsync(Containers.TalentProfiles, profile, profile.Partition);
        foreach (var asker in new[] { candidate, employer })
        {
            var running = (await _api.Post($"{ProfilesRoute}/{slug}/parse-resume/", null, asker.Access)).Expect(HttpStatusCode.Accepted);
            Assert.Equal("Resume parsing already in progress", running["message"].GetString());
            Assert.Equal("running-task", running["task_id"].GetString());
        }

        // A task older than its lease (its worker died) is started again; the employer's ask is as good as the candidate's.
        profile.ParsingStartedAt = DateTimeOffset.UtcNow - ResumeParsing.Lease - TimeSpan.FromMinutes(1);
        await _app.Store.UpsertAsync(Containers.TalentProfiles, profile, profile.Partition);
        var restarted = (await _api.Post($"{ProfilesRoute}/{slug}/parse-resume/", null, employer.Access)).Expect(HttpStatusCode.Accepted);
        Assert.Equal("Resume parsing started", restarted["message"].GetString());
        Assert.Equal("parsed", (await _api.ParsedAsync(employer, slug))["parsing_status"].GetString());

        // A profile without a resume has nothing to parse.
        var (bare, bareSlug) = await _app.CandidateWithProfile();
        (await _api.Post($"{ProfilesRoute}/{bareSlug}/parse-resume/", null, bare.Access)).ExpectTalentError(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_redelivered_or_replaced_task_changes_nothing()
    {
        var (candidate, slug) = await _app.CandidateWithProfile(resume: Resume(6, "pdf").File);
        var task = (await _api.Post($"{ProfilesRoute}/{slug}/parse-resume/", null, candidate.Access)).Expect(HttpStatusCode.Accepted)["task_id"].GetString()!;
        await _api.ParsedAsync(candidate, slug);
        var parsed = (await _app.Services.GetRequiredService<TalentProfileStore>().FindAsync(slug))!;

        var parsing = _app.Services.GetRequiredService<ResumeParsing>();
        await parsing.ParseAsync(candidate.Id, task);
        await parsing.ParseAsync(candidate.Id, "another-task");
        var after = (await _app.Services.GetRequiredService<TalentProfileStore>().FindAsync(slug))!;
        Assert.Equal(parsed.UpdatedAt, after.UpdatedAt);
        Assert.Equal(parsed.ParsedAt, after.ParsedAt);
        Assert.Empty(await _app.Store.QueryListAsync<JsonElement>(Containers.QueueMessages,
            new QueryDefinition("SELECT * FROM c WHERE c.partition = @dead").WithParameter("@dead", "dead:candidate-profiles")));
    }
}
