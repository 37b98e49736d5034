using System.Net;
using CareerNexus.Tests.Support;
using Xunit;

namespace CareerNexus.Tests.Hosting;

public sealed class PagingTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private readonly ApiClient _api = fixture.App.Api();

    [Fact]
    public async Task A_page_past_every_item_is_an_empty_page_even_when_its_offset_overflows_an_int()
    {
        var reader = await _api.Register();
        var tag = ApiClient.Unique("paging");
        await _api.CreatePost(reader, $"Only post about {tag}");

        var far = (await _api.Get($"/careers/?search={tag}&batch_number=21474837&batch_size=100", reader.Access)).Expect(HttpStatusCode.OK);
        Assert.Empty(far["data"].EnumerateArray());
        Assert.Equal(1, far["batch_info"].GetProperty("total_items").GetInt32());

        var farthest = (await _api.Get($"/careers/?search={tag}&batch_number={int.MaxValue}&batch_size=100", reader.Access)).Expect(HttpStatusCode.OK);
        Assert.Empty(farthest["data"].EnumerateArray());
    }

    [Fact]
    public async Task A_limit_of_zero_is_an_empty_list()
    {
        var reader = await _api.Register();
        var tag = ApiClient.Unique("paging");
        await _api.CreatePost(reader, $"Only post about {tag}");

        var none = (await _api.Get($"/careers/?search={tag}&limit=0", reader.Access)).Expect(HttpStatusCode.OK);
        Assert.Empty(none["data"].EnumerateArray());
        Assert.Equal(0, none["batch_info"].GetProperty("total_items").GetInt32());
    }
}
