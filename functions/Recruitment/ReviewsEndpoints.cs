using System.Security.Claims;
using CareerNexus.Common;
using CareerNexus.Functions.Hosting;
using CareerNexus.Reviews;
using Microsoft.OpenApi;

namespace CareerNexus.Functions.Recruitment;

/// <summary>
/// Document 003's reviews module, under /reviews/api/v1/: reviews/ (POST, as documented), and what the document implies
/// besides: a target's reviews with its ratings, and the author's delete.
/// </summary>
public static class RecruitmentReviewsEndpoints
{
    public static void MapRecruitmentReviews(this RouteGroupBuilder group)
    {
        var reviews = group.MapGroup("/reviews").RequireAuthorization();

        reviews.MapPost("", async (RecruitmentBody body, ClaimsPrincipal user, ReviewService service, CancellationToken ct) =>
        {
            var request = new NewReview(body.Text("target_type"), body.Id("target_id"), body.Number("rating", out _), body.Text("comment"));
            body.ThrowIfInvalid();
            return Results.Json(ReviewItem.Of(await service.CreateAsync(user.Caller(), request, ct)), PlatformJson.Options,
                statusCode: StatusCodes.Status201Created);
        }).Accepts<ReviewBody>("application/json").Produces<ReviewItem>(StatusCodes.Status201Created);

        reviews.MapGet("", async (string? target_type, string? target_id, RecruitmentPage page, HttpRequest request, ClaimsPrincipal user,
            ReviewService service, CancellationToken ct) =>
        {
            var found = await service.ListAsync(user.Caller(), target_type, target_id, page.Request, ct);
            var list = page.Envelope(request, found.Page, ReviewListItem.Of);
            return new ReviewList(list.Count, list.Next, list.Previous, list.Results, found.Ratings.Average, found.Ratings.Stars);
        }).WithMetadata(new Docs.QueryParameters([("target_type", JsonSchemaType.String), ("target_id", JsonSchemaType.Integer)]))
            .Produces<ReviewList>();

        reviews.MapDelete("/{id}", async (string id, ClaimsPrincipal user, ReviewService service, CancellationToken ct) =>
        {
            await service.DeleteAsync(user.Caller(), RecruitmentIds.FromPath(id), ct);
            return Results.NoContent();
        }).Produces(StatusCodes.Status204NoContent);
    }
}

/// <summary>Document 003's review request: target_type company (by candidates) or candidate (by recruiters), rating 1 to 5.</summary>
public sealed record ReviewBody(string TargetType, long TargetId, int Rating, string? Comment);

/// <summary>A review as document 003 answers its creation.</summary>
public sealed record ReviewItem(long Id, string TargetType, long TargetId, int Rating, string Comment, DateTimeOffset CreatedAt)
{
    public static ReviewItem Of(Review r) => new(r.ReviewId, r.TargetType, r.TargetId, r.Rating, r.Comment, r.CreatedAt);
}

public sealed record ReviewAuthorCard(long Id, string Username, string FullName);

/// <summary>A review in its target's list, with its author.</summary>
public sealed record ReviewListItem(long Id, string TargetType, long TargetId, ReviewAuthorCard Author, int Rating, string Comment, DateTimeOffset CreatedAt)
{
    public static ReviewListItem Of(Review r) =>
        new(r.ReviewId, r.TargetType, r.TargetId, new ReviewAuthorCard(r.Author.Id, r.Author.Username, r.Author.FullName), r.Rating, r.Comment, r.CreatedAt);
}

/// <summary>A page of a target's reviews in document 003's envelope, with the target's average and its count of each star.</summary>
public sealed record ReviewList(long Count, string? Next, string? Previous, IReadOnlyList<ReviewListItem> Results, double? AverageRating,
    IReadOnlyDictionary<string, long> RatingCounts);
