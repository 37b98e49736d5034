using System.Net;
using CareerNexus.Functions.Hosting;
using CareerNexus.Functions.Workers;
using CareerNexus.Messaging;
using CareerNexus.Tests.Nexus;
using CareerNexus.Tests.Recruitment;
using CareerNexus.Tests.Support;
using CareerNexus.Tests.Talent;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CareerNexus.Tests.Hosting;

/// <summary>The two accounts every row uses, made once for the class: the owner of each object and a stranger to it.</summary>
public sealed class RouteParties : IAsyncLifetime
{
    public TestApp App { get; } = TestApp.Shared;
    public ApiClient Api { get; } = TestApp.Shared.Api();
    public TestUser Owner { get; private set; } = null!;
    public TestUser Stranger { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Owner = await Api.Register("Owner");
        Stranger = await Api.Register("Stranger");
        // Jobs take the poster's industry: the owner's is set once here.
        await App.SetProfileAsync(Owner.Id, industry: "technology");
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>
/// Who may call what, over the app's own endpoint table: every route is either public or answers 401 without a token
/// in its surface's dialect, and every route that reads or changes an object someone owns refuses a second account
/// while the owner, on the same request, succeeds. A route added to the app without a row here fails the table test.
/// </summary>
public sealed class RouteAuthorizationTests(RouteParties parties) : IClassFixture<RouteParties>
{
    private enum Access
    {
        /// <summary>Answers without a token (sign-up, sign-in, reference data, media links).</summary>
        Public,

        /// <summary>Needs a token; acts only on the caller's own data or on what every member may read.</summary>
        SignedIn,

        /// <summary>Needs a token, and reads or changes an object of one account: the row says how a stranger is refused.</summary>
        Owned,
    }

    /// <summary>
    /// The stranger's request on an object the owner has, and its refusal. A 2xx refusal is for lists of one's own:
    /// the stranger's answer must not show the owner's object (the marker), while the owner's does.
    /// </summary>
    private sealed record Attempt(HttpMethod Method, string Path, object? Body, HttpStatusCode Refusal, string? Marker = null)
    {
        /// <summary>Another token of the owner's for the proof, when the request uses up the one it is about (sign-out).</summary>
        public string? OwnerToken { get; init; }

        /// <summary>A session of the stranger's own for a request that would end it, so that a hole here fails only its own row.</summary>
        public string? StrangerToken { get; init; }

        /// <summary>Replaces the owner's repeat of the request as proof, for routes the owner may not call either (admin only).</summary>
        public Func<Task>? Unchanged { get; init; }
    }

    /// <param name="Probe">For public routes: the status an empty request without a token answers.</param>
    private sealed record Route(string Method, string Template, Access Access, Func<RouteParties, Task<Attempt>>? Arrange = null,
        HttpStatusCode? Probe = null)
    {
        public string Key => $"{Method} {Template}";
    }

    private static readonly Route[] Table =
    [
        // Careers (000, 001).
        new("GET", "/careers", Access.SignedIn),
        new("POST", "/careers/create", Access.SignedIn),
        new("GET", "/careers/{id}", Access.SignedIn),
        new("PATCH", "/careers/{id}", Access.Owned, async p =>
            new Attempt(HttpMethod.Patch, $"/careers/{await p.Api.CreatePost(p.Owner)}/", new { content = "Edited" }, HttpStatusCode.Forbidden)),
        new("DELETE", "/careers/{id}", Access.Owned, async p =>
            new Attempt(HttpMethod.Delete, $"/careers/{await p.Api.CreatePost(p.Owner)}/", null, HttpStatusCode.Forbidden)),
        new("POST", "/careers/{id}/like", Access.SignedIn),
        new("DELETE", "/careers/{id}/unlike", Access.Owned, async p =>
        {
            var post = await p.Api.CreatePost(p.Owner);
            (await p.Api.Post($"/careers/{post}/like/", null, p.Owner.Access)).Expect(HttpStatusCode.Created);
            return new Attempt(HttpMethod.Delete, $"/careers/{post}/unlike/", null, HttpStatusCode.NotFound);
        }),
        new("GET", "/careers/{id}/likes", Access.SignedIn),
        new("POST", "/careers/{id}/comment", Access.SignedIn),
        new("GET", "/careers/{id}/comments", Access.SignedIn),
        new("POST", "/careers/{id}/share", Access.SignedIn),
        new("GET", "/careers/{id}/shares", Access.SignedIn),
        new("POST", "/careers/users/register", Access.Public, Probe: HttpStatusCode.BadRequest),
        new("POST", "/careers/users/login", Access.Public, Probe: HttpStatusCode.BadRequest),
        new("POST", "/careers/users/token/refresh", Access.Public, Probe: HttpStatusCode.BadRequest),
        new("POST", "/careers/users/logout", Access.Owned, async p =>
        {
            var (owner, stranger) = (await CareersSession(p, p.Owner), await CareersSession(p, p.Stranger));
            return new Attempt(HttpMethod.Post, "/careers/users/logout/", new { refresh = owner["refresh"].GetString() }, HttpStatusCode.BadRequest)
            {
                OwnerToken = owner["access"].GetString(), StrangerToken = stranger["access"].GetString(),
            };
        }),
        new("GET", "/careers/users", Access.SignedIn),
        new("GET", "/careers/users/me", Access.Owned, p =>
            Task.FromResult(new Attempt(HttpMethod.Get, "/careers/users/me/", null, HttpStatusCode.OK, p.Owner.Email))),
        new("PATCH", "/careers/users/me/update", Access.SignedIn),
        new("GET", "/careers/users/me/stats", Access.SignedIn),
        new("POST", "/careers/users/follow", Access.SignedIn),
        new("GET", "/careers/users/following", Access.Owned, async p =>
        {
            var followed = await p.Api.Register();
            (await p.Api.Post("/careers/users/follow/", new { following = followed.Id }, p.Owner.Access)).Expect(HttpStatusCode.Created);
            return new Attempt(HttpMethod.Get, "/careers/users/following/", null, HttpStatusCode.OK, followed.Username);
        }),
        new("GET", "/careers/users/followers", Access.Owned, async p =>
        {
            var follower = await p.Api.Register();
            (await p.Api.Post("/careers/users/follow/", new { following = p.Owner.Id }, follower.Access)).Expect(HttpStatusCode.Created);
            return new Attempt(HttpMethod.Get, "/careers/users/followers/", null, HttpStatusCode.OK, follower.Username);
        }),
        new("GET", "/careers/users/{username}", Access.SignedIn),
        new("GET", "/careers/users/{username}/followers", Access.SignedIn),
        new("GET", "/careers/users/{username}/following", Access.SignedIn),
        new("DELETE", "/careers/users/{username}/unfollow", Access.Owned, async p =>
        {
            var followed = await p.Api.Register();
            (await p.Api.Post("/careers/users/follow/", new { following = followed.Id }, p.Owner.Access)).Expect(HttpStatusCode.Created);
            return new Attempt(HttpMethod.Delete, $"/careers/users/{followed.Username}/unfollow/", null, HttpStatusCode.BadRequest);
        }),

        // Nexus (002): accounts.
        new("POST", "/user/signup", Access.Public, Probe: HttpStatusCode.BadRequest),
        new("POST", "/user/hash/verify", Access.Public, Probe: HttpStatusCode.BadRequest),
        new("POST", "/user/signin", Access.Public, Probe: HttpStatusCode.BadRequest),
        new("POST", "/user/forget-password", Access.Public, Probe: HttpStatusCode.BadRequest),
        new("POST", "/user/signout", Access.Owned, async p =>
        {
            var (owner, stranger) = (await NexusSession(p, p.Owner), await NexusSession(p, p.Stranger));
            return new Attempt(HttpMethod.Post, "/user/signout/", new { refresh = owner["refresh"].GetString() }, HttpStatusCode.BadRequest)
            {
                OwnerToken = owner["access"].GetString(), StrangerToken = stranger["access"].GetString(),
            };
        }),

        // Profiles and their entries.
        new("GET", "/user/retrieve-profile", Access.SignedIn),
        new("PUT", "/user/profile-update", Access.SignedIn),
        new("PATCH", "/user/profile-update", Access.SignedIn),
        new("GET", "/user/experience", Access.Owned, async p =>
            new Attempt(HttpMethod.Get, "/user/experience/", null, HttpStatusCode.OK, (await AddExperience(p)).Title)),
        new("POST", "/user/experience", Access.SignedIn),
        new("DELETE", "/user/experience", Access.Owned, async p =>
            new Attempt(HttpMethod.Delete, $"/user/experience/?experience_id={(await AddExperience(p)).Id}", null, HttpStatusCode.NotFound)),
        new("PUT", "/user/update-experience", Access.Owned, async p =>
            new Attempt(HttpMethod.Put, "/user/update-experience/", new { (await AddExperience(p)).Id, title = "Taken over" }, HttpStatusCode.NotFound)),
        new("GET", "/user/education", Access.Owned, async p =>
            new Attempt(HttpMethod.Get, "/user/education/", null, HttpStatusCode.OK, (await AddEducation(p)).Course)),
        new("POST", "/user/education", Access.SignedIn),
        new("DELETE", "/user/education", Access.Owned, async p =>
            new Attempt(HttpMethod.Delete, $"/user/education/?education_id={(await AddEducation(p)).Id}", null, HttpStatusCode.NotFound)),
        new("GET", "/user/certification", Access.Owned, async p =>
            new Attempt(HttpMethod.Get, "/user/certification/", null, HttpStatusCode.OK, (await AddCertification(p)).Title)),
        new("POST", "/user/certification", Access.SignedIn),
        new("DELETE", "/user/certification", Access.Owned, async p =>
            new Attempt(HttpMethod.Delete, $"/user/certification/?certification_id={(await AddCertification(p)).Id}", null, HttpStatusCode.NotFound)),
        new("GET", "/user/analytics", Access.SignedIn),
        new("GET", "/user/completion", Access.SignedIn),

        // Posts.
        new("GET", "/post", Access.SignedIn),
        new("POST", "/post", Access.SignedIn),
        new("POST", "/post/comment", Access.SignedIn),
        new("GET", "/post/comment", Access.SignedIn),
        new("POST", "/post/reply", Access.SignedIn),
        new("POST", "/post/like", Access.SignedIn),
        new("POST", "/post/repost", Access.SignedIn),
        new("POST", "/post/save", Access.SignedIn),
        new("GET", "/post/save", Access.Owned, async p =>
        {
            var body = ApiClient.Unique("saved");
            var post = await p.Api.NexusPost(p.Owner, body);
            (await p.Api.Post("/post/save/", new { post }, p.Owner.Access)).Expect(HttpStatusCode.Created);
            return new Attempt(HttpMethod.Get, "/post/save/", null, HttpStatusCode.OK, body);
        }),
        new("POST", "/post/share", Access.SignedIn),
        new("GET", "/post/following", Access.SignedIn),

        // Jobs.
        new("POST", "/job", Access.SignedIn),
        new("GET", "/job", Access.Owned, async p =>
        {
            var title = ApiClient.Unique("Job");
            (await p.Api.Post("/job/", JobsTests.Job(title), p.Owner.Access)).Expect(HttpStatusCode.Created);
            return new Attempt(HttpMethod.Get, "/job/", null, HttpStatusCode.OK, title);
        }),
        new("GET", "/job/recommend", Access.SignedIn),
        new("PUT", "/job/preference", Access.SignedIn),
        new("GET", "/job/preference", Access.Owned, async p =>
        {
            var title = ApiClient.Unique("Wanted");
            (await p.Api.Put("/job/preference/", new { title, industry = "technology" }, p.Owner.Access)).Expect(HttpStatusCode.OK);
            return new Attempt(HttpMethod.Get, "/job/preference/", null, HttpStatusCode.OK, title);
        }),
        new("*", "/ws/notification/jobs", Access.SignedIn),
        new("POST", "/ws/notification/jobs/negotiate", Access.SignedIn),

        // Chats.
        new("GET", "/chats", Access.Owned, async p =>
        {
            var (peer, _) = await Conversation(p);
            return new Attempt(HttpMethod.Get, "/chats/", null, HttpStatusCode.OK, "First" + peer);
        }),
        new("GET", "/chats/messages", Access.Owned, async p =>
            new Attempt(HttpMethod.Get, $"/chats/messages/?chat_id={(await Conversation(p)).ChatId}", null, HttpStatusCode.Forbidden)),

        // Connections.
        new("GET", "/connection", Access.Owned, async p =>
        {
            var (peer, id) = await ConnectionRequest(p);
            (await p.Api.Post("/connection/status/", new { connection_id = id, status = "Accept" }, p.Owner.Access)).Expect(HttpStatusCode.OK);
            return new Attempt(HttpMethod.Get, "/connection/", null, HttpStatusCode.OK, "First" + peer);
        }),
        new("POST", "/connection", Access.SignedIn),
        new("GET", "/connection/pending", Access.Owned, async p =>
            new Attempt(HttpMethod.Get, "/connection/pending/", null, HttpStatusCode.OK, "First" + (await ConnectionRequest(p)).Peer)),
        new("POST", "/connection/status", Access.Owned, async p =>
            new Attempt(HttpMethod.Post, "/connection/status/", new { connection_id = (await ConnectionRequest(p)).Id, status = "Accept" },
                HttpStatusCode.NotFound)),
        new("GET", "/connection/recommendation", Access.SignedIn),

        // Recruitment (003): accounts.
        new("POST", "/accounts/api/v1/auth/token", Access.Public, Probe: HttpStatusCode.BadRequest),
        new("POST", "/accounts/api/v1/auth/token/refresh", Access.Public, Probe: HttpStatusCode.BadRequest),
        new("POST", "/accounts/api/v1/auth/token/verify", Access.Public, Probe: HttpStatusCode.BadRequest),
        new("POST", "/accounts/api/v1/auth/password-reset", Access.Public, Probe: HttpStatusCode.BadRequest),
        new("POST", "/accounts/api/v1/auth/password-reset/confirm", Access.Public, Probe: HttpStatusCode.BadRequest),
        new("POST", "/accounts/api/v1/users/check_email", Access.Public, Probe: HttpStatusCode.BadRequest),
        new("POST", "/accounts/api/v1/users/check_username", Access.Public, Probe: HttpStatusCode.BadRequest),
        new("POST", "/accounts/api/v1/users", Access.Public, Probe: HttpStatusCode.BadRequest),
        new("GET", "/accounts/api/v1/users/email-verification/status", Access.SignedIn),
        // Authenticated for one's own account, or with an email (the probe sends neither).
        new("POST", "/accounts/api/v1/users/email-verification/resend", Access.Public, Probe: HttpStatusCode.BadRequest),
        new("POST", "/accounts/api/v1/users/email-verification/confirm", Access.Public, Probe: HttpStatusCode.BadRequest),
        new("GET", "/accounts/api/v1/users/me", Access.Owned, p =>
            Task.FromResult(new Attempt(HttpMethod.Get, "/accounts/api/v1/users/me/", null, HttpStatusCode.OK, p.Owner.Email))),
        new("PATCH", "/accounts/api/v1/users/me", Access.SignedIn),
        // LinkedIn is not configured in the shared app: both answer 400 saying so.
        new("POST", "/accounts/api/v1/linkedin/oauth/start", Access.Public, Probe: HttpStatusCode.BadRequest),
        new("GET", "/accounts/api/v1/linkedin/oauth/callback", Access.Public, Probe: HttpStatusCode.BadRequest),
        // Recruitment (003): candidate and recruiter profiles, each the caller's own.
        new("GET", "/accounts/api/v1/candidate-profiles/me", Access.Owned, async p =>
        {
            var (owner, stranger) = (await p.App.Candidate(), await p.App.Candidate());
            var skill = ApiClient.Unique("Skill");
            (await p.Api.Patch("/accounts/api/v1/candidate-profiles/me/", new { skills = new[] { skill } }, owner.Access)).Expect(HttpStatusCode.OK);
            return new Attempt(HttpMethod.Get, "/accounts/api/v1/candidate-profiles/me/", null, HttpStatusCode.OK, skill)
            {
                OwnerToken = owner.Access, StrangerToken = stranger.Access,
            };
        }),
        new("PATCH", "/accounts/api/v1/candidate-profiles/me", Access.SignedIn),
        new("POST", "/accounts/api/v1/candidate-profiles/me/generate-cv", Access.SignedIn),
        new("POST", "/accounts/api/v1/work-experiences", Access.SignedIn),
        new("POST", "/accounts/api/v1/educations", Access.SignedIn),
        new("GET", "/accounts/api/v1/recruiter-profiles/me", Access.Owned, async p =>
        {
            var (owner, stranger) = (await p.App.Recruiter(), await p.App.Recruiter());
            var needs = ApiClient.Unique("Needs");
            (await p.Api.Patch("/accounts/api/v1/recruiter-profiles/me/", new { hiring_needs = needs }, owner.Access)).Expect(HttpStatusCode.OK);
            return new Attempt(HttpMethod.Get, "/accounts/api/v1/recruiter-profiles/me/", null, HttpStatusCode.OK, needs)
            {
                OwnerToken = owner.Access, StrangerToken = stranger.Access,
            };
        }),
        new("PATCH", "/accounts/api/v1/recruiter-profiles/me", Access.SignedIn),

        // Reference data.
        new("GET", "/info/country-permit", Access.Public, Probe: HttpStatusCode.OK),
        new("PUT", "/info/country-permit", Access.Owned, p =>
            Task.FromResult(new Attempt(HttpMethod.Put, "/info/country-permit/", new { country = "Mongolia", status = "disable" }, HttpStatusCode.Forbidden)
            {
                // Only an admin may change permissions; the country stays permitted.
                Unchanged = async () => Assert.Contains("\"Mongolia\"", (await p.Api.Get("/info/country-permit/?status=enable")).Expect(HttpStatusCode.OK).Body.GetRawText()),
            })),
        new("GET", "/info", Access.Public, Probe: HttpStatusCode.BadRequest),
        new("GET", "/info/choice-data", Access.Public, Probe: HttpStatusCode.OK),

        // Links to files in a private container: whoever holds one may read it, like a public blob.
        new("GET", "/media/{*blob}", Access.Public, Probe: HttpStatusCode.NotFound),

        // Recruitment (003): applications and job tests. Owners and strangers are candidates or recruiters made for the row.
        new("POST", "/applications/api/v1/applications", Access.SignedIn),
        new("GET", "/applications/api/v1/applications/my-applications", Access.Owned, async p =>
        {
            var (_, candidate, job, _) = await Application(p);
            return new Attempt(HttpMethod.Get, "/applications/api/v1/applications/my-applications/", null, HttpStatusCode.OK, job.Title)
            {
                OwnerToken = candidate.Access, StrangerToken = (await p.App.Candidate()).Access,
            };
        }),
        new("GET", "/applications/api/v1/applications/job/{job_id}", Access.Owned, async p =>
        {
            var (recruiter, _, job, _) = await Application(p);
            return new Attempt(HttpMethod.Get, $"/applications/api/v1/applications/job/{job.JobId}/", null, HttpStatusCode.Forbidden)
            {
                OwnerToken = recruiter.Access, StrangerToken = (await p.App.Recruiter()).Access,
            };
        }),
        new("PATCH", "/applications/api/v1/applications/{id}/status", Access.Owned, async p =>
        {
            var (recruiter, _, job, application) = await Application(p);
            return new Attempt(HttpMethod.Patch, $"/applications/api/v1/applications/{application}/status/", new { status = "reviewed" },
                HttpStatusCode.Forbidden) { OwnerToken = recruiter.Access, StrangerToken = (await p.App.Recruiter()).Access };
        }),
        new("POST", "/applications/api/v1/test-submissions", Access.Owned, async p =>
        {
            var (recruiter, candidate, job, application) = await Application(p);
            (await p.Api.Put($"/jobs/api/v1/jobs/{job.JobId}/test/", TestSubmissionTests.Test(), recruiter.Access)).Expect(HttpStatusCode.OK);
            var answers = new[] { new { question = 1, answer = "Python", question_type = "multiple_choice" } };
            return new Attempt(HttpMethod.Post, "/applications/api/v1/test-submissions/", new { application, answers }, HttpStatusCode.Forbidden)
            {
                OwnerToken = candidate.Access, StrangerToken = (await p.App.Candidate()).Access,
            };
        }),
        new("PUT", "/jobs/api/v1/jobs/{id}/test", Access.Owned, async p =>
        {
            var (recruiter, _, job, _) = await Application(p);
            return new Attempt(HttpMethod.Put, $"/jobs/api/v1/jobs/{job.JobId}/test/", TestSubmissionTests.Test(), HttpStatusCode.Forbidden)
            {
                OwnerToken = recruiter.Access, StrangerToken = (await p.App.Recruiter()).Access,
            };
        }),
        new("GET", "/jobs/api/v1/jobs/{id}/test", Access.SignedIn),
        new("GET", "/jobs/api/v1/jobs", Access.Public, Probe: HttpStatusCode.OK),
        new("GET", "/jobs/api/v1/jobs/{id}", Access.Public, Probe: HttpStatusCode.NotFound),
        new("POST", "/jobs/api/v1/jobs", Access.SignedIn),
        new("PATCH", "/jobs/api/v1/jobs/{id}", Access.Owned, async p =>
        {
            var recruiter = await p.App.Recruiter();
            var job = await p.App.RecruitmentJob(recruiter);
            return new Attempt(HttpMethod.Patch, $"/jobs/api/v1/jobs/{job.JobId}/", new { title = "Taken over" }, HttpStatusCode.Forbidden)
            {
                OwnerToken = recruiter.Access, StrangerToken = (await p.App.Recruiter()).Access,
            };
        }),
        new("DELETE", "/jobs/api/v1/jobs/{id}", Access.Owned, async p =>
        {
            var recruiter = await p.App.Recruiter();
            var job = await p.App.RecruitmentJob(recruiter);
            return new Attempt(HttpMethod.Delete, $"/jobs/api/v1/jobs/{job.JobId}/", null, HttpStatusCode.Forbidden)
            {
                OwnerToken = recruiter.Access, StrangerToken = (await p.App.Recruiter()).Access,
            };
        }),
        // A/B experiments: administrators only (the owner is an admin made for the row, the stranger a candidate).
        new("GET", "/ab-testing/api/v1/experiments", Access.Owned, async p => await AsAdmin(p, HttpMethod.Get, "", null)),
        new("POST", "/ab-testing/api/v1/experiments", Access.Owned, async p =>
            await AsAdmin(p, HttpMethod.Post, "", new { name = "Row", variants = new[] { new { name = "A" }, new { name = "B" } } })),
        new("GET", "/ab-testing/api/v1/experiments/{id}", Access.Owned, async p => await AsAdmin(p, HttpMethod.Get, "{id}/", null)),
        new("PATCH", "/ab-testing/api/v1/experiments/{id}", Access.Owned, async p => await AsAdmin(p, HttpMethod.Patch, "{id}/", new { status = "paused" })),
        new("GET", "/ab-testing/api/v1/experiments/{id}/variant", Access.SignedIn),
        new("POST", "/ab-testing/api/v1/experiments/{id}/conversions", Access.SignedIn),
        new("GET", "/companies/api/v1/companies", Access.Public, Probe: HttpStatusCode.OK),
        new("GET", "/companies/api/v1/companies/{id}", Access.Public, Probe: HttpStatusCode.NotFound),

        // Recruitment (003): matching. The owner's match is calculated for the row, so the lists show it.
        new("GET", "/matching/api/v1/job-matches/job/{job_id}", Access.Owned, async p =>
        {
            var (recruiter, _, job) = await Match(p);
            return new Attempt(HttpMethod.Get, $"/matching/api/v1/job-matches/job/{job.JobId}/", null, HttpStatusCode.Forbidden)
            {
                OwnerToken = recruiter.Access, StrangerToken = (await p.App.Recruiter()).Access,
            };
        }),
        new("GET", "/matching/api/v1/job-matches/candidate/me", Access.Owned, async p =>
        {
            var (_, candidate, job) = await Match(p);
            return new Attempt(HttpMethod.Get, "/matching/api/v1/job-matches/candidate/me/?limit=100", null, HttpStatusCode.OK, job.Title)
            {
                OwnerToken = candidate.Access, StrangerToken = (await p.App.Candidate()).Access,
            };
        }),
        new("POST", "/matching/api/v1/job-matches/recalculate", Access.Owned, async p =>
        {
            var (recruiter, _, job) = await Match(p);
            return new Attempt(HttpMethod.Post, "/matching/api/v1/job-matches/recalculate/", new { job_id = job.JobId }, HttpStatusCode.Forbidden)
            {
                OwnerToken = recruiter.Access, StrangerToken = (await p.App.Recruiter()).Access,
            };
        }),

        // Recruitment (003): payments and subscriptions. The webhooks are public (their signatures are the check; the shared
        // app configures no provider, so they answer 400); a transaction is its payer's, and only recruiters open profiles.
        new("POST", "/payments/api/v1/payments/initiate", Access.SignedIn),
        new("GET", "/payments/api/v1/payments/{transaction_id}/status", Access.Owned, async p =>
        {
            var owner = await p.App.Recruiter();
            var id = await StoredTransaction(p, owner.Id);
            return new Attempt(HttpMethod.Get, $"/payments/api/v1/payments/{id}/status/", null, HttpStatusCode.NotFound)
            {
                OwnerToken = owner.Access, StrangerToken = (await p.App.Recruiter()).Access,
            };
        }),
        new("POST", "/payments/api/v1/webhooks/stripe", Access.Public, Probe: HttpStatusCode.BadRequest),
        new("POST", "/payments/api/v1/webhooks/afribapay", Access.Public, Probe: HttpStatusCode.BadRequest),
        new("GET", "/subscriptions/api/v1/subscriptions/me", Access.SignedIn),
        new("POST", "/subscriptions/api/v1/subscriptions/subscribe", Access.SignedIn),
        new("GET", "/accounts/api/v1/candidate-profiles/{id}", Access.Owned, async p =>
        {
            var candidate = await p.App.Candidate();
            return new Attempt(HttpMethod.Get, $"/accounts/api/v1/candidate-profiles/{candidate.Id}/", null, HttpStatusCode.Forbidden)
            {
                OwnerToken = (await p.App.Recruiter()).Access, StrangerToken = (await p.App.Candidate()).Access,
            };
        }),
        // Recruitment (003): blog, reviews, NGOs and the admin panel. Writes of the blog and the admin panel are the
        // administrators' (the owner an admin made for the row, the stranger a candidate).
        new("GET", "/blog/api/v1/posts", Access.Public, Probe: HttpStatusCode.OK),
        new("GET", "/blog/api/v1/posts/{id}", Access.Public, Probe: HttpStatusCode.NotFound),
        new("GET", "/blog/api/v1/categories", Access.Public, Probe: HttpStatusCode.OK),
        new("POST", "/blog/api/v1/posts", Access.Owned, async p =>
            await AsBlogAdmin(p, HttpMethod.Post, "", new { title = ApiClient.Unique("Row "), content = "Row", category = 1 })),
        new("PATCH", "/blog/api/v1/posts/{id}", Access.Owned, async p => await AsBlogAdmin(p, HttpMethod.Patch, "{id}/", new { excerpt = "Edited" })),
        new("POST", "/blog/api/v1/posts/{id}/publish", Access.Owned, async p => await AsBlogAdmin(p, HttpMethod.Post, "{id}/publish/", null)),
        new("DELETE", "/blog/api/v1/posts/{id}", Access.Owned, async p => await AsBlogAdmin(p, HttpMethod.Delete, "{id}/", null)),
        new("POST", "/reviews/api/v1/reviews", Access.Owned, async p =>
        {
            // The owner applied to the company; the stranger, a candidate too, did not.
            var (_, candidate, job, _) = await Application(p);
            return new Attempt(HttpMethod.Post, "/reviews/api/v1/reviews/", new { target_type = "company", target_id = job.Posting!.CompanyId, rating = 4 },
                HttpStatusCode.Forbidden) { OwnerToken = candidate.Access, StrangerToken = (await p.App.Candidate()).Access };
        }),
        new("GET", "/reviews/api/v1/reviews", Access.Owned, async p =>
        {
            // A candidate's reviews: the candidate reads them, another candidate may not.
            var (recruiter, candidate, _, _) = await Application(p);
            (await p.Api.Post("/reviews/api/v1/reviews/", new { target_type = "candidate", target_id = candidate.Id, rating = 4 }, recruiter.Access))
                .Expect(HttpStatusCode.Created);
            return new Attempt(HttpMethod.Get, $"/reviews/api/v1/reviews/?target_type=candidate&target_id={candidate.Id}", null, HttpStatusCode.Forbidden)
            {
                OwnerToken = candidate.Access, StrangerToken = (await p.App.Candidate()).Access,
            };
        }),
        new("DELETE", "/reviews/api/v1/reviews/{id}", Access.Owned, async p =>
        {
            var (_, candidate, job, _) = await Application(p);
            var review = (await p.Api.Post("/reviews/api/v1/reviews/", new { target_type = "company", target_id = job.Posting!.CompanyId, rating = 4 },
                candidate.Access)).Expect(HttpStatusCode.Created)["id"].GetInt64();
            return new Attempt(HttpMethod.Delete, $"/reviews/api/v1/reviews/{review}/", null, HttpStatusCode.Forbidden)
            {
                OwnerToken = candidate.Access, StrangerToken = (await p.App.Candidate()).Access,
            };
        }),
        new("GET", "/ngo/api/v1/ngos", Access.Public, Probe: HttpStatusCode.OK),
        new("GET", "/ngo/api/v1/ngos/{id}", Access.Public, Probe: HttpStatusCode.NotFound),
        new("POST", "/ngo/api/v1/ngos", Access.Owned, async p =>
            new Attempt(HttpMethod.Post, "/ngo/api/v1/ngos/", new { name = ApiClient.Unique("Row NGO ") }, HttpStatusCode.Forbidden)
            {
                OwnerToken = (await p.App.NgoManager()).Access, StrangerToken = (await p.App.Candidate()).Access,
            }),
        new("PATCH", "/ngo/api/v1/ngos/{id}", Access.Owned, async p =>
        {
            // Another NGO manager may not change it.
            var manager = await p.App.NgoManager();
            var ngo = (await p.Api.Post("/ngo/api/v1/ngos/", new { name = ApiClient.Unique("Row NGO ") }, manager.Access)).Expect(HttpStatusCode.Created)["id"]
                .GetInt64();
            return new Attempt(HttpMethod.Patch, $"/ngo/api/v1/ngos/{ngo}/", new { mission = "Edited" }, HttpStatusCode.Forbidden)
            {
                OwnerToken = manager.Access, StrangerToken = (await p.App.NgoManager()).Access,
            };
        }),
        new("GET", "/admin-panel/api/v1/dashboard/stats", Access.Owned, async p =>
            new Attempt(HttpMethod.Get, "/admin-panel/api/v1/dashboard/stats/", null, HttpStatusCode.Forbidden)
            {
                OwnerToken = (await p.App.Admin()).Access, StrangerToken = (await p.App.Candidate()).Access,
            }),
        new("POST", "/admin-panel/api/v1/ngo-managers", Access.Owned, async p =>
            new Attempt(HttpMethod.Post, "/admin-panel/api/v1/ngo-managers/", new { email = (await p.App.NgoManager()).Email }, HttpStatusCode.Forbidden)
            {
                OwnerToken = (await p.App.Admin()).Access, StrangerToken = (await p.App.Candidate()).Access,
            }),

        // Recruitment (003): notifications (each the caller's own), company follows and gamification.
        new("GET", "/notifications/api/v1/notifications", Access.Owned, async p =>
        {
            var (candidate, job, id) = await Notified(p);
            return new Attempt(HttpMethod.Get, "/notifications/api/v1/notifications/", null, HttpStatusCode.OK, job)
            {
                OwnerToken = candidate.Access, StrangerToken = (await p.App.Candidate()).Access,
            };
        }),
        new("PATCH", "/notifications/api/v1/notifications/{id}/read", Access.Owned, async p =>
        {
            var (candidate, _, id) = await Notified(p);
            return new Attempt(HttpMethod.Patch, $"/notifications/api/v1/notifications/{id}/read/", null, HttpStatusCode.NotFound)
            {
                OwnerToken = candidate.Access, StrangerToken = (await p.App.Candidate()).Access,
            };
        }),
        new("POST", "/notifications/api/v1/notifications/mark-all-read", Access.SignedIn),
        new("POST", "/companies/api/v1/companies/{id}/follow", Access.SignedIn),
        new("DELETE", "/companies/api/v1/companies/{id}/follow", Access.SignedIn),
        new("GET", "/gamification/api/v1/gamification/me", Access.Owned, p =>
            Task.FromResult(new Attempt(HttpMethod.Get, "/gamification/api/v1/gamification/me/", null, HttpStatusCode.OK, p.Owner.Username))),

        // Recruitment (003): messaging and its chat socket. The owner's conversation is with a new account made for the row.
        new("GET", "/messaging/api/v1/conversations", Access.Owned, async p =>
        {
            var (peer, _) = await Conversation(p);
            return new Attempt(HttpMethod.Get, "/messaging/api/v1/conversations/?limit=100", null, HttpStatusCode.OK, "First" + peer);
        }),
        new("POST", "/messaging/api/v1/conversations", Access.SignedIn),
        new("GET", "/messaging/api/v1/conversations/{id}/messages", Access.Owned, async p =>
            new Attempt(HttpMethod.Get, $"/messaging/api/v1/conversations/{(await Conversation(p)).ChatId}/messages/", null, HttpStatusCode.Forbidden)),
        new("POST", "/messaging/api/v1/conversations/{id}/messages", Access.Owned, async p =>
            new Attempt(HttpMethod.Post, $"/messaging/api/v1/conversations/{(await Conversation(p)).ChatId}/messages/", new { content = "Let me in" },
                HttpStatusCode.Forbidden)),
        new("*", "/ws/messaging/{conversation_id}", Access.SignedIn),
        new("POST", "/ws/messaging/{conversation_id}/negotiate", Access.Owned, async p =>
            new Attempt(HttpMethod.Post, $"/ws/messaging/{(await Conversation(p)).ChatId}/negotiate/", null, HttpStatusCode.Forbidden)),
        // Azure Web PubSub's event handler: the service's signature, not a token; without the service configured, 404.
        new("OPTIONS", "/webpubsub/messaging", Access.Public, Probe: HttpStatusCode.NotFound),
        new("POST", "/webpubsub/messaging", Access.Public, Probe: HttpStatusCode.NotFound),

        // Talent (004): accounts and sign-in. Owners and strangers are Talent accounts or employers made for the row.
        new("POST", "/api/auth/signup", Access.Public, Probe: HttpStatusCode.BadRequest),
        new("POST", "/api/auth/verify-email", Access.Public, Probe: HttpStatusCode.BadRequest),
        new("POST", "/api/auth/resend-verification", Access.Public, Probe: HttpStatusCode.BadRequest),
        new("POST", "/api/auth/token", Access.Public, Probe: HttpStatusCode.BadRequest),
        new("POST", "/api/auth/session/login", Access.Public, Probe: HttpStatusCode.BadRequest),
        // The refresh token comes from its cookie: without one, nobody is signed in.
        new("POST", "/api/auth/token/refresh", Access.Public, Probe: HttpStatusCode.Unauthorized),
        new("POST", "/api/auth/logout", Access.SignedIn),
        new("POST", "/api/auth/session/logout", Access.SignedIn),
        new("GET", "/api/auth/csrf", Access.Public, Probe: HttpStatusCode.OK),
        new("POST", "/api/auth/change-password", Access.SignedIn),
        new("POST", "/api/auth/password_reset", Access.Public, Probe: HttpStatusCode.BadRequest),
        new("POST", "/api/auth/password_reset/confirm", Access.Public, Probe: HttpStatusCode.BadRequest),
        new("POST", "/api/token", Access.Public, Probe: HttpStatusCode.BadRequest),
        new("POST", "/api/token/refresh", Access.Public, Probe: HttpStatusCode.BadRequest),
        new("GET", "/api/auth/users/me", Access.Owned, p =>
            Task.FromResult(new Attempt(HttpMethod.Get, "/api/auth/users/me/", null, HttpStatusCode.OK, p.Owner.Email))),
        new("GET", "/api/auth/users/{id}", Access.Owned, p =>
            Task.FromResult(new Attempt(HttpMethod.Get, $"/api/auth/users/{p.Owner.Id}/", null, HttpStatusCode.NotFound))),
        new("PUT", "/api/auth/users/{id}", Access.Owned, p =>
            Task.FromResult(new Attempt(HttpMethod.Put, $"/api/auth/users/{p.Owner.Id}/", new { first_name = "First", last_name = "Last" }, HttpStatusCode.Forbidden))),
        new("PATCH", "/api/auth/users/{id}", Access.Owned, p =>
            Task.FromResult(new Attempt(HttpMethod.Patch, $"/api/auth/users/{p.Owner.Id}/", new { first_name = "FirstOwner" }, HttpStatusCode.Forbidden))),
        new("DELETE", "/api/auth/users/{id}", Access.Owned, async p =>
        {
            // The owner's own request deletes the account: one made for the row.
            var owner = await p.App.TalentUser();
            return new Attempt(HttpMethod.Delete, $"/api/auth/users/{owner.Id}/", null, HttpStatusCode.Forbidden) { OwnerToken = owner.Access };
        }),
        new("POST", "/api/auth/add-feedback", Access.SignedIn),
        new("GET", "/api/auth/feedback", Access.Owned, async p =>
        {
            var admin = await p.App.TalentUser();
            await p.App.Services.GetRequiredService<Accounts.AdminPolicy>().SetRoleAsync(admin.Email, admin: true);
            return new Attempt(HttpMethod.Get, "/api/auth/feedback/", null, HttpStatusCode.Forbidden) { OwnerToken = admin.Access };
        }),

        // Talent (004): organizations and job posts, each of an employer made for the row; the stranger is another employer.
        new("GET", "/api/organization/organizations", Access.Owned, async p =>
        {
            var name = ApiClient.Unique("Org ");
            var (root, _) = await p.App.Employer(name);
            return new Attempt(HttpMethod.Get, "/api/organization/organizations/", null, HttpStatusCode.OK, name)
            {
                OwnerToken = root.Access, StrangerToken = (await p.App.Employer()).User.Access,
            };
        }),
        new("POST", "/api/organization/organizations", Access.SignedIn),
        new("GET", "/api/organization/organizations/{id}", Access.Owned, p => Organization(p, HttpMethod.Get, "", null)),
        new("PUT", "/api/organization/organizations/{id}", Access.Owned, p => Organization(p, HttpMethod.Put, "", new { name = "Renamed" })),
        new("PATCH", "/api/organization/organizations/{id}", Access.Owned, p => Organization(p, HttpMethod.Patch, "", new { about = "Changed" })),
        new("DELETE", "/api/organization/organizations/{id}", Access.Owned, p => Organization(p, HttpMethod.Delete, "", null)),
        new("POST", "/api/organization/organizations/{id}/create-invite", Access.Owned, p =>
            Organization(p, HttpMethod.Post, "create-invite/", new { email = ApiClient.Unique("invited") + "@example.com" })),
        new("POST", "/api/organization/invites/accept", Access.SignedIn),
        new("GET", "/api/channels/jobs", Access.Owned, async p =>
        {
            var (root, _) = await p.App.Employer();
            var title = ApiClient.Unique("Talent job ");
            (await p.Api.Post("/api/channels/jobs/", Talent.TalentJobTests.JobPost(title), root.Access)).Expect(HttpStatusCode.Created);
            return new Attempt(HttpMethod.Get, "/api/channels/jobs/", null, HttpStatusCode.OK, title)
            {
                OwnerToken = root.Access, StrangerToken = (await p.App.Employer()).User.Access,
            };
        }),
        new("POST", "/api/channels/jobs", Access.SignedIn),
        new("GET", "/api/channels/jobs/{id}", Access.Owned, p => TalentJob(p, HttpMethod.Get, "", null)),
        new("PUT", "/api/channels/jobs/{id}", Access.Owned, p =>
            TalentJob(p, HttpMethod.Put, "", new { title = "Taken over", job_desc = "Taken over", location = "Paris, France" })),
        new("PATCH", "/api/channels/jobs/{id}", Access.Owned, p => TalentJob(p, HttpMethod.Patch, "", new { title = "Taken over" })),
        new("DELETE", "/api/channels/jobs/{id}", Access.Owned, p => TalentJob(p, HttpMethod.Delete, "", null)),
        new("POST", "/api/channels/jobs/{id}/rank-candidates", Access.Owned, p => TalentJob(p, HttpMethod.Post, "rank-candidates/", null)),
        new("GET", "/api/channels/jobs/{id}/ranking-data", Access.Owned, p => TalentJob(p, HttpMethod.Get, "ranking-data/", null)),
        new("GET", "/api/channels/skills", Access.Public, Probe: HttpStatusCode.OK),

        // Talent (004): candidate profiles, each of a candidate made for the row, refused to another candidate (404: not theirs to
        // see) or, for changes, to an employer who may see it (403); notes of an employer made for the row, refused to an employer
        // of another organization.
        new("GET", "/api/candidates/profiles", Access.Owned, async p =>
        {
            var (owner, slug) = await p.App.CandidateWithProfile();
            return new Attempt(HttpMethod.Get, "/api/candidates/profiles/", null, HttpStatusCode.OK, slug)
            {
                OwnerToken = owner.Access, StrangerToken = (await p.App.TalentUser()).Access,
            };
        }),
        new("POST", "/api/candidates/profiles", Access.SignedIn),
        new("GET", "/api/candidates/profiles/{slug}", Access.Owned, p => CandidateProfile(p, HttpMethod.Get, "", null, byEmployer: false)),
        new("PUT", "/api/candidates/profiles/{slug}", Access.Owned, p =>
            CandidateProfile(p, HttpMethod.Put, "", new { expected_salary_range = "$1 - $2" }, byEmployer: true)),
        new("PATCH", "/api/candidates/profiles/{slug}", Access.Owned, p =>
            CandidateProfile(p, HttpMethod.Patch, "", new { is_available = false }, byEmployer: true)),
        new("DELETE", "/api/candidates/profiles/{slug}", Access.Owned, p => CandidateProfile(p, HttpMethod.Delete, "", null, byEmployer: true)),
        new("POST", "/api/candidates/profiles/{slug}/parse-resume", Access.Owned, p =>
            CandidateProfile(p, HttpMethod.Post, "parse-resume/", null, byEmployer: false)),
        new("GET", "/api/candidates/profiles/{slug}/parsing-status", Access.Owned, p =>
            CandidateProfile(p, HttpMethod.Get, "parsing-status/", null, byEmployer: false)),
        new("POST", "/api/candidates/profiles/{slug}/verify-profile", Access.Owned, p =>
            CandidateProfile(p, HttpMethod.Post, "verify-profile/", new { name = "Verified Name", skills = new[] { "Python" } }, byEmployer: true)),
        new("POST", "/api/candidates/profiles/{slug}/create-notes", Access.Owned, async p =>
        {
            var (_, slug) = await p.App.CandidateWithProfile();
            return new Attempt(HttpMethod.Post, $"/api/candidates/profiles/{slug}/create-notes/", new { note = "Strong Python skills" }, HttpStatusCode.NotFound)
            {
                OwnerToken = (await p.App.Employer()).User.Access, StrangerToken = (await p.App.TalentUser()).Access,
            };
        }),
        new("GET", "/api/candidates/notes", Access.Owned, async p =>
        {
            var text = ApiClient.Unique("Note ");
            var (author, _) = await CandidateNote(p, text);
            return new Attempt(HttpMethod.Get, "/api/candidates/notes/", null, HttpStatusCode.OK, text)
            {
                OwnerToken = author.Access, StrangerToken = (await p.App.Employer()).User.Access,
            };
        }),
        new("GET", "/api/candidates/notes/{id}", Access.Owned, p => CandidateNoteAttempt(p, HttpMethod.Get, null)),
        new("PUT", "/api/candidates/notes/{id}", Access.Owned, p => CandidateNoteAttempt(p, HttpMethod.Put, new { note = "Rewritten" })),
        new("PATCH", "/api/candidates/notes/{id}", Access.Owned, p => CandidateNoteAttempt(p, HttpMethod.Patch, new { section = "experience" })),
        new("DELETE", "/api/candidates/notes/{id}", Access.Owned, p => CandidateNoteAttempt(p, HttpMethod.Delete, null)),
        // Document 004's agent search, resume chat and career coach: public (a token only widens what they show, see TalentAssistantTests).
        new("POST", "/api/channels/agent", Access.Public, Probe: HttpStatusCode.BadRequest),
        new("POST", "/api/candidates/prompt", Access.Public, Probe: HttpStatusCode.BadRequest),
        new("POST", "/api/candidates/career-coach", Access.Public, Probe: HttpStatusCode.BadRequest),

        // What a client developer and an operator read without an account: the API documents and health.
        new("GET", "/api/schema", Access.Public, Probe: HttpStatusCode.OK),
        new("GET", "/api/docs/{*asset}", Access.Public, Probe: HttpStatusCode.OK),
        new("GET", "/api/redoc/{*asset}", Access.Public, Probe: HttpStatusCode.OK),
        new("GET", "/health/live", Access.Public, Probe: HttpStatusCode.OK),
        new("GET", "/health/ready", Access.Public, Probe: HttpStatusCode.OK),
    ];

    private static readonly Dictionary<string, Route> Rows = Table.ToDictionary(r => r.Key);

    public static TheoryData<string> AllRoutes() => new(Table.Select(r => r.Key));

    public static TheoryData<string> OwnedRoutes() => new(Table.Where(r => r.Access == Access.Owned).Select(r => r.Key));

    /// <summary>Every endpoint of the running app, as "METHOD /template" ("*" for the socket, which takes any method).</summary>
    private IEnumerable<string> Endpoints() => parties.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
        .Where(e => e.Metadata.GetMetadata<LoopbackOnly>() is null)
        .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? methods : ["*"],
            (e, method) => $"{method} /{FunctionManifest.RouteTemplate(e.RoutePattern)}");

    [Fact]
    public void The_table_has_one_row_per_endpoint_of_the_app()
    {
        var endpoints = Endpoints().ToHashSet();
        var missing = endpoints.Except(Rows.Keys).Order().ToList();
        var stale = Rows.Keys.Except(endpoints).Order().ToList();
        Assert.True(missing.Count == 0, $"Endpoints without a row in RouteAuthorizationTests.Table: {string.Join(", ", missing)}");
        Assert.True(stale.Count == 0, $"Rows that match no endpoint: {string.Join(", ", stale)}");

        // Every route the documents list is served (the socket, "WS" in the route list, takes any method).
        var documented = DocumentedRoutes.Read("careers-routes.tsv", "nexus-routes.tsv", "recruitment-routes.tsv", "talent-routes.tsv")
            .Select(row => $"{((string)row[0] == "WS" ? "*" : row[0])} /{((string)row[1]).Trim('/')}").ToList();
        Assert.Empty(documented.Except(endpoints));
    }

    [Theory]
    [MemberData(nameof(AllRoutes))]
    public async Task Without_a_token_a_route_is_public_or_answers_401_in_its_dialect(string key)
    {
        var route = Rows[key];
        var path = route.Template.Replace("{id}", "999999999").Replace("{username}", "somebody").Replace("{*blob}", "posts/nothing.png").Replace("{*asset}", "index.html");
        var method = new HttpMethod(route.Method == "*" ? "GET" : route.Method);
        // A catch-all names a file, which has no trailing-slash form.
        foreach (var variant in route.Template.Contains("{*", StringComparison.Ordinal) ? [path] : new[] { path, path + "/" })
        {
            var response = await parties.Api.Send(method, variant, method == HttpMethod.Get || method == HttpMethod.Delete ? null : new { }, null);
            if (route.Access == Access.Public)
                Assert.True(response.Status == route.Probe, $"{key} at {variant}: expected {(int?)route.Probe}, got {(int)response.Status}: {response.Body}");
            else
                ExpectError(variant, response, HttpStatusCode.Unauthorized, key);
        }
    }

    [Theory]
    [MemberData(nameof(OwnedRoutes))]
    public async Task A_second_account_is_refused_what_belongs_to_the_first(string key)
    {
        var attempt = await Rows[key].Arrange!(parties);
        var refused = await parties.Api.Send(attempt.Method, attempt.Path, attempt.Body, attempt.StrangerToken ?? parties.Stranger.Access);
        if ((int)attempt.Refusal < 300)
        {
            refused.Expect(attempt.Refusal);
            Assert.DoesNotContain(attempt.Marker!, refused.Body.GetRawText(), StringComparison.Ordinal);
        }
        else ExpectError(attempt.Path, refused, attempt.Refusal, key);

        if (attempt.Unchanged is not null)
        {
            await attempt.Unchanged();
            return;
        }
        // The object exists and the stranger left it as it was: its owner's same request succeeds.
        var owner = await parties.Api.Send(attempt.Method, attempt.Path, attempt.Body, attempt.OwnerToken ?? parties.Owner.Access);
        Assert.True((int)owner.Status is >= 200 and < 300, $"{key}: the owner's request answered {(int)owner.Status}: {owner.Body}");
        if (attempt.Marker is not null) Assert.Contains(attempt.Marker, owner.Body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loopback_only_endpoints_answer_404_to_anyone_else()
    {
        var loopback = parties.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<LoopbackOnly>() is not null).ToList();
        Assert.NotEmpty(loopback);
        foreach (var endpoint in loopback)
        {
            var method = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods[0];
            var request = new HttpRequestMessage(new HttpMethod(method), "/" + FunctionManifest.RouteTemplate(endpoint.RoutePattern));
            request.Headers.Add("X-Forwarded-For", "203.0.113.7");
            var response = await parties.Api.Send(request, parties.Owner.Access);
            Assert.True(response.Status == HttpStatusCode.NotFound, $"{method} {endpoint.RoutePattern.RawText} answered {(int)response.Status}");
        }
    }

    private static void ExpectError(string path, ApiResponse response, HttpStatusCode status, string key)
    {
        Assert.True(response.Status == status, $"{key} at {path}: expected {(int)status}, got {(int)response.Status}: {response.Body}");
        if (path.StartsWith("/careers", StringComparison.Ordinal)) response.ExpectCareersError(status);
        else if (Functions.Recruitment.RecruitmentDialect.Instance.PathPrefixes.Any(prefix => ErrorDialects.ClaimsPath(prefix, path)))
            response.ExpectRecruitmentError(status);
        else if (Functions.Talent.TalentDialect.Instance.PathPrefixes.Any(prefix => ErrorDialects.ClaimsPath(prefix, path))) response.ExpectTalentError(status);
        else response.ExpectNexusError(status);
    }

    /// <summary>A further sign-in of the account on each surface, with its own access and refresh tokens.</summary>
    private static async Task<ApiResponse> CareersSession(RouteParties p, TestUser user) =>
        (await p.Api.Post("/careers/users/login/", new { username = user.Username, password = user.Password })).Expect(HttpStatusCode.OK);

    private static async Task<ApiResponse> NexusSession(RouteParties p, TestUser user) =>
        (await p.Api.Post("/user/signin", new { email = user.Email, password = user.Password })).Expect(HttpStatusCode.OK);

    private static async Task<(long Id, string Title)> AddExperience(RouteParties p)
    {
        var title = ApiClient.Unique("Officer");
        var entry = (await p.Api.Post("/user/experience/", new
        {
            title, organization = "Aller Aqua", start_date = "2022-12-21", end_date = "", location = "Lagos", employment_type = "Onsite",
            detail = "Managed the sales department.",
        }, p.Owner.Access)).Expect(HttpStatusCode.Created);
        return (entry["id"].GetInt64(), title);
    }

    private static async Task<(long Id, string Course)> AddEducation(RouteParties p)
    {
        var course = ApiClient.Unique("Maths");
        var entry = (await p.Api.Post("/user/education/", new { course, school = "Uni", start_date = "2010-09-01", end_date = "2014-06-30" },
            p.Owner.Access)).Expect(HttpStatusCode.Created);
        return (entry["id"].GetInt64(), course);
    }

    private static async Task<(long Id, string Title)> AddCertification(RouteParties p)
    {
        var title = ApiClient.Unique("Cloud");
        var entry = (await p.Api.Post("/user/certification/", new { title, school = "Coursera", issue_date = "2023-07-04" }, p.Owner.Access))
            .Expect(HttpStatusCode.Created);
        return (entry["id"].GetInt64(), title);
    }

    /// <summary>A request on an organization of a new employer's ("{id}" in the path), refused to another employer as not theirs to see.</summary>
    private static async Task<Attempt> Organization(RouteParties p, HttpMethod method, string path, object? body)
    {
        var (root, organization) = await p.App.Employer();
        return new Attempt(method, $"/api/organization/organizations/{organization}/{path}", body, HttpStatusCode.NotFound)
        {
            OwnerToken = root.Access, StrangerToken = (await p.App.Employer()).User.Access,
        };
    }

    /// <summary>
    /// A request on a new candidate's profile (with a resume, so that its parsing may start), refused to another candidate (404) or,
    /// when <paramref name="byEmployer"/>, to an employer who may see the profile but not change it (403).
    /// </summary>
    private static async Task<Attempt> CandidateProfile(RouteParties p, HttpMethod method, string path, object? body, bool byEmployer)
    {
        var (owner, slug) = await p.App.CandidateWithProfile(resume: TalentCandidates.MinimalPdf());
        return new Attempt(method, $"/api/candidates/profiles/{slug}/{path}", body, byEmployer ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound)
        {
            OwnerToken = owner.Access, StrangerToken = byEmployer ? (await p.App.Employer()).User.Access : (await p.App.TalentUser()).Access,
        };
    }

    /// <summary>A note by a new employer on a new candidate's profile.</summary>
    private static async Task<(TestUser Author, long Note)> CandidateNote(RouteParties p, string text)
    {
        var (_, slug) = await p.App.CandidateWithProfile();
        var (author, _) = await p.App.Employer();
        return (author, await p.Api.CreateNote(author, slug, text));
    }

    /// <summary>A request on a new employer's note, refused to an employer of another organization as not theirs to see.</summary>
    private static async Task<Attempt> CandidateNoteAttempt(RouteParties p, HttpMethod method, object? body)
    {
        var (author, note) = await CandidateNote(p, "Strong Python skills");
        return new Attempt(method, $"/api/candidates/notes/{note}/", body, HttpStatusCode.NotFound)
        {
            OwnerToken = author.Access, StrangerToken = (await p.App.Employer()).User.Access,
        };
    }

    /// <summary>A request on a new employer's job post, refused to an employer of another organization.</summary>
    private static async Task<Attempt> TalentJob(RouteParties p, HttpMethod method, string path, object? body)
    {
        var (root, _) = await p.App.Employer();
        var job = (await p.Api.Post("/api/channels/jobs/", Talent.TalentJobTests.JobPost(), root.Access)).Expect(HttpStatusCode.Created)["id"].GetInt64();
        return new Attempt(method, $"/api/channels/jobs/{job}/{path}", body, HttpStatusCode.Forbidden)
        {
            OwnerToken = root.Access, StrangerToken = (await p.App.Employer()).User.Access,
        };
    }

    /// <summary>A Recruitment job of a new recruiter's and a new candidate's application to it.</summary>
    /// <summary>An administrator's request on an experiment of theirs ("{id}" in the path), refused to a candidate.</summary>
    private static async Task<Attempt> AsAdmin(RouteParties p, HttpMethod method, string path, object? body)
    {
        var admin = await p.App.Candidate("Admin");
        await p.App.Services.GetRequiredService<Accounts.AdminPolicy>().SetRoleAsync(admin.Email, admin: true);
        var id = (await p.Api.Post("/ab-testing/api/v1/experiments/", new { name = "Row", variants = new[] { new { name = "A" }, new { name = "B" } } },
            admin.Access)).Expect(HttpStatusCode.Created)["id"].GetInt64();
        return new Attempt(method, "/ab-testing/api/v1/experiments/" + path.Replace("{id}", id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            body, HttpStatusCode.Forbidden) { OwnerToken = admin.Access, StrangerToken = (await p.App.Candidate()).Access };
    }

    /// <summary>An administrator's request on a blog post of theirs ("{id}" in the path), refused to a candidate.</summary>
    private static async Task<Attempt> AsBlogAdmin(RouteParties p, HttpMethod method, string path, object? body)
    {
        var admin = await p.App.Admin();
        var id = (await p.Api.Post("/blog/api/v1/posts/", new { title = ApiClient.Unique("Row "), content = "Row", category = 1 }, admin.Access))
            .Expect(HttpStatusCode.Created)["id"].GetInt64();
        return new Attempt(method, "/blog/api/v1/posts/" + path.Replace("{id}", id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            body, HttpStatusCode.Forbidden) { OwnerToken = admin.Access, StrangerToken = (await p.App.Candidate()).Access };
    }

    private static async Task<(TestUser Recruiter, TestUser Candidate, Jobs.Job Job, long Application)> Application(RouteParties p)
    {
        var recruiter = await p.App.Recruiter();
        var job = await p.App.RecruitmentJob(recruiter);
        var candidate = await p.App.Candidate();
        var application = (await p.Api.Post("/applications/api/v1/applications/", new { job = job.JobId }, candidate.Access))
            .Expect(HttpStatusCode.Created)["id"].GetInt64();
        return (recruiter, candidate, job, application);
    }

    /// <summary>A pending transaction of the account's, stored as the payments feature stores one (no provider is configured here).</summary>
    private static async Task<string> StoredTransaction(RouteParties p, long userId)
    {
        var id = "txn_" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..12]);
        var now = DateTimeOffset.UtcNow;
        await p.App.Store.UpsertAsync(Storage.Containers.Payments, new Payments.PaymentTransaction
        {
            Id = id, Partition = id, UserId = userId, Purpose = Payments.PaymentPurposes.Credits, Credits = 1, Amount = 1, Currency = "EUR",
            PaymentMethod = Payments.PaymentMethods.Stripe, CreatedAt = now, UpdatedAt = now, ExpiresAt = now.AddHours(1),
        }, id);
        return id;
    }

    /// <summary>A Recruitment job of a new recruiter's and a new candidate's stored match with it.</summary>
    private static async Task<(TestUser Recruiter, TestUser Candidate, Jobs.Job Job)> Match(RouteParties p)
    {
        var recruiter = await p.App.Recruiter();
        var job = await p.App.RecruitmentJob(recruiter);
        var candidate = await p.App.Candidate();
        (await p.Api.Post("/matching/api/v1/job-matches/recalculate/", new { job_id = job.JobId, candidate_id = candidate.Id }, recruiter.Access))
            .Expect(HttpStatusCode.OK);
        return (recruiter, candidate, job);
    }

    /// <summary>A new candidate's application moved by its recruiter: the candidate's notification of it, and the job's title it names.</summary>
    private static async Task<(TestUser Candidate, string JobTitle, long Notification)> Notified(RouteParties p)
    {
        var (recruiter, candidate, job, application) = await Application(p);
        (await p.Api.Patch($"/applications/api/v1/applications/{application}/status/", new { status = "reviewed" }, recruiter.Access))
            .Expect(HttpStatusCode.OK);
        var list = (await p.Api.Get("/notifications/api/v1/notifications/", candidate.Access)).Expect(HttpStatusCode.OK);
        return (candidate, job.Title, list["results"][0].GetProperty("id").GetInt64());
    }

    /// <summary>A conversation of the owner's with a new account (no route writes messages: the platform's service does).</summary>
    private static async Task<(string Peer, long ChatId)> Conversation(RouteParties p)
    {
        var tag = ApiClient.Unique("Peer");
        var peer = await p.Api.Register(tag);
        var chats = p.App.Services.GetRequiredService<ConversationService>();
        var conversation = await chats.StartOrGetConversationAsync(p.Owner.Id, peer.Id);
        await chats.SendMessageAsync(conversation.ChatId, peer.Id, "Hello", null);
        return (tag, conversation.ChatId);
    }

    /// <summary>A new account asks the owner to connect; the owner's pending list gives the request's id.</summary>
    private static async Task<(string Peer, long Id)> ConnectionRequest(RouteParties p)
    {
        var tag = ApiClient.Unique("Peer");
        var peer = await p.Api.Register(tag);
        (await p.Api.Post("/connection/", new { connection = p.Owner.Id }, peer.Access)).Expect(HttpStatusCode.Created);
        var pending = (await p.Api.Get("/connection/pending/", p.Owner.Access)).Expect(HttpStatusCode.OK).Body.EnumerateArray()
            .Single(c => c.GetProperty("connection").GetProperty("user_id").GetInt64() == peer.Id);
        return (tag, pending.GetProperty("id").GetInt64());
    }
}
