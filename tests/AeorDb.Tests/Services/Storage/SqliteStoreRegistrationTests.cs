using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Services.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace AeorDb.Tests.Services.Storage;

public sealed class SqliteStoreRegistrationTests
{
    [Fact]
    public async Task AddSqliteObjectStore_HostStarted_OneInitializedStoreBehindBothInterfaces()
    {
        var directory = Path.Combine(Path.GetTempPath(), "aeordb-store-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var services = new ServiceCollection().AddLogging();
            services.AddSqliteObjectStore(o => o.DatabasePath = Path.Combine(directory, "node.aeordb"));
            await using (var provider = services.BuildServiceProvider())
            {
                foreach (var hosted in provider.GetServices<IHostedService>())
                {
                    await hosted.StartAsync(CancellationToken.None);
                }

                var objects = provider.GetRequiredService<IObjectStore>();
                Assert.Same(objects, provider.GetRequiredService<ITreeStore>());
                var hash = await objects.PutChunkAsync(new byte[] { 1, 2, 3 }, system: false);
                Assert.True(await objects.ContainsAsync(hash));
            }

            SqliteConnection.ClearAllPools();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
