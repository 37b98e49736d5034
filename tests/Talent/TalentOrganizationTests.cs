using System.Net;
using CareerNexus.Accounts;
using CareerNexus.Tests.Adapters;
using CareerNexus.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CareerNexus.Tests.Talent;

/// <summary>Document 004's organizations and invites, its users and feedback, through HTTP.</summary>
public sealed class TalentOrganizationTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private const string Organizations = "/api/organization/organizations";
    private readonly TestApp _app = fixture.App;
    private readonly ApiClient _api = fixture.App.Api();

    private static object Organization(string name) => new
    {
        name, industry = "Technology", linkedin_url = "https://linkedin.com/company/techcorp", headquarter_location = "San Francisco, CA",
        about = "Leading tech company", employee_size = "100-500", url = "https://techcorp.com", avatar = (string?)null,
    };

    [Fact]
    public async Task The_creator_is_root_user_and_member_members_read_only_the_root_user_changes_and_deletes()
    {
        var root = await _app.TalentUser(candidate: false);
        var name = ApiClient.Unique("Tech Corp ");
        var created = (await _api.Post($"{Organizations}/", Organization(name), root.Access)).Expect(HttpStatusCode.Created);
        var id = created["id"].GetInt64();
        Assert.Equal(name, created["name"].GetString());
        Assert.Equal("San Francisco, CA", created["headquarter_location"].GetString());
        Assert.Equal("100-500", created["employee_size"].GetString());
        Assert.Equal("https://linkedin.com/company/techcorp", created["linkedin_url"].GetString());
        Assert.Equal(root.Id, created["root_user"].GetProperty("id").GetInt64());
        Assert.Equal(root.Email, created["root_user"].GetProperty("email").GetString());
        Assert.Equal(root.Id, Assert.Single(created["users"].EnumerateArray()).GetProperty("id").GetInt64());
        Assert.True(created["created_at"].GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));

        // One organization per account; the list is the caller's own.
        (await _api.Post($"{Organizations}/", Organization("Second"), root.Access)).ExpectTalentError(HttpStatusCode.BadRequest);
        Assert.Equal(id, Assert.Single((await _api.Get($"{Organizations}/", root.Access)).Expect(HttpStatusCode.OK).Body.EnumerateArray()).GetProperty("id").GetInt64());
        var stranger = await _app.TalentUser();
        Assert.Empty((await _api.Get($"{Organizations}/", stranger.Access)).Expect(HttpStatusCode.OK).Body.EnumerateArray());
        (await _api.Get($"{Organizations}/{id}/", stranger.Access)).ExpectTalentError(HttpStatusCode.NotFound);
        (await _api.Patch($"{Organizations}/{id}/", new { name = "Taken" }, stranger.Access)).ExpectTalentError(HttpStatusCode.NotFound);

        var member = await _app.Member(id);
        var seen = (await _api.Get($"{Organizations}/{id}/", member.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(2, seen["users"].GetArrayLength());
        Assert.Equal(root.Id, seen["root_user"].GetProperty("id").GetInt64());
        (await _api.Patch($"{Organizations}/{id}/", new { name = "Taken" }, member.Access)).ExpectTalentError(HttpStatusCode.Forbidden);
        (await _api.Delete($"{Organizations}/{id}/", member.Access)).ExpectTalentError(HttpStatusCode.Forbidden);

        var patched = (await _api.Patch($"{Organizations}/{id}/", new { name = name + " Updated", about = "" }, root.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(name + " Updated", patched["name"].GetString());
        Assert.Equal("", patched["about"].GetString());
        Assert.Equal("Technology", patched["industry"].GetString());
        (await _api.Put($"{Organizations}/{id}/", new { industry = "Finance" }, root.Access)).ExpectTalentError(HttpStatusCode.BadRequest);
        (await _api.Patch($"{Organizations}/{id}/", new { url = "javascript:alert(1)" }, root.Access)).ExpectTalentError(HttpStatusCode.BadRequest);
        (await _api.Patch($"{Organizations}/{id}/", new { name = 42 }, root.Access)).ExpectTalentError(HttpStatusCode.BadRequest);
        Assert.Equal("Finance", (await _api.Put($"{Organizations}/{id}/", new { name, industry = "Finance" }, root.Access)).Expect(HttpStatusCode.OK)["industry"].GetString());

        // A member sees a colleague's account; a stranger's is no business of theirs.
        Assert.Equal(root.Email, (await _api.Get($"/api/auth/users/{root.Id}/", member.Access)).Expect(HttpStatusCode.OK)["email"].GetString());
        (await _api.Get($"/api/auth/users/{stranger.Id}/", member.Access)).ExpectTalentError(HttpStatusCode.NotFound);
        (await _api.Get($"/api/auth/users/{root.Id}/", stranger.Access)).ExpectTalentError(HttpStatusCode.NotFound);

        Assert.Equal(HttpStatusCode.NoContent, (await _api.Delete($"{Organizations}/{id}/", root.Access)).Status);
        (await _api.Get($"{Organizations}/{id}/", root.Access)).ExpectTalentError(HttpStatusCode.NotFound);
        Assert.Empty((await _api.Get($"{Organizations}/", member.Access)).Expect(HttpStatusCode.OK).Body.EnumerateArray());
        // Free again: the former member may make an organization of their own.
        (await _api.Post($"{Organizations}/", Organization(ApiClient.Unique("Next ")), member.Access)).Expect(HttpStatusCode.Created);
    }

    [Fact]
    public async Task An_organization_and_an_account_take_an_avatar_file_in_a_multipart_form_and_json_null_clears_it()
    {
        var root = await _app.TalentUser(candidate: false);
        var form = new Dictionary<string, object>
        {
            ["name"] = ApiClient.Unique("Pictured "), ["industry"] = "Technology", ["avatar"] = new FormFile("logo.png", "image/png", FilesTests.Png()),
        };
        var created = (await _api.SendForm(HttpMethod.Post, $"{Organizations}/", form, root.Access)).Expect(HttpStatusCode.Created);
        Assert.StartsWith("http", created["avatar_url"].GetString());
        var id = created["id"].GetInt64();
        Assert.Null((await _api.Patch($"{Organizations}/{id}/", new { avatar = (string?)null }, root.Access)).Expect(HttpStatusCode.OK)["avatar_url"].GetString());

        var changed = (await _api.SendForm(HttpMethod.Patch, $"/api/auth/users/{root.Id}/",
            new Dictionary<string, object> { ["first_name"] = "John", ["avatar"] = new FormFile("me.png", "image/png", FilesTests.Png()) }, root.Access))
            .Expect(HttpStatusCode.OK);
        Assert.Equal("John", changed["first_name"].GetString());
        Assert.StartsWith("http", changed["profile"].GetProperty("avatar").GetString());
        var cleared = (await _api.Patch($"/api/auth/users/{root.Id}/", new { last_name = "Doe Updated", avatar = (string?)null }, root.Access))
            .Expect(HttpStatusCode.OK);
        Assert.Equal("Doe Updated", cleared["last_name"].GetString());
        Assert.Equal("John", cleared["first_name"].GetString());
        Assert.Equal(JsonValueKindNull, cleared["profile"].GetProperty("avatar").ValueKind);
        (await _api.SendForm(HttpMethod.Patch, $"/api/auth/users/{root.Id}/",
            new Dictionary<string, object> { ["avatar"] = new FormFile("me.png", "image/png", [1, 2, 3]) }, root.Access)).ExpectTalentError(HttpStatusCode.BadRequest);
        (await _api.Put($"/api/auth/users/{root.Id}/", new { first_name = "Only" }, root.Access)).ExpectTalentError(HttpStatusCode.BadRequest);
        Assert.Equal("Solo", (await _api.Put($"/api/auth/users/{root.Id}/", new { first_name = "Only", last_name = "Solo" }, root.Access))
            .Expect(HttpStatusCode.OK)["last_name"].GetString());
        var other = await _app.TalentUser();
        (await _api.Patch($"/api/auth/users/{root.Id}/", new { first_name = "Hacked" }, other.Access)).ExpectTalentError(HttpStatusCode.Forbidden);
        (await _api.Delete($"/api/auth/users/{root.Id}/", other.Access)).ExpectTalentError(HttpStatusCode.Forbidden);
        Assert.Equal("Only", (await _api.Get("/api/auth/users/me/", root.Access)).Expect(HttpStatusCode.OK)["first_name"].GetString());
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [Fact]
    public async Task An_invite_is_mailed_and_joins_its_address_to_the_organization_once_verified_and_counts_one_referral()
    {
        var (root, organization) = await _app.Employer();
        var email = ApiClient.Unique("invitee") + "@example.com";
        (await _api.Post($"{Organizations}/{organization}/create-invite/", new { email = "nope" }, root.Access)).ExpectTalentError(HttpStatusCode.BadRequest);
        var stranger = await _app.TalentUser();
        (await _api.Post($"{Organizations}/{organization}/create-invite/", new { email }, stranger.Access)).ExpectTalentError(HttpStatusCode.NotFound);

        var first = (await _api.Post($"{Organizations}/{organization}/create-invite/", new { email }, root.Access)).Expect(HttpStatusCode.Created);
        Assert.Equal(email, first["email"].GetString());
        Assert.Equal(organization, first["organization"].GetInt64());
        // One live invite per address and organization: a second replaces the first.
        var second = (await _api.Post($"{Organizations}/{organization}/create-invite/", new { email }, root.Access)).Expect(HttpStatusCode.Created);
        var mails = await MailCatcher.WaitForAsync(email, 2);
        var code = second["invite_code"].GetString()!;
        Assert.Contains(mails, m => MailCatcher.LinkParameter(m, "invite_code") == code);

        const string password = "Invited-horse-42";
        (await _api.Post("/api/auth/signup/", new { email, password, confirm_password = password, invite_code = first["invite_code"].GetString() }))
            .ExpectTalentError(HttpStatusCode.BadRequest);
        (await _api.Post("/api/auth/signup/", new { email = ApiClient.Unique("other") + "@example.com", password, confirm_password = password, invite_code = code }))
            .ExpectTalentError(HttpStatusCode.BadRequest);
        var browser = new TalentBrowser(_app);
        await browser.SignUpAndVerify(new { invite_code = code, is_candidate = false }, email);

        var mine = (await browser.Get($"{Organizations}/")).Expect(HttpStatusCode.OK);
        Assert.Equal(organization, Assert.Single(mine.Body.EnumerateArray()).GetProperty("id").GetInt64());
        var joined = (await _api.Get($"{Organizations}/{organization}/", root.Access)).Expect(HttpStatusCode.OK);
        Assert.Contains(joined["users"].EnumerateArray(), u => u.GetProperty("email").GetString() == email);
        var inviter = (await _api.Get("/api/auth/users/me/", root.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(1, inviter["profile"].GetProperty("total_referrals").GetInt64());
        // Used once: the code signs nobody else up.
        (await _api.Post("/api/auth/signup/", new { email = ApiClient.Unique("late") + "@example.com", password, confirm_password = password, invite_code = code }))
            .ExpectTalentError(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_account_that_exists_already_accepts_an_invite_to_its_address_once()
    {
        var (root, organization) = await _app.Employer();
        var invited = await _app.TalentUser();
        var code = (await _api.Post($"{Organizations}/{organization}/create-invite/", new { email = invited.Email }, root.Access))
            .Expect(HttpStatusCode.Created)["invite_code"].GetString()!;
        await Eventually.True(async () => (await MailCatcher.ListAsync(invited.Email)).Any(m => m.Text.Contains(code, StringComparison.Ordinal)
            && m.Text.Contains("sign in and accept the invite", StringComparison.Ordinal)), "The invite mail tells an existing account what to do",
            interval: TimeSpan.FromMilliseconds(200));

        (await _api.Post("/api/organization/invites/accept/", new { invite_code = code })).ExpectTalentError(HttpStatusCode.Unauthorized);
        (await _api.Post("/api/organization/invites/accept/", new { invite_code = 42 }, invited.Access)).ExpectTalentError(HttpStatusCode.BadRequest);
        (await _api.Post("/api/organization/invites/accept/", new { invite_code = "ABCDEFGHJKLM" }, invited.Access)).ExpectTalentError(HttpStatusCode.BadRequest);
        // The code works only for the address it was mailed to.
        var other = await _app.TalentUser();
        (await _api.Post("/api/organization/invites/accept/", new { invite_code = code }, other.Access)).ExpectTalentError(HttpStatusCode.BadRequest);

        var joined = (await _api.Post("/api/organization/invites/accept", new { invite_code = code.ToLowerInvariant() }, invited.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(organization, joined["id"].GetInt64());
        Assert.Contains(joined["users"].EnumerateArray(), u => u.GetProperty("email").GetString() == invited.Email);
        var mine = (await _api.Get($"{Organizations}/", invited.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(organization, Assert.Single(mine.Body.EnumerateArray()).GetProperty("id").GetInt64());
        // Used once.
        (await _api.Post("/api/organization/invites/accept/", new { invite_code = code }, invited.Access)).ExpectTalentError(HttpStatusCode.BadRequest);

        // A member of another organization cannot take an invite, and the invite stays live for when they can.
        var (elsewhere, _) = await _app.Employer();
        var second = (await _api.Post($"{Organizations}/{organization}/create-invite/", new { email = elsewhere.Email }, root.Access))
            .Expect(HttpStatusCode.Created)["invite_code"].GetString()!;
        (await _api.Post("/api/organization/invites/accept/", new { invite_code = second }, elsewhere.Access)).ExpectTalentError(HttpStatusCode.BadRequest);
        var team = (await _api.Get($"{Organizations}/{organization}/", root.Access)).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(team["users"].EnumerateArray(), u => u.GetProperty("email").GetString() == elsewhere.Email);
    }

    [Fact]
    public async Task A_referral_code_counts_once_when_the_referred_account_verifies()
    {
        var referrer = await _app.TalentUser();
        var code = (await _api.Get("/api/auth/users/me/", referrer.Access)).Expect(HttpStatusCode.OK)["profile"].GetProperty("referral_code").GetString();
        (await _api.Post("/api/auth/signup/", new { email = ApiClient.Unique("r") + "@example.com", password = "Referred-horse-42",
            confirm_password = "Referred-horse-42", referral_code = code + "X" })).ExpectTalentError(HttpStatusCode.BadRequest);
        var email = ApiClient.Unique("referred") + "@example.com";
        (await _api.Post("/api/auth/signup/", new { email, password = "Referred-horse-42", confirm_password = "Referred-horse-42", referral_code = code }))
            .Expect(HttpStatusCode.Created);
        Assert.Equal(0, (await _api.Get("/api/auth/users/me/", referrer.Access)).Expect(HttpStatusCode.OK)["profile"].GetProperty("total_referrals").GetInt64());
        var verification = await TalentUsers.VerificationCode(email);
        (await _api.Post("/api/auth/verify-email/", new { email, code = verification })).Expect(HttpStatusCode.OK);
        Assert.Equal(1, (await _api.Get("/api/auth/users/me/", referrer.Access)).Expect(HttpStatusCode.OK)["profile"].GetProperty("total_referrals").GetInt64());
        // Counting again (a retried verification) changes nothing.
        var referred = await _app.Services.GetRequiredService<AccountService>().FindByEmailAsync(email);
        await _app.Services.GetRequiredService<Referrals>().CountAsync(referrer.Id, referred!.UserId);
        Assert.Equal(1, (await _api.Get("/api/auth/users/me/", referrer.Access)).Expect(HttpStatusCode.OK)["profile"].GetProperty("total_referrals").GetInt64());
    }

    [Fact]
    public async Task Feedback_is_stored_with_its_sender_and_read_by_administrators_only()
    {
        var sender = await _app.TalentUser();
        var subject = ApiClient.Unique("Bug Report ");
        var sent = (await _api.Post("/api/auth/add-feedback/", new { urgency = "high", subject, message = "Found an issue with login", emoji = "🐛", attachment = (string?)null },
            sender.Access)).Expect(HttpStatusCode.Created);
        Assert.Equal("high", sent["urgency"].GetString());
        Assert.Equal("🐛", sent["emoji"].GetString());
        Assert.Equal(JsonValueKindNull, sent["attachment_url"].ValueKind);
        Assert.True(sent["id"].GetInt64() > 0);
        var withFile = (await _api.SendForm(HttpMethod.Post, "/api/auth/add-feedback/", new Dictionary<string, object>
        {
            ["urgency"] = "low", ["subject"] = subject + " 2", ["message"] = "See the picture", ["attachment"] = new FormFile("bug.png", "image/png", FilesTests.Png()),
        }, sender.Access)).Expect(HttpStatusCode.Created);
        Assert.StartsWith("http", withFile["attachment_url"].GetString());
        (await _api.Post("/api/auth/add-feedback/", new { urgency = "whenever", subject, message = "x" }, sender.Access)).ExpectTalentError(HttpStatusCode.BadRequest);
        (await _api.Post("/api/auth/add-feedback/", new { urgency = "low" }, sender.Access)).ExpectTalentError(HttpStatusCode.BadRequest);
        (await _api.Post("/api/auth/add-feedback/", new { urgency = "low", subject, message = "x" })).ExpectTalentError(HttpStatusCode.Unauthorized);

        (await _api.Get("/api/auth/feedback/", sender.Access)).ExpectTalentError(HttpStatusCode.Forbidden);
        var admin = await _app.TalentUser();
        await _app.Services.GetRequiredService<AdminPolicy>().SetRoleAsync(admin.Email, admin: true);
        var listed = (await _api.Get("/api/auth/feedback/?limit=100", admin.Access)).Expect(HttpStatusCode.OK);
        var mine = listed.Body.EnumerateArray().Where(f => f.GetProperty("subject").GetString()!.StartsWith(subject, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, mine.Count);
        Assert.Equal(subject + " 2", mine[0].GetProperty("subject").GetString());
        Assert.Equal(sender.Email, mine[0].GetProperty("sender").GetProperty("email").GetString());
        (await _api.Get("/api/auth/feedback/?limit=0", admin.Access)).ExpectTalentError(HttpStatusCode.BadRequest);
    }
}
