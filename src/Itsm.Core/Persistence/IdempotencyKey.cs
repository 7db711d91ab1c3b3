using System;
using System.Security.Cryptography;
using System.Text;
using Ardalis.GuardClauses;
using Itsm.Common;

namespace Itsm.Persistence;

/// <summary>
/// A client's idempotency key and the fingerprint of the payload it was first used with. A save
/// that carries a key already stored for the tenant writes nothing: with the same fingerprint it
/// returns the first result, with another fingerprint it fails with <see cref="IdempotencyConflictException"/>.
/// </summary>
/// <remarks><c>default(IdempotencyKey)</c> has a null <see cref="Key"/> and is rejected where a key is required.</remarks>
public readonly record struct IdempotencyKey
{
    /// <summary>The longest key accepted, in characters.</summary>
    public const int MaxLength = 200;

    /// <summary>Creates a key from a key and a precomputed fingerprint.</summary>
    /// <param name="key">The client's key: non-blank, at most <see cref="MaxLength"/> characters, valid as <see cref="IdText"/> says.</param>
    /// <param name="fingerprint">The payload's fingerprint: non-blank, at most 128 characters, valid as <see cref="IdText"/> says.</param>
    /// <exception cref="ArgumentException">An argument is blank, too long, or holds an unpaired surrogate or a control character.</exception>
    public IdempotencyKey(string key, string fingerprint)
    {
        Guard.Against.NullOrWhiteSpace(key);
        Guard.Against.StringTooLong(key, MaxLength);
        IdText.Check(key, nameof(key));
        Guard.Against.NullOrWhiteSpace(fingerprint);
        Guard.Against.StringTooLong(fingerprint, 128);
        IdText.Check(fingerprint, nameof(fingerprint));
        Key = key;
        Fingerprint = fingerprint;
    }

    /// <summary>The client's key.</summary>
    public string Key { get; }

    /// <summary>The fingerprint of the payload first used with the key.</summary>
    public string Fingerprint { get; }

    /// <summary>
    /// A key whose fingerprint is the SHA-256 of the command's target, action and payload, so reusing
    /// the key for another record, another command or other data is a conflict.
    /// </summary>
    /// <param name="key">The client's key.</param>
    /// <param name="recordType">The record type the command targets.</param>
    /// <param name="recordId">The record id the command targets.</param>
    /// <param name="action">The command's name, as the engine passes it: the typed command's <see cref="ItsmCommand.Name"/> (for example <c>"Resolve"</c>).</param>
    /// <param name="payload">The command's data in a canonical form the caller chooses (for example the request body); may be empty.</param>
    /// <returns>The key.</returns>
    /// <remarks>
    /// <para>This is a store-level primitive: it only computes the key and fingerprint that an
    /// <see cref="AggregateWrite"/> carries to the store. It runs nothing and authorizes nothing, and
    /// <paramref name="action"/> is hashed text, not a way to run or name a command. To run a command
    /// idempotently, pass the typed command to the engine with <see cref="Itsm.Engine.CommandOptions.IdempotencyKey"/>
    /// set: the engine calls this method with the typed command's name and its canonical arguments, so a
    /// retry of the same command with the same arguments returns the first result.</para>
    /// <para>Call it yourself only when you write to an <see cref="IAggregateStore"/> directly (a store
    /// adapter's tests, an importer) and need the same conflict rules.</para>
    /// </remarks>
    /// <exception cref="ArgumentException">An argument is null or blank, or <paramref name="key"/> is too long or holds an unpaired surrogate or a control character.</exception>
    public static IdempotencyKey For(string key, string recordType, string recordId, string action, string payload)
    {
        Guard.Against.NullOrWhiteSpace(recordType);
        Guard.Against.NullOrWhiteSpace(recordId);
        Guard.Against.NullOrWhiteSpace(action);
        Guard.Against.Null(payload);
        // Length-prefixed parts, so no two different (type, id, action, payload) share a preimage.
        var text = string.Concat(
            recordType.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), ":", recordType,
            recordId.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), ":", recordId,
            action.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), ":", action,
            payload);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return new IdempotencyKey(key, Convert.ToHexString(hash));
    }

    /// <summary>The key.</summary>
    /// <returns>The key.</returns>
    public override string ToString() => Key ?? string.Empty;
}
