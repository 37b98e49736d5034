using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Erasure;
using CareerNexus.Files;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Posts;

/// <summary>
/// An erased account's posts are deleted (as their author deletes them: the posts queue removes their likes, comments,
/// shares and timeline entries) with their files; its likes are taken back, the text of its comments and shares on
/// others' posts is emptied (the threads others replied in keep their shape), and its saved posts, profile views and
/// following feed go.
/// </summary>
public sealed class PostErasure(DocumentStore store, PostService posts, PostActivityService activity, FileStore files) : IPersonalData
{
    public int Order => 50;

    public async Task EraseAsync(Account account, CancellationToken ct)
    {
        // Background work: queries across the posts and their activity for this account's.
        var own = new QueryDefinition("SELECT * FROM c WHERE c.author_id = @author").WithParameter("@author", account.UserId);
        foreach (var post in await store.QueryListAsync<Post>(Containers.Posts, own, ct: ct))
        {
            foreach (var file in new[] { post.Image, post.Pic2, post.Pic3, post.Video, post.Article }) await files.DeleteAsync(file, ct);
            if (post.DeletedAt is not null) continue;
            try
            {
                await posts.DeleteAsync(account.UserId, post.PostId, ct);
            }
            catch (PlatformException gone) when (gone.Kind == ErrorKind.NotFound)
            {
                // Deleted meanwhile.
            }
        }

        var made = new QueryDefinition("SELECT * FROM c WHERE c.user_id = @user").WithParameter("@user", account.UserId);
        foreach (var entry in await store.QueryListAsync<PostActivity>(Containers.PostActivity, made, ct: ct))
        {
            if (entry.Kind == ActivityKind.Like)
            {
                try
                {
                    await activity.UnlikeAsync(account.UserId, entry.PostId, ct);
                }
                catch (PlatformException gone) when (gone.Kind == ErrorKind.NotFound)
                {
                    await store.DeleteAsync(Containers.PostActivity, entry.Id, entry.Partition, ct: ct);
                }
            }
            else if (!string.IsNullOrEmpty(entry.Content))
                await store.PatchAsync<PostActivity>(Containers.PostActivity, entry.Id, entry.Partition,
                    [PatchOperation.Set<string?>("/content", entry.Kind == ActivityKind.Comment ? "" : null)], ct);
        }

        await store.DeletePartitionAsync(Containers.UserActivity, DocumentKeys.UserPartition(account.UserId), ct);
        await store.DeletePartitionAsync(Containers.Timelines, TimelineStore.Following(account.UserId), ct);
    }
}
