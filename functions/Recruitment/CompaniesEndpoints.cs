namespace CareerNexus.Functions.Recruitment;

/// <summary>Document 003's companies module.</summary>
public static class RecruitmentCompaniesEndpoints
{
    public static void MapRecruitmentCompanies(this RouteGroupBuilder group)
    {
    }
}
