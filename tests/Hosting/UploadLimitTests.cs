using System.Net;
using System.Security.Cryptography;
using CareerNexus.Tests.Support;
using Xunit;
using FormFile = CareerNexus.Tests.Support.FormFile;

namespace CareerNexus.Tests.Hosting;

/// <summary>Only routes marked AcceptsUploads take multipart bodies larger than 1 MiB; every other route refuses them before it runs.</summary>
public sealed class UploadLimitTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private const int MiB = 1024 * 1024;
    private readonly ApiClient _api = fixture.App.Api();

    private static byte[] Png(int size)
    {
        var bytes = RandomNumberGenerator.GetBytes(size);
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        signature.CopyTo(bytes, 0);
        return bytes;
    }

    [Fact]
    public async Task A_2_MiB_photo_reaches_the_profile_update()
    {
        var me = await _api.Register();
        var response = await _api.SendForm(HttpMethod.Put, "/user/profile-update/",
            new Dictionary<string, object> { ["location"] = "Lagos", ["profile_photo"] = new FormFile("me.png", "image/png", Png(2 * MiB)) }, me.Access);
        Assert.NotEqual(HttpStatusCode.RequestEntityTooLarge, response.Raw.StatusCode);
        response.Expect(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_2_MiB_multipart_body_to_signin_is_refused_before_the_route_runs()
    {
        (await _api.SendForm(HttpMethod.Post, "/user/signin",
                new Dictionary<string, object> { ["email"] = "a@example.com", ["password"] = "x", ["blob"] = new FormFile("b.png", "image/png", Png(2 * MiB)) }))
            .ExpectNexusError(HttpStatusCode.RequestEntityTooLarge);
    }
}
