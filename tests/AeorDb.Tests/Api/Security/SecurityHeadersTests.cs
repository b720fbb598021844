using AeorDb.Api.Security;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace AeorDb.Tests.Api.Security;

public sealed class SecurityHeadersTests
{
    [Theory]
    [InlineData("/files", true)]
    [InlineData("/files/a/page.html", true)]
    [InlineData("//FILES/a", true)]
    [InlineData("/Blobs/abc", true)]
    [InlineData("/links/x", true)]
    [InlineData("/filesx/a", false)]
    [InlineData("/console/app.js", false)]
    [InlineData("/console", false)]
    [InlineData("/system/health", false)]
    [InlineData("/", false)]
    [InlineData("", false)]
    public void IsUserContent_ByFirstSegment_CaseInsensitive(string path, bool expected) =>
        Assert.Equal(expected, SecurityHeadersExtensions.IsUserContent(new PathString(path)));

    [Fact]
    public void Apply_UserContentAndOther_NosniffOnBothSandboxOnlyOnUserContent()
    {
        var file = Context("/files/x.html");
        var console = Context("/console/index.html");

        SecurityHeadersExtensions.Apply(file);
        SecurityHeadersExtensions.Apply(console);

        Assert.Equal("nosniff", file.Response.Headers.XContentTypeOptions.ToString());
        Assert.Equal(SecurityHeadersExtensions.UserContentPolicy, file.Response.Headers.ContentSecurityPolicy.ToString());
        Assert.Equal("nosniff", console.Response.Headers.XContentTypeOptions.ToString());
        Assert.Equal(string.Empty, console.Response.Headers.ContentSecurityPolicy.ToString());
    }

    private static DefaultHttpContext Context(string path)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        return context;
    }
}
