using System.Net;
using System.Text.Json;
using CareerNexus.Accounts;
using CareerNexus.Messaging;
using CareerNexus.Onboarding;
using CareerNexus.Storage;
using CareerNexus.Tests.Adapters;
using CareerNexus.Tests.Recruitment;
using CareerNexus.Tests.Support;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CareerNexus.Tests.Talent;

/// <summary>
/// Deleting an account, on an app and database of its own (every container is searched afterwards): an account with data
/// in every feature asks to be deleted, is signed out at once, and once the worker is done no container holds its email
/// or username, its files are gone, and what others keep (an organization, a job, an application) shows a deleted account.
/// </summary>
public sealed class TalentErasureTests : IAsyncLifetime
{
    private readonly TestApp _app = new();
    private ApiClient _api = null!;

    public Task InitializeAsync()
    {
        _api = _app.Api();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Every stored document, as JSON text, of every container of the platform.</summary>
    private async Task<List<(string Container, string Json)>> EverythingAsync()
    {
        var all = new List<(string, string)>();
        foreach (var spec in Containers.All)
            foreach (var document in await _app.Store.QueryListAsync<JsonElement>(spec, new QueryDefinition("SELECT * FROM c")))
                all.Add((spec.Name, document.GetRawText()));
        return all;
    }

    [Fact]
    public async Task A_deleted_account_is_signed_out_at_once_and_the_worker_leaves_no_personal_data_anywhere()
    {
        // An account with something in every feature: signed up by code, a candidate with a CV, an application and a match,
        // a Talent candidate profile with files and notes about it, the root user of an organization with a member, a job and a
        // note of its own, a post, follows both ways, a connection, a chat, feedback with a file, an avatar, a password reset under way.
        var browser = new TalentBrowser(_app);
        var (email, password) = await browser.SignUpAndVerify();
        var username = email[..email.IndexOf('@')];
        var tokens = (await _api.Post("/api/token/", new { email, password })).Expect(HttpStatusCode.OK);
        var access = tokens["access"].GetString()!;
        var account = await _app.Services.GetRequiredService<AccountService>().FindByEmailAsync(email);
        var id = account!.UserId;
        var avatar = (await _api.SendForm(HttpMethod.Patch, $"/api/auth/users/{id}/", new Dictionary<string, object>
        {
            ["first_name"] = "Erin", ["last_name"] = "Erased", ["avatar"] = new FormFile("me.png", "image/png", FilesTests.Png()),
        }, access)).Expect(HttpStatusCode.OK)["profile"].GetProperty("avatar").GetString()!;

        await _app.Services.GetRequiredService<RecruitmentOnboarding>().StartAsync(account, RecruitmentRoles.Candidate, null);
        (await _api.Patch("/accounts/api/v1/candidate-profiles/me/", new { skills = new[] { "Python" }, bio = "Erin's bio" }, access)).Expect(HttpStatusCode.OK);
        var cv = (await _api.Post("/accounts/api/v1/candidate-profiles/me/generate-cv/", null, access)).Expect(HttpStatusCode.OK)["cv_url"].GetString()!;
        var recruiter = await _app.Recruiter();
        var recruitmentJob = await _app.RecruitmentJob(recruiter);
        var application = (await _api.Post("/applications/api/v1/applications/", new { job = recruitmentJob.JobId, cover_letter = "Dear Sir, Erin here" }, access))
            .Expect(HttpStatusCode.Created)["id"].GetInt64();
        (await _api.Post("/matching/api/v1/job-matches/recalculate/", new { job_id = recruitmentJob.JobId, candidate_id = id }, recruiter.Access))
            .Expect(HttpStatusCode.OK);
        var company = recruitmentJob.Posting!.CompanyId;
        (await _api.Post($"/companies/api/v1/companies/{company}/follow/", null, access)).Expect(HttpStatusCode.Created);
        (await _api.Post("/reviews/api/v1/reviews/", new { target_type = "company", target_id = company, rating = 4, comment = "Good people" }, access))
            .Expect(HttpStatusCode.Created);
        (await _api.Post("/reviews/api/v1/reviews/", new { target_type = "candidate", target_id = id, rating = 5, comment = "Strong" }, recruiter.Access))
            .Expect(HttpStatusCode.Created);

        // A Talent candidate profile with its files, and an employer's note about it; then, as an employer, a note of its own.
        var talentProfile = (await _api.SendForm(HttpMethod.Post, $"{TalentCandidates.ProfilesRoute}/", TalentCandidates.Form(new { is_available = true },
            ("resume_file", TalentCandidates.MinimalPdf()), ("video_pitch", new FormFile("pitch.mp4", "video/mp4", FilesTests.Mp4()))), access))
            .Expect(HttpStatusCode.Created);
        var profileSlug = talentProfile["slug"].GetString()!;
        (await _api.Post($"{TalentCandidates.ProfilesRoute}/{profileSlug}/verify-profile/", new { name = "Erin Erased", email }, access)).Expect(HttpStatusCode.OK);
        var (noteTaker, _) = await _app.Employer();
        var noteAboutErin = await _api.CreateNote(noteTaker, profileSlug, "Erin interviews well");
        // The assistants' conversations about the profile (this answer holds the email) and the account's own.
        Assert.Contains(email, (await _api.Ask(AssistantProfiles.Prompt, profileSlug, "What is her email?", noteTaker.Access)).Expect(HttpStatusCode.OK)["output"]
            .GetString());
        (await _api.Ask(AssistantProfiles.Coach, profileSlug, "What should I learn next?", access)).Expect(HttpStatusCode.OK);
        var (_, otherCandidate) = await _app.CandidateWithProfile();

        var organization = (await _api.Post("/api/organization/organizations/", new { name = "Northwind" }, access)).Expect(HttpStatusCode.Created)["id"].GetInt64();
        var noteByErin = await _api.CreateNote(new TestUser(id, username, email, password, access, ""), otherCandidate, "Erin's view of this candidate");
        var member = await _app.Member(organization);
        var job = (await _api.Post($"{TalentJobTests.Jobs}/", TalentJobTests.JobPost(), access)).Expect(HttpStatusCode.Created)["id"].GetInt64();

        (await _api.Post("/careers/create/", new { content = "Erin's first post" }, access)).Expect(HttpStatusCode.Created);
        var friend = await _api.Register("Friend");
        (await _api.Post("/careers/users/follow/", new { following = friend.Id }, access)).Expect(HttpStatusCode.Created);
        (await _api.Post("/careers/users/follow/", new { following = id }, friend.Access)).Expect(HttpStatusCode.Created);
        (await _api.Post("/connection/", new { connection = friend.Id }, access)).Expect(HttpStatusCode.Created);
        var chats = _app.Services.GetRequiredService<ConversationService>();
        var chat = await chats.StartOrGetConversationAsync(id, friend.Id);
        await chats.SendMessageAsync(chat.ChatId, id, "Hello there", null);
        var attachment = (await _api.SendForm(HttpMethod.Post, "/api/auth/add-feedback/", new Dictionary<string, object>
        {
            ["urgency"] = "low", ["subject"] = "From a member", ["message"] = "Nice", ["attachment"] = new FormFile("bug.png", "image/png", FilesTests.Png()),
        }, access)).Expect(HttpStatusCode.Created)["attachment_url"].GetString()!;
        (await _api.Post("/api/auth/password_reset/", new { email })).Expect(HttpStatusCode.OK);
        await MailCatcher.WaitForAsync(email, 2);
        Assert.Contains(await EverythingAsync(), d => d.Json.Contains(email, StringComparison.OrdinalIgnoreCase));

        // Deleting someone else's account is refused; one's own signs out every session at once.
        (await _api.Delete($"/api/auth/users/{id}/", friend.Access)).ExpectTalentError(HttpStatusCode.Forbidden);
        (await _api.Delete($"/api/auth/users/{member.Id}/", access)).ExpectTalentError(HttpStatusCode.Forbidden);
        (await browser.Send(HttpMethod.Delete, $"/api/auth/users/{id}/", null)).Expect(HttpStatusCode.OK);
        (await _api.Get("/api/auth/users/me/", access)).ExpectTalentError(HttpStatusCode.Unauthorized);
        (await browser.Get("/api/auth/users/me/")).ExpectTalentError(HttpStatusCode.Unauthorized);
        (await _api.Post("/api/token/", new { email, password })).ExpectTalentError(HttpStatusCode.Unauthorized);

        // The worker erases: no container holds the address, the username or the first name (what others keep, an organization's
        // name, a feedback's text, a chat message, names none of them).
        List<(string Container, string Json)> left = [];
        for (var deadline = DateTime.UtcNow.AddSeconds(90); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            left = (await EverythingAsync()).Where(d => d.Json.Contains(email, StringComparison.OrdinalIgnoreCase)
                || d.Json.Contains(username, StringComparison.OrdinalIgnoreCase) || d.Json.Contains("Erin", StringComparison.Ordinal)).ToList();
            if (left.Count == 0) break;
        }
        Assert.True(left.Count == 0, string.Join("\n", left.Select(d => $"{d.Container}: {d.Json}")));
        Assert.Null(await _app.Services.GetRequiredService<AccountService>().FindAsync(id));
        // The files live in Blob Storage (Azurite), outside the test server: read them there.
        using var http = new HttpClient();
        foreach (var file in new[] { avatar, cv, attachment, talentProfile["resume_file"].GetString()!, talentProfile["video_pitch"].GetString()! })
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(file)).StatusCode);

