using System.Security.Claims;
using CareerNexus.Accounts;
using CareerNexus.Candidates;
using CareerNexus.Common;
using CareerNexus.Files;
using CareerNexus.Functions.Hosting;
using CareerNexus.Functions.Recruitment;
using CareerNexus.TalentProfiles;
using CareerNexus.Tokens;

namespace CareerNexus.Functions.Talent;

// Routes: /api/candidates/profiles/ (GET, POST), /api/candidates/profiles/{slug}/ (GET, PUT, PATCH, DELETE),
// /api/candidates/profiles/{slug}/parse-resume/ (POST), /api/candidates/profiles/{slug}/parsing-status/ (GET),
// /api/candidates/profiles/{slug}/verify-profile/ (POST).

/// <summary>
/// Document 004's candidate profiles: a candidate's own (made, changed, verified and deleted by them alone), every available
/// one for employers; resume uploads and their parsing by a queued task. Bodies are JSON or a multipart form with the
/// `resume_file` and `video_pitch` files.
/// </summary>
public static class TalentCandidateEndpoints
{
    private static readonly string[] ProfileFields =
    [
        "willing_to_relocate", "employment_type_preferences", "work_mode_preferences", "has_workvisa", "expected_salary_range", "is_available",
        "disability_categories", "accommodation_needs", "workplace_accommodations", "is_public", "resume_file", "video_pitch",
    ];

    public static void MapTalentCandidates(this RouteGroupBuilder group)
    {
        var profiles = group.MapGroup("/profiles").RequireAuthorization();

        profiles.MapGet("", async (TalentPage page, ClaimsPrincipal user, AccountService accounts, TalentProfileService service, CancellationToken ct) =>
            (await service.ListAsync(await accounts.GetAsync(user.Caller(), ct), page.Request, ct)).Select(CandidateProfileItem.Of).ToList())
            .Produces<List<CandidateProfileItem>>();

        profiles.MapPost("", async (HttpRequest request, ClaimsPrincipal user, AccountService accounts, TalentProfileService service,
            CancellationToken ct) =>
        {
            var (fields, files) = await ReadAsync(request, ct);
            var created = await service.CreateAsync(await accounts.GetAsync(user.Caller(), ct), fields, files, ct);
            return Results.Json(CandidateProfileItem.Of(created), PlatformJson.Options, statusCode: StatusCodes.Status201Created);
        }).WithMetadata(AcceptsUploads.Of(FileKind.Resume, FileKind.Video)).Accepts<CandidateProfileBody>("application/json", "multipart/form-data")
            .Produces<CandidateProfileItem>(StatusCodes.Status201Created);

        profiles.MapGet("/{slug}", async (string slug, ClaimsPrincipal user, AccountService accounts, TalentProfileService service, CancellationToken ct) =>
            CandidateProfileItem.Of(await service.GetAsync(await accounts.GetAsync(user.Caller(), ct), slug, ct))).Produces<CandidateProfileItem>();

        profiles.MapPut("/{slug}", ChangeAsync).WithMetadata(AcceptsUploads.Of(FileKind.Resume, FileKind.Video))
            .Accepts<CandidateProfileBody>("application/json", "multipart/form-data").Produces<CandidateProfileItem>();

        profiles.MapPatch("/{slug}", ChangeAsync).WithMetadata(AcceptsUploads.Of(FileKind.Resume, FileKind.Video))
            .Accepts<CandidateProfileBody>("application/json", "multipart/form-data").Produces<CandidateProfileItem>();

        profiles.MapDelete("/{slug}", async (string slug, ClaimsPrincipal user, AccountService accounts, TalentProfileService service, CancellationToken ct) =>
        {
            await service.DeleteAsync(await accounts.GetAsync(user.Caller(), ct), slug, ct);
            return new TalentDetail("Candidate profile deleted");
        }).Produces<TalentDetail>();

        profiles.MapPost("/{slug}/parse-resume", async (string slug, ClaimsPrincipal user, AccountService accounts, ResumeParsing parsing,
            CancellationToken ct) =>
        {
            var (outcome, profile) = await parsing.StartAsync(await accounts.GetAsync(user.Caller(), ct), slug, ct);
            return outcome == ParsingOutcome.AlreadyParsed
                ? Results.Json(new ParsingCurrent("Resume already parsed", ParsingStatuses.Parsed, profile.ResumeData), PlatformJson.Options)
                : Results.Json(new ParsingStarted(outcome == ParsingOutcome.Started ? "Resume parsing started" : "Resume parsing already in progress",
                    ParsingStatuses.Parsing, profile.ParsingTaskId!), PlatformJson.Options, statusCode: StatusCodes.Status202Accepted);
        }).Produces<ParsingStarted>(StatusCodes.Status202Accepted).Produces<ParsingCurrent>();

        profiles.MapGet("/{slug}/parsing-status", async (string slug, ClaimsPrincipal user, AccountService accounts, ResumeParsing parsing,
            CancellationToken ct) => ParsingStatusItem.Of(await parsing.StatusAsync(await accounts.GetAsync(user.Caller(), ct), slug, ct)))
            .Produces<ParsingStatusItem>();

        profiles.MapPost("/{slug}/verify-profile", async (string slug, RecruitmentBody body, ClaimsPrincipal user, AccountService accounts,
            TalentProfileService service, CancellationToken ct) =>
        {
            var sent = new VerifiedData
            {
                Name = body.Text("name"), Email = body.Text("email"), Phone = body.Text("phone"), Linkedin = body.Text("linkedin"),
                Github = body.Text("github"), Location = body.Text("location"), Skills = body.TextList("skills") ?? [],
                WorkExperience = body.Objects("work_experience", job => new VerifiedJob(job.Text("company"), job.Text("position"), job.Text("duration"),
                    job.Text("description"))) ?? [],
            };
            body.ThrowIfInvalid();
            var profile = await service.VerifyAsync(await accounts.GetAsync(user.Caller(), ct), slug, sent, ct);
            return new VerifiedProfile("Profile verified successfully", profile.VerifiedData);
        }).Accepts<VerifyProfileBody>("application/json").Produces<VerifiedProfile>();
    }

