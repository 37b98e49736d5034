using CareerNexus.Functions.Docs;
using CareerNexus.Functions.Hosting;

namespace CareerNexus.Functions.Recruitment;

/// <summary>
/// The Recruitment surface (document 003): one group per module, each at its own prefix
/// (/accounts/api/v1/, /jobs/api/v1/, ...), on the same accounts, jobs and conversations as the other surfaces.
/// </summary>
public static class RecruitmentSurface
{
    public static IServiceCollection AddRecruitmentSurface(this IServiceCollection services) =>
        services.AddSingleton<ErrorDialect>(RecruitmentDialect.Instance).AddSurfaceDocument(RecruitmentDialect.Instance, "Career Nexus: Recruitment");

    public static void MapRecruitment(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/accounts/api/v1").WithSurface(RecruitmentDialect.Instance).MapRecruitmentAccounts();
        app.MapGroup("/accounts/api/v1").WithSurface(RecruitmentDialect.Instance).MapRecruitmentProfiles();
        app.MapGroup("/companies/api/v1").WithSurface(RecruitmentDialect.Instance).MapRecruitmentCompanies();
        app.MapGroup("/jobs/api/v1").WithSurface(RecruitmentDialect.Instance).MapRecruitmentJobs();
        app.MapGroup("/jobs/api/v1").WithSurface(RecruitmentDialect.Instance).MapRecruitmentJobTests();
        app.MapGroup("/applications/api/v1").WithSurface(RecruitmentDialect.Instance).MapRecruitmentApplications();
        app.MapGroup("/matching/api/v1").WithSurface(RecruitmentDialect.Instance).MapRecruitmentMatching();
        app.MapGroup("/ab-testing/api/v1").WithSurface(RecruitmentDialect.Instance).MapRecruitmentExperiments();
        // Payments and subscriptions, and the CV views their plans count.
        app.MapGroup("/payments/api/v1").WithSurface(RecruitmentDialect.Instance).MapRecruitmentPayments();
        app.MapGroup("/subscriptions/api/v1").WithSurface(RecruitmentDialect.Instance).MapRecruitmentSubscriptions();
        app.MapGroup("/accounts/api/v1").WithSurface(RecruitmentDialect.Instance).MapRecruitmentCvViews();
        app.MapGroup("/blog/api/v1").WithSurface(RecruitmentDialect.Instance).MapRecruitmentBlog();
        app.MapGroup("/reviews/api/v1").WithSurface(RecruitmentDialect.Instance).MapRecruitmentReviews();
        app.MapGroup("/ngo/api/v1").WithSurface(RecruitmentDialect.Instance).MapRecruitmentNgos();
        app.MapGroup("/admin-panel/api/v1").WithSurface(RecruitmentDialect.Instance).MapRecruitmentAdminPanel();
        // Notifications, company follows and gamification.
        app.MapGroup("/notifications/api/v1").WithSurface(RecruitmentDialect.Instance).MapRecruitmentNotifications();
        app.MapGroup("/companies/api/v1").WithSurface(RecruitmentDialect.Instance).MapRecruitmentCompanyFollows();
        app.MapGroup("/gamification/api/v1").WithSurface(RecruitmentDialect.Instance).MapRecruitmentGamification();
        app.MapGroup("/messaging/api/v1").WithSurface(RecruitmentDialect.Instance).MapRecruitmentMessaging();
    }
}
