using System.Security.Cryptography;
using BillForU.Domain.Security;

namespace BillForU.Grains.Tests.Support;

public static class TestKeys
{
    public static PiiKeyRing Ring { get; } = new(
        "t1",
        new Dictionary<string, byte[]> { ["t1"] = RandomNumberGenerator.GetBytes(PiiKeyRing.KeyBytes) },
        RandomNumberGenerator.GetBytes(PiiKeyRing.KeyBytes));
}
