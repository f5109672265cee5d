using System.Security.Cryptography;
using BillForU.Domain.Security;

namespace BillForU.Domain.Tests.Security;

public class ContactCipherTests
{
    private static byte[] Key() => RandomNumberGenerator.GetBytes(PiiKeyRing.KeyBytes);

    private static PiiKeyRing Ring(string active, params (string Id, byte[] Key)[] keys) =>
        new(active, keys.ToDictionary(k => k.Id, k => k.Key), Key());

    [Fact]
    public void Round_trip_returns_the_plaintext_with_a_key_id_prefix_and_fresh_nonces()
    {
        var cipher = new ContactCipher(Ring("v1", ("v1", Key())));

        var first = cipher.Encrypt("test@test.com", ContactColumns.Email);
        var second = cipher.Encrypt("test@test.com", ContactColumns.Email);

        Assert.StartsWith("v1:", first);
        Assert.NotEqual(first, second);
        Assert.DoesNotContain("test", first);
        Assert.Equal("test@test.com", cipher.Decrypt(first, ContactColumns.Email));
        Assert.Equal("test@test.com", cipher.Decrypt(second, ContactColumns.Email));
    }

    [Fact]
    public void Tampered_cipher_text_is_rejected()
    {
        var cipher = new ContactCipher(Ring("v1", ("v1", Key())));
        var stored = cipher.Encrypt("010-1234-5678", ContactColumns.Phone);
        var payload = Convert.FromBase64String(stored[3..]);
        payload[14] ^= 0x01;

        var tampered = "v1:" + Convert.ToBase64String(payload);

        Assert.ThrowsAny<CryptographicException>(() => cipher.Decrypt(tampered, ContactColumns.Phone));
    }

    [Fact]
    public void Cipher_text_moved_to_another_column_is_rejected()
    {
        var cipher = new ContactCipher(Ring("v1", ("v1", Key())));
        var stored = cipher.Encrypt("010-1234-5678", ContactColumns.Phone);

        Assert.ThrowsAny<CryptographicException>(() => cipher.Decrypt(stored, ContactColumns.Email));
    }

    [Fact]
    public void Wrong_key_is_rejected()
    {
        var stored = new ContactCipher(Ring("v1", ("v1", Key()))).Encrypt("test@test.com", ContactColumns.Email);
        var otherKey = new ContactCipher(Ring("v1", ("v1", Key())));

        Assert.ThrowsAny<CryptographicException>(() => otherKey.Decrypt(stored, ContactColumns.Email));
    }

    [Fact]
    public void Unknown_key_id_is_rejected_naming_the_key()
    {
        var stored = new ContactCipher(Ring("old", ("old", Key()))).Encrypt("test@test.com", ContactColumns.Email);
        var cipher = new ContactCipher(Ring("v2", ("v2", Key())));

        var error = Assert.Throws<CryptographicException>(() => cipher.Decrypt(stored, ContactColumns.Email));
        Assert.Contains("'old'", error.Message);
    }

    [Fact]
    public void After_rotation_values_of_both_key_ids_decrypt_and_new_ones_use_the_new_key()
    {
        var v1 = Key();
        var before = new ContactCipher(Ring("v1", ("v1", v1))).Encrypt("old@test.com", ContactColumns.Email);
        var rotated = new ContactCipher(Ring("v2", ("v1", v1), ("v2", Key())));

        var after = rotated.Encrypt("new@test.com", ContactColumns.Email);

        Assert.StartsWith("v2:", after);
        Assert.Equal("old@test.com", rotated.Decrypt(before, ContactColumns.Email));
        Assert.Equal("new@test.com", rotated.Decrypt(after, ContactColumns.Email));
    }

    [Fact]
    public void Key_ring_refuses_short_keys_and_an_unknown_active_id()
    {
        Assert.Throws<ArgumentException>(() => Ring("v1", ("v1", new byte[16])));
        Assert.Throws<ArgumentException>(() => Ring("v9", ("v1", Key())));
    }

    [Fact]
    public void Lookup_hash_is_keyed_and_normalised()
    {
        var ring = Ring("v1", ("v1", Key()));
        var hasher = new LookupHasher(ring);
        var otherKey = new LookupHasher(Ring("v1", ("v1", Key())));

        Assert.Equal(hasher.HashEmail("Test@Test.com "), hasher.HashEmail("test@test.com"));
        Assert.Equal(hasher.HashPhone("010-1234-5678"), hasher.HashPhone("01012345678"));
        Assert.NotEqual(hasher.HashEmail("test@test.com"), otherKey.HashEmail("test@test.com"));
        Assert.Equal(32, hasher.HashEmail("test@test.com").Length);
    }
}
