using System.Globalization;
using System.Net;
using CareerNexus.Companies;
using CareerNexus.Storage;
using CareerNexus.Tests.Support;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Tests.Recruitment;

/// <summary>Jobs and companies of document 003 for tests: bodies, posting through HTTP, and the stored documents behind them.</summary>
public static class RecruitmentJobsSupport
{
    public const string JobsPath = "/jobs/api/v1/jobs/";

    public static Dictionary<string, object?> JobBody(string title = "Senior Python Developer") => new()
    {
        ["title"] = title,
        ["category"] = 1,
        ["job_type"] = 1,
        ["location"] = "Paris, France",
        ["salary_min"] = 50000,
        ["salary_max"] = 80000,
        ["experience_level"] = "senior",
        ["description"] = "We are looking for an experienced Python developer...",
        ["requirements"] = new[] { "5+ years Python", "Django experience", "PostgreSQL" },
        ["benefits"] = new[] { "Health insurance", "Remote work" },
    };

    public static Dictionary<string, object?> With(this Dictionary<string, object?> body, string field, object? value)
    {
        var changed = new Dictionary<string, object?>(body);
        if (value is null) changed.Remove(field);
        else changed[field] = value;
        return changed;
    }

    public static async Task<long> PostJob(this ApiClient api, TestUser recruiter, Dictionary<string, object?>? body = null) =>
        (await api.Post(JobsPath, body ?? JobBody(ApiClient.Unique("Developer ")), recruiter.Access)).Expect(HttpStatusCode.Created)["id"].GetInt64();

    /// <summary>Sets fields of a company as a company editor would (no route of this module edits companies).</summary>
    public static Task SetCompanyAsync(this TestApp app, long companyId, params (string Path, object Value)[] fields)
    {
        var id = companyId.ToString(CultureInfo.InvariantCulture);
        return app.Store.PatchAsync<Company>(Containers.Companies, id, id, fields.Select(f => PatchOperation.Set(f.Path, f.Value)).ToList());
    }
}
