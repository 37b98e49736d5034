using System.Net;
using CareerNexus.Storage;
using CareerNexus.TalentProfiles;
using CareerNexus.Tests.Budgets;
using CareerNexus.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;
using static CareerNexus.Tests.Talent.TalentCandidates;

namespace CareerNexus.Tests.Talent;

/// <summary>
/// The Cosmos budget of the candidate routes: a profile with its notes is the account, the profile and one query of the
/// organization's partition; a page of the employers' list is the catalog query, the page's profiles and one query of their
/// notes; the author's notes are one query. Each the same with 15 profiles and notes as with 150.
/// </summary>
public sealed class TalentCandidateBudgetTests(SharedApp fixture, ITestOutputHelper output) : IClassFixture<SharedApp>
{
    private const int Small = 15;
    private const int Large = 150;
    private const int Page = 10;
    private readonly TestApp _app = fixture.App;
    private readonly ApiClient _api = fixture.App.Api();

    [Fact]
    public async Task A_profile_with_notes_the_profile_list_and_the_notes_list_cost_the_same_at_ten_times_the_data()
    {
        var costs = new Dictionary<string, List<CosmosBudgetTests.Cost>>();
        var (employer, organization) = await _app.Employer();
        var (candidate, target) = await _app.CandidateWithProfile();
        var profileId = (await _app.Services.GetRequiredService<TalentProfileStore>().FindAsync(target))!.ProfileId;
        var seeded = 0;
        foreach (var size in new[] { Small, Large })
        {
            // `size` available profiles, each with a note of the organization's, and `size` notes on the target, all by the employer.
            await Task.WhenAll(Enumerable.Range(seeded, size - seeded).Select(async i =>
            {
                var profile = await SeedProfileAsync(i);
                await SeedNoteAsync(organization, employer.Id, profile.ProfileId, profile.Slug, profile.UserId);
                await SeedNoteAsync(organization, employer.Id, profileId, target, candidate.Id);
            }));
            seeded = size;
            foreach (var (name, path, ops) in new[]
                     {
                         ("profile with notes", $"{ProfilesRoute}/{target}/", 3),
                         ("profile list", $"{ProfilesRoute}/?limit={Page}", 3 + Page),
                         ("notes list", $"{NotesRoute}/?limit={Page}", 2),
                     })
            {
                (await _api.Get(path, employer.Access)).Expect(HttpStatusCode.OK);
                var response = (await _api.Get(path, employer.Access)).Expect(HttpStatusCode.OK);
                if (name == "profile with notes") Assert.Equal(Math.Min(size, CandidateNoteStore.MaxShown), response["get_all_notes"].GetArrayLength());
                else Assert.Equal(Page, response.Body.GetArrayLength());
                var cost = CosmosBudgetTests.Cost.Of(response);
                Assert.True(cost.CrossPartitionQueries == 0 && cost.Writes == 0, $"{name}: {cost}");
                Assert.True(cost.Operations <= ops, $"{name}: at most {ops} operations, not {cost}");
                costs.TryAdd(name, []);
                costs[name].Add(cost);
            }
        }
        foreach (var (name, pair) in costs)
        {
            output.WriteLine($"{name}: {pair[0]} with {Small} / {pair[1]} with {Large}");
            Assert.True(pair[0].Operations == pair[1].Operations, $"{name}: {pair[0]} with {Small}, {pair[1]} with {Large}");
        }
    }

    /// <summary>An available profile, stored as the profile service stores one, with its catalog entry.</summary>
    private async Task<TalentProfile> SeedProfileAsync(int n)
    {
        var id = Random.Shared.NextInt64(1L << 40, 1L << 50);
        var slug = $"budget-{n}-{id:x}";
        var now = DateTimeOffset.UtcNow.AddDays(-1).AddMinutes(n);
        var profile = new TalentProfile
        {
            Partition = TalentProfile.PartitionOf(slug), ProfileId = id, Slug = slug, UserId = id, Email = $"budget{id}@example.com", FirstName = "Budget",
            LastName = "Candidate", ExpectedSalaryRange = "$50,000", EmploymentTypePreferences = ["full-time"], CreatedAt = now, UpdatedAt = now,
            ResumeData = new CareerNexus.Resumes.ResumeData { Name = "Budget Candidate", Skills = ["Python", "Django"] },
        };
        await _app.Store.UpsertAsync(Containers.TalentProfiles, profile, profile.Partition);
        await _app.Store.UpsertAsync(Containers.TalentProfiles, TalentCatalogEntry.Of(profile), TalentCatalogEntry.CatalogPartition);
        return profile;
    }

    private Task SeedNoteAsync(long organization, long author, long profileId, string slug, long candidateId)
    {
        var id = Random.Shared.NextInt64(1L << 40, 1L << 50);
        var now = DateTimeOffset.UtcNow;
        var note = new CandidateNote
        {
            Id = CandidateNote.IdOf(id), Partition = CandidateNote.PartitionOf(organization), NoteId = id, OrganizationId = organization, ProfileId = profileId,
            Profile = slug, CandidateId = candidateId, AuthorId = author, Identifier = "note-001", Note = "Strong Python skills", Section = "skills",
            Sort = DocumentKeys.TimeOrder(now, id), CreatedAt = now, UpdatedAt = now,
        };
        return _app.Store.UpsertAsync(Containers.CandidateNotes, note, note.Partition);
    }
}
