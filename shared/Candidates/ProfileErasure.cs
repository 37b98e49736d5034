using System.Globalization;
using CareerNexus.Accounts;
using CareerNexus.Erasure;
using CareerNexus.Files;
using CareerNexus.Ranking;
using CareerNexus.Storage;

namespace CareerNexus.Candidates;

/// <summary>An erased account's candidate profile and its CV file go (the candidate pools count it as removed), and so does its recruiter profile.</summary>
public sealed class ProfileErasure(DocumentStore store, FileStore files, CandidatePoolChanges pools) : IPersonalData
{
    public int Order => 40;

    public async Task EraseAsync(Account account, CancellationToken ct)
    {
        var id = account.UserId.ToString(CultureInfo.InvariantCulture);
        if ((await store.ReadAsync<CandidateProfile>(Containers.CandidateProfiles, id, id, ct))?.Document is { } profile)
        {
            await files.DeleteAsync(profile.CvFile, ct);
            await pools.RemovedAsync(ct);
            await store.DeleteAsync(Containers.CandidateProfiles, id, id, ct: ct);
        }
        await store.DeleteAsync(Containers.RecruiterProfiles, id, id, ct: ct);
    }
}
