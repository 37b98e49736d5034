using System.Security.Claims;
using CareerNexus.Accounts;
using CareerNexus.Functions.Hosting;
using CareerNexus.Ngos;
using CareerNexus.Statistics;

namespace CareerNexus.Functions.Recruitment;

/// <summary>
/// Document 003's admin panel, under /admin-panel/api/v1/, for administrators only: dashboard/stats/ (the platform's
/// stored figures), and what the document leaves to us: ngo-managers/, which makes (or unmakes) an ngo_manager account.
/// </summary>
public static class RecruitmentAdminPanelEndpoints
{
    public static void MapRecruitmentAdminPanel(this RouteGroupBuilder group)
    {
        var admin = group.MapGroup("").RequireAuthorization();

        admin.MapGet("/dashboard/stats", async (ClaimsPrincipal user, DashboardService service, CancellationToken ct) =>
            DashboardStats.Of(await service.StatsAsync(user.Caller(), ct))).Produces<DashboardStats>();

        admin.MapPost("/ngo-managers", async (NgoManagerGrant? body, ClaimsPrincipal user, NgoService service, AdminPolicy admins,
            CancellationToken ct) =>
        {
            var account = await service.SetManagerAsync(user.Caller(), body?.Email, body?.NgoManager ?? true, ct);
            return new NgoManagerAccount(account.UserId, account.Username, account.Email, RecruitmentUser.TypeOf(account, admins));
        }).Produces<NgoManagerAccount>();
    }
}

public sealed record UserFigures(long Total, long Candidates, long Recruiters, long Active);

public sealed record JobFigures(long Total, long Active, long Applications);

/// <summary>Revenue received this calendar month and this calendar year (UTC), in the platform's reporting currency.</summary>
public sealed record RevenueFigures(decimal Monthly, decimal Yearly);

public sealed record TotalFigure(long Total);

/// <summary>Document 003's dashboard figures, and (our extension) the companies, reviews and NGOs.</summary>
public sealed record DashboardStats(UserFigures Users, JobFigures Jobs, RevenueFigures Revenue, TotalFigure Companies, TotalFigure Reviews,
    TotalFigure Ngos)
{
    public static DashboardStats Of(PlatformFigures f) => new(
        new UserFigures(f[Figures.Users], f[Figures.Candidates], f[Figures.Recruiters], f[Figures.ActiveUsers]),
        new JobFigures(f[Figures.Jobs], f[Figures.ActiveJobs], f[Figures.Applications]),
        new RevenueFigures(f.MonthlyRevenue, f.YearlyRevenue),
        new TotalFigure(f[Figures.Companies]), new TotalFigure(f[Figures.Reviews]), new TotalFigure(f[Figures.Ngos]));
}

/// <summary>Makes the account with this email an ngo_manager; "ngo_manager": false takes the role back.</summary>
public sealed record NgoManagerGrant(string? Email, bool? NgoManager);

public sealed record NgoManagerAccount(long Id, string Username, string Email, string UserType);
