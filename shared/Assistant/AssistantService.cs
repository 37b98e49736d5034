using System.Globalization;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Organizations;
using CareerNexus.Storage;
using CareerNexus.TalentProfiles;

namespace CareerNexus.Assistant;

/// <summary>An agent search's answer: the ranked candidates (their facts cut to what the caller may see), the reasoning, the thread.</summary>
public sealed record AgentAnswer(SearchOutcome Outcome, string Reasoning, string ThreadId);

/// <summary>A resume chat's or coach's answer and its thread.</summary>
public sealed record AssistantAnswer(string Output, string ThreadId);

/// <summary>
/// Document 004's agent search, resume chat and career coach, callable without a token. Who sees what: the candidate and
/// (if the profile is available) employers, by the profiles feature's rule, ask about a profile with its contact details and,
/// for employers, their organization's notes; anyone else (no token, or another candidate) only about a profile its owner
/// made public, without contact details or notes. The agent search covers every available profile for employers, with
/// contact details; for anyone else the public ones, without. Each answer is the platform's own (deterministic, offline),
/// phrased by Azure OpenAI when configured (<see cref="AssistantWriter"/>), and stored as a turn of its thread.
/// </summary>
public sealed class AssistantService(TalentProfileStore profiles, CandidateNoteStore notes, OrganizationService organizations, SearchPool pool,
    OpenJobs jobs, AssistantThreads threads, AssistantWriter writer, TimeProvider clock)
{
    public const int MaxInputLength = 2000;

    public async Task<AgentAnswer> SearchAsync(Account? caller, string? query, string? threadId, CancellationToken ct = default)
    {
        var text = Validated("query", query, threadId, slug: null, slugRequired: false);
        var employer = caller?.IsEmployerOnTalent() == true;
        var (id, stored, thread) = await ThreadAsync(AssistantKinds.Agent, threadId, caller, null, ct);
        var asked = CriteriaParser.Parse(text);
        var criteria = thread.Context.Criteria is { } earlier ? earlier.Refine(asked, CriteriaParser.IsNewSearch(text)) : asked;
        var today = Today();
        var read = await pool.ProfilesAsync(criteria, publicOnly: !employer, ct);
        var candidates = read.Select(p => CandidateFacts.From(p, [], today)).Select(f => employer ? f : f.Redacted()).ToList();
        var capped = read.Count >= SearchPool.MaxRead
            ? string.Create(CultureInfo.InvariantCulture, $"the {SearchPool.MaxRead:N0} most recently updated of those with a skill asked; name more criteria to reach others")
            : null;
        var outcome = CandidateSearch.Rank(criteria, text, candidates, today, capped);
        var facts = new { criteria, candidates = outcome.Matches.Select(m => new { m.Candidate, m.Score, m.Reasons }) };
        var reasoning = await writer.WriteAsync(new WritingTask(AssistantKinds.Agent, facts, outcome.Reasoning, text, thread.Turns), ct);
        await threads.SaveAsync(thread, stored, new ThreadTurn(text, reasoning, clock.GetUtcNow()), new ThreadContext { Criteria = criteria }, ct);
        return new AgentAnswer(outcome, reasoning, id);
    }

    public Task<AssistantAnswer> ResumeChatAsync(Account? caller, string? question, string? slug, string? threadId, CancellationToken ct = default) =>
        AnswerAsync(AssistantKinds.ResumeChat, caller, question, slug, threadId, ct);

    public Task<AssistantAnswer> CoachAsync(Account? caller, string? question, string? slug, string? threadId, CancellationToken ct = default) =>
        AnswerAsync(AssistantKinds.CareerCoach, caller, question, slug, threadId, ct);

    private async Task<AssistantAnswer> AnswerAsync(string kind, Account? caller, string? question, string? slug, string? threadId, CancellationToken ct)
    {
        var text = Validated("input_text", question, threadId, slug, slugRequired: true);
        var (profile, facts) = await FactsAsync(caller, slug!, ct);
        var (id, stored, thread) = await ThreadAsync(kind, threadId, caller, profile, ct);
        var today = Today();
        AssistantReply reply;
        if (profile.ResumeData is null && profile.VerifiedData is null)
            reply = new AssistantReply("This profile has no resume data yet: its candidate uploads a resume and parses it (POST "
                                       + "/api/candidates/profiles/{slug}/parse-resume/) or verifies the profile first.", thread.Context);
        else if (kind == AssistantKinds.ResumeChat) reply = ResumeChat.Answer(facts, text, thread.Context, today);
        else reply = CareerCoach.Answer(facts, text, thread.Context, await jobs.NewestAsync(ct), today);
        var output = await writer.WriteAsync(new WritingTask(kind, facts, reply.Output, text, thread.Turns), ct);
        await threads.SaveAsync(thread, stored, new ThreadTurn(text, output, clock.GetUtcNow()), reply.Context, ct);
        return new AssistantAnswer(output, id);
    }

    /// <summary>
    /// The profile and the facts the caller may see: everything for its candidate; for an employer, an available profile with
    /// their organization's notes on it (the profiles feature's rule, TalentProfileService.VisibleAsync); for anyone else, a
    /// public profile without contact details or notes. Anything else is answered as an unknown profile (404).
    /// </summary>
    private async Task<(TalentProfile Profile, CandidateFacts Facts)> FactsAsync(Account? caller, string slug, CancellationToken ct)
    {
        var profile = await profiles.FindAsync(slug, ct) ?? throw NotFound();
        var today = Today();
        if (caller is not null && caller.UserId == profile.UserId) return (profile, CandidateFacts.From(profile, [], today));
        if (caller is not null && profile.IsAvailable && caller.IsEmployerOnTalent())
        {
            var shown = await organizations.IdOfAsync(caller, ct) is { } organization
                ? (await notes.OfProfileAsync(organization, profile.ProfileId, ct)).Select(n => n.Section.Length > 0 ? $"{n.Section}: {n.Note}" : n.Note).ToList()
                : [];
            return (profile, CandidateFacts.From(profile, shown, today));
        }
        if (profile.IsPublic) return (profile, CandidateFacts.From(profile, [], today).Redacted());
        throw NotFound();
    }

    private static PlatformException NotFound() =>
        PlatformException.NotFound("Candidate profile not found (a profile its candidate has not made public needs a sign-in as its candidate or as an employer).");

    /// <summary>The thread given (the caller's own, on this profile), or a new one.</summary>
    private async Task<(string Id, Stored<AssistantThread>? Stored, AssistantThread Thread)> ThreadAsync(string kind, string? threadId, Account? caller,
        TalentProfile? profile, CancellationToken ct)
    {
        if (threadId is null) return threads.Start(kind, caller?.UserId, profile?.Slug, profile?.UserId);
        var stored = await threads.ContinueAsync(kind, threadId, caller?.UserId, profile?.Slug, ct);
        return (threadId, stored, stored.Document);
    }

    private static string Validated(string field, string? input, string? threadId, string? slug, bool slugRequired)
    {
        var errors = new FieldErrors();
        var text = input?.Trim() ?? "";
        if (input is null) errors.Add(field, "This field is required.");
        else if (text.Length == 0) errors.Add(field, "This field may not be blank.");
        else if (text.Length > MaxInputLength) errors.Add(field, $"Ensure this field has no more than {MaxInputLength} characters.");
        if (slugRequired && slug is null) errors.Add("resume_slug", "This field is required.");
        else if (slugRequired && slug!.Trim().Length == 0) errors.Add("resume_slug", "This field may not be blank.");
        if (threadId is not null && !AssistantThreads.IsThreadId(threadId))
            errors.Add("thread_id", "Not a thread id: send the thread_id of an earlier answer, or none to start a conversation.");
        errors.ThrowIfAny();
        return text;
    }

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
