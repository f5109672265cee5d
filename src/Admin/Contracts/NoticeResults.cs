using BillForU.Admin.Notifications;

namespace BillForU.Admin.Contracts;

/// <summary>How a notice action's outcome is answered: 202, or a 404/409 problem saying why not.</summary>
public static class NoticeResults
{
    public static Results<Accepted<NoticeActionResult>, ProblemHttpResult> Of(long billId, string action, NoticeOutcome outcome) =>
        outcome == NoticeOutcome.Done ? Accepted(billId, action) : Problem(billId, action, outcome);

    public static Accepted<NoticeActionResult> Accepted(long billId, string action)
    {
        var location = $"/api/bills/{billId}";
        return TypedResults.Accepted(location, new NoticeActionResult(billId, action, location));
    }

    public static ProblemHttpResult Problem(long billId, string action, NoticeOutcome outcome) => outcome switch
    {
        NoticeOutcome.UnknownBill => Problems.NotFound($"Bill {billId} has no notice on record."),
        NoticeOutcome.AlreadySent => Problems.Conflict("Already sent", $"The notice of bill {billId} was delivered; it is never sent twice."),
        _ => Problems.Conflict("Not applicable", $"The notice of bill {billId} is not in a state that allows {action}."),
    };
}
