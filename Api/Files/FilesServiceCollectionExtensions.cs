using AeorDb.Api.Blobs;
using AeorDb.Api.Links;
using AeorDb.Api.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace AeorDb.Api.Files;

/// <summary>Registers the file content service and what the file, link and blob routes use.</summary>
internal static class FilesServiceCollectionExtensions
{
    public static IServiceCollection AddFileServices(this IServiceCollection services)
    {
        services.AddSingleton<ChunkUploader>();
        services.AddSingleton<VersionReader>();
        services.AddOptions<SmallFileCacheOptions>();
        services.AddSingleton<SmallFileCache>();
        services.AddSingleton<FileContent>();
        services.AddSingleton<IFileContent>(provider => provider.GetRequiredService<FileContent>());
        services.AddSingleton<FileLookup>();
        services.AddSingleton<PathAccess>();
        services.AddSingleton<FileReads>();
        services.AddSingleton<FileWrites>();
        services.AddSingleton<DirectoryListing>();
        services.AddSingleton<LinkService>();
        services.AddSingleton<BlobService>();
        return services;
    }
}
