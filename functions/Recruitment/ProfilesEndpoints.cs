using System.Security.Claims;
using CareerNexus.Candidates;
using CareerNexus.Common;
using CareerNexus.Companies;
using CareerNexus.Files;
using CareerNexus.Functions.Hosting;

namespace CareerNexus.Functions.Recruitment;

/// <summary>
/// Document 003's candidate and recruiter profiles, under /accounts/api/v1/: candidate-profiles/me/ (and its
/// generate-cv/), work-experiences/, educations/, recruiter-profiles/me/.
/// </summary>
public static class RecruitmentProfilesEndpoints
{
    private static readonly string[] CandidateFields =
        ["skills", "bio", "projects", "location", "latitude", "longitude", "expected_salary", "preferred_contract_types"];

    private static readonly string[] ExperienceFields = ["company", "position", "start_date", "end_date", "contract_type", "description"];
    private static readonly string[] EducationFields = ["institution", "degree", "field_of_study", "start_date", "end_date", "gpa"];
    private static readonly string[] RecruiterFields = ["hiring_needs", "bio"];

    public static void MapRecruitmentProfiles(this RouteGroupBuilder group)
    {
        var signedIn = group.MapGroup("").RequireAuthorization();

        signedIn.MapGet("/candidate-profiles/me", async (ClaimsPrincipal user, CandidateProfileService profiles, CancellationToken ct) =>
        {
            var caller = user.Caller();
            return CandidateProfileResponse.Of(await profiles.GetAsync(caller.UserId, caller.Account, ct));
        }).Produces<CandidateProfileResponse>();

        signedIn.MapPatch("/candidate-profiles/me", async (HttpRequest request, ClaimsPrincipal user, CandidateProfileService profiles,
            CancellationToken ct) =>
        {
            var body = await RecruitmentBody.ReadAsync(request, CandidateFields, ct);
            var latitude = body.Number("latitude", out var hasLatitude);
            var longitude = body.Number("longitude", out var hasLongitude);
            var salary = body.Decimal("expected_salary", out var hasSalary);
            var changes = new CandidateProfileChanges(body.TextList("skills"), body.Text("bio"),
                body.Objects("projects", p => new ProjectFields(p.Id("id"), p.Text("name"), p.Text("description"), p.TextList("technologies"))),
                body.Text("location"), hasLatitude ? new(latitude) : null, hasLongitude ? new(longitude) : null, hasSalary ? new(salary) : null,
                body.TextList("preferred_contract_types"));
            var cv = CvUpload(body, ct);
            body.ThrowIfInvalid();
            return CandidateProfileResponse.Of(await profiles.UpdateAsync(user.UserId(), changes, cv, ct));
        }).WithMetadata(AcceptsUploads.Of(FileKind.Cv)).Accepts<CandidateProfilePatch>("application/json", "multipart/form-data")
            .Produces<CandidateProfileResponse>();

        signedIn.MapPost("/candidate-profiles/me/generate-cv", async (ClaimsPrincipal user, CandidateProfileService profiles, CancellationToken ct) =>
            new GeneratedCvResponse(await profiles.GenerateCvAsync(user.UserId(), ct), CandidateProfileService.CvGenerated))
            .Produces<GeneratedCvResponse>();

        signedIn.MapPost("/work-experiences", async (HttpRequest request, ClaimsPrincipal user, CandidateProfileService profiles, CancellationToken ct) =>
        {
            var body = await RecruitmentBody.ReadAsync(request, ExperienceFields, ct);
            var fields = new WorkExperienceFields(body.Text("company"), body.Text("position"), body.Text("start_date"), body.Text("end_date"),
                body.Text("contract_type"), body.Text("description"));
            body.ThrowIfInvalid();
            return Results.Json(WorkExperienceItem.Of(await profiles.AddWorkExperienceAsync(user.UserId(), fields, ct)),
                statusCode: StatusCodes.Status201Created);
        }).Accepts<WorkExperienceBody>("application/json", "multipart/form-data").Produces<WorkExperienceItem>(StatusCodes.Status201Created);

        signedIn.MapPost("/educations", async (HttpRequest request, ClaimsPrincipal user, CandidateProfileService profiles, CancellationToken ct) =>
        {
            var body = await RecruitmentBody.ReadAsync(request, EducationFields, ct);
            var fields = new Candidates.EducationFields(body.Text("institution"), body.Text("degree"), body.Text("field_of_study"),
                body.Text("start_date"), body.Text("end_date"), body.Number("gpa", out _));
            body.ThrowIfInvalid();
            return Results.Json(EducationItem.Of(await profiles.AddEducationAsync(user.UserId(), fields, ct)), statusCode: StatusCodes.Status201Created);
        }).Accepts<EducationBody>("application/json", "multipart/form-data").Produces<EducationItem>(StatusCodes.Status201Created);

        signedIn.MapGet("/recruiter-profiles/me", async (ClaimsPrincipal user, RecruiterProfileService profiles, CancellationToken ct) =>
        {
            var caller = user.Caller();
            return RecruiterProfileResponse.Of(await profiles.GetAsync(caller.UserId, caller.Account, ct));
        }).Produces<RecruiterProfileResponse>();

        signedIn.MapPatch("/recruiter-profiles/me", async (HttpRequest request, ClaimsPrincipal user, RecruiterProfileService profiles,
            CancellationToken ct) =>
        {
            var body = await RecruitmentBody.ReadAsync(request, RecruiterFields, ct);
            var (hiringNeeds, bio) = (body.Text("hiring_needs"), body.Text("bio"));
            body.ThrowIfInvalid();
            var caller = user.Caller();
            return RecruiterProfileResponse.Of(await profiles.UpdateAsync(caller.UserId, hiringNeeds, bio, caller.Account, ct));
        }).Accepts<RecruiterProfilePatch>("application/json", "multipart/form-data").Produces<RecruiterProfileResponse>();
    }

