using System.Security.Claims;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Files;
using CareerNexus.Functions.Hosting;
using CareerNexus.Profiles;

namespace CareerNexus.Functions.Nexus;

/// <summary>Document 002: profile, industry, experience, education, certification, analytics, completion.</summary>
public static class NexusProfileEndpoints
{
    public static void MapNexusProfiles(this RouteGroupBuilder nexus)
    {
        var user = nexus.MapGroup("/user").RequireAuthorization();

        user.MapGet("/retrieve-profile", async (HttpRequest request, ClaimsPrincipal caller, ProfileService profiles, CancellationToken ct) =>
            ProfileResponse.Of(await profiles.ViewAsync(caller.UserId(), NexusIds.Optional(request, "user_id"), ct)));

        user.MapPut("/profile-update", async (HttpRequest request, ClaimsPrincipal caller, ProfileService profiles, CancellationToken ct) =>
        {
            var form = await RequestForm.ReadAsync(request, ct);
            var text = new ProfileDetails(
                FirstName: form.Text("first_name"), LastName: form.Text("last_name"), MiddleName: form.Text("middle_name"), Bio: form.Text("bio"),
                Location: form.Text("location"), Position: form.Text("position"), Qualification: form.Text("qualification"),
                Summary: form.Text("summary"), CountryCode: form.Text("country_code"), PhoneNumber: form.Text("phone_number"));
            var account = await profiles.UpdateAsync(caller.UserId(), text, async checkedText => checkedText with
            {
                Avatar = await form.MediaAsync("profile_photo", FileKind.Image, "profile_pictures", ct),
                CoverPhoto = await form.MediaAsync("cover_photo", FileKind.Image, "cover_photos", ct),
                IntroVideo = await form.MediaAsync("intro_video", FileKind.Video, "intro_videos", ct),
            }, ct);
            return Results.Json(UpdatedProfileResponse.Of(account), statusCode: StatusCodes.Status201Created);
        }).WithMetadata(AcceptsUploads.Of(FileKind.Image, FileKind.Image, FileKind.Video));

        user.MapPatch("/profile-update", async (FormBody<IndustryBody> form, ClaimsPrincipal caller, ProfileService profiles, CancellationToken ct) =>
        {
            var body = form.Value;
            var account = await profiles.SetIndustryAsync(caller.UserId(), body.Industry, body.User ?? body.UserType, ct);
            return Results.Json(new IndustryResponse(account.Industry, account.Email), statusCode: StatusCodes.Status206PartialContent);
        });

        user.MapGet("/experience", async (ClaimsPrincipal caller, ProfileEntryService entries, CancellationToken ct) =>
            (await entries.ListAsync(caller.UserId(), EntryKinds.Experience, ct)).Select(ExperienceItem.Of));

        user.MapPost("/experience", async (FormBody<ExperienceBody> body, ClaimsPrincipal caller, ProfileEntryService entries, CancellationToken ct) =>
            Results.Json(ExperienceItem.Of(await entries.AddExperienceAsync(caller.UserId(), body.Value.Fields, ct)), statusCode: StatusCodes.Status201Created));

        user.MapDelete("/experience", async (HttpRequest request, ClaimsPrincipal caller, ProfileEntryService entries, CancellationToken ct) =>
        {
            await entries.DeleteAsync(caller.UserId(), EntryKinds.Experience, NexusIds.Required(request, "experience_id"), ct);
            return Results.NoContent();
        });

        user.MapPut("/update-experience", async (FormBody<UpdateExperienceBody> form, ClaimsPrincipal caller, ProfileEntryService entries, CancellationToken ct) =>
        {
            var body = form.Value;
            if (body.Id is not { } id || id < 1)
                throw PlatformException.InvalidFields(new Dictionary<string, string> { ["id"] = "The id of one of your experience entries is required." });
            return Results.Json(ExperienceItem.Of(await entries.UpdateExperienceAsync(caller.UserId(), id, body.Fields, ct)),
                statusCode: StatusCodes.Status201Created);
        });

        user.MapGet("/education", async (ClaimsPrincipal caller, ProfileEntryService entries, CancellationToken ct) =>
            (await entries.ListAsync(caller.UserId(), EntryKinds.Education, ct)).Select(EducationItem.Of));

        user.MapPost("/education", async (FormBody<EducationBody> body, ClaimsPrincipal caller, ProfileEntryService entries, CancellationToken ct) =>
            Results.Json(EducationItem.Of(await entries.AddEducationAsync(caller.UserId(), body.Value.Fields, ct)),
                statusCode: StatusCodes.Status201Created));

        user.MapDelete("/education", async (HttpRequest request, ClaimsPrincipal caller, ProfileEntryService entries, CancellationToken ct) =>
        {
            await entries.DeleteAsync(caller.UserId(), EntryKinds.Education, NexusIds.Required(request, "education_id"), ct);
            return Results.NoContent();
        });

        user.MapGet("/certification", async (ClaimsPrincipal caller, ProfileEntryService entries, CancellationToken ct) =>
            (await entries.ListAsync(caller.UserId(), EntryKinds.Certification, ct)).Select(CertificationItem.Of));

        user.MapPost("/certification", async (FormBody<CertificationBody> body, ClaimsPrincipal caller, ProfileEntryService entries, CancellationToken ct) =>
            Results.Json(CertificationItem.Of(await entries.AddCertificationAsync(caller.UserId(),
                body.Value.Fields, ct)), statusCode: StatusCodes.Status201Created));

        user.MapDelete("/certification", async (HttpRequest request, ClaimsPrincipal caller, ProfileEntryService entries, CancellationToken ct) =>
        {
            await entries.DeleteAsync(caller.UserId(), EntryKinds.Certification, NexusIds.Required(request, "certification_id"), ct);
            return Results.NoContent();
        });

        user.MapGet("/analytics", (ClaimsPrincipal caller, ProfileService profiles, CancellationToken ct) =>
            profiles.AnalyticsAsync(caller.UserId(), ct));

        user.MapGet("/completion", async (ClaimsPrincipal caller, ProfileService profiles, CancellationToken ct) =>
        {
            var completion = await profiles.CompletionAsync(caller.UserId(), ct);
            return new CompletionResponse(completion.Percent, completion.Incomplete, completion.Complete);
        });
    }
}
