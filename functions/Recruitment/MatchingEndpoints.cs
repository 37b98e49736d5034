namespace CareerNexus.Functions.Recruitment;

/// <summary>Document 003's matching module.</summary>
public static class RecruitmentMatchingEndpoints
{
    public static void MapRecruitmentMatching(this RouteGroupBuilder group)
    {
    }
}
