using System.Globalization;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Onboarding;
using CareerNexus.Statistics;
using CareerNexus.Storage;
using CareerNexus.Tokens;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Ngos;

/// <summary>What a manager sends to make or change their NGO; null leaves a field as it is ("" clears the optional ones).</summary>
public sealed record NgoChange(string? Name, string? Description, string? Mission, string? Location, string? Logo, string? Website);

/// <summary>The public list's filters as sent (query text).</summary>
public sealed record NgoFilters(string? Search, string? Location);

/// <summary>
/// Document 003's NGOs: a public list and detail, and what the document leaves to us: an ngo_manager account makes one
/// NGO and edits it (its manager, or an administrator), and administrators make ngo_manager accounts, which public
/// registration never does. Names are unique by their slug.
/// </summary>
public sealed class NgoService(DocumentStore store, IdAllocator ids, SlugClaims slugs, AccountService accounts, AdminPolicy admins,
    RecruitmentOnboarding onboarding, PlatformStatistics statistics, TimeProvider clock)
{
    public const int MaxNameLength = 200;
    public const int MaxTextLength = 5000;
    public const int MaxLocationLength = 200;
    public const int MaxFilterLength = 200;

    /// <summary>A page of NGOs by name: two single-partition queries (the ids up to the list reach for the count, and the page).</summary>
    public async Task<Page<Ngo>> ListAsync(NgoFilters filters, PageRequest page, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var search = FilterValues.Text(filters.Search, "search", MaxFilterLength, errors);
        var location = FilterValues.Text(filters.Location, "location", MaxFilterLength, errors);
        errors.ThrowIfAny();
        var where = "c.partition = @catalog AND c.kind = @kind"
                    + (search is null ? "" : " AND CONTAINS(c.search_text, @search)")
                    + (location is null ? "" : " AND CONTAINS(c.location_key, @location)");
        QueryDefinition Query(string select) => new QueryDefinition($"{select} FROM c WHERE {where} ORDER BY c.name_key ASC")
            .WithParameter("@catalog", NgoDocuments.Catalog).WithParameter("@kind", NgoDocuments.NgoKind)
            .WithParameter("@search", search ?? "").WithParameter("@location", location ?? "");
        var counting = store.QueryListAsync<string>(Containers.Ngos, Query($"SELECT TOP {PageRequest.MaxReach} VALUE c.id"), NgoDocuments.Catalog,
            take: PageRequest.MaxReach, ct: ct);
        var reading = store.PartitionPageAsync<Ngo>(Containers.Ngos, Query("SELECT *"), NgoDocuments.Catalog, 0, page, ct);
        var (all, ngos) = (await counting, await reading);
        return ngos with { Total = all.Count };
    }

    /// <summary>An NGO by id or slug.</summary>
    public async Task<Ngo> GetAsync(string idOrSlug, CancellationToken ct = default)
    {
        var ngoId = long.TryParse(idOrSlug, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id
            : await slugs.FindAsync(Containers.Ngos, NgoDocuments.Catalog, idOrSlug.ToLowerInvariant(), ct) ?? 0;
        return await FindAsync(ngoId, ct) ?? throw PlatformException.NotFound("Not found.");
    }

    /// <summary>
    /// Makes the caller's NGO: ngo_manager accounts only (403), one each (409; the same name sent again, a retry,
    /// answers the NGO made the first time), a name no other NGO has (400).
    /// </summary>
    public async Task<Ngo> CreateAsync(Caller caller, NgoChange change, CancellationToken ct = default)
    {
        var draft = Draft.Check(change, null);
        var manager = caller.Account ?? await accounts.GetAsync(caller.UserId, ct);
        if (manager.RecruitmentRole != RecruitmentRoles.NgoManager) throw PlatformException.Forbidden("Only NGO managers create NGOs.");

        var claimKey = NgoDocuments.ManagerKey(manager.UserId);
        var claim = new NgoManagerClaim(claimKey, NgoDocuments.Catalog, manager.UserId, await ids.NextAsync("ngos", ct));
        if (!await store.TryCreateAsync(Containers.Ngos, claim, NgoDocuments.Catalog, ct))
        {
            claim = (await store.ReadAsync<NgoManagerClaim>(Containers.Ngos, claimKey, NgoDocuments.Catalog, ct))?.Document
                    ?? throw PlatformException.Conflict("The NGO is changing, try again.");
            if (await FindAsync(claim.NgoId, ct) is { } existing)
                return existing.Name == draft.Name ? existing
                    : throw PlatformException.Conflict("You already manage an NGO.",
                        $"You already manage an NGO ({existing.NgoId}); change it with PATCH /ngo/api/v1/ngos/{existing.NgoId}/.");
        }

        var slug = await ClaimSlugAsync(draft.Name, claim.NgoId, ct);
        var now = clock.GetUtcNow();
        var ngo = new Ngo { Id = NgoDocuments.NgoKey(claim.NgoId), NgoId = claim.NgoId, Slug = slug, ManagerId = manager.UserId, CreatedAt = now };
        draft.ApplyTo(ngo, now);
        if (await store.TryCreateAsync(Containers.Ngos, ngo, NgoDocuments.Catalog, ct))
            await statistics.CountAsync("ngo:" + ngo.NgoId.ToString(CultureInfo.InvariantCulture), [(Figures.Ngos, 1)], ct);
        return ngo;
    }

    /// <summary>Changes the fields sent, for the NGO's manager (while an ngo_manager) or an administrator; others 403.</summary>
    public async Task<Ngo> UpdateAsync(Caller caller, long ngoId, NgoChange change, CancellationToken ct = default)
    {
        var current = await FindAsync(ngoId, ct) ?? throw PlatformException.NotFound("Not found.");
        var editor = caller.Account ?? await accounts.GetAsync(caller.UserId, ct);
        if (!(current.ManagerId == editor.UserId && editor.RecruitmentRole == RecruitmentRoles.NgoManager) && !admins.IsAdmin(editor))
            throw PlatformException.Forbidden("Only the NGO's manager or an administrator may change it.");
        var draft = Draft.Check(change, current);
        var slug = draft.Name == current.Name ? current.Slug : await ClaimSlugAsync(draft.Name, ngoId, ct);
        var updated = await store.ReplaceAsync<Ngo>(Containers.Ngos, current.Id, NgoDocuments.Catalog, ngo =>
        {
            Draft.Check(change, ngo).ApplyTo(ngo, clock.GetUtcNow());
            ngo.Slug = slug;
            return ngo;
        }, ct) ?? throw PlatformException.NotFound("Not found.");
        if (slug != current.Slug) await slugs.ReleaseAsync(Containers.Ngos, NgoDocuments.Catalog, current.Slug, ngoId, ct);
        return updated;
    }

    /// <summary>
    /// An administrator makes the account with this email an ngo_manager, or (<paramref name="grant"/> false) takes the
    /// role back. Only an active account whose email is verified, and that is not a candidate or recruiter, may hold it:
    /// NGO managers are internal accounts, which public registration never makes.
    /// </summary>
    public async Task<Account> SetManagerAsync(Caller caller, string? email, bool grant, CancellationToken ct = default)
    {
        await admins.RequireAdminAsync(caller, "Only administrators make NGO managers.", ct);
        if (string.IsNullOrWhiteSpace(email)) throw PlatformException.InvalidFields(new Dictionary<string, string> { ["email"] = "This field is required." });
        var account = await accounts.FindByEmailAsync(email.Trim(), ct) ?? throw PlatformException.NotFound("No account has this email.");
        if (!grant)
        {
            if (account.RecruitmentRole == RecruitmentRoles.NgoManager) await onboarding.StartAsync(account, "", null, ct);
            return account;
        }
        if (!account.IsActive || !account.EmailVerified)
            throw PlatformException.Conflict("Email not verified",
                "Only an active account whose email is verified can manage an NGO: its owner verifies the address first.");
        if (account.RecruitmentRole is { Length: > 0 } role && role != RecruitmentRoles.NgoManager)
            throw PlatformException.Conflict("Account has another role", $"This account is a {role}; an NGO manager is an account of its own.");
        await onboarding.StartAsync(account, RecruitmentRoles.NgoManager, null, ct);
        return account;
    }

    private async Task<Ngo?> FindAsync(long ngoId, CancellationToken ct) =>
        ngoId <= 0 ? null : (await store.ReadAsync<Ngo>(Containers.Ngos, NgoDocuments.NgoKey(ngoId), NgoDocuments.Catalog, ct))?.Document;

    /// <summary>The name's slug for this NGO; a name whose slug another NGO holds is a 400.</summary>
    private async Task<string> ClaimSlugAsync(string name, long ngoId, CancellationToken ct)
    {
        var slug = SlugClaims.Of(name) is { Length: > 0 } named ? named : string.Create(CultureInfo.InvariantCulture, $"ngo-{ngoId}");
        if (!await slugs.ClaimAsync(Containers.Ngos, NgoDocuments.Catalog, slug, ngoId, async owner => await FindAsync(owner, CancellationToken.None) is not null, ct))
            throw PlatformException.InvalidFields(new Dictionary<string, string> { ["name"] = "An NGO with this name already exists." });
        return slug;
    }

    /// <summary>An NGO's fields, checked: a create's as sent, an edit's merged over the stored NGO.</summary>
    private sealed record Draft(string Name, string Description, string Mission, string Location, string? Logo, string Website)
    {
        public static Draft Check(NgoChange change, Ngo? current)
        {
            var errors = new FieldErrors();
            var name = FieldRules.Required(change.Name, current?.Name, "name", MaxNameLength, errors);
            var description = FieldRules.Optional(change.Description, current?.Description, "description", MaxTextLength, errors);
            var mission = FieldRules.Optional(change.Mission, current?.Mission, "mission", MaxTextLength, errors);
            var location = FieldRules.Optional(change.Location, current?.Location, "location", MaxLocationLength, errors);
            var logo = change.Logo is null ? current?.Logo : change.Logo.Trim() is { Length: > 0 } url ? url : null;
            AccountRules.CheckUrl(logo, errors, "logo");
            var website = FieldRules.Optional(change.Website, current?.Website, "website", MaxLocationLength, errors);
            AccountRules.CheckUrl(website, errors, "website");
            errors.ThrowIfAny();
            return new Draft(name, description, mission, location, logo, website);
        }

        public void ApplyTo(Ngo ngo, DateTimeOffset now)
        {
            ngo.Name = Name;
            ngo.Description = Description;
            ngo.Mission = Mission;
            ngo.Location = Location;
            ngo.Logo = Logo;
            ngo.Website = Website;
            ngo.UpdatedAt = now;
            ngo.RefreshKeys();
        }
    }
}
