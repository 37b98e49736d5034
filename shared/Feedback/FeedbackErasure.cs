using CareerNexus.Accounts;
using CareerNexus.Erasure;
using CareerNexus.Files;

namespace CareerNexus.Feedback;

/// <summary>An erased account's feedback stays for the platform's team without its sender or its attachment file.</summary>
public sealed class FeedbackErasure(FeedbackService feedback, FileStore files) : IPersonalData
{
    public int Order => 60;

    public async Task EraseAsync(Account account, CancellationToken ct)
    {
        foreach (var entry in await feedback.OfSenderAsync(account.UserId, ct))
        {
            await files.DeleteAsync(entry.AttachmentUrl, ct);
            await feedback.AnonymiseAsync(entry, ct);
        }
    }
}
