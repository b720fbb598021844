using System.Text;
using System.Text.Json;

namespace AeorDb.Api.Storage;

/// <summary>
/// The content type rule of CONTRACT §4.1: a declared type is kept unless empty or
/// <c>application/octet-stream</c>; otherwise the first 8 KiB are sniffed (magic numbers, then recognisable
/// JSON/XML/HTML text), and unknown data is <c>text/plain</c> when it is UTF-8 without control characters.
/// </summary>
internal static class ContentSniffer
{
    /// <summary>How much of a body is looked at (CONTRACT §4.1: the first 8 KiB).</summary>
    public const int SniffLength = 8192;

    public const string OctetStream = "application/octet-stream";

    /// <summary>True when a declared content type is kept as is.</summary>
    public static bool IsSpecific(string? declared)
    {
        if (string.IsNullOrWhiteSpace(declared))
        {
            return false;
        }

        var mediaType = declared.Split(';', 2)[0].Trim();
        return !mediaType.Equals(OctetStream, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The stored content type: the declared one when specific, else the sniffed one, else octet-stream (empty bodies).</summary>
    public static string Resolve(string? declared, string? sniffed) =>
        IsSpecific(declared) ? declared!.Trim() : sniffed ?? OctetStream;

    /// <summary>Sniffs a body's head; <paramref name="isWhole"/> says the head is the entire body (so text may be parsed to its end).</summary>
    public static string Sniff(ReadOnlySpan<byte> head, bool isWhole)
    {
        if (head.Length > SniffLength)
        {
            head = head[..SniffLength];
            isWhole = false;
        }

        if (head.IsEmpty)
        {
            return OctetStream;
        }

        return Magic(head) ?? Text(head, isWhole) ?? OctetStream;
    }

    private static string? Magic(ReadOnlySpan<byte> data)
    {
        if (Starts(data, [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (Starts(data, [0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        if (data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8))
        {
            return "image/gif";
        }

        if (data.Length >= 12 && data.StartsWith("RIFF"u8))
        {
            var form = data.Slice(8, 4);
            return form.SequenceEqual("WEBP"u8) ? "image/webp"
                : form.SequenceEqual("WAVE"u8) ? "audio/wav"
                : form.SequenceEqual("AVI "u8) ? "video/x-msvideo"
                : null;
        }

        if (data.StartsWith("%PDF-"u8))
        {
            return "application/pdf";
        }

        if (data.StartsWith("PK\x03\x04"u8) || data.StartsWith("PK\x05\x06"u8))
        {
            return "application/zip";
        }

        if (Starts(data, [0x1F, 0x8B]))
        {
            return "application/gzip";
        }

        return MoreMagic(data);
    }

    private static string? MoreMagic(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith("BZh"u8))
        {
            return "application/x-bzip2";
        }

        if (Starts(data, [0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00]))
        {
            return "application/x-xz";
        }

        if (Starts(data, [(byte)'7', (byte)'z', 0xBC, 0xAF, 0x27, 0x1C]))
        {
            return "application/x-7z-compressed";
        }

        if (Starts(data, [0x28, 0xB5, 0x2F, 0xFD]))
        {
            return "application/zstd";
        }

        if (data.Length >= 262 && data.Slice(257, 5).SequenceEqual("ustar"u8))
        {
            return "application/x-tar";
        }

        if (data.StartsWith("ID3"u8))
        {
            return "audio/mpeg";
        }

        if (data.StartsWith("OggS"u8))
        {
            return "audio/ogg";
        }

        if (data.StartsWith("fLaC"u8))
        {
            return "audio/flac";
        }

        if (data.Length >= 12 && data.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            var brand = data.Slice(8, 4);
            return brand.SequenceEqual("qt  "u8) ? "video/quicktime"
                : brand.SequenceEqual("avif"u8) ? "image/avif"
                : brand.SequenceEqual("heic"u8) ? "image/heic"
                : brand.StartsWith("M4A"u8) ? "audio/mp4"
                : "video/mp4";
        }

        if (Starts(data, [0x1A, 0x45, 0xDF, 0xA3]))
        {
            return "video/webm";
        }

        if (Starts(data, [0x00, (byte)'a', (byte)'s', (byte)'m']))
        {
            return "application/wasm";
        }

        if (data.StartsWith("wOFF"u8))
        {
            return "font/woff";
        }

        if (data.StartsWith("wOF2"u8))
        {
            return "font/woff2";
        }

        if (data.StartsWith("BM"u8) && data.Length >= 26 && data[14] is 12 or 40 or 56 or 64 or 108 or 124)
        {
            return "image/bmp";
        }

        if (Starts(data, [0x49, 0x49, 0x2A, 0x00]) || Starts(data, [0x4D, 0x4D, 0x00, 0x2A]))
        {
            return "image/tiff";
        }

        if (Starts(data, [0x00, 0x00, 0x01, 0x00]) && data.Length >= 6 && data[4] != 0)
        {
            return "image/x-icon";
        }

        if (data.StartsWith("SQLite format 3\0"u8))
        {
            return "application/vnd.sqlite3";
        }

        return null;
    }

    private static bool Starts(ReadOnlySpan<byte> data, ReadOnlySpan<byte> magic) => data.StartsWith(magic);

    private static string? Text(ReadOnlySpan<byte> data, bool isWhole)
    {
        if (Starts(data, [0xEF, 0xBB, 0xBF]))
        {
            data = data[3..];
        }

        if (!IsPlainUtf8(data, isWhole))
        {
            return null;
        }

        var start = data.TrimStart(" \t\r\n"u8);
        if (!start.IsEmpty && (start[0] == (byte)'{' || start[0] == (byte)'[') && IsJson(data, isWhole))
        {
            return "application/json";
        }

        if (!start.IsEmpty && start[0] == (byte)'<')
        {
            return Markup(start) ?? "text/plain";
        }

        return "text/plain";
    }

    private static string? Markup(ReadOnlySpan<byte> start)
    {
        var head = Encoding.UTF8.GetString(start[..Math.Min(start.Length, 1024)]);
        if (head.StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase)
            || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
            || head.StartsWith("<head", StringComparison.OrdinalIgnoreCase)
            || head.StartsWith("<body", StringComparison.OrdinalIgnoreCase))
        {
            return "text/html";
        }

        if (head.StartsWith("<svg", StringComparison.OrdinalIgnoreCase)
            || (head.StartsWith("<?xml", StringComparison.Ordinal) && head.Contains("<svg", StringComparison.OrdinalIgnoreCase)))
        {
            return "image/svg+xml";
        }

        return head.StartsWith("<?xml", StringComparison.Ordinal) ? "application/xml" : null;
    }

    /// <summary>True when <paramref name="data"/> is JSON, or (when not whole) a prefix of JSON that parses as far as it goes.</summary>
    private static bool IsJson(ReadOnlySpan<byte> data, bool isWhole)
    {
        var reader = new Utf8JsonReader(data, isFinalBlock: isWhole, state: default);
        try
        {
            while (reader.Read())
            {
            }

            return !isWhole || reader.BytesConsumed == data.Length || data[(int)reader.BytesConsumed..].TrimStart(" \t\r\n"u8).IsEmpty;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Valid UTF-8 with no control characters but tab, CR and LF; a head cut mid-character is allowed its last 3 bytes.</summary>
    private static bool IsPlainUtf8(ReadOnlySpan<byte> data, bool isWhole)
    {
        foreach (var b in data)
        {
            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\n' and not (byte)'\r')
            {
                return false;
            }
        }

        if (System.Text.Unicode.Utf8.IsValid(data))
        {
            return true;
        }

        if (isWhole)
        {
            return false;
        }

        for (var cut = 1; cut <= 3 && cut < data.Length; cut++)
        {
            if (System.Text.Unicode.Utf8.IsValid(data[..^cut]))
            {
                return true;
            }
        }

        return false;
    }
}
