using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using AeorDb.Silo.CommandLine;
using AeorDb.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;

namespace AeorDb.Silo.Hosting;

/// <summary>
/// The Orleans silo of scale-out mode (<c>--cluster-db</c>): ADO.NET clustering and grain state in PostgreSQL, so
/// every silo started on the same database joins one cluster and serves one node.
/// </summary>
internal static class ScaleOutHostingExtensions
{
    /// <summary>ADO.NET invariant of Npgsql.</summary>
    public const string PostgresInvariant = "Npgsql";

    /// <summary>
    /// Adds the data source, the schema initializer, the bootstrap lock and the silo. Call after the object store is
    /// registered, as on the embedded default.
    /// </summary>
    public static IHostApplicationBuilder AddAeorDbScaleOutOrleans(this IHostApplicationBuilder builder, NodeOptions options, int siloPort, int gatewayPort)
    {
        var scaleOut = options.ScaleOut;
        var dataSource = new NpgsqlDataSourceBuilder(scaleOut.ClusterDb).Build();

        // Orleans does not own the data source; the container disposes it at shutdown.
        builder.Services.AddSingleton(dataSource);
        builder.Services.AddHostedService<PostgresSchemaInitializer>();
        builder.Services.AddSingleton<INodeBootstrapLock, PostgresBootstrapLock>();
        var advertised = scaleOut.SiloAddress ?? DefaultSiloAddress(options.HostAddress);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = OrleansHostingExtensions.ClusterAndServiceId;
                cluster.ServiceId = OrleansHostingExtensions.ClusterAndServiceId;
            });
            silo.ConfigureEndpoints(advertised, siloPort, gatewayPort, listenOnAnyHostAddress: true);
            silo.UseAdoNetClustering(clustering =>
            {
                clustering.Invariant = PostgresInvariant;
                clustering.DataSource = dataSource;
            });
            silo.AddAdoNetGrainStorage(OrleansHostingExtensions.StorageName, storage =>
            {
                storage.Invariant = PostgresInvariant;
                storage.DataSource = dataSource;
            });
            if (scaleOut.MembershipProbeTimeout is { } probe)
            {
                silo.Configure<ClusterMembershipOptions>(membership => ShrinkFailureDetection(membership, probe));
            }
        });
        return builder;
    }

    /// <summary>
    /// Scales Orleans' failure detection to <paramref name="probe"/>: a silo missing three probes (or its liveness
    /// row going stale for a few probe periods) is declared dead, so its grains re-activate on the others.
    /// </summary>
    private static void ShrinkFailureDetection(ClusterMembershipOptions membership, TimeSpan probe)
    {
        membership.ProbeTimeout = probe;
        membership.NumMissedProbesLimit = 3;
        membership.TableRefreshTimeout = probe;
        membership.IAmAliveTablePublishTimeout = probe * 2;
        membership.DeathVoteExpirationTimeout = probe * 4;
        membership.LocalHealthDegradationMonitoringPeriod = probe;
    }

    /// <summary>The <c>--host</c> address when it is a specific one, else this machine's first non-loopback IPv4 (loopback when it has none).</summary>
    private static IPAddress DefaultSiloAddress(IPAddress host)
    {
        if (!host.Equals(IPAddress.Any) && !host.Equals(IPAddress.IPv6Any))
        {
            return host;
        }

        var candidates = NetworkInterface.GetAllNetworkInterfaces()
            .Where(nic => nic.OperationalStatus == OperationalStatus.Up && nic.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(nic => nic.GetIPProperties().UnicastAddresses)
            .Select(unicast => unicast.Address)
            .Where(address => address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(address));
        return candidates.FirstOrDefault() ?? IPAddress.Loopback;
    }
}