    private static async Task<CandidateProfileItem> ChangeAsync(string slug, HttpRequest request, ClaimsPrincipal user, AccountService accounts,
        TalentProfileService service, CancellationToken ct)
    {
        var (fields, files) = await ReadAsync(request, ct);
        return CandidateProfileItem.Of(await service.UpdateAsync(await accounts.GetAsync(user.Caller(), ct), slug, fields, files, ct));
    }

    /// <summary>The profile's fields, and its files to store once they are valid (the resume as a file only: it is parsed).</summary>
    private static async Task<(TalentProfileFields Fields, TalentProfileFiles Files)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var body = await RecruitmentBody.ReadAsync(request, ProfileFields, ct);
        var fields = new TalentProfileFields(body.Boolean("willing_to_relocate"), body.TextList("employment_type_preferences"),
            body.TextList("work_mode_preferences"), body.Boolean("has_workvisa"), body.Text("expected_salary_range"), body.Boolean("is_available"),
            body.TextList("disability_categories"), Nullable(body, "accommodation_needs"), Nullable(body, "workplace_accommodations"),
            body.Boolean("is_public"));
        var files = new TalentProfileFiles(
            TalentMedia.Upload(body, "resume_file", FileKind.Resume, "candidate-resumes", takesUrl: false, ct),
            TalentMedia.Upload(body, "video_pitch", FileKind.Video, "candidate-video-pitches", takesUrl: true, ct));
        body.ThrowIfInvalid();
        return (fields, files);
    }

    /// <summary>A text that may be cleared: JSON null, or "null" as a form sends it, clears it; absent leaves it.</summary>
    private static Change<string?>? Nullable(RecruitmentBody body, string field)
    {
        if (!body.Has(field)) return null;
        var text = body.Text(field);
        return new(body.Form is not null && text?.Trim() == "null" ? null : text);
    }
}
