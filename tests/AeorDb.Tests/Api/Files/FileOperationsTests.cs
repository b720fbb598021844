using AeorDb.Api.Files;
using AeorDb.Grains.Interfaces.Models;
using Xunit;

namespace AeorDb.Tests.Api.Files;

public sealed class FileOperationsTests
{
    [Theory]
    [InlineData("/a/b.txt", false, Operation.Create)]
    [InlineData("/a/b.txt", true, Operation.Update)]
    [InlineData("/a/.aeordb-permissions", false, Operation.Configure)]
    [InlineData("/.aeordb-config/site.json", true, Operation.Configure)]
    [InlineData("/a/.aeordb-functions/f.wasm", false, Operation.Deploy)]
    [InlineData("/a/x.aeordb-config", false, Operation.Create)]
    [InlineData("/a/.aeordb-permissionsx/b", true, Operation.Update)]
    [InlineData(".aeordb-permissions", true, Operation.Configure)]
    [InlineData("a/.aeordb-functions/f.wasm", true, Operation.Deploy)]
    public void ForPut_Path_OperationOfItsSegments(string path, bool exists, Operation expected) =>
        Assert.Equal(expected, FileOperations.ForPut(path, exists));
}
