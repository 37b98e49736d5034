using Xunit;

namespace CareerNexus.Tests.Support;

public static class Eventually
{
    /// <summary>Waits until the condition holds (work done in the background); fails with the message after the timeout.</summary>
    public static async Task True(Func<Task<bool>> condition, string message, TimeSpan? timeout = null, TimeSpan? interval = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, message);
            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(50));
        }
    }

    public static Task True(Func<bool> condition, string message, TimeSpan? timeout = null) =>
        True(() => Task.FromResult(condition()), message, timeout);
}
