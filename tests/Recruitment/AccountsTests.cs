using System.Globalization;
using System.Net;
using CareerNexus.Accounts;
using CareerNexus.Candidates;
using CareerNexus.Companies;
using CareerNexus.Functions.Recruitment;
using CareerNexus.Storage;
using CareerNexus.Tests.Budgets;
using CareerNexus.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CareerNexus.Tests.Recruitment;

/// <summary>Document 003's authentication and user management modules, through HTTP, with the mail the app really sends.</summary>
public sealed class AccountsTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    public const string Accounts = "/accounts/api/v1";
    private readonly TestApp _app = fixture.App;
    private readonly ApiClient _api = fixture.App.Api();

    /// <summary>A registration body of the document's fields, with a fresh username and address.</summary>
    public static Dictionary<string, object> Registration(string userType = "candidate", string? password = null)
    {
        var username = ApiClient.Unique("r");
        var secret = password ?? "Pw-" + Guid.NewGuid().ToString("N")[..10];
        return new Dictionary<string, object>
        {
            ["username"] = username, ["email"] = $"{username}@example.com", ["password"] = secret, ["password2"] = secret,
            ["first_name"] = "John", ["last_name"] = "Doe", ["user_type"] = userType, ["phone"] = "+1234567890",
            ["location"] = "Paris, France", ["bio"] = "Software developer...",
        };
    }

    /// <summary>The tokens of the activation links mailed to the address, once `count` have arrived (in no particular order).</summary>
    private static async Task<IReadOnlyList<string>> ActivationTokens(string email, int count = 1)
    {
        var mails = (await MailCatcher.WaitForAsync(email, count)).Where(m => m.Subject.Contains("Activate", StringComparison.Ordinal)).ToList();
        Assert.True(mails.Count >= count, $"{mails.Count} activation mails to {email}");
        return mails.Select(m => MailCatcher.LinkParameter(m, "token")).ToList();
    }

    private static async Task<string> ActivationToken(string email) => (await ActivationTokens(email)).Single();

    [Fact]
    public async Task A_candidate_registers_inactive_is_refused_until_the_activation_link_comes_back_and_the_link_works_once()
    {
        var body = Registration();
        var (username, email, password) = ((string)body["username"], (string)body["email"], (string)body["password"]);
        var registered = (await _api.Post($"{Accounts}/users/", body)).Expect(HttpStatusCode.Created);
        Assert.Equal(username, registered["username"].GetString());
        Assert.Equal(email, registered["email"].GetString());
        Assert.Equal("John", registered["first_name"].GetString());
        Assert.Equal("Doe", registered["last_name"].GetString());
        Assert.Equal("candidate", registered["user_type"].GetString());
        Assert.False(registered["is_active"].GetBoolean());
        Assert.True(registered["created_at"].GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Equal("Votre compte a été créé avec succès. Un email d'activation a été envoyé à votre adresse. Veuillez vérifier votre boîte de réception (et vos spams) pour activer votre compte avant de vous connecter.",
            registered["message"].GetString());
        var id = registered["id"].GetInt64().ToString(CultureInfo.InvariantCulture);
        Assert.NotNull(await _app.Store.ReadAsync<CandidateProfile>(Containers.CandidateProfiles, id, id));

        // The right password on an account not activated yet is a 403; a wrong one the same 401 as an unknown login.
        Assert.Contains("not activated", (await _api.Post($"{Accounts}/auth/token/", new { username, password }))
            .ExpectRecruitmentError(HttpStatusCode.Forbidden)["detail"].GetString());
        (await _api.Post($"{Accounts}/auth/token/", new { username, password = "Wrong-pass-1" })).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
        (await _api.Post($"{Accounts}/auth/token/", new { username = ApiClient.Unique("nobody"), password })).ExpectRecruitmentError(HttpStatusCode.Unauthorized);

        var mail = (await MailCatcher.WaitForAsync(email)).Single();
        Assert.Contains("48 hours", mail.Text);
        Assert.Contains("/activate?token=", mail.Text);
        var token = await ActivationToken(email);

        var confirmed = (await _api.Post($"{Accounts}/users/email-verification/confirm/", new { token })).Expect(HttpStatusCode.OK);
        Assert.Equal("Email verified successfully. Your account is now active.", confirmed["message"].GetString());
        Assert.Equal(username, confirmed["user"].GetProperty("username").GetString());
        Assert.Equal(email, confirmed["user"].GetProperty("email").GetString());
        Assert.True(confirmed["user"].GetProperty("is_active").GetBoolean());
        var again = (await _api.Post($"{Accounts}/users/email-verification/confirm", new { token })).Expect(HttpStatusCode.OK);
        Assert.Equal("Email is already verified.", again["message"].GetString());
        Assert.Equal(registered["id"].GetInt64(), again["user"].GetProperty("id").GetInt64());

        // Signing in by email works as well as by username.
        var pair = (await _api.Post($"{Accounts}/auth/token", new { username = email.ToUpperInvariant(), password })).Expect(HttpStatusCode.OK);
        var access = pair["access"].GetString()!;
        Assert.NotEmpty(pair["refresh"].GetString()!);
        var me = (await _api.Get($"{Accounts}/users/me/", access)).Expect(HttpStatusCode.OK);
        Assert.Equal("candidate", me["user_type"].GetString());
        Assert.Equal("+1234567890", me["phone"].GetString());
        Assert.Equal("Paris, France", me["location"].GetString());
        Assert.Equal("Software developer...", me["bio"].GetString());
        Assert.True(me["is_active"].GetBoolean());
        Assert.True(me["email_verified"].GetBoolean());
        Assert.Equal(JsonValueKindNull, me["profile_picture"].ValueKind);
        var status = (await _api.Get($"{Accounts}/users/email-verification/status/", access)).Expect(HttpStatusCode.OK);
        Assert.True(status["is_verified"].GetBoolean());
        Assert.True(status["is_active"].GetBoolean());
        Assert.Equal("Email is verified", status["message"].GetString());
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [Fact]
    public async Task Activation_errors_are_the_documented_error_body_and_a_resent_link_replaces_the_earlier_one()
    {
        var invalid = (await _api.Post($"{Accounts}/users/email-verification/confirm/", new { token = "0123456789abcdef" })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal("Invalid or expired activation token", invalid["error"].GetString());
        Assert.Single(invalid.Body.EnumerateObject());
        Assert.Equal(["This field is required."], (await _api.Post($"{Accounts}/users/email-verification/confirm/", new { }))
            .ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("token"));

        var body = Registration("recruiter");
        var email = (string)body["email"];
        (await _api.Post($"{Accounts}/users/", body)).Expect(HttpStatusCode.Created);
        var first = await ActivationToken(email);
        var resent = (await _api.Post($"{Accounts}/users/email-verification/resend/", new { email })).Expect(HttpStatusCode.OK);
        Assert.Equal("Activation email sent successfully. Please check your inbox.", resent["message"].GetString());
        var second = (await ActivationTokens(email, 2)).Single(token => token != first);
        Assert.Equal("Invalid or expired activation token",
            (await _api.Post($"{Accounts}/users/email-verification/confirm/", new { token = first })).Expect(HttpStatusCode.BadRequest)["error"].GetString());
        (await _api.Post($"{Accounts}/users/email-verification/confirm/", new { token = second })).Expect(HttpStatusCode.OK);

        // An unknown address gets the same answer, and no mail.
        var unknown = $"{ApiClient.Unique("ghost")}@example.com";
        Assert.Equal(resent.Body.GetRawText(), (await _api.Post($"{Accounts}/users/email-verification/resend/", new { email = unknown }))
            .Expect(HttpStatusCode.OK).Body.GetRawText());
        (await _api.Post($"{Accounts}/users/email-verification/resend/", new { })).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        (await _api.Post($"{Accounts}/users/email-verification/resend/", new { email }, "not-a-token")).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
        Assert.Empty(await MailCatcher.ListAsync(unknown));
    }

    [Fact]
    public async Task Resending_to_one_address_is_limited()
    {
        var email = $"{ApiClient.Unique("many")}@example.com";
        for (var i = 0; i < CareerNexus.Verification.AttemptRules.MailsPerAddress.Limit; i++)
            (await _api.Post($"{Accounts}/users/email-verification/resend/", new { email })).Expect(HttpStatusCode.OK);
        (await _api.Post($"{Accounts}/users/email-verification/resend/", new { email })).ExpectRetryAfter(3600);
    }

    [Fact]
    public async Task An_account_made_on_another_surface_verifies_its_email_through_an_authenticated_resend()
    {
        var careers = await _api.Register();
        var status = (await _api.Get($"{Accounts}/users/email-verification/status", careers.Access)).Expect(HttpStatusCode.OK);
        Assert.False(status["is_verified"].GetBoolean());
        Assert.True(status["is_active"].GetBoolean());
        Assert.Equal("Email not verified. Please check your email for activation link.", status["message"].GetString());
        (await _api.Post($"{Accounts}/users/email-verification/resend/", null, careers.Access)).Expect(HttpStatusCode.OK);
        (await _api.Post($"{Accounts}/users/email-verification/confirm/", new { token = await ActivationToken(careers.Email) })).Expect(HttpStatusCode.OK);
        Assert.True((await _api.Get($"{Accounts}/users/me/", careers.Access)).Expect(HttpStatusCode.OK)["email_verified"].GetBoolean());
        Assert.Equal("Email is already verified.",
            (await _api.Post($"{Accounts}/users/email-verification/resend/", null, careers.Access)).Expect(HttpStatusCode.OK)["message"].GetString());
        (await _api.Get($"{Accounts}/users/email-verification/status/")).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_recruiter_gets_a_company_named_from_the_body_or_after_themselves()
    {
        async Task<Company> CompanyOf(Dictionary<string, object> body)
        {
            var id = (await _api.Post($"{Accounts}/users/", body)).Expect(HttpStatusCode.Created)["id"].GetInt64().ToString(CultureInfo.InvariantCulture);
            var profile = (await _app.Store.ReadAsync<RecruiterProfile>(Containers.RecruiterProfiles, id, id))!.Document;
            var companyId = profile.CompanyId.ToString(CultureInfo.InvariantCulture);
            return (await _app.Store.ReadAsync<Company>(Containers.Companies, companyId, companyId))!.Document;
        }

        var named = Registration("recruiter");
        named["company_name"] = "Acme Hiring";
        var company = await CompanyOf(named);
        Assert.Equal("Acme Hiring", company.Name);
        Assert.Equal(CompanyRoles.Owner, company.Team.Single().Role);
        Assert.Equal("John Doe", (await CompanyOf(Registration("recruiter"))).Name);
    }

    [Theory]
    [InlineData("ngo_manager")]
    [InlineData("admin")]
    [InlineData("superuser")]
    public async Task Only_candidates_and_recruiters_register(string userType)
    {
        var body = Registration(userType);
        Assert.Contains("only candidate and recruiter", (await _api.Post($"{Accounts}/users/", body)).ExpectRecruitmentError(HttpStatusCode.BadRequest)
            .FieldErrors("user_type").Single());
        Assert.Null(await _app.Services.GetRequiredService<AccountService>().FindByEmailAsync((string)body["email"]));
    }

    [Fact]
    public async Task Registration_reports_every_bad_field_and_taken_names_whatever_their_case()
    {
        var empty = (await _api.Post($"{Accounts}/users/", new { })).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        foreach (var field in new[] { "username", "email", "password", "password2", "user_type" })
            Assert.Equal("This field is required.", empty.FieldErrors(field).Single());

        var mismatch = Registration();
        mismatch["password2"] = "Something-else-1";
        mismatch["phone"] = "call me";
        var refused = (await _api.Post($"{Accounts}/users/", mismatch)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        Assert.NotEmpty(refused.FieldErrors("password2"));
        Assert.NotEmpty(refused.FieldErrors("phone"));

        var first = Registration();
        (await _api.Post($"{Accounts}/users/", first)).Expect(HttpStatusCode.Created);
        var sameName = Registration();
        sameName["username"] = ((string)first["username"]).ToUpperInvariant();
        Assert.NotEmpty((await _api.Post($"{Accounts}/users/", sameName)).ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("username"));
        var sameEmail = Registration();
        sameEmail["email"] = ((string)first["email"]).ToUpperInvariant();
        Assert.NotEmpty((await _api.Post($"{Accounts}/users/", sameEmail)).ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("email"));

        (await _api.PostRaw($"{Accounts}/users/", "{\"username\": ")).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        (await _api.PostRaw($"{Accounts}/users/", "{\"username\": [1, 2]}")).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        (await _api.PostRaw($"{Accounts}/auth/token/", "[]")).ExpectRecruitmentError(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_registration_retried_after_it_stopped_before_its_profile_and_mail_is_finished_not_refused()
    {
        var body = Registration("recruiter");
        var (username, email, password) = ((string)body["username"], (string)body["email"], (string)body["password"]);
        // The first attempt wrote the account and stopped there: no company, no profile, no mail.
        var first = await _app.Services.GetRequiredService<AccountService>().RegisterAsync(new NewAccount(username, email, password, "John", "Doe",
            null, Active: false));

        // A wrong password is a different person: the username stays taken.
        var stranger = new Dictionary<string, object>(body) { ["password"] = "Other-pass-9", ["password2"] = "Other-pass-9" };
        Assert.NotEmpty((await _api.Post($"{Accounts}/users/", stranger)).ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("username"));

        var finished = (await _api.Post($"{Accounts}/users/", body)).Expect(HttpStatusCode.Created);
        Assert.Equal(first.UserId, finished["id"].GetInt64());
        Assert.Equal("recruiter", finished["user_type"].GetString());
        var id = first.UserId.ToString(CultureInfo.InvariantCulture);
        var profile = await _app.Store.ReadAsync<RecruiterProfile>(Containers.RecruiterProfiles, id, id);
        Assert.NotNull(profile);
        var companyId = profile.Document.CompanyId.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(first.UserId, (await _app.Store.ReadAsync<Company>(Containers.Companies, companyId, companyId))!.Document.OwnerId);
        var token = await ActivationToken(email);

        // Once it has its role, a retry as another role is another registration, refused; once active, any retry is.
        Assert.NotEmpty((await _api.Post($"{Accounts}/users/", new Dictionary<string, object>(body) { ["user_type"] = "candidate" }))
            .ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("username"));
        (await _api.Post($"{Accounts}/users/email-verification/confirm/", new { token })).Expect(HttpStatusCode.OK);
        Assert.NotEmpty((await _api.Post($"{Accounts}/users/", body)).ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("username"));
    }

    [Fact]
    public async Task Email_and_username_checks_ignore_case_and_suggest_free_usernames()
    {
        var taken = await _api.Register();
        var free = (await _api.Post($"{Accounts}/users/check_email/", new { email = $"{ApiClient.Unique("free")}@example.com" })).Expect(HttpStatusCode.OK);
        Assert.True(free["available"].GetBoolean());
        Assert.Equal("Email is available", free["message"].GetString());
        var used = (await _api.Post($"{Accounts}/users/check_email", new { email = taken.Email.ToUpperInvariant() })).Expect(HttpStatusCode.OK);
        Assert.False(used["available"].GetBoolean());
        Assert.Equal("This email is already used", used["message"].GetString());
        Assert.NotEmpty((await _api.Post($"{Accounts}/users/check_email/", new { email = "not-an-email" })).ExpectRecruitmentError(HttpStatusCode.BadRequest)
            .FieldErrors("email"));

        var available = (await _api.Post($"{Accounts}/users/check_username/", new { username = ApiClient.Unique("n") })).Expect(HttpStatusCode.OK);
        Assert.True(available["available"].GetBoolean());
        Assert.Equal("Username is available", available["message"].GetString());

        // The document's first suggestion is taken too: the next ones are offered instead.
        await _api.Post("/careers/users/register/", new
        {
            username = taken.Username + "1", email = $"{taken.Username}1@example.com", password = "Pw-suggested-1", password_confirm = "Pw-suggested-1",
        });
        var check = (await _api.Post($"{Accounts}/users/check_username/", new { username = taken.Username.ToUpperInvariant() })).Expect(HttpStatusCode.OK);
        Assert.False(check["available"].GetBoolean());
        Assert.Equal("This username is already taken", check["message"].GetString());
        var suggestions = check["suggestions"].EnumerateArray().Select(s => s.GetString()!).ToList();
        Assert.Equal(3, suggestions.Count);
        Assert.DoesNotContain(taken.Username.ToUpperInvariant() + "1", suggestions);
        Assert.Contains($"{taken.Username.ToUpperInvariant()}_{DateTime.UtcNow.Year}", suggestions);
        foreach (var suggestion in suggestions)
            Assert.True((await _api.Post($"{Accounts}/users/check_username/", new { username = suggestion })).Expect(HttpStatusCode.OK)["available"].GetBoolean());
        Assert.NotEmpty((await _api.Post($"{Accounts}/users/check_username/", new { username = "a b" })).ExpectRecruitmentError(HttpStatusCode.BadRequest)
            .FieldErrors("username"));
    }

    [Fact]
    public async Task Refresh_rotates_and_a_reused_refresh_token_ends_the_sign_in_and_verify_tells_valid_tokens()
    {
        var user = await _app.Candidate();
        var pair = (await _api.Post($"{Accounts}/auth/token/", new { username = user.Username, password = user.Password })).Expect(HttpStatusCode.OK);
        var refreshed = (await _api.Post($"{Accounts}/auth/token/refresh/", new { refresh = pair["refresh"].GetString() })).Expect(HttpStatusCode.OK);
        var access = refreshed["access"].GetString()!;
        Assert.Equal("Token is valid",
            (await _api.Post($"{Accounts}/auth/token/verify/", new { token = access })).Expect(HttpStatusCode.OK)["detail"].GetString());

        (await _api.Post($"{Accounts}/auth/token/refresh/", new { refresh = pair["refresh"].GetString() })).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
        (await _api.Post($"{Accounts}/auth/token/verify/", new { token = access })).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
        (await _api.Post($"{Accounts}/auth/token/refresh/", new { refresh = refreshed["refresh"].GetString() })).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
        (await _api.Post($"{Accounts}/auth/token/verify/", new { token = "abc.def.ghi" })).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
        Assert.NotEmpty((await _api.Post($"{Accounts}/auth/token/verify/", new { })).ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("token"));
        Assert.NotEmpty((await _api.Post($"{Accounts}/auth/token/refresh/", new { })).ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("refresh"));
        var missing = (await _api.Post($"{Accounts}/auth/token/", new { })).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        Assert.NotEmpty(missing.FieldErrors("username"));
        Assert.NotEmpty(missing.FieldErrors("password"));
    }

    [Fact]
    public async Task A_password_reset_link_changes_the_password_once_and_ends_every_session()
    {
        var user = await _app.Candidate();
        var unknown = $"{ApiClient.Unique("ghost")}@example.com";
        var answer = (await _api.Post($"{Accounts}/auth/password-reset/", new { email = user.Email })).Expect(HttpStatusCode.OK);
        Assert.Equal("Password reset email sent if account exists", answer["detail"].GetString());
        Assert.Equal(answer.Body.GetRawText(), (await _api.Post($"{Accounts}/auth/password-reset/", new { email = unknown })).Expect(HttpStatusCode.OK).Body.GetRawText());
        var mail = (await MailCatcher.WaitForAsync(user.Email)).Single();
        Assert.Contains("/reset-password?token=", mail.Text);
        var token = MailCatcher.LinkParameter(mail, "token");

        var mismatch = (await _api.Post($"{Accounts}/auth/password-reset/confirm/", new { token, password = "New-secret-12", password_confirm = "Other-secret-12" }))
            .ExpectRecruitmentError(HttpStatusCode.BadRequest);
        Assert.NotEmpty(mismatch.FieldErrors("password_confirm"));
        // A refused password does not use the link up.
        Assert.NotEmpty((await _api.Post($"{Accounts}/auth/password-reset/confirm/", new { token, password = "12345678", password_confirm = "12345678" }))
            .ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("password"));
        var done = (await _api.Post($"{Accounts}/auth/password-reset/confirm/", new { token, password = "New-secret-12", password_confirm = "New-secret-12" }))
            .Expect(HttpStatusCode.OK);
        Assert.Equal("Password reset successful", done["detail"].GetString());

        (await _api.Get($"{Accounts}/users/me/", user.Access)).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
        (await _api.Post($"{Accounts}/auth/token/refresh/", new { refresh = user.Refresh })).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
        (await _api.Post($"{Accounts}/auth/token/", new { username = user.Username, password = user.Password })).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
        (await _api.Post($"{Accounts}/auth/token/", new { username = user.Username, password = "New-secret-12" })).Expect(HttpStatusCode.OK);
        Assert.NotEmpty((await _api.Post($"{Accounts}/auth/password-reset/confirm/", new { token, password = "Newer-secret-12", password_confirm = "Newer-secret-12" }))
            .ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("token"));
        Assert.Empty(await MailCatcher.ListAsync(unknown));
        Assert.NotEmpty((await _api.Post($"{Accounts}/auth/password-reset/", new { email = "nope" })).ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("email"));
    }

    [Fact]
    public async Task Users_me_changes_phone_bio_location_and_takes_a_profile_picture_as_a_file_or_a_url()
    {
        var user = await _app.Recruiter();
        var changed = (await _api.Patch($"{Accounts}/users/me/", new { phone = "+9876543210", bio = "Updated bio...", location = "Lyon, France" }, user.Access))
            .Expect(HttpStatusCode.OK);
        Assert.Equal("+9876543210", changed["phone"].GetString());
        Assert.Equal("Updated bio...", changed["bio"].GetString());
        Assert.Equal("Lyon, France", changed["location"].GetString());
        Assert.Equal("recruiter", changed["user_type"].GetString());
        var me = (await _api.Get($"{Accounts}/users/me", user.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(changed.Body.GetRawText(), me.Body.GetRawText());
        Assert.Equal(user.Username, me["username"].GetString());

        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        var uploaded = (await _api.SendForm(HttpMethod.Patch, $"{Accounts}/users/me/", new Dictionary<string, object>
        {
            ["profile_picture"] = new FormFile("me.png", "image/png", png), ["bio"] = "With a photo",
        }, user.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("With a photo", uploaded["bio"].GetString());
        using (var http = new HttpClient())
            Assert.Equal(png, await http.GetByteArrayAsync(uploaded["profile_picture"].GetString()));
        var linked = (await _api.Patch($"{Accounts}/users/me/", new { profile_picture = "https://cdn.example.com/me.jpg" }, user.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("https://cdn.example.com/me.jpg", linked["profile_picture"].GetString());

        var refused = (await _api.Patch($"{Accounts}/users/me/", new { phone = "12", profile_picture = "ftp://x/y.png" }, user.Access))
            .ExpectRecruitmentError(HttpStatusCode.BadRequest);
        Assert.NotEmpty(refused.FieldErrors("phone"));
        Assert.NotEmpty((await _api.SendForm(HttpMethod.Patch, $"{Accounts}/users/me/", new Dictionary<string, object>
        {
            ["profile_picture"] = new FormFile("me.png", "image/png", "not a picture"u8.ToArray()),
        }, user.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("profile_picture"));
        (await _api.Patch($"{Accounts}/users/me/", new { bio = "x" })).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_user_type_of_an_account_made_elsewhere_reads_candidate_and_an_administrator_reads_admin()
    {
        var careers = await _api.Register();
        Assert.Equal("candidate", (await _api.Get($"{Accounts}/users/me/", careers.Access)).Expect(HttpStatusCode.OK)["user_type"].GetString());
        var accounts = _app.Services.GetRequiredService<AccountService>();
        await accounts.MarkEmailVerifiedAsync(careers.Id, careers.Email);
        await _app.Services.GetRequiredService<AdminPolicy>().SetRoleAsync(careers.Email, admin: true);
        var fresh = (await _api.Post($"{Accounts}/auth/token/", new { username = careers.Username, password = careers.Password })).Expect(HttpStatusCode.OK);
        Assert.Equal("admin", (await _api.Get($"{Accounts}/users/me/", fresh["access"].GetString())).Expect(HttpStatusCode.OK)["user_type"].GetString());
    }

    [Fact]
    public async Task Users_me_is_one_cosmos_operation_at_ten_times_the_accounts()
    {
        var costs = new List<CosmosBudgetTests.Cost>();
        foreach (var size in new[] { 20, 200 })
        {
            await SeedAccountsAsync(size);
            var user = await _app.Candidate();
            // The first request of a token reads the account to authenticate; later ones trust the session cache.
            foreach (var _ in Enumerable.Range(0, 2))
                costs.Add(CosmosBudgetTests.Cost.Of((await _api.Get($"{Accounts}/users/me/", user.Access)).Expect(HttpStatusCode.OK)));
        }
        Assert.All(costs, cost => Assert.True(cost.Operations == 1 && cost.Queries + cost.CrossPartitionQueries == 0, cost.ToString()));
    }

    private async Task SeedAccountsAsync(int count)
    {
        var ids = _app.Services.GetRequiredService<IdAllocator>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (_, ct) =>
        {
            var userId = await ids.NextAsync("accounts", ct);
            var id = userId.ToString(CultureInfo.InvariantCulture);
            var account = new Account
            {
                Id = id, UserId = userId, Username = "seed" + id, Email = $"seed{id}@example.com", IsActive = true, CreatedAt = DateTimeOffset.UtcNow,
                RecruitmentRole = RecruitmentRoles.Candidate,
            };
            account.RefreshKeys();
            await _app.Store.UpsertAsync(Containers.Accounts, account, id, ct);
        });
    }
}
