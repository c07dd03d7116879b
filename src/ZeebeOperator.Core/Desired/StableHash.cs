using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ZeebeOperator.Core.Desired;

/// <summary>Deterministic hashes: a task definition's content fingerprint; short tokens derived from longer ids.</summary>
public static class StableHash
{
    private static readonly JsonSerializerOptions Canonical = new() { WriteIndented = false };

    /// <summary>SHA-256 of the value's JSON form (records serialise in declaration order), as lowercase hex.</summary>
    public static string Of<T>(T value) => Hex(JsonSerializer.SerializeToUtf8Bytes(value, Canonical));

    /// <summary>A 32-character lowercase hex token, stable for the same parts.</summary>
    public static string Token(params string[] parts) => Hex(Encoding.UTF8.GetBytes(string.Join('\u001f', parts)))[..32];

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
