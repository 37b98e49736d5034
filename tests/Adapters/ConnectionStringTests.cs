using CareerNexus.Common;
using CareerNexus.Files;
using CareerNexus.Realtime;
using Xunit;

namespace CareerNexus.Tests.Adapters;

public sealed class ConnectionStringTests
{
    private const string Secret = "c2VjcmV0LWtleS12YWx1ZS10aGF0LWlzLWxvbmctZW5vdWdo";

    [Fact]
    public void A_malformed_part_is_reported_by_position_without_its_text()
    {
        var blob = Assert.Throws<InvalidOperationException>(() => BlobConnection.Create(new BlobOptions { ConnectionString = $"AccountName=acme;{Secret}" }));
        Assert.DoesNotContain(Secret, blob.Message);
        Assert.Contains("part 2", blob.Message);

        var signalR = Assert.Throws<InvalidOperationException>(() => new SignalRServiceEndpoint($"Endpoint=https://x.service.signalr.net;{Secret}"));
        Assert.DoesNotContain(Secret, signalR.Message);

    }

    [Fact]
    public void A_repeated_name_keeps_the_last_value_everywhere()
    {
        var parts = ConnectionStrings.Parse("A=1; a = 2 ;B=x=y", "Test:Setting");
        Assert.Equal(("2", "x=y"), (parts["A"], parts["b"]));
    }
}
