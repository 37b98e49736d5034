namespace CareerNexus.Functions.Recruitment;

/// <summary>Document 003's accounts module.</summary>
public static class RecruitmentAccountsEndpoints
{
    public static void MapRecruitmentAccounts(this RouteGroupBuilder group)
    {
    }
}
