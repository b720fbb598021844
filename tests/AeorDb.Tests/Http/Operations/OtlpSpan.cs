namespace AeorDb.Tests.Http.Operations;

/// <summary>
/// One span of an OTLP <c>ExportTraceServiceRequest</c>, read straight from its protobuf: resource_spans (1) →
/// scope_spans (2) → spans (2) → trace_id (1), span_id (2), parent_span_id (4), name (5).
/// </summary>
public sealed record OtlpSpan(string TraceId, string SpanId, string ParentSpanId, string Name)
{
    public static IReadOnlyList<OtlpSpan> Parse(byte[] request)
    {
        var spans = new List<OtlpSpan>();
        foreach (var resourceSpans in Fields(request, 1))
        {
            foreach (var scopeSpans in Fields(resourceSpans, 2))
            {
                foreach (var span in Fields(scopeSpans, 2))
                {
                    spans.Add(new OtlpSpan(
                        Hex(Fields(span, 1).FirstOrDefault()),
                        Hex(Fields(span, 2).FirstOrDefault()),
                        Hex(Fields(span, 4).FirstOrDefault()),
                        System.Text.Encoding.UTF8.GetString(Fields(span, 5).FirstOrDefault() ?? [])));
                }
            }
        }

        return spans;
    }

    private static string Hex(byte[]? bytes) => bytes is null ? "" : Convert.ToHexStringLower(bytes);

    /// <summary>The length-delimited fields numbered <paramref name="number"/> of a message; other fields are skipped.</summary>
    private static IEnumerable<byte[]> Fields(byte[] message, int number)
    {
        var position = 0;
        var found = new List<byte[]>();
        while (position < message.Length)
        {
            var key = ReadVarint(message, ref position);
            var field = (int)(key >> 3);
            switch ((int)(key & 7))
            {
                case 0:
                    ReadVarint(message, ref position);
                    break;
                case 1:
                    position += 8;
                    break;
                case 5:
                    position += 4;
                    break;
                case 2:
                    var length = (int)ReadVarint(message, ref position);
                    if (field == number)
                    {
                        found.Add(message[position..(position + length)]);
                    }

                    position += length;
                    break;
                default:
                    throw new FormatException($"unsupported protobuf wire type {key & 7}");
            }
        }

        return found;
    }

    private static ulong ReadVarint(byte[] buffer, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = buffer[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
    }
}
