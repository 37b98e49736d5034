namespace CareerNexus.Functions.Recruitment;

/// <summary>Document 003's applications module.</summary>
public static class RecruitmentApplicationsEndpoints
{
    public static void MapRecruitmentApplications(this RouteGroupBuilder group)
    {
    }
}
