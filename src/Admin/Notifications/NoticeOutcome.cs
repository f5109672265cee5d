namespace BillForU.Admin.Notifications;

public enum NoticeOutcome
{
    Done = 1,

    /// <summary>No notice of that bill is on record.</summary>
    UnknownBill = 2,

    /// <summary>The notice was delivered; it is never sent twice.</summary>
    AlreadySent = 3,

    /// <summary>The notice is not in a state the action applies to (e.g. retrying a notice that has not failed).</summary>
    NotApplicable = 4,
}
