using System.Net;
using CareerNexus.Tests.Support;
using Xunit;

namespace CareerNexus.Tests.Hosting;

/// <summary>Every route of document 002 is served at its exact path, in the Nexus dialect.</summary>
public sealed class NexusRouteTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private readonly TestApp _app = fixture.App;

    /// <summary>Every documented Nexus route (copied from the design's route table), as method and path.</summary>
    public static TheoryData<string, string> DocumentedRoutes() => Support.DocumentedRoutes.Read("nexus-routes.tsv");

    [Fact]
    public void The_route_list_is_the_documents_48_routes() => Assert.Equal(48, DocumentedRoutes().Count());

    [Theory]
    [MemberData(nameof(DocumentedRoutes))]
    public async Task Every_documented_route_is_served_with_and_without_its_trailing_slash(string method, string path)
    {
        var api = _app.Api();
        // The notification socket is reached with a GET (the WebSocket upgrade, or SignalR's long polling).
        var httpMethod = method == "WS" ? "GET" : method;
        foreach (var variant in new[] { path, path.TrimEnd('/') })
        {
            // Without a token: authenticated routes answer 401, public ones 200 or 400 for the empty body. Never 404, 405 or 5xx.
            var response = await api.Send(new HttpMethod(httpMethod), variant, httpMethod is "POST" or "PUT" or "PATCH" ? new { } : null, null);
            Assert.True(response.Status is HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized,
                $"{method} {variant} answered {(int)response.Status}: {response.Body}");
            if (response.Status != HttpStatusCode.OK) response.ExpectNexusError(response.Status);
        }
    }
}
