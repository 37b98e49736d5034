using CareerNexus.Accounts;
using CareerNexus.Erasure;
using CareerNexus.Notifications;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Applications;

/// <summary>
/// An erased candidate's applications stay in their jobs' lists for the employer's records (status, history, score), with
/// the candidate's names, picture and cover letter gone and their test answers deleted; the recruiter's notification of
/// each no longer names them; the candidate's own copies go.
/// </summary>
public sealed class ApplicationErasure(DocumentStore store, ApplicationService applications, NotificationService notifications) : IPersonalData
{
    public int Order => 30;

    public async Task EraseAsync(Account account, CancellationToken ct)
    {
        var partition = ApplicationDocument.CandidatePartition(account.UserId);
        var query = new QueryDefinition("SELECT * FROM c WHERE c.partition = @partition AND c.kind = @kind")
            .WithParameter("@partition", partition).WithParameter("@kind", ApplicationDocument.Type);
        foreach (var copy in await store.QueryListAsync<ApplicationDocument>(Containers.Applications, query, partition, ct: ct))
        {
            var jobPartition = ApplicationDocument.JobPartition(copy.JobId);
            try
            {
                await applications.ChangeAsync(copy with { Partition = jobPartition }, application => application with
                {
                    Candidate = new ApplicantSnapshot(account.UserId, "", Erasing.DeletedName, null), CoverLetter = "",
                }, ct);
            }
            catch (Common.PlatformException missing) when (missing.Kind == Common.ErrorKind.NotFound)
            {
                // The job's copy is gone already: only the candidate's remains.
            }
            await notifications.RewordAsync(copy.PosterId, $"application:{copy.ApplicationId}:received",
                $"A deleted account applied for '{copy.JobTitle}'", ct);
            await store.DeleteAsync(Containers.Applications, TestSubmission.KeyOf(copy.ApplicationId), jobPartition, ct: ct);
            await store.DeleteAsync(Containers.Applications, copy.Id, partition, ct: ct);
        }
    }
}
