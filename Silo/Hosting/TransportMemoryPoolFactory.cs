using System.Buffers;
using Microsoft.AspNetCore.Connections;

namespace AeorDb.Silo.Hosting;

/// <summary>Gives Kestrel's transports the larger-block <see cref="TransportMemoryPool"/> (ASP.NET Core's documented extension point).</summary>
internal sealed class TransportMemoryPoolFactory : IMemoryPoolFactory<byte>
{
    public MemoryPool<byte> Create(MemoryPoolOptions? options = null) => new TransportMemoryPool();
}
