namespace BillForU.Storage;

public sealed record UserIdBounds(long MinUserId, long MaxUserId, long UserCount);
