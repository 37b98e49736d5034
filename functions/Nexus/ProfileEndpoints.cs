using System.Security.Claims;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Files;
using CareerNexus.Functions.Hosting;
using CareerNexus.Profiles;

namespace CareerNexus.Functions.Nexus;

/// <summary>Document 002, under /user/: profile, industry, experience, education, certification, analytics, completion.</summary>
public static class NexusProfileEndpoints
{
    public static void MapNexusProfiles(this RouteGroupBuilder nexus)
    {
        var user = nexus.MapGroup("/user").RequireAuthorization();

        user.MapGet("/retrieve-profile", async (string? user_id, ClaimsPrincipal caller, ProfileService profiles, CancellationToken ct) =>
            ProfileResponse.Of(await profiles.ViewAsync(caller.Caller(), NexusIds.OptionalQuery(user_id, "user_id"), ct)));

        user.MapPut("/profile-update", async (FormBody<ProfileBody> body, ClaimsPrincipal caller, ProfileService profiles, CancellationToken ct) =>
        {
            var (form, b) = (body.Form, body.Value);
            var text = new ProfileDetails(FirstName: b.FirstName, LastName: b.LastName, MiddleName: b.MiddleName, Bio: b.Bio, Location: b.Location,
                Position: b.Position, Qualification: b.Qualification, Summary: b.Summary, CountryCode: b.CountryCode, PhoneNumber: b.PhoneNumber);
            var account = await profiles.UpdateAsync(caller.UserId(), text, async checkedText => checkedText with
            {
                Avatar = await form.MediaAsync("profile_photo", FileKind.Image, "profile_pictures", ct),
                CoverPhoto = await form.MediaAsync("cover_photo", FileKind.Image, "cover_photos", ct),
                IntroVideo = await form.MediaAsync("intro_video", FileKind.Video, "intro_videos", ct),
            }, ct);
            return Results.Json(UpdatedProfileResponse.Of(account), statusCode: StatusCodes.Status201Created);
        }).WithMetadata(AcceptsUploads.Of(FileKind.Image, FileKind.Image, FileKind.Video)).Produces<UpdatedProfileResponse>(StatusCodes.Status201Created);

        user.MapPatch("/profile-update", async (FormBody<IndustryBody> form, ClaimsPrincipal caller, ProfileService profiles, CancellationToken ct) =>
        {
            var body = form.Value;
            var account = await profiles.SetIndustryAsync(caller.UserId(), body.Industry, body.User ?? body.UserType, ct);
            return Results.Json(new IndustryResponse(account.Industry, account.Email), statusCode: StatusCodes.Status206PartialContent);
        }).Produces<IndustryResponse>(StatusCodes.Status206PartialContent);

        user.MapGet("/experience", async (ClaimsPrincipal caller, ProfileEntryService entries, CancellationToken ct) =>
            (await entries.ListAsync(caller.UserId(), EntryKinds.Experience, ct)).Select(ExperienceItem.Of));

        user.MapPost("/experience", async (FormBody<ExperienceBody> body, ClaimsPrincipal caller, ProfileEntryService entries, CancellationToken ct) =>
            Results.Json(ExperienceItem.Of(await entries.AddExperienceAsync(caller.UserId(), body.Value.Fields, ct)), statusCode: StatusCodes.Status201Created))
            .Produces<ExperienceItem>(StatusCodes.Status201Created);

        user.MapDelete("/experience", async (string? experience_id, ClaimsPrincipal caller, ProfileEntryService entries, CancellationToken ct) =>
        {
            await entries.DeleteAsync(caller.UserId(), EntryKinds.Experience, NexusIds.RequiredQuery(experience_id, "experience_id"), ct);
            return Results.NoContent();
        }).Produces(StatusCodes.Status204NoContent);

        user.MapPut("/update-experience", async (FormBody<UpdateExperienceBody> form, ClaimsPrincipal caller, ProfileEntryService entries, CancellationToken ct) =>
        {
            var body = form.Value;
            if (body.Id is not { } id || id < 1)
                throw PlatformException.InvalidFields(new Dictionary<string, string> { ["id"] = "The id of one of your experience entries is required." });
            return Results.Json(ExperienceItem.Of(await entries.UpdateExperienceAsync(caller.UserId(), id, body.Fields, ct)),
                statusCode: StatusCodes.Status201Created);
        }).Produces<ExperienceItem>(StatusCodes.Status201Created);

        user.MapGet("/education", async (ClaimsPrincipal caller, ProfileEntryService entries, CancellationToken ct) =>
            (await entries.ListAsync(caller.UserId(), EntryKinds.Education, ct)).Select(EducationItem.Of));

        user.MapPost("/education", async (FormBody<EducationBody> body, ClaimsPrincipal caller, ProfileEntryService entries, CancellationToken ct) =>
            Results.Json(EducationItem.Of(await entries.AddEducationAsync(caller.UserId(), body.Value.Fields, ct)),
                statusCode: StatusCodes.Status201Created)).Produces<EducationItem>(StatusCodes.Status201Created);

        user.MapDelete("/education", async (string? education_id, ClaimsPrincipal caller, ProfileEntryService entries, CancellationToken ct) =>
        {
            await entries.DeleteAsync(caller.UserId(), EntryKinds.Education, NexusIds.RequiredQuery(education_id, "education_id"), ct);
            return Results.NoContent();
        }).Produces(StatusCodes.Status204NoContent);

        user.MapGet("/certification", async (ClaimsPrincipal caller, ProfileEntryService entries, CancellationToken ct) =>
            (await entries.ListAsync(caller.UserId(), EntryKinds.Certification, ct)).Select(CertificationItem.Of));

        user.MapPost("/certification", async (FormBody<CertificationBody> body, ClaimsPrincipal caller, ProfileEntryService entries, CancellationToken ct) =>
            Results.Json(CertificationItem.Of(await entries.AddCertificationAsync(caller.UserId(),
                body.Value.Fields, ct)), statusCode: StatusCodes.Status201Created)).Produces<CertificationItem>(StatusCodes.Status201Created);

        user.MapDelete("/certification", async (string? certification_id, ClaimsPrincipal caller, ProfileEntryService entries, CancellationToken ct) =>
        {
            await entries.DeleteAsync(caller.UserId(), EntryKinds.Certification, NexusIds.RequiredQuery(certification_id, "certification_id"), ct);
            return Results.NoContent();
        }).Produces(StatusCodes.Status204NoContent);

        user.MapGet("/analytics", (ClaimsPrincipal caller, ProfileService profiles, CancellationToken ct) =>
            profiles.AnalyticsAsync(caller.UserId(), ct));

        user.MapGet("/completion", async (ClaimsPrincipal caller, ProfileService profiles, CancellationToken ct) =>
        {
            var completion = await profiles.CompletionAsync(caller.UserId(), ct);
            return new CompletionResponse(completion.Percent, completion.Incomplete, completion.Complete);
        });
    }
}
