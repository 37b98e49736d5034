using System.Globalization;
using System.Net;
using System.Text.Json;
using CareerNexus.Accounts;
using CareerNexus.Storage;
using CareerNexus.Tests.Support;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Tests.Nexus;

/// <summary>
/// Seeds the profile fields that connection, chat and job routes read (location, industry, qualification), straight
/// into the account, so these tests do not depend on the profile routes.
/// </summary>
public static class ProfileSeeding
{
    public static async Task SetProfileAsync(this TestApp app, long userId, string? location = null, string? industry = null,
        string? qualification = null, string? middleName = null)
    {
        var operations = new List<PatchOperation>();
        if (location is not null)
        {
            operations.Add(PatchOperation.Set("/location", location));
            operations.Add(PatchOperation.Set("/location_key", location.Trim().ToLowerInvariant()));
        }
        if (industry is not null) operations.Add(PatchOperation.Set("/industry", industry));
        if (qualification is not null) operations.Add(PatchOperation.Set("/qualification", qualification));
        if (middleName is not null) operations.Add(PatchOperation.Set("/middle_name", middleName));
        var id = userId.ToString(CultureInfo.InvariantCulture);
        await app.Store.PatchAsync<Account>(Containers.Accounts, id, id, operations);
    }

    public static Task<Account> AccountAsync(this TestApp app, long userId) =>
        app.Services.GetRequiredService<AccountService>().GetAsync(userId);

    /// <summary>Every result of a Nexus paged list, following its next links.</summary>
    public static async Task<List<JsonElement>> AllPagesAsync(this ApiClient api, string path, string token)
    {
        var results = new List<JsonElement>();
        string? next = path;
        for (var pages = 0; next is not null && pages < 50; pages++)
        {
            var page = (await api.Get(next, token)).Expect(HttpStatusCode.OK);
            results.AddRange(page["results"].EnumerateArray());
            next = page["next"].ValueKind == JsonValueKind.String ? page["next"].GetString() : null;
        }
        return results;
    }
}
