using System.Globalization;
using CareerNexus.Verification;

namespace CareerNexus.Messaging;

/// <summary>
/// How fast one account may send chat messages (<see cref="PlatformOptions.MessagesPerAccountPerMinute"/>, every
/// conversation together), counted across instances: beyond it, a 429 on the route and an error frame on the socket.
/// Taken by ConversationService for what a person sends (POST messages/ and the chat socket in either mode), once the
/// message is valid and before it is stored; the platform's own sends are not limited.
/// </summary>
public sealed class MessageSendLimit(AttemptLimiter limiter, PlatformOptions options)
{
    public async Task TakeAsync(long senderId, CancellationToken ct = default) =>
        await limiter.TakeAsync(new AttemptRule("message", options.MessagesPerAccountPerMinute, TimeSpan.FromMinutes(1)),
            senderId.ToString(CultureInfo.InvariantCulture), ct);
}
