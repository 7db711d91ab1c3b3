using System;
using System.Security.Cryptography;
using System.Text;

namespace Itsm.Import;

/// <summary>Name-based record ids (RFC 9562 UUID version 5), so the same ticket of the same source always gets the same id.</summary>
internal static class ImportIds
{
    /// <summary>The namespace of imported incidents' ids (a fixed random UUID; changing it would re-import everything).</summary>
    private static readonly Guid IncidentNamespace = new("5b0f6a52-8c1e-4d0b-9f7a-3c2e1d4b6a90");

    internal static Guid IncidentId(string tenant, string mapping, string ticketKey) =>
        // The parts cannot hold control characters (IdText), so newlines separate them unambiguously.
        NameBased(IncidentNamespace, tenant + "\n" + mapping + "\n" + ticketKey);

    internal static Guid NameBased(Guid ns, string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        ns.TryWriteBytes(input, bigEndian: true, out _);
        nameBytes.CopyTo(input, 16);
#pragma warning disable CA5350 // UUID version 5 is defined over SHA-1; it names records, it protects nothing.
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
