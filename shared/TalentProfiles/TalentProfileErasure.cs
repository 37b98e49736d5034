using CareerNexus.Accounts;
using CareerNexus.Erasure;
using CareerNexus.Files;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.TalentProfiles;

/// <summary>
/// An erased account's candidate profile goes with its files, its claim and its place in the employers' list (the ranking pool
/// counts it as changed); so do the notes about it and the notes it wrote, with their files, in every organization.
/// </summary>
public sealed class TalentProfileErasure(DocumentStore store, TalentProfileStore profiles, CandidateNoteService notes, FileStore files,
    TalentCandidatePool pool) : IPersonalData
{
    public int Order => 40;

    public async Task EraseAsync(Account account, CancellationToken ct)
    {
        // Found by account rather than through the claim: a create that stopped half-way may have left a profile it does not name.
        var owned = await store.QueryListAsync<TalentProfile>(Containers.TalentProfiles,
            new QueryDefinition("SELECT * FROM c WHERE c.kind = @kind AND c.user_id = @user")
                .WithParameter("@kind", TalentProfile.Type).WithParameter("@user", account.UserId), ct: ct);
        foreach (var profile in owned)
        {
            await profiles.RemoveAsync(profile, ct);
            await files.DeleteAsync(profile.ResumeFile, ct);
            await files.DeleteAsync(profile.VideoPitch, ct);
        }
        await store.DeleteAsync(Containers.TalentProfiles, TalentProfileClaim.DocumentId, TalentProfileClaim.PartitionOf(account.UserId), ct: ct);
        await notes.EraseAsync(account.UserId, ct);
        if (owned.Count > 0) await pool.ChangedAsync(ct);
    }
}

/// <summary>Keeps the copies of the account's email and names on its candidate profile when the account changes them.</summary>
public sealed class TalentProfileAccountCopies(TalentProfileStore profiles) : IAccountObserver
{
    public async Task DetailsChangedAsync(Account account, CancellationToken ct)
    {
        if (await profiles.OfUserAsync(account.UserId, ct) is not { } profile
            || (profile.Email == account.Email && profile.FirstName == account.FirstName && profile.LastName == account.LastName)) return;
        await profiles.ChangeAsync(profile.Slug, p =>
        {
            (p.Email, p.FirstName, p.LastName) = (account.Email, account.FirstName, account.LastName);
            return p;
        }, ct);
    }
}
