namespace BillForU.Admin.Auth;

/// <summary>The two roles of an admin credential and the policies built on them.</summary>
public static class AdminRoles
{
    public const string Reader = "reader";
    public const string Operator = "operator";

    /// <summary>Reads anything; an operator can read too.</summary>
    public const string ReadPolicy = "admin-read";

    /// <summary>Changes something: starts or cancels runs, retries, reschedules, edits settings.</summary>
    public const string OperatePolicy = "admin-operate";

    public static bool IsKnown(string? role) => role is Reader or Operator;
}
