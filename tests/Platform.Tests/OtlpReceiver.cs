using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SupportPlatform.Platform.Tests;

/// <summary>One span as a service exported it over OTLP.</summary>
public sealed record ReceivedSpan(string Service, string Scope, string Name, int Kind, string TraceId, string SpanId, string ParentSpanId)
{
    /// <summary>OTLP's SpanKind: 2 server, 3 client, 4 producer, 5 consumer.</summary>
    public const int Server = 2, Client = 3, Producer = 4, Consumer = 5;

    public override string ToString() => $"{Service}/{Scope}: {Name} (kind {Kind})";
}

/// <summary>
/// An OTLP/HTTP (protobuf) endpoint in the test process, standing in for the dashboard: every
/// service of the AppHost exports to it, so a test can follow one trace across processes. Only the
/// fields the tests read are decoded (protobuf wire format, by hand: no OTLP package is served).
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication app;

    private OtlpReceiver(WebApplication app) => this.app = app;

    public ConcurrentQueue<ReceivedSpan> Spans { get; } = new();

    /// <summary>Every export request of logs and traces as received (protobuf: its strings are plain UTF-8 in it).</summary>
    public ConcurrentQueue<(string Signal, byte[] Request)> Exports { get; } = new();

    public Uri Endpoint => new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            receiver.Exports.Enqueue(("traces", body.ToArray()));
            foreach (var span in DecodeTraces(body.ToArray()))
            {
                receiver.Spans.Enqueue(span);
            }

            return Results.Bytes([], "application/x-protobuf");
        });
        app.MapPost("/v1/logs", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            receiver.Exports.Enqueue(("logs", body.ToArray()));
            return Results.Bytes([], "application/x-protobuf");
        });
        // Metrics are accepted and dropped.
        app.MapPost("/v1/{signal}", () => Results.Bytes([], "application/x-protobuf"));
        await app.StartAsync();
        return receiver;
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    /// <summary>ExportTraceServiceRequest → resource_spans(1) → {resource(1), scope_spans(2) → {scope(1), spans(2)}}.</summary>
    internal static IEnumerable<ReceivedSpan> DecodeTraces(byte[] request)
    {
        foreach (var resourceSpans in Fields(request).Where(f => f.Number == 1).Select(f => f.Bytes))
        {
            var service = "";
            foreach (var field in Fields(resourceSpans))
            {
                if (field.Number == 1)
                {
                    service = ServiceName(field.Bytes) ?? service;
                }
            }

            foreach (var scopeSpans in Fields(resourceSpans).Where(f => f.Number == 2).Select(f => f.Bytes))
            {
                var scope = Fields(scopeSpans).Where(f => f.Number == 1).Select(f => Text(Fields(f.Bytes), 1)).FirstOrDefault() ?? "";
                foreach (var span in Fields(scopeSpans).Where(f => f.Number == 2).Select(f => Fields(f.Bytes).ToList()))
                {
                    yield return new ReceivedSpan(
                        service,
                        scope,
                        Text(span, 5) ?? "",
                        (int)(span.FirstOrDefault(f => f.Number == 6).Varint),
                        Hex(span, 1),
                        Hex(span, 2),
                        Hex(span, 4));
                }
            }
        }
    }

    /// <summary>Resource → attributes(1) KeyValue{key(1), value(2) AnyValue{string_value(1)}} where key is service.name.</summary>
    private static string? ServiceName(byte[]? resource)
    {
        foreach (var attribute in Fields(resource).Where(f => f.Number == 1).Select(f => Fields(f.Bytes).ToList()))
        {
            if (Text(attribute, 1) == "service.name" && attribute.FirstOrDefault(f => f.Number == 2).Bytes is { } value)
            {
                return Text(Fields(value), 1);
            }
        }

        return null;
    }

    private static string? Text(IEnumerable<Field> fields, int number) =>
        fields.Where(f => f.Number == number && f.Bytes is not null).Select(f => Encoding.UTF8.GetString(f.Bytes!)).FirstOrDefault();

    private static string Hex(IEnumerable<Field> fields, int number) =>
        fields.Where(f => f.Number == number && f.Bytes is not null).Select(f => Convert.ToHexStringLower(f.Bytes!)).FirstOrDefault() ?? "";

    private readonly record struct Field(int Number, ulong Varint, byte[]? Bytes);

    /// <summary>The top-level fields of one protobuf message (wire types 0, 1, 2 and 5).</summary>
    private static IEnumerable<Field> Fields(byte[]? message)
    {
        if (message is null)
        {
            yield break;
        }

        var position = 0;
        while (position < message.Length)
        {
            var key = ReadVarint(message, ref position);
            var number = (int)(key >> 3);
            switch (key & 7)
            {
                case 0:
                    yield return new Field(number, ReadVarint(message, ref position), null);
                    break;
                case 1:
                    position += 8;
                    break;
                case 2:
                    var length = (int)ReadVarint(message, ref position);
                    yield return new Field(number, 0, message[position..(position + length)]);
                    position += length;
                    break;
                case 5:
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"unsupported protobuf wire type {key & 7}");
            }
        }
    }

    private static ulong ReadVarint(byte[] message, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = message[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
