using System.Globalization;
using System.Text.Json;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Files;
using CareerNexus.Queues;
using CareerNexus.Resumes;

namespace CareerNexus.TalentProfiles;

/// <summary>What asking to parse did: started a task, found one running (the same task), or found the resume parsed already.</summary>
public enum ParsingOutcome
{
    Started,
    AlreadyParsing,
    AlreadyParsed,
}

/// <summary>
/// The parsing of a profile's resume, on the candidate-profiles queue: asking starts a task (pending or failed → parsing), the
/// worker reads the file with the platform's <see cref="ResumeParser"/> and stores resume_data (→ parsed) or the parser's
/// reason (→ failed). While a task runs, asking again answers the same task; once parsed, asking answers the data until
/// a new resume is uploaded. A task not finished within <see cref="Lease"/> (its worker died) may be started again. The
/// candidate and every employer who may see the profile may ask.
/// </summary>
public sealed class ResumeParsing(TalentProfileStore profiles, TalentProfileService service, ResumeParser parser, FileStore files,
    TalentCandidatePool pool, IMessageQueue queue, TimeProvider clock)
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(15);

    /// <summary>The failure reason when the stored file is gone (the parser's own reasons are its <see cref="ResumeFailure"/> names).</summary>
    public const string MissingFile = "missing_file";

    /// <summary>Starts parsing the profile's resume, or says why not; a profile without a resume is a 400.</summary>
    public async Task<(ParsingOutcome Outcome, TalentProfile Profile)> StartAsync(Account caller, string slug, CancellationToken ct = default)
    {
        var visible = await service.VisibleAsync(caller, slug, ct);
        if (visible.ResumeFile is null)
            throw PlatformException.Invalid("No resume", "The profile has no resume_file to parse: upload one first (PUT or PATCH with a resume_file part).");
        var outcome = ParsingOutcome.Started;
        var seen = visible;
        var now = clock.GetUtcNow();
        var profile = await profiles.ChangeAsync(slug, p =>
        {
            seen = p;
            if (p.ResumeFile is null) throw PlatformException.Invalid("No resume", "The profile's resume_file was removed meanwhile.");
            outcome = p.ParsingStatus switch
            {
                ParsingStatuses.Parsed => ParsingOutcome.AlreadyParsed,
                ParsingStatuses.Parsing when now - p.ParsingStartedAt < Lease => ParsingOutcome.AlreadyParsing,
                _ => ParsingOutcome.Started,
            };
            if (outcome != ParsingOutcome.Started) return null;
            p.ParsingStatus = ParsingStatuses.Parsing;
            p.ParsingTaskId = Guid.NewGuid().ToString();
            p.ParsingStartedAt = now;
            p.ParsingError = null;
            return p;
        }, ct);
        if (outcome != ParsingOutcome.Started) return (outcome, seen);
        if (profile is null) throw PlatformException.NotFound("Candidate profile not found.");
        await queue.SendAsync(QueueNames.CandidateProfiles, profile.ParsingTaskId!,
            string.Create(CultureInfo.InvariantCulture, $"parse:{profile.UserId}:{profile.ParsingTaskId}"), ct);
        return (ParsingOutcome.Started, profile);
    }

    /// <summary>The profile whose parsing the caller asks about (whoever may see it).</summary>
    public Task<TalentProfile> StatusAsync(Account caller, string slug, CancellationToken ct = default) => service.VisibleAsync(caller, slug, ct);

    /// <summary>
    /// The worker's part: parses the account's profile for the task, unless another task or another resume replaced it, or it
    /// finished already (a redelivery changes nothing). The outcome is written only while the task is still the profile's.
    /// </summary>
    public async Task ParseAsync(long userId, string taskId, CancellationToken ct = default)
    {
        if (await profiles.OfUserAsync(userId, ct) is not { ParsingStatus: ParsingStatuses.Parsing } profile || profile.ParsingTaskId != taskId) return;
        var file = profile.ResumeFile;
        var content = await files.ReadAsync(file, FileLimits.For(FileKind.Resume).MaxBytes, ct);
        var result = content is null
            ? new ResumeFailed(ResumeFailure.Empty, "The resume file is no longer stored: upload it again.")
            : parser.Parse(content, file, ct);
        var now = clock.GetUtcNow();
        var written = await profiles.ChangeAsync(profile.Slug, p =>
        {
            if (p.ParsingStatus != ParsingStatuses.Parsing || p.ParsingTaskId != taskId || p.ResumeFile != file) return null;
            switch (result)
            {
                case ResumeParsed parsed:
                    p.ParsingStatus = ParsingStatuses.Parsed;
                    p.ResumeData = parsed.Data;
                    p.ParsedAt = now;
                    p.ParsingError = null;
                    break;
                case ResumeFailed failed:
                    p.ParsingStatus = ParsingStatuses.Failed;
                    p.ParsingError = new ParsingError(content is null ? MissingFile : ReasonName(failed.Reason), failed.Message);
                    break;
            }
            p.UpdatedAt = now;
            return p;
        }, ct);
        if (written is { ParsingStatus: ParsingStatuses.Parsed }) await pool.ChangedAsync(ct);
    }

    /// <summary>A failure's reason as clients read it: "no_text", "legacy_word".</summary>
    public static string ReasonName(ResumeFailure reason) => JsonNamingPolicy.SnakeCaseLower.ConvertName(reason.ToString());
}

/// <summary>
/// The candidate-profiles queue: "parse:{user}:{task}" parses a profile's resume; "forget:{profile}" deletes the notes about a
/// deleted profile. Bodies carry ids only; a redelivery changes nothing twice.
/// </summary>
public sealed class CandidateProfilesHandler(ResumeParsing parsing, CandidateNoteService notes) : IQueueHandler
{
    public string Queue => QueueNames.CandidateProfiles;

    public Task HandleAsync(QueueMessage message, CancellationToken ct) => message.Body.Split(':') switch
    {
        ["parse", var user, var task] when long.TryParse(user, NumberStyles.None, CultureInfo.InvariantCulture, out var userId) && task.Length > 0
            => parsing.ParseAsync(userId, task, ct),
        ["forget", var profile] when long.TryParse(profile, NumberStyles.None, CultureInfo.InvariantCulture, out var profileId)
            => notes.ForgetProfileAsync(profileId, ct),
        _ => throw new FormatException("The message body is not a candidate-profiles task."),
    };
}
