using CareerNexus.Accounts;
using CareerNexus.Tokens;

namespace CareerNexus.Statistics;

/// <summary>
/// Document 003's admin dashboard: the platform's figures, for administrators only. Apart from
/// <see cref="PlatformStatistics"/>, which the account feature itself depends on, so that the admin check (which reads
/// accounts) makes no cycle.
/// </summary>
public sealed class DashboardService(PlatformStatistics statistics, AdminPolicy admins)
{
    public async Task<PlatformFigures> StatsAsync(Caller caller, CancellationToken ct = default)
    {
        await admins.RequireAdminAsync(caller, "Only administrators see the dashboard.", ct);
        return await statistics.ReadAsync(ct);
    }
}
