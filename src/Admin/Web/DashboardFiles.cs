using Microsoft.Extensions.FileProviders;

namespace BillForU.Admin.Web;

/// <summary>
/// The web dashboard's files, embedded in this assembly (see Admin.csproj): the admin API process and the silo's run
/// command serve the same files in any environment, where static web assets of a referenced project are served only
/// in Development.
/// </summary>
public static class DashboardFiles
{
    public static IFileProvider Provider { get; } = new EmbeddedFileProvider(typeof(DashboardFiles).Assembly, "BillForU.Admin.wwwroot");
}
