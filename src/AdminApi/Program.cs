using BillForU.Admin.Extensions;
using BillForU.Hosting.Configuration;

var builder = WebApplication.CreateBuilder(args);
try
{
    await builder.AddBillForUAdminAsync(Console.Out, CancellationToken.None);
}
catch (BillForUConfigurationException e)
{
    await Console.Error.WriteLineAsync($"configuration error: {e.Message}");
    return 2;
}

var app = builder.Build();
app.UseBillForUAdmin();
app.MapBillForUAdmin();
await app.RunAsync();
return 0;

/// <summary>Visible to <c>WebApplicationFactory&lt;Program&gt;</c> in the tests.</summary>
public partial class Program;
