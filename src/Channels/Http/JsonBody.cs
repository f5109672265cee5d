using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace BillForU.Channels.Http;

/// <summary>
/// A provider request's JSON body, serialized up front so the request carries a Content-Length. A streamed body
/// (<c>JsonContent</c>) goes out chunked: headers, chunk and terminator in separate socket writes for every message,
/// and some provider gateways refuse chunked requests outright.
/// </summary>
internal static class JsonBody
{
    public static HttpContent Create<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }
}
