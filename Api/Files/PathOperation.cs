using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Api.Files;

/// <summary>One permission check a write implies: <paramref name="Operation"/> on <paramref name="Path"/>.</summary>
internal readonly record struct PathOperation(string Path, Operation Operation);