        // The Talent profile and both notes are gone: the one about the account and the one it wrote.
        (await _api.Get($"{TalentCandidates.ProfilesRoute}/{profileSlug}/", noteTaker.Access)).ExpectTalentError(HttpStatusCode.NotFound);
        (await _api.Get($"{TalentCandidates.NotesRoute}/{noteAboutErin}/", noteTaker.Access)).ExpectTalentError(HttpStatusCode.NotFound);
        (await _api.Get($"{TalentCandidates.NotesRoute}/{noteByErin}/", member.Access)).ExpectTalentError(HttpStatusCode.NotFound);
        Assert.Empty((await _api.Get($"{TalentCandidates.ProfilesRoute}/{otherCandidate}/", member.Access)).Expect(HttpStatusCode.OK)["get_all_notes"].EnumerateArray());

        // What others keep shows a deleted account: the organization passed to its member, the job and the application stay.
        var kept = (await _api.Get($"/api/organization/organizations/{organization}/", member.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(member.Id, kept["root_user"].GetProperty("id").GetInt64());
        Assert.Single(kept["users"].EnumerateArray());
        var keptJob = (await _api.Get($"{TalentJobTests.Jobs}/{job}/", member.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("Deleted account", keptJob["user"].GetProperty("first_name").GetString());
        var applications = (await _api.Get($"/applications/api/v1/applications/job/{recruitmentJob.JobId}/", recruiter.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(application, Assert.Single(applications["results"].EnumerateArray()).GetProperty("id").GetInt64());
        Assert.Equal(0, (await _api.Get("/careers/users/me/", friend.Access)).Expect(HttpStatusCode.OK)["following_count"].GetInt64());

        // The address and the username are free again.
        (await _api.Post("/api/auth/signup/", new { email, password, confirm_password = password })).Expect(HttpStatusCode.Created);
    }
}
