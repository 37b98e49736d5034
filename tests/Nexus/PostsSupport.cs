using System.Net;
using System.Text.Json;
using CareerNexus.Accounts;
using CareerNexus.Storage;
using CareerNexus.Tests.Support;
using Microsoft.Azure.Cosmos;
using Xunit;

namespace CareerNexus.Tests.Nexus;

/// <summary>What the post tests share: making posts on /post/, setting profile fields, and the documented shapes.</summary>
internal static class PostsSupport
{
    public static readonly string[] PostFields =
    [
        "profile", "body", "pic1", "pic2", "pic3", "video", "article", "time_stamp", "comment_count", "like_count", "share_count", "parent", "post_id",
    ];

    public static readonly string[] SnippetFields = ["id", "first_name", "last_name", "middle_name", "profile_photo", "qualification"];

    public static async Task<long> NexusPost(this ApiClient api, TestUser author, string body = "Hello from Nexus") =>
        (await api.Post("/post/", new { body }, author.Access)).Expect(HttpStatusCode.Created)["post_id"].GetInt64();

    /// <summary>Sets the profile fields the feed reads, as the profile routes would.</summary>
    public static Task SetProfile(this TestApp app, TestUser user, string? industry = null, string? userType = null)
    {
        var id = user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var operations = new List<PatchOperation>();
        if (industry is not null) operations.Add(PatchOperation.Set("/industry", industry));
        if (userType is not null) operations.Add(PatchOperation.Set("/user_type", userType));
        return app.Store.PatchAsync<Account>(Containers.Accounts, id, id, operations);
    }

    public static void AssertPost(JsonElement post)
    {
        foreach (var field in PostFields) Assert.True(post.TryGetProperty(field, out _), $"post has no {field}: {post}");
        AssertSnippet(post.GetProperty("profile"));
    }

    public static void AssertSnippet(JsonElement person)
    {
        foreach (var field in SnippetFields) Assert.True(person.TryGetProperty(field, out _), $"person has no {field}: {person}");
    }

    public static async Task<JsonElement> GetPost(this ApiClient api, long postId, TestUser reader) =>
        (await api.Get($"/post/?post_id={postId}", reader.Access)).Expect(HttpStatusCode.OK).Body;

    public static List<long> Ids(JsonElement results) => results.EnumerateArray().Select(p => p.GetProperty("post_id").GetInt64()).ToList();
}
