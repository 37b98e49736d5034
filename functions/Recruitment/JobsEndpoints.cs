namespace CareerNexus.Functions.Recruitment;

/// <summary>Document 003's jobs module.</summary>
public static class RecruitmentJobsEndpoints
{
    public static void MapRecruitmentJobs(this RouteGroupBuilder group)
    {
    }
}
