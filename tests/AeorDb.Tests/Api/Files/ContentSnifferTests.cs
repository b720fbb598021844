using System.Text;
using AeorDb.Api.Storage;
using Xunit;

namespace AeorDb.Tests.Api.Files;

public sealed class ContentSnifferTests
{
    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0 }, "image/png")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10 }, "image/jpeg")]
    [InlineData(new byte[] { 0x1F, 0x8B, 0x08, 0x00 }, "application/gzip")]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0 }, "application/zip")]
    [InlineData(new byte[] { 0x00, 0x01, 0x02, 0xFE }, "application/octet-stream")]
    public void Sniff_MagicNumbers_NameTheFormat(byte[] data, string expected) =>
        Assert.Equal(expected, ContentSniffer.Sniff(data, isWhole: true));

    [Theory]
    [InlineData("GIF89a....", "image/gif")]
    [InlineData("%PDF-1.7\n", "application/pdf")]
    [InlineData("RIFF\0\0\0\0WEBPVP8 ", "image/webp")]
    [InlineData("{\"a\": [1, 2, {\"b\": null}]}", "application/json")]
    [InlineData("  [1, 2, 3]\n", "application/json")]
    [InlineData("{not json at all", "text/plain")]
    [InlineData("<!DOCTYPE html><html></html>", "text/html")]
    [InlineData("<?xml version=\"1.0\"?><root/>", "application/xml")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "image/svg+xml")]
    [InlineData("hello world\r\n\tcafé", "text/plain")]
    [InlineData("bell\u0007", "application/octet-stream")]
    public void Sniff_Text_RecognisesFormatsThenPlainText(string text, string expected) =>
        Assert.Equal(expected, ContentSniffer.Sniff(Encoding.UTF8.GetBytes(text), isWhole: true));

    [Fact]
    public void Sniff_TruncatedJsonHead_IsStillJson()
    {
        var json = "[" + string.Join(",", Enumerable.Range(0, 5000).Select(i => $"{{\"n\":{i}}}")) + "]";
        var head = Encoding.UTF8.GetBytes(json).AsSpan(0, ContentSniffer.SniffLength);
        Assert.Equal("application/json", ContentSniffer.Sniff(head, isWhole: false));
    }

    [Fact]
    public void Sniff_HeadCutMidCharacter_IsStillText()
    {
        var bytes = Encoding.UTF8.GetBytes(new string('é', 5000));
        Assert.Equal("text/plain", ContentSniffer.Sniff(bytes.AsSpan(0, 8191), isWhole: false));
    }

    [Fact]
    public void Sniff_InvalidUtf8_IsOctetStream() =>
        Assert.Equal("application/octet-stream", ContentSniffer.Sniff([0x41, 0xC3, 0x28, 0x41], isWhole: true));

    [Theory]
    [InlineData("image/png", "x", "image/png")]
    [InlineData("application/json; charset=utf-8", "x", "application/json; charset=utf-8")]
    [InlineData("application/octet-stream", "text/plain", "text/plain")]
    [InlineData("", "text/plain", "text/plain")]
    [InlineData(null, null, "application/octet-stream")]
    public void Resolve_KeepsSpecificHeaderElseSniffed(string? declared, string? sniffed, string expected) =>
        Assert.Equal(expected, ContentSniffer.Resolve(declared, sniffed));
}
