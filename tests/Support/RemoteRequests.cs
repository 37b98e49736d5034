using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CareerNexus.Tests.Support;

/// <summary>Requests sent as if from a given client address (the TestServer has no real connection).</summary>
public static class RemoteRequests
{
    public static async Task<(int Status, JsonElement Body, IHeaderDictionary Headers)> SendFrom<T>(this WebApplicationFactory<T> app,
        string remoteAddress, string method, string path, object? body = null, IDictionary<string, string>? headers = null) where T : class
    {
        var context = await app.Server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = IPAddress.Parse(remoteAddress);
            c.Request.Method = method;
            c.Request.Path = path;
            foreach (var (name, value) in headers ?? new Dictionary<string, string>()) c.Request.Headers[name] = value;
            if (body is not null)
            {
                var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body));
                c.Request.ContentType = "application/json";
                c.Request.ContentLength = bytes.Length;
                c.Request.Body = new MemoryStream(bytes);
            }
        });
        var text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        return (context.Response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), context.Response.Headers);
    }
}
