using System.Text.Json;
using System.Text.Json.Serialization;
using BillForU.Channels.Http;
using BillForU.Channels.Outbox;

namespace BillForU.Channels;

/// <summary>Source-generated JSON for provider requests and outbox lines: no reflection on a path that runs a million times a month.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SmsRequest))]
[JsonSerializable(typeof(PushRequest))]
[JsonSerializable(typeof(OutboxLine))]
internal sealed partial class ChannelJsonContext : JsonSerializerContext;
