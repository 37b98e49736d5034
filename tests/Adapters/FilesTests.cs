using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using CareerNexus.Common;
using CareerNexus.Files;
using CareerNexus.Functions.Hosting;
using CareerNexus.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using FormFile = CareerNexus.Tests.Support.FormFile;

namespace CareerNexus.Tests.Adapters;

/// <summary>The Blob Storage adapter against Azurite, and request forms carrying uploads.</summary>
public sealed class FilesTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private const int MiB = 1024 * 1024;
    private static readonly HttpClient Reader = new();

    private readonly TestApp _app = fixture.App;
    private FileStore Store => _app.Services.GetRequiredService<FileStore>();

    public static byte[] Png(int size = 2048) => Content([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], size);
    public static byte[] Jpeg(int size = 2048) => Content([0xFF, 0xD8, 0xFF, 0xE0], size);
    public static byte[] Mp4(int size = 4096) => Content([0x00, 0x00, 0x00, 0x18, .. "ftypmp42"u8], size);
    public static byte[] Pdf(int size = 4096) => Content("%PDF-1.7\n"u8.ToArray(), size);

    private static byte[] Content(byte[] leading, int size)
    {
        var bytes = RandomNumberGenerator.GetBytes(size);
        leading.CopyTo(bytes, 0);
        return bytes;
    }

    public static TheoryData<FileKind, string, string, byte[]> Uploads() => new()
    {
        { FileKind.Image, "photo.png", "image/png", Png() },
        { FileKind.Image, "photo.jpg", "image/jpeg", Jpeg() },
        { FileKind.Image, "anim.gif", "image/gif", Content("GIF89a"u8.ToArray(), 512) },
        { FileKind.Image, "pic.webp", "image/webp", Content([.. "RIFF"u8, 0, 0, 0, 0, .. "WEBPVP8 "u8], 512) },
        { FileKind.Video, "intro.mp4", "video/mp4", Mp4() },
        { FileKind.Video, "intro.webm", "video/webm", Content([0x1A, 0x45, 0xDF, 0xA3], 1024) },
        { FileKind.Video, "intro.mov", "video/quicktime", Content([0, 0, 0, 0x14, .. "ftypqt  "u8], 1024) },
        { FileKind.Document, "cv.pdf", "application/pdf", Pdf() },
        { FileKind.Document, "cv.doc", "application/msword", Content([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], 1024) },
        { FileKind.Document, "cv.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Content([0x50, 0x4B, 0x03, 0x04], 1024) },
        { FileKind.Document, "notes.txt", "text/plain", "Plain notes, no signature to check."u8.ToArray() },
    };

    [Theory]
    [MemberData(nameof(Uploads))]
    public async Task An_upload_round_trips_through_blob_storage_with_its_content_type(FileKind kind, string fileName, string contentType, byte[] bytes)
    {
        var stored = await Store.SaveAsync(kind, "tests/round-trip", fileName, contentType, new MemoryStream(bytes), bytes.Length);

        Assert.Equal(contentType, stored.ContentType);
        Assert.Equal(bytes.Length, stored.Length);
        Assert.StartsWith(Store.ContainerUrl + "/tests/round-trip/", stored.Url);
        Assert.EndsWith("-" + fileName, stored.Url);
        using var response = await Reader.GetAsync(stored.Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Names_are_the_folder_a_fresh_guid_and_the_sanitized_file_name()
    {
        var bytes = Png();
        var first = await Store.SaveAsync(FileKind.Image, "profiles/../42", "../My Photo (1)!.PNG", "IMAGE/PNG; charset=binary",
            new NonSeekableStream(bytes), null);
        var second = await Store.SaveAsync(FileKind.Image, "profiles/../42", "../My Photo (1)!.PNG", "image/png", new MemoryStream(bytes), null);

        var name = first.Url[(Store.ContainerUrl.Length + 1)..];
        Assert.Matches("^profiles/42/[0-9a-f]{32}-My-Photo-1-.PNG$", name);
        Assert.NotEqual(first.Url, second.Url);
        Assert.Equal("image/png", first.ContentType);
        Assert.Equal(bytes, await Reader.GetByteArrayAsync(first.Url));
    }

    [Fact]
    public async Task A_file_beyond_its_kinds_size_is_refused_naming_the_limit_and_types()
    {
        var declared = await Assert.ThrowsAsync<PlatformException>(() =>
            Store.SaveAsync(FileKind.Image, "tests", "big.png", "image/png", new MemoryStream(Png()), 5 * MiB + 1));
        AssertRefused(declared, "5 MiB", "image/png");

        // Without a declared length the stream itself is measured.
        var measured = await Assert.ThrowsAsync<PlatformException>(() =>
            Store.SaveAsync(FileKind.Image, "tests", "big.png", "image/png", new NonSeekableStream(Png(5 * MiB + 1)), null));
        AssertRefused(measured, "5 MiB", "image/webp");

        var document = await Assert.ThrowsAsync<PlatformException>(() =>
            Store.SaveAsync(FileKind.Document, "tests", "big.pdf", "application/pdf", new MemoryStream(Pdf(10 * MiB + 1)), null));
        AssertRefused(document, "10 MiB", "application/pdf");

        var empty = await Assert.ThrowsAsync<PlatformException>(() =>
            Store.SaveAsync(FileKind.Document, "tests", "empty.txt", "text/plain", new MemoryStream(), 0));
        AssertRefused(empty, "empty", "text/plain");
    }

    [Fact]
    public async Task A_file_at_its_kinds_limit_is_accepted()
    {
        var bytes = Png(5 * MiB);
        var stored = await Store.SaveAsync(FileKind.Image, "tests", "limit.png", "image/png", new MemoryStream(bytes), bytes.Length);
        Assert.Equal(5 * MiB, stored.Length);
        Assert.Equal(bytes, await Reader.GetByteArrayAsync(stored.Url));
    }

    [Theory]
    [InlineData(FileKind.Image, "text/html")]
    [InlineData(FileKind.Image, "video/mp4")]
    [InlineData(FileKind.Image, "")]
    [InlineData(FileKind.Video, "image/png")]
    [InlineData(FileKind.Document, "application/zip")]
    public async Task A_type_outside_the_kinds_list_is_refused(FileKind kind, string contentType)
    {
        var refused = await Assert.ThrowsAsync<PlatformException>(() =>
            Store.SaveAsync(kind, "tests", "file.bin", contentType, new MemoryStream(Png()), 2048));
        AssertRefused(refused, FileLimits.For(kind).MaxSize, FileLimits.For(kind).Types[0].ContentType);
    }

    [Theory]
    [InlineData(FileKind.Image, "image/png", "GIF89a and more")]
    [InlineData(FileKind.Image, "image/jpeg", "<html>not a picture</html>")]
    [InlineData(FileKind.Image, "image/webp", "RIFF....AVI LIST")]
    [InlineData(FileKind.Video, "video/mp4", "<script>alert(1)</script>")]
    [InlineData(FileKind.Document, "application/pdf", "MZ executable")]
    [InlineData(FileKind.Document, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "%PDF-1.4")]
    public async Task A_file_whose_leading_bytes_contradict_its_type_is_refused(FileKind kind, string contentType, string content)
    {
        var refused = await Assert.ThrowsAsync<PlatformException>(() => Store.SaveAsync(kind, "tests", "fake", contentType,
            new MemoryStream(Encoding.ASCII.GetBytes(content)), content.Length));
        AssertRefused(refused, "not " + contentType, contentType);
    }

    [Fact]
    public async Task A_private_blob_is_readable_through_its_sas_url_only()
    {
        var options = new PlatformOptions
        {
            Blob = new BlobOptions
            {
                ConnectionString = _app.Services.GetRequiredService<PlatformOptions>().Blob.ConnectionString,
                Container = "private-" + Guid.NewGuid().ToString("N")[..12],
                PublicRead = false,
            },
        };
        var store = new FileStore(options, TimeProvider.System);
        var bytes = Pdf();
        var stored = await store.SaveAsync(FileKind.Document, "resumes/7", "cv.pdf", "application/pdf", new MemoryStream(bytes), bytes.Length);

        // The stored URL is the app's media link; the blob itself is not readable without a signature.
        var blobName = new Uri(stored.Url).AbsolutePath["/media/".Length..];
        var blobUrl = $"{store.ContainerUrl}/{blobName}";
        using (var plain = await Reader.GetAsync(blobUrl))
            Assert.True(plain.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"plain URL answered {(int)plain.StatusCode}");

        var signed = await store.ReadUrlAsync(blobUrl, TimeSpan.FromMinutes(5));
        Assert.StartsWith(blobUrl + "?", signed);
        Assert.StartsWith(blobUrl + "?", await store.MediaReadUrlAsync(blobName));
        Assert.Contains("sp=r", signed);
        using (var read = await Reader.GetAsync(signed))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal("application/pdf", read.Content.Headers.ContentType?.MediaType);
            Assert.Equal(bytes, await read.Content.ReadAsByteArrayAsync());
        }

        // Read-only: the same signature does not allow a write, and a changed one reads nothing.
        using (var write = await Reader.PutAsync(signed, new ByteArrayContent(bytes)
               { Headers = { { "x-ms-blob-type", "BlockBlob" } } }))
            Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        using (var tampered = await Reader.GetAsync(signed.Replace("sp=r", "sp=rw")))
            Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);

        var elsewhere = "https://cdn.example.com/a.png?x=1";
        Assert.Equal(elsewhere, await store.ReadUrlAsync(elsewhere, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task With_a_private_container_uploads_get_stable_app_links_that_redirect_to_a_signed_url()
    {
        using var app = new TestApp(settings: new Dictionary<string, string?>
        {
            ["CareerNexus:Blob:PublicRead"] = "false",
            ["CareerNexus:Blob:Container"] = "private-" + Guid.NewGuid().ToString("N")[..12],
            ["CareerNexus:PublicBaseUrl"] = "https://api.example.org/",
        });
        var author = await app.Api().Register();
        var picture = Png();
        var post = (await app.Api().SendForm(HttpMethod.Post, "/post/", new Dictionary<string, object>
        {
            ["body"] = "Private media",
            ["pic1"] = new FormFile("photo.png", "image/png", picture),
        }, author.Access)).Expect(HttpStatusCode.Created);
        var link = new Uri(post["pic1"].GetString()!);
        Assert.Equal("https://api.example.org", link.GetLeftPart(UriPartial.Authority));
        Assert.StartsWith("/media/", link.AbsolutePath);
        Assert.Empty(link.Query);

        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var redirect = await client.GetAsync(link.AbsolutePath);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.True(redirect.Headers.CacheControl?.Private);
        var target = redirect.Headers.Location!.ToString();
        Assert.Contains("sp=r", target);
        using (var read = await Reader.GetAsync(target))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal("image/png", read.Content.Headers.ContentType?.MediaType);
            Assert.Equal(picture, await read.Content.ReadAsByteArrayAsync());
        }
        using (var unsigned = await Reader.GetAsync(target.Split('?')[0]))
            Assert.True(unsigned.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"the bare blob answered {(int)unsigned.StatusCode}");

        // Names the store never gives out lead nowhere.
        foreach (var bad in new[] { "/media/", "/media/..", "/media/a/../../b", "/media/a%2F..%2F..%2Fb", "/media/%E2%98%83", "/media/a//b" })
        {
            using var refused = await client.GetAsync(bad);
            Assert.True(refused.StatusCode == HttpStatusCode.NotFound, $"{bad} answered {(int)refused.StatusCode}");
            Assert.Contains("\"error\"", await refused.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Writes_signed_with_another_key_are_refused_by_the_service()
    {
        var real = _app.Services.GetRequiredService<PlatformOptions>().Blob.ConnectionString;
        var wrongKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        var options = new PlatformOptions
        {
            Blob = new BlobOptions
            {
                ConnectionString = System.Text.RegularExpressions.Regex.Replace(real, "AccountKey=[^;]+", "AccountKey=" + wrongKey),
                Container = "wrong-key-" + Guid.NewGuid().ToString("N")[..8],
            },
        };
        var store = new FileStore(options, TimeProvider.System);
        var refused = await Assert.ThrowsAsync<Azure.RequestFailedException>(() =>
            store.SaveAsync(FileKind.Image, "tests", "a.png", "image/png", new MemoryStream(Png()), null));
        Assert.Equal((int)HttpStatusCode.Forbidden, refused.Status);
    }

    [Fact]
    public void Connection_strings_name_the_blob_endpoint_directly_or_by_suffix()
    {
        var key = Convert.ToBase64String(new byte[32]);
        static string Service(BlobOptions options) => BlobConnection.Create(options).Uri.ToString().TrimEnd('/');
        Assert.Equal("https://acme.blob.core.windows.net",
            Service(new BlobOptions { ConnectionString = $"DefaultEndpointsProtocol=https;AccountName=acme;AccountKey={key};EndpointSuffix=core.windows.net" }));
        Assert.Equal("https://acme.blob.core.chinacloudapi.cn",
            Service(new BlobOptions { ConnectionString = $"DefaultEndpointsProtocol=https;AccountName=acme;AccountKey={key};EndpointSuffix=core.chinacloudapi.cn" }));
        Assert.Equal("http://127.0.0.1:10000/devstoreaccount1", Service(new BlobOptions { ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={key};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1/;" }));
        Assert.Equal("http://127.0.0.1:10000/devstoreaccount1", Service(new BlobOptions { ConnectionString = "UseDevelopmentStorage=true" }));
        Assert.Throws<InvalidOperationException>(() => BlobConnection.Create(new BlobOptions { ConnectionString = "AccountName=acme;not a part" }));
        Assert.Throws<InvalidOperationException>(() => BlobConnection.Create(new BlobOptions { ConnectionString = "AccountName=acme;AccountKey=not base64!" }));
    }

    [Fact]
    public void Without_a_connection_string_the_service_uri_is_used_by_identity_and_links_become_user_delegation_sas()
    {
        var options = new BlobOptions { ServiceUri = "https://acme.blob.core.windows.net", ClientId = "11111111-2222-3333-4444-555555555555" };
        Assert.Equal(new CredentialChoice(CredentialKind.ManagedIdentity, "11111111-2222-3333-4444-555555555555"), options.Identity());
        var service = BlobConnection.Create(options);
        Assert.Equal("https://acme.blob.core.windows.net/", service.Uri.ToString());
        // No account key to sign with: ReadUrlAsync asks the service for a user-delegation key instead.
        Assert.False(service.GetBlobContainerClient("media").GetBlobClient("a.png").CanGenerateSasUri);
        Assert.Equal(new CredentialChoice(CredentialKind.Default, null), new BlobOptions { ServiceUri = "https://acme.blob.core.windows.net" }.Identity());
        Assert.Null(new BlobOptions { ConnectionString = "UseDevelopmentStorage=true", ClientId = "x" }.Identity());
        var missing = Assert.Throws<InvalidOperationException>(() => BlobConnection.Create(new BlobOptions()));
        Assert.Contains("CareerNexus:Blob:ServiceUri", missing.Message);
    }

    // Request forms: read from a real request context, as an endpoint would.

    [Fact]
    public async Task A_multipart_form_gives_text_fields_and_stores_file_fields()
    {
        var picture = Png();
        var form = await Read(Multipart(("first_name", "Ada"), ("bio", ""), ("photo", new FormFile("me.png", "image/png", picture)),
            ("cover_photo", "https://cdn.example.com/cover.jpg"), ("intro_video", "")));

        Assert.Equal("Ada", form.Text("first_name"));
        Assert.True(form.Has("bio"));
        Assert.Equal("", form.Text("bio"));
        Assert.False(form.Has("summary"));
        Assert.Null(form.Text("summary"));
        Assert.True(form.Has("photo"));

        var url = await form.MediaAsync("photo", FileKind.Image, "profiles/1", CancellationToken.None);
        Assert.StartsWith(Store.ContainerUrl + "/profiles/1/", url);
        Assert.Equal(url, await form.MediaAsync("photo", FileKind.Image, "profiles/1", CancellationToken.None));
        using (var response = await Reader.GetAsync(url))
        {
            Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(picture, await response.Content.ReadAsByteArrayAsync());
        }
        Assert.Equal("https://cdn.example.com/cover.jpg", await form.MediaAsync("cover_photo", FileKind.Image, "profiles/1", CancellationToken.None));
        Assert.Equal("", await form.MediaAsync("intro_video", FileKind.Video, "profiles/1", CancellationToken.None));
        Assert.Null(await form.MediaAsync("summary_video", FileKind.Video, "profiles/1", CancellationToken.None));
    }

    [Fact]
    public async Task An_upload_beyond_its_fields_limits_is_a_400_naming_the_field()
    {
        var form = await Read(Multipart(
            ("photo", new FormFile("big.png", "image/png", Png(5 * MiB + 10))),
            ("cover_photo", new FormFile("fake.png", "image/png", "not a png at all"u8.ToArray())),
            ("intro_video", new FormFile("clip.avi", "video/x-msvideo", Mp4()))));

        AssertFieldRefused(await Assert.ThrowsAsync<PlatformException>(() =>
            form.MediaAsync("photo", FileKind.Image, "p", CancellationToken.None)), "photo", "5 MiB");
        AssertFieldRefused(await Assert.ThrowsAsync<PlatformException>(() =>
            form.MediaAsync("cover_photo", FileKind.Image, "p", CancellationToken.None)), "cover_photo", "not image/png");
        AssertFieldRefused(await Assert.ThrowsAsync<PlatformException>(() =>
            form.MediaAsync("intro_video", FileKind.Video, "p", CancellationToken.None)), "intro_video", "video/x-msvideo");
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://files.example.com/a.png")]
    [InlineData("/relative/picture.png")]
    [InlineData("not a url")]
    [InlineData("file:///etc/passwd")]
    public async Task A_media_field_given_as_text_must_be_a_web_url(string value)
    {
        var form = await Read(Json($$"""{"photo": {{System.Text.Json.JsonSerializer.Serialize(value)}}}"""));
        AssertFieldRefused(await Assert.ThrowsAsync<PlatformException>(() =>
            form.MediaAsync("photo", FileKind.Image, "p", CancellationToken.None)), "photo", "http(s) URL");
    }

    [Fact]
    public async Task A_media_url_longer_than_2048_characters_is_refused()
    {
        var near = "https://cdn.example.com/" + new string('a', 2048 - 24);
        var over = near + "a";
        var form = await Read(Json($$"""{"photo": "{{near}}", "cover_photo": "{{over}}"}"""));
        Assert.Equal(near, await form.MediaAsync("photo", FileKind.Image, "p", CancellationToken.None));
        AssertFieldRefused(await Assert.ThrowsAsync<PlatformException>(() =>
            form.MediaAsync("cover_photo", FileKind.Image, "p", CancellationToken.None)), "cover_photo", "2048");
    }

    [Fact]
    public async Task A_json_object_gives_its_values_as_text_and_null_as_absent()
    {
        var form = await Read(Json("""{"name": "Ada", "age": 36, "ratio": 1.5e3, "mentor": true, "admin": false, "middle_name": null, "empty": ""}"""));
        Assert.Equal("Ada", form.Text("name"));
        Assert.Equal("36", form.Text("age"));
        Assert.Equal("1.5e3", form.Text("ratio"));
        Assert.Equal("true", form.Text("mentor"));
        Assert.Equal("false", form.Text("admin"));
        Assert.False(form.Has("middle_name"));
        Assert.True(form.Has("empty"));
        Assert.Equal("", form.Text("empty"));
    }

    [Fact]
    public async Task Nested_or_non_object_json_and_malformed_json_are_400s()
    {
        var nested = await Assert.ThrowsAsync<PlatformException>(() => Read(Json("""{"ok": "x", "tags": ["a"], "address": {"city": "Lagos"}}""")));
        Assert.Equal(ErrorKind.Invalid, nested.Kind);
        Assert.Equal(new[] { "address", "tags" }, nested.Fields.Keys.Order());

        var array = await Assert.ThrowsAsync<PlatformException>(() => Read(Json("""["a", "b"]""")));
        Assert.Equal(ErrorKind.Invalid, array.Kind);

        var malformed = await Assert.ThrowsAsync<BadHttpRequestException>(() => Read(Json("""{"name": "Ada",""")));
        Assert.Equal(StatusCodes.Status400BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task A_url_encoded_form_gives_its_fields()
    {
        var form = await Read(new FormUrlEncodedContent([new("email", "ada@example.com"), new("otp", "012345"), new("photo", "https://x.example/p.png")]));
        Assert.Equal("ada@example.com", form.Text("email"));
        Assert.Equal("012345", form.Text("otp"));
        Assert.Equal("https://x.example/p.png", await form.MediaAsync("photo", FileKind.Image, "p", CancellationToken.None));
    }

    [Fact]
    public async Task No_body_is_an_empty_form_and_another_content_type_a_415()
    {
        var empty = await Read(null);
        Assert.False(empty.Has("email"));
        Assert.Null(await empty.MediaAsync("photo", FileKind.Image, "p", CancellationToken.None));

        var xml = await Assert.ThrowsAsync<BadHttpRequestException>(() => Read(new StringContent("<a/>", Encoding.UTF8, "application/xml")));
        Assert.Equal(StatusCodes.Status415UnsupportedMediaType, xml.StatusCode);
        var unnamed = await Assert.ThrowsAsync<BadHttpRequestException>(() => Read(new ByteArrayContent("x=1"u8.ToArray())));
        Assert.Equal(StatusCodes.Status415UnsupportedMediaType, unnamed.StatusCode);
    }

    [Fact]
    public async Task A_broken_multipart_body_is_a_400()
    {
        var content = new StringContent("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunterminated", Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        var broken = await Assert.ThrowsAsync<PlatformException>(() => Read(content));
        Assert.Equal(ErrorKind.Invalid, broken.Kind);

        var noBoundary = new StringContent("a=1", Encoding.UTF8);
        noBoundary.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data");
        Assert.Equal(ErrorKind.Invalid, (await Assert.ThrowsAsync<PlatformException>(() => Read(noBoundary))).Kind);
    }

    // Body limits: JSON stays small, multipart forms may carry uploads.

    [Fact]
    public async Task Multipart_bodies_may_be_larger_than_json_bodies_up_to_their_own_cap()
    {
        Assert.True(RequestLimits.MaxFormBodyBytes >= 50 * MiB + 3 * 5 * MiB);
        var passed = 0;
        var limits = new RequestLimits(_ => { passed++; return Task.CompletedTask; });

        await limits.InvokeAsync(Context("multipart/form-data; boundary=x", 20 * MiB));
        Assert.Equal(1, passed);
        var tooLargeForm = await Assert.ThrowsAsync<PlatformException>(() =>
            limits.InvokeAsync(Context("multipart/form-data; boundary=x", RequestLimits.MaxFormBodyBytes + 1)));
        Assert.Equal(ErrorKind.TooLarge, tooLargeForm.Kind);
        Assert.Contains(RequestLimits.MaxFormBodyBytes.ToString(), tooLargeForm.Details);
        foreach (var contentType in new[] { "application/json", "application/x-www-form-urlencoded", "text/plain" })
        {
            var tooLarge = await Assert.ThrowsAsync<PlatformException>(() => limits.InvokeAsync(Context(contentType, 2 * MiB)));
            Assert.Equal(ErrorKind.TooLarge, tooLarge.Kind);
        }
        Assert.Equal(1, passed);

        // A route that takes no uploads keeps multipart bodies to 1 MiB as well.
        var noUploads = await Assert.ThrowsAsync<PlatformException>(() =>
            limits.InvokeAsync(Context("multipart/form-data; boundary=x", 2 * MiB, takesUploads: false)));
        Assert.Equal(ErrorKind.TooLarge, noUploads.Kind);
        Assert.Equal(1, passed);

        // Through the real pipeline: a 2 MiB multipart body to a route without uploads is refused before it runs,
        // and so is a 2 MiB JSON body.
        var api = _app.Api();
        var form = (await api.SendForm(HttpMethod.Post, "/careers/users/register/",
            new Dictionary<string, object> { ["avatar"] = new FormFile("a.png", "image/png", Png(2 * MiB)) })).Raw.StatusCode;
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, form);
        (await api.PostRaw("/careers/users/register/", $"{{\"bio\": \"{new string('a', 2 * MiB)}\"}}"))
            .ExpectCareersError(HttpStatusCode.RequestEntityTooLarge);
    }

    /// <summary>A request routed to an endpoint that takes uploads up to the largest allowance (or to one that takes none).</summary>
    private static DefaultHttpContext Context(string contentType, long length, bool takesUploads = true)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentType = contentType;
        context.Request.ContentLength = length;
        var metadata = takesUploads ? new EndpointMetadataCollection(new AcceptsUploads(RequestLimits.MaxFormBodyBytes)) : EndpointMetadataCollection.Empty;
        context.SetEndpoint(new Endpoint(null, metadata, "upload route"));
        return context;
    }

    private async Task<RequestForm> Read(HttpContent? content)
    {
        var context = new DefaultHttpContext { RequestServices = _app.Services };
        context.Request.Method = "POST";
        if (content is null)
        {
            context.Request.ContentLength = 0;
        }
        else
        {
            var body = new MemoryStream(await content.ReadAsByteArrayAsync());
            context.Request.Body = body;
            context.Request.ContentLength = body.Length;
            context.Request.ContentType = content.Headers.ContentType?.ToString();
        }
        return await RequestForm.ReadAsync(context.Request, CancellationToken.None);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static MultipartFormDataContent Multipart(params (string Name, object Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            if (value is FormFile file)
            {
                var part = new ByteArrayContent(file.Content);
                part.Headers.ContentType = new MediaTypeHeaderValue(file.ContentType);
                form.Add(part, name, file.FileName);
            }
            else form.Add(new StringContent((string)value), name);
        }
        return form;
    }

    private static void AssertRefused(PlatformException refused, params string[] mentions)
    {
        Assert.Equal(ErrorKind.Invalid, refused.Kind);
        foreach (var mention in mentions) Assert.Contains(mention, refused.Details);
    }

    private static void AssertFieldRefused(PlatformException refused, string field, string mention)
    {
        Assert.Equal(ErrorKind.Invalid, refused.Kind);
        Assert.Equal(new[] { field }, refused.Fields.Keys);
        Assert.Contains(mention, refused.Fields[field]);
        Assert.Contains(field, refused.Details);
    }

    /// <summary>A stream that can only be read forward, like a network body.</summary>
    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
    }
}
