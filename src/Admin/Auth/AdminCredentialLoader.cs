using BillForU.Hosting.Configuration;

namespace BillForU.Admin.Auth;

/// <summary>
/// Finds the admin credentials: configuration first, then a configured key file; the embedded mode falls back
/// to a local key file it creates on first run (and prints), the cluster mode refuses to start without keys.
/// </summary>
public static class AdminCredentialLoader
{
    /// <returns>
    /// The credentials; the local key file when this call created it (so the caller can print its keys); the local key
    /// file when the keys came from it (so a local run can say where its keys are).
    /// </returns>
    public static async Task<(IReadOnlyList<AdminCredential> Keys, IReadOnlyList<AdminCredential> Tokens, string? CreatedFile, string? LocalFile)> LoadAsync(
        AdminAuthOptions admin, BillForUOptions options, CancellationToken cancellationToken)
    {
        var keys = admin.Keys.ToList();
        if (!string.IsNullOrWhiteSpace(admin.KeyFile))
        {
            if (!File.Exists(admin.KeyFile))
            {
                throw new BillForUConfigurationException($"The admin key file '{admin.KeyFile}' (BillForU:Admin:KeyFile) does not exist.");
            }
            keys.AddRange((await AdminKeyFile.ReadAsync(admin.KeyFile, cancellationToken)).Keys);
        }
        string? created = null;
        string? local = null;
        if (keys.Count == 0 && admin.Tokens.Count == 0)
        {
            if (options.Mode == BillForUMode.Cluster)
            {
                throw new BillForUConfigurationException(
                    "Cluster mode needs admin credentials and found none: set BillForU__Admin__Keys__0__Secret with BillForU__Admin__Keys__0__Role "
                    + "(reader or operator), BillForU__Admin__Tokens__0__… for bearer tokens, or BillForU__Admin__KeyFile. Keys never live in git.");
            }
            var path = Path.Combine(options.DataDirectory, AdminKeyFile.LocalFileName);
            if (!File.Exists(path))
            {
                await AdminKeyFile.Generate().WriteNewAsync(path, cancellationToken);
                created = path;
            }
            keys.AddRange((await AdminKeyFile.ReadAsync(path, cancellationToken)).Keys);
            local = path;
        }
        Validate(keys, "Keys");
        Validate(admin.Tokens, "Tokens");
        return (keys, admin.Tokens, created, local);
    }

    private static void Validate(IReadOnlyList<AdminCredential> credentials, string kind)
    {
        for (var i = 0; i < credentials.Count; i++)
        {
            var credential = credentials[i];
            if (credential.Secret.Length < 16)
            {
                throw new BillForUConfigurationException($"BillForU:Admin:{kind}:{i}:Secret is shorter than 16 characters; use a long random value.");
            }
            if (!AdminRoles.IsKnown(credential.Role))
            {
                throw new BillForUConfigurationException($"BillForU:Admin:{kind}:{i}:Role '{credential.Role}' is not a role: use reader or operator.");
            }
        }
    }
}
