namespace BillForU.Channels.Http;

/// <summary>The SMS provider's request body: <c>{"to": "01012345678", "text": "…"}</c>.</summary>
internal sealed record SmsRequest(string To, string Text);
