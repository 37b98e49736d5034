using System.Globalization;
using CareerNexus.Accounts;
using CareerNexus.Candidates;
using CareerNexus.Common;
using CareerNexus.Storage;
using CareerNexus.Tokens;

namespace CareerNexus.Subscriptions;

/// <summary>
/// A recruiter opening a candidate's profile and CV: what the cv_views quota counts. Each candidate counts once per
/// quota period, however often the recruiter opens them again; past the plan's limit a new candidate is a 402.
/// Only recruiters open other people's profiles (anyone else 403); an account without a candidate profile is a 404.
/// </summary>
public sealed class CvViewService(DocumentStore store, AccountService accounts, CandidateProfileService profiles, PlanQuotas quotas)
{
    public async Task<CandidateProfile> OpenAsync(Caller caller, long candidateId, CancellationToken ct = default)
    {
        var viewer = await accounts.GetAsync(caller, ct);
        if (viewer.RecruitmentRole != RecruitmentRoles.Recruiter) throw PlatformException.Forbidden("Only recruiters may open candidates' profiles.");
        var key = candidateId.ToString(CultureInfo.InvariantCulture);
        var profile = (candidateId > 0 ? await store.ReadAsync<CandidateProfile>(Containers.CandidateProfiles, key, key, ct) : null)?.Document
                      ?? throw PlatformException.NotFound("Not found.");
        await quotas.TakeOncePerPeriodAsync(viewer.UserId, QuotaKind.CvViews, "cv:" + key, ct);
        // A profile made before it kept copies of its account's names gets them here, once.
        return profile.Username.Length > 0 ? profile : await profiles.GetAsync(candidateId, null, ct);
    }
}
