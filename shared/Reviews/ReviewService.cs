using System.Globalization;
using CareerNexus.Accounts;
using CareerNexus.Applications;
using CareerNexus.Common;
using CareerNexus.Companies;
using CareerNexus.Erasure;
using CareerNexus.Statistics;
using CareerNexus.Storage;
using CareerNexus.Tokens;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Reviews;

/// <summary>A review as its author sends it; every field is checked by <see cref="ReviewService"/>.</summary>
public sealed record NewReview(string? TargetType, long? TargetId, double? Rating, string? Comment);

/// <summary>A page of a target's reviews with the target's ratings.</summary>
public sealed record TargetReviews(Page<Review> Page, RatingTally Ratings);

/// <summary>
/// Document 003's reviews: candidates rate the companies they applied to, recruiters rate the candidates who applied
/// to their company's jobs. One review per author and target: the review's id is its author's in the target's partition,
/// so of two racing requests one creates it and the other (like any later one) is a 409. Each review moves its target's
/// <see cref="RatingTally"/> and the platform's figures once (<see cref="CountOnce"/>, the review's number as the fact);
/// a 409 first finishes the counting a stopped request left undone. Authors (and administrators) may delete a review.
/// </summary>
public sealed class ReviewService(DocumentStore store, IdAllocator ids, CountOnce counts, AccountService accounts, CompanyService companies,
    ApplicationService applications, AdminPolicy admins, PlatformStatistics statistics, TimeProvider clock)
{
    public const int MaxCommentLength = 2000;

    public async Task<Review> CreateAsync(Caller caller, NewReview request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var targetType = TargetType(request.TargetType, errors);
        if (request.TargetId is null) errors.Add("target_id", "This field is required.");
        var rating = 0;
        if (request.Rating is not { } sent) errors.Add("rating", "This field is required.");
        else if (sent != Math.Floor(sent)) errors.Add("rating", "A valid integer is required.");
        else if (sent is < RatingTally.MinRating or > RatingTally.MaxRating)
            errors.Add("rating", $"Ensure this value is between {RatingTally.MinRating} and {RatingTally.MaxRating}.");
        else rating = (int)sent;
        var comment = request.Comment?.Trim() ?? "";
        if (comment.Length > MaxCommentLength) errors.Add("comment", $"Ensure this field has no more than {MaxCommentLength} characters.");
        errors.ThrowIfAny();

        var author = caller.Account ?? await accounts.GetAsync(caller.UserId, ct);
        var targetId = request.TargetId!.Value;
        await MayReviewAsync(author, targetType!, targetId, ct);

        var partition = Review.TargetPartition(targetType!, targetId);
        var key = Review.KeyOf(author.UserId);
        if ((await store.ReadAsync<Review>(Containers.Reviews, key, partition, ct))?.Document is { } earlier)
            throw await AlreadyReviewedAsync(earlier, ct);
        var review = new Review
        {
            Id = key, Partition = partition, ReviewId = await ids.NextAsync("reviews", ct), TargetType = targetType!, TargetId = targetId,
            Author = new ReviewAuthor(author.UserId, author.Username, author.FullName()), Rating = rating, Comment = comment, CreatedAt = clock.GetUtcNow(),
        };
        if (!await store.TryCreateAsync(Containers.Reviews, review, partition, ct))
        {
            var winner = (await store.ReadAsync<Review>(Containers.Reviews, key, partition, ct))?.Document;
            throw winner is null ? PlatformException.Conflict("The review is changing, try again.") : await AlreadyReviewedAsync(winner, ct);
        }
        return await SettleAsync(review, ct);
    }

    /// <summary>
    /// A target's reviews, newest first, with its ratings (whose count is the list's). A company's are for every signed-in
    /// account; a candidate's for the candidate, recruiters and administrators.
    /// </summary>
    public async Task<TargetReviews> ListAsync(Caller caller, string? targetTypeText, string? targetIdText, PageRequest page, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var targetType = TargetType(targetTypeText, errors);
        long targetId = 0;
        if (string.IsNullOrWhiteSpace(targetIdText)) errors.Add("target_id", "This field is required.");
        else if (!long.TryParse(targetIdText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out targetId) || targetId < 1)
            errors.Add("target_id", "A valid integer is required.");
        errors.ThrowIfAny();

        RatingTally ratings;
        var partition = Review.TargetPartition(targetType!, targetId);
        if (targetType == ReviewTargets.Company) ratings = (await companies.FindAsync(targetId, ct) ?? throw UnknownTarget(targetId)).Ratings;
        else
        {
            if (caller.UserId != targetId)
            {
                var reader = caller.Account ?? await accounts.GetAsync(caller.UserId, ct);
                if (reader.RecruitmentRole != RecruitmentRoles.Recruiter && !admins.IsAdmin(reader))
                    throw PlatformException.Forbidden("Only the candidate, recruiters and administrators may read a candidate's reviews.");
            }
            ratings = (await store.ReadAsync<CandidateRatings>(Containers.Reviews, CandidateRatings.Key, partition, ct))?.Document.Ratings ?? new RatingTally();
        }
        var query = new QueryDefinition("SELECT * FROM c WHERE c.partition = @partition AND c.kind = @kind ORDER BY c.created_at DESC")
            .WithParameter("@partition", partition).WithParameter("@kind", Review.Type);
        return new TargetReviews(await store.PartitionPageAsync<Review>(Containers.Reviews, query, partition, ratings.Count, page, ct), ratings);
    }

    /// <summary>Deletes a review, for its author or an administrator (403 for anyone else), and takes it off the counters.</summary>
    public async Task DeleteAsync(Caller caller, long reviewId, CancellationToken ct = default)
    {
        var indexKey = ReviewIndex.KeyOf(reviewId);
        var index = reviewId <= 0 ? null : (await store.ReadAsync<ReviewIndex>(Containers.Reviews, indexKey, indexKey, ct))?.Document;
        var review = index is null ? null
            : (await store.ReadAsync<Review>(Containers.Reviews, Review.KeyOf(index.AuthorId), index.TargetPartition, ct))?.Document;
        // An index left by a request that lost its race names a review that was never stored under that number.
        if (review is null || review.ReviewId != reviewId) throw PlatformException.NotFound("Not found.");
        if (review.Author.Id != caller.UserId && !await admins.IsAdminAsync(caller, ct))
            throw PlatformException.Forbidden("You do not have permission to perform this action.");
        await counts.UncountAsync(Fact(review), review.Counted, [await TallyAsync(review, ct)], ct);
        await statistics.UncountAsync(Fact(review), review.Counted, [(Figures.Reviews, 1)], ct);
        await store.DeleteAsync(Containers.Reviews, review.Id, review.Partition, ct: ct);
        await store.DeleteAsync(Containers.Reviews, indexKey, indexKey, ct: ct);
    }

    /// <summary>
    /// Candidates review companies they applied to; recruiters review candidates who applied to a job of the company
    /// of their recruiter profile. An unknown target is a 400 on target_id; anything else is a 403.
    /// </summary>
    private async Task MayReviewAsync(Account author, string targetType, long targetId, CancellationToken ct)
    {
        if (targetType == ReviewTargets.Company)
        {
            if (await companies.FindAsync(targetId, ct) is null) throw UnknownTarget(targetId);
            if (author.RecruitmentRole != RecruitmentRoles.Candidate) throw PlatformException.Forbidden("Only candidates review companies.");
            if (!await applications.HasAppliedToCompanyAsync(author.UserId, targetId, ct))
                throw PlatformException.Forbidden("You can only review a company you applied to.");
            return;
        }
        if ((await accounts.FindAsync(targetId, ct))?.RecruitmentRole != RecruitmentRoles.Candidate) throw UnknownTarget(targetId);
        var company = author.RecruitmentRole == RecruitmentRoles.Recruiter ? await companies.CompanyOfRecruiterAsync(author.UserId, ct) : null;
        if (company is null) throw PlatformException.Forbidden("Only recruiters review candidates.");
        if (!await applications.HasAppliedToCompanyAsync(targetId, company.Value, ct))
            throw PlatformException.Forbidden("You can only review a candidate who applied to your company's jobs.");
    }

    private async Task<PlatformException> AlreadyReviewedAsync(Review earlier, CancellationToken ct)
    {
        if (!earlier.Counted) await SettleAsync(earlier, ct);
        return PlatformException.Conflict($"You have already reviewed this {earlier.TargetType}.");
    }

    /// <summary>Indexes the review by its number and counts it on its target's tally and the platform's figures, then marks it counted.</summary>
    private async Task<Review> SettleAsync(Review review, CancellationToken ct)
    {
        var indexKey = ReviewIndex.KeyOf(review.ReviewId);
        await store.TryCreateAsync(Containers.Reviews, new ReviewIndex(indexKey, indexKey, review.ReviewId, review.Partition, review.Author.Id), indexKey, ct);
        await counts.CountAsync(Fact(review), [await TallyAsync(review, ct)], ct);
        await statistics.CountAsync(Fact(review), [(Figures.Reviews, 1)], ct);
        await store.PatchAsync<Review>(Containers.Reviews, review.Id, review.Partition, [PatchOperation.Set("/counted", true)], ct);
        return review with { Counted = true };
    }

    /// <summary>The tally a review moves: on its company, or on its candidate's summary (made with the first review).</summary>
    private async Task<CounterTarget> TallyAsync(Review review, CancellationToken ct)
    {
        var deltas = RatingTally.Deltas("/ratings", review.Rating);
        if (review.TargetType == ReviewTargets.Company)
        {
            var company = review.TargetId.ToString(CultureInfo.InvariantCulture);
            return new CounterTarget(Containers.Companies, company, company, deltas);
        }
        await store.TryCreateAsync(Containers.Reviews, new CandidateRatings { Partition = review.Partition }, review.Partition, ct);
        return new CounterTarget(Containers.Reviews, CandidateRatings.Key, review.Partition, deltas);
    }

    /// <summary>
    /// The reviews about an erased candidate go with their index entries, each leaving the platform's review count once;
    /// their ratings go with the candidate's partition.
    /// </summary>
    public async Task EraseAboutCandidateAsync(long candidateId, CancellationToken ct = default)
    {
        var partition = Review.TargetPartition("candidate", candidateId);
        var about = await store.QueryListAsync<Review>(Containers.Reviews,
            new QueryDefinition("SELECT * FROM c WHERE c.partition = @partition AND c.kind = @kind")
                .WithParameter("@partition", partition).WithParameter("@kind", Review.Type), partition, ct: ct);
        foreach (var review in about)
        {
            await statistics.UncountAsync(Fact(review), review.Counted, [(Figures.Reviews, 1)], ct);
            var indexKey = ReviewIndex.KeyOf(review.ReviewId);
            await store.DeleteAsync(Containers.Reviews, indexKey, indexKey, ct: ct);
        }
        await store.DeletePartitionAsync(Containers.Reviews, partition, ct);
    }

    private static string Fact(Review review) => "review:" + review.ReviewId.ToString(CultureInfo.InvariantCulture);

    private static string? TargetType(string? sent, FieldErrors errors)
    {
        var type = sent?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(type)) errors.Add("target_type", "This field is required.");
        else if (!ReviewTargets.All.Contains(type))
            errors.Add("target_type", $"\"{sent}\" is not a valid choice. Valid options: {string.Join(", ", ReviewTargets.All)}.");
        else return type;
        return null;
    }

    private static PlatformException UnknownTarget(long targetId) =>
        PlatformException.InvalidFields(new Dictionary<string, string> { ["target_id"] = $"Invalid pk \"{targetId}\" - object does not exist." });
}
