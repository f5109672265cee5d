namespace BillForU.Admin.Auth;

/// <summary>
/// Marks endpoints a browser opens directly whose own scripts cannot send an API key header (the Orleans dashboard):
/// their 401 also offers Basic, so the browser asks for the key once and sends it with every request that follows.
/// </summary>
public sealed class BrowserLogin
{
    private BrowserLogin()
    {
    }

    public static BrowserLogin Instance { get; } = new();
}
