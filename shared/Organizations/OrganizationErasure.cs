using CareerNexus.Accounts;
using CareerNexus.Erasure;

namespace CareerNexus.Organizations;

/// <summary>
/// An erased account leaves its organization: a root user hands the organization to its longest-standing other member,
/// and one who is its only member deletes it (its jobs close). Runs first, while the account can still act as root.
/// </summary>
public sealed class OrganizationErasure(OrganizationService organizations) : IPersonalData
{
    public int Order => 10;

    public async Task EraseAsync(Account account, CancellationToken ct)
    {
        var organization = await organizations.OfAsync(account, ct);
        if (organization is null || organization.RoleOf(account.UserId) is null) return;
        if (organization.OwnerId == account.UserId)
        {
            var heir = organization.Team.Where(m => m.UserId != account.UserId).OrderBy(m => m.JoinedAt).FirstOrDefault();
            if (heir is null)
            {
                await organizations.DeleteAsync(account.UserId, organization.CompanyId, ct);
                return;
            }
            await organizations.TransferAsync(organization.CompanyId, heir.UserId, ct);
        }
        await organizations.LeaveAsync(account.UserId, organization.CompanyId, ct);
    }
}
