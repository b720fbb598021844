namespace AeorDb.Api.Console;

/// <summary>One embedded console file: its bytes, media type and strong ETag.</summary>
internal sealed record ConsoleAsset(byte[] Bytes, string ContentType, string ETag);
