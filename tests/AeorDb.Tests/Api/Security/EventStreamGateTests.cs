using System.Net;
using AeorDb.Api.Auth;
using AeorDb.Api.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Xunit;

namespace AeorDb.Tests.Api.Security;

public sealed class EventStreamGateTests
{
    private static readonly Caller KeyA = new(Guid.NewGuid(), Guid.NewGuid(), null, [], false);
    private static readonly Caller KeyB = new(Guid.NewGuid(), Guid.NewGuid(), null, [], false);

    [Fact]
    public void TryEnter_PastPerCallerLimit_RefusedUntilALeaseEnds()
    {
        var gate = Gate(perCaller: 2, total: 10);
        var first = gate.TryEnter(Context("10.0.0.1"), KeyA, out _);
        var second = gate.TryEnter(Context("10.0.0.2"), KeyA, out _);

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Null(gate.TryEnter(Context("10.0.0.3"), KeyA, out var refusal));
        Assert.Contains("caller", refusal, StringComparison.Ordinal);
        Assert.NotNull(gate.TryEnter(Context("10.0.0.1"), KeyB, out _));

        first!.Dispose();
        first.Dispose();
        Assert.NotNull(gate.TryEnter(Context("10.0.0.1"), KeyA, out _));
        Assert.Null(gate.TryEnter(Context("10.0.0.1"), KeyA, out _));
    }

    [Fact]
    public void TryEnter_PastTotalLimit_RefusedForEveryone()
    {
        var gate = Gate(perCaller: 5, total: 2);
        Assert.NotNull(gate.TryEnter(Context("10.0.0.1"), KeyA, out _));
        Assert.NotNull(gate.TryEnter(Context("10.0.0.1"), KeyB, out _));

        Assert.Null(gate.TryEnter(Context("10.0.0.9"), new Caller(Guid.NewGuid(), Guid.NewGuid(), null, [], false), out var refusal));
        Assert.Contains("node", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void TryEnter_TokensWithoutKey_CountPerUserAndAddress()
    {
        var gate = Gate(perCaller: 1, total: 10);
        var peer = new Caller(Guid.Empty, null, "sync", [], false);

        Assert.NotNull(gate.TryEnter(Context("10.0.0.1"), peer, out _));
        Assert.Null(gate.TryEnter(Context("10.0.0.1"), peer, out _));
        Assert.NotNull(gate.TryEnter(Context("10.0.0.2"), peer, out _));
    }

    private static EventStreamGate Gate(int perCaller, int total) =>
        new(Options.Create(new ResourceLimitOptions { MaxEventStreamsPerCaller = perCaller, MaxEventStreams = total }));

    private static DefaultHttpContext Context(string address)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);
        return context;
    }
}
