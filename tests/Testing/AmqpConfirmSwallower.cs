using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace SupportPlatform.Testing;

/// <summary>
/// A loopback TCP proxy in front of the test broker that can make publisher confirms never arrive:
/// while <see cref="Swallowing"/> is on, it drops the broker's <c>basic.ack</c> and <c>basic.nack</c>
/// frames and forwards everything else (heartbeats included), so the connection looks healthy and a
/// publish waits for a confirm that is not coming — what a connection closed between a publish and
/// its confirm leaves behind in RabbitMQ.Client 7.2. Give a service <see cref="ConnectionString"/>.
/// </summary>
public sealed class AmqpConfirmSwallower : IAsyncDisposable
{
    private const byte MethodFrame = 1;
    private const byte FrameEnd = 0xCE;
    private const ushort BasicClass = 60;
    private const ushort BasicAck = 80;
    private const ushort BasicNack = 120;

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Uri broker;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task accepting;
    private int swallowed;

    public AmqpConfirmSwallower(string brokerConnectionString)
    {
        broker = new Uri(brokerConnectionString);
        listener.Start();
        accepting = AcceptAsync();
    }

    /// <summary>The broker's amqp:// URI (credentials and vhost kept) with this proxy's port.</summary>
    public string ConnectionString => new UriBuilder(broker) { Host = "127.0.0.1", Port = ((IPEndPoint)listener.LocalEndpoint).Port }.Uri.ToString();

    public volatile bool Swallowing;

    /// <summary>How many confirms were dropped so far.</summary>
    public int Swallowed => Volatile.Read(ref swallowed);

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                await upstream.ConnectAsync(broker.Host, broker.Port, stopping.Token);
                using var either = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
                var toBroker = client.GetStream().CopyToAsync(upstream.GetStream(), either.Token);
                var toClient = RelayFramesAsync(upstream.GetStream(), client.GetStream(), either.Token);
                await Task.WhenAny(toBroker, toClient);
                await either.CancelAsync();
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // The client or the broker went away: so does the other side.
            }
        }
    }

    /// <summary>Broker → client, frame by frame: type (1), channel (2), size (4), payload, 0xCE.</summary>
    private async Task RelayFramesAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        var header = new byte[7];
        while (true)
        {
            await from.ReadExactlyAsync(header, cancellationToken);
            var size = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(3));
            var rest = new byte[size + 1];
            await from.ReadExactlyAsync(rest, cancellationToken);
            if (rest[^1] != FrameEnd)
            {
                throw new IOException("Not an AMQP 0-9-1 frame");
            }

            if (Swallowing && IsConfirm(header[0], rest))
            {
                Interlocked.Increment(ref swallowed);
                continue;
            }

            await to.WriteAsync(header, cancellationToken);
            await to.WriteAsync(rest, cancellationToken);
        }
    }

    private static bool IsConfirm(byte type, byte[] payload) =>
        type == MethodFrame && payload.Length >= 5
        && BinaryPrimitives.ReadUInt16BigEndian(payload) == BasicClass
        && BinaryPrimitives.ReadUInt16BigEndian(payload.AsSpan(2)) is BasicAck or BasicNack;

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await accepting;
        stopping.Dispose();
    }
}