    /// <summary>
    /// The CV of a profile change: a file part of a form, or "" to clear it; a link to a file elsewhere is not taken.
    /// Null when the request does not touch the CV.
    /// </summary>
    private static Func<Task<string?>>? CvUpload(RecruitmentBody body, CancellationToken ct)
    {
        if (body.Form is { } form && form.Text("cv_file") is { } text)
        {
            if (text.Trim().Length > 0)
                throw PlatformException.InvalidFields(new Dictionary<string, string> { ["cv_file"] = "Upload a PDF or DOCX file, or send \"\" to remove the CV." });
            return () => Task.FromResult<string?>("");
        }
        if (body.Form?.Has("cv_file") == true) return () => body.Form.MediaAsync("cv_file", FileKind.Cv, "cvs", ct);
        if (body.Has("cv_file")) throw PlatformException.InvalidFields(new Dictionary<string, string> { ["cv_file"] = "Upload the CV as a file part of a multipart form." });
        return null;
    }
}

public sealed record ProfileUser(long Id, string Username, string Email);

public sealed record WorkExperienceItem(long Id, string Company, string Position, DateOnly StartDate, DateOnly? EndDate, string ContractType,
    string Description)
{
    public static WorkExperienceItem Of(WorkExperience e) => new(e.Id, e.Company, e.Position, e.StartDate, e.EndDate, e.ContractType, e.Description);
}

public sealed record EducationItem(long Id, string Institution, string Degree, string FieldOfStudy, DateOnly StartDate, DateOnly? EndDate, double? Gpa)
{
    public static EducationItem Of(Education e) => new(e.Id, e.Institution, e.Degree, e.FieldOfStudy, e.StartDate, e.EndDate, e.Gpa);
}

public sealed record ProjectItem(long Id, string Name, string Description, IReadOnlyList<string> Technologies);

/// <summary>
/// Document 003's candidate profile; bio and the matching inputs after reputation_score are our documented extensions.
/// </summary>
public sealed record CandidateProfileResponse(long Id, ProfileUser User, IReadOnlyList<WorkExperienceItem> WorkExperiences,
    IReadOnlyList<EducationItem> Educations, IReadOnlyList<ProjectItem> Projects, IReadOnlyList<string> Skills, string? CvFile,
    double ReputationScore, string Bio, string Location, double? Latitude, double? Longitude, decimal? ExpectedSalary,
    IReadOnlyList<string> PreferredContractTypes)
{
    public static CandidateProfileResponse Of(CandidateProfile p) => new(p.ProfileId, new ProfileUser(p.UserId, p.Username, p.Email),
        p.WorkExperiences.Select(WorkExperienceItem.Of).ToList(), p.Educations.Select(EducationItem.Of).ToList(),
        p.Projects.Select(x => new ProjectItem(x.Id, x.Name, x.Description, x.Technologies)).ToList(), p.Skills, p.CvFile, p.ReputationScore,
        p.Bio, p.Location, p.Latitude, p.Longitude, p.ExpectedSalary, p.PreferredContractTypes);
}

public sealed record GeneratedCvResponse(string CvUrl, string Message);

public sealed record CompanyCard(long Id, string Name, string? Logo);

/// <summary>Document 003's recruiter profile; bio (the account's) is our documented extension.</summary>
public sealed record RecruiterProfileResponse(long Id, ProfileUser User, CompanyCard Company, string HiringNeeds, long TotalHires, long ActiveJobs,
    string Bio)
{
    public static RecruiterProfileResponse Of(RecruiterProfile p) => new(p.ProfileId, new ProfileUser(p.UserId, p.Username, p.Email),
        new CompanyCard(p.CompanyId, p.CompanyName ?? "", p.CompanyLogo), p.HiringNeeds, p.TotalHires, p.ActiveJobs, p.Bio);
}

/// <summary>The PATCH body (JSON, or a multipart form whose cv_file is a PDF or DOCX file); every field is optional.</summary>
public sealed record CandidateProfilePatch(IReadOnlyList<string>? Skills, string? Bio, IReadOnlyList<ProjectBody>? Projects, string? Location,
    double? Latitude, double? Longitude, decimal? ExpectedSalary, IReadOnlyList<string>? PreferredContractTypes, string? CvFile);

public sealed record ProjectBody(long? Id, string Name, string? Description, IReadOnlyList<string>? Technologies);

public sealed record WorkExperienceBody(string Company, string Position, string StartDate, string? EndDate, string? ContractType, string? Description);

public sealed record EducationBody(string Institution, string Degree, string? FieldOfStudy, string StartDate, string? EndDate, double? Gpa);

public sealed record RecruiterProfilePatch(string? HiringNeeds, string? Bio);
