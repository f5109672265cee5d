using BillForU.Admin.Auth;
using BillForU.Hosting.Configuration;

namespace BillForU.AdminApi.Tests;

/// <summary>Where the admin credentials come from, without starting a host.</summary>
public sealed class CredentialLoaderTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("billforu-admin-keys-");

    [Fact]
    public async Task Embedded_mode_without_keys_creates_a_local_key_file_once()
    {
        var options = new BillForUOptions { DataDirectory = _directory.FullName };
        var first = await AdminCredentialLoader.LoadAsync(new AdminAuthOptions(), options, CancellationToken.None);
        var second = await AdminCredentialLoader.LoadAsync(new AdminAuthOptions(), options, CancellationToken.None);

        Assert.Equal(Path.Combine(_directory.FullName, AdminKeyFile.LocalFileName), first.CreatedFile);
        Assert.Null(second.CreatedFile);
        Assert.Equal(first.Keys.Select(k => k.Secret), second.Keys.Select(k => k.Secret));
        Assert.Contains(first.Keys, k => k.Role == AdminRoles.Operator);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(first.CreatedFile!));
        }
    }

    [Fact]
    public async Task Cluster_mode_without_keys_refuses_to_start_naming_the_setting()
    {
        var options = new BillForUOptions { Mode = BillForUMode.Cluster, DataDirectory = _directory.FullName };
        var error = await Assert.ThrowsAsync<BillForUConfigurationException>(() =>
            AdminCredentialLoader.LoadAsync(new AdminAuthOptions(), options, CancellationToken.None));
        Assert.Contains("BillForU__Admin__Keys__0__Secret", error.Message);
        Assert.Empty(_directory.EnumerateFiles());
    }

    [Theory]
    [InlineData("short", "operator", "shorter than 16")]
    [InlineData("a-long-enough-secret-value", "admin", "is not a role")]
    public async Task A_weak_key_or_an_unknown_role_is_a_configuration_error(string secret, string role, string message)
    {
        var admin = new AdminAuthOptions { Keys = [new AdminCredential { Name = "k", Secret = secret, Role = role }] };
        var error = await Assert.ThrowsAsync<BillForUConfigurationException>(() =>
            AdminCredentialLoader.LoadAsync(admin, new BillForUOptions { DataDirectory = _directory.FullName }, CancellationToken.None));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Keys_are_found_by_their_secret_only()
    {
        var store = new AdminCredentialStore(
            [new AdminCredential { Name = "op", Secret = "operator-secret-0123456789", Role = AdminRoles.Operator }],
            [new AdminCredential { Name = "tok", Secret = "token-secret-0123456789abc", Role = AdminRoles.Reader }]);

        Assert.Equal(("op", AdminRoles.Operator), store.FindKey("operator-secret-0123456789"));
        Assert.Null(store.FindKey("token-secret-0123456789abc"));
        Assert.Equal(("tok", AdminRoles.Reader), store.FindToken("token-secret-0123456789abc"));
        Assert.Null(store.FindToken("operator-secret-0123456788"));
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
