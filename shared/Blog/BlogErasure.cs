using CareerNexus.Accounts;
using CareerNexus.Erasure;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Blog;

/// <summary>Blog posts an erased administrator wrote stay (they are the platform's), showing a deleted account as their author.</summary>
public sealed class BlogErasure(DocumentStore store) : IPersonalData
{
    public int Order => 60;

    public async Task EraseAsync(Account account, CancellationToken ct)
    {
        var query = new QueryDefinition("SELECT VALUE c.id FROM c WHERE c.partition = @catalog AND c.kind = @kind AND c.author.id = @author")
            .WithParameter("@catalog", BlogDocuments.Catalog).WithParameter("@kind", BlogDocuments.PostKind).WithParameter("@author", account.UserId);
        foreach (var id in await store.QueryListAsync<string>(Containers.Blog, query, BlogDocuments.Catalog, ct: ct))
            await store.PatchAsync<BlogPost>(Containers.Blog, id, BlogDocuments.Catalog,
                [PatchOperation.Set("/author", new BlogAuthor(account.UserId, "", Erasing.DeletedName)), PatchOperation.Set("/author_key", "")], ct);
    }
}
