using System.Net;
using System.Net.Http.Json;
using CareerNexus.Functions.Hosting;
using CareerNexus.Tests.Support;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CareerNexus.Tests.Hosting;

public sealed class FailureTests
{
    [Theory]
    [InlineData(404, "Not found")]
    [InlineData(405, "Method not allowed")]
    [InlineData(415, "Unsupported media type")]
    [InlineData(401, "Unauthorized")]
    [InlineData(409, "Conflict")]
    [InlineData(429, "Too many requests")]
    [InlineData(503, "Service unavailable")]
    [InlineData(460, "Request failed")]
    public void A_framework_error_is_named_by_its_reason_phrase(int status, string message) =>
        Assert.Equal(message, ErrorHandling.FrameworkMessage(status));

    [Fact]
    public async Task An_unexpected_failure_is_a_500_in_the_careers_shape_with_a_correlation_id_and_no_internals()
    {
        using var app = new TestApp();
        var api = app.Api();
        await api.Register();
        // Take the database away under the running app: the next write fails in a way no request can cause.
        await app.Services.GetRequiredService<CosmosClient>().GetDatabase(app.Database).DeleteAsync();

        var request = new HttpRequestMessage(HttpMethod.Post, "/careers/users/register/")
        {
            Content = JsonContent.Create(new { username = "late_user", email = "late@example.com", password = "correct-horse-1", password_confirm = "correct-horse-1" }),
        };
        request.Headers.Add(CorrelationIds.Header, "test-correlation-1");
        var response = (await api.Send(request, null)).ExpectCareersError(HttpStatusCode.InternalServerError);
        Assert.Equal("Internal server error", response["error"].GetString());
        Assert.Contains("test-correlation-1", response["details"].GetString());
        Assert.DoesNotContain("Cosmos", response.Body.ToString());
        Assert.DoesNotContain(" at ", response.Body.ToString());
        Assert.Equal("test-correlation-1", response.Raw.Headers.GetValues(CorrelationIds.Header).Single());
    }

    [Fact]
    public async Task Every_response_carries_a_correlation_id()
    {
        var response = await TestApp.Shared.Api().Get("/careers/users/me/");
        Assert.Equal(32, response.Raw.Headers.GetValues(CorrelationIds.Header).Single().Length);
    }
}
