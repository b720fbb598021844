using AeorDb.Api.Storage;
using NSec.Cryptography;

namespace AeorDb.Api.Auth.Jwt;

/// <summary>
/// The node's JWT signing key: a 32-byte Ed25519 seed stored at <see cref="KeyPath"/> (replicated system
/// data, shared cluster-wide after /sync/join). Loaded or created at start-up by <see cref="AuthBootstrapper"/>.
/// </summary>
internal sealed class SigningKeyStore(IFileContent files)
{
    /// <summary>Where the seed lives (CONTRACT §1.7).</summary>
    public const string KeyPath = "/.aeordb-system/config/jwt_signing_key";

    /// <summary>Seed length of Ed25519 (RFC 8032).</summary>
    public const int SeedLength = 32;

    private Ed25519SecurityKey? _current;
    private byte[]? _seed;

    /// <summary>Raised after the key changed (adoption on join), so caches of validated tokens can be dropped.</summary>
    public event Action? Changed;

    /// <summary>Raised after this process stored a key (first start, join), so the other silos of the node can reload it.</summary>
    public event Action? Stored;

    /// <summary>The key tokens are signed and verified with.</summary>
    public Ed25519SecurityKey Current => _current ?? throw new InvalidOperationException("The JWT signing key is not loaded yet.");

    /// <summary>True once a key is loaded.</summary>
    public bool IsLoaded => _current is not null;

    /// <summary>A copy of the seed, for handing the key to a joining node (standard base64 on the wire).</summary>
    public byte[] ExportSeed() => (byte[])(_seed ?? throw new InvalidOperationException("The JWT signing key is not loaded yet.")).Clone();

    /// <summary>Loads the stored seed, or creates and stores a fresh one when there is none.</summary>
    public async Task LoadOrCreateAsync(CancellationToken cancellationToken = default)
    {
        var stored = await files.ReadBytesAsync(KeyPath, cancellationToken).ConfigureAwait(false);
        if (stored is not null)
        {
            if (stored.Length != SeedLength)
            {
                throw new InvalidDataException($"{KeyPath} holds {stored.Length} bytes; an Ed25519 seed is {SeedLength}.");
            }

            Use(stored);
            return;
        }

        var seed = RandomNumberGeneratorBytes();
        await StoreAsync(seed, cancellationToken).ConfigureAwait(false);
        Use(seed);
    }

    /// <summary>Stores and switches to another node's key (cluster join). Tokens signed with the old key stop validating.</summary>
    public async Task AdoptAsync(byte[] seed, CancellationToken cancellationToken = default)
    {
        if (seed.Length != SeedLength)
        {
            throw new ArgumentException($"An Ed25519 seed is {SeedLength} bytes.", nameof(seed));
        }

        await StoreAsync(seed, cancellationToken).ConfigureAwait(false);
        Use(seed);
    }

    /// <summary>
    /// Re-reads the stored seed and switches to it when it differs from the one in use: another silo of the node
    /// adopted a key, or replication brought one. Returns true when the key changed.
    /// </summary>
    public async Task<bool> ReloadAsync(CancellationToken cancellationToken = default)
    {
        var stored = await files.ReadBytesAsync(KeyPath, cancellationToken).ConfigureAwait(false);
        if (stored is not { Length: SeedLength } || (_seed is not null && stored.AsSpan().SequenceEqual(_seed)))
        {
            return false;
        }

        Use(stored);
        return true;
    }

    /// <summary>Switches to a seed without storing it (tests, and keys already stored by replication).</summary>
    public void Use(byte[] seed)
    {
        var key = Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey);
        _seed = (byte[])seed.Clone();
        _current = new Ed25519SecurityKey(key);
        Changed?.Invoke();
    }

    private async Task StoreAsync(byte[] seed, CancellationToken cancellationToken)
    {
        var result = await files.WriteBytesAsync(KeyPath, seed, "application/octet-stream", cancellationToken).ConfigureAwait(false);
        if (result.Status != Grains.Interfaces.Models.CommitStatus.Ok)
        {
            throw new InvalidOperationException($"Storing the JWT signing key failed: {result.Status}.");
        }

        Stored?.Invoke();
    }

    private static byte[] RandomNumberGeneratorBytes() => System.Security.Cryptography.RandomNumberGenerator.GetBytes(SeedLength);
}
