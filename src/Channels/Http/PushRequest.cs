namespace BillForU.Channels.Http;

/// <summary>The push provider's request body; the provider maps the user id to the user's devices.</summary>
internal sealed record PushRequest(string UserId, string Title, string Body, long BillId);
