using System.Collections.Concurrent;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Notification.Tests;

/// <summary>
/// The real Notification service in-process, against this class's own database, vhost and SMTP
/// server, and doubles of Inquiry's internal API that holds each scenario's inquiries and of the
/// desk's that holds staff addresses. Scenarios
/// publish integration events (ids only) through the service's bus, as the Inquiry service's log
/// publisher would, and read what reached the SMTP server.
/// </summary>
public abstract class NotificationTest(PostgresDatabase database, RabbitMqVhost vhost, StrictSmtpServer smtp)
    : IClassFixture<PostgresDatabase>, IClassFixture<RabbitMqVhost>, IClassFixture<StrictSmtpServer>, IAsyncLifetime
{
    protected const string SupportTeam = "support-team@vendor.test";
    protected const string Lounge = "https://lounge.vendor.test";
    protected const string Sender = "고객케어 라운지 <no-reply@vendor.test>";

    private readonly ConsumedMessages consumed = new();

    protected PostgresDatabase Database => database;

    protected RabbitMqVhost Vhost => vhost;

    protected StrictSmtpServer Smtp => smtp;

    protected ServiceFactory<Program> Service { get; private set; } = null!;

    /// <summary>What Notification reads personal data from: Inquiry's internal API.</summary>
    protected InquiryApiDouble Inquiries { get; } = new();

    /// <summary>What Notification reads staff addresses from: the desk's internal API.</summary>
    protected StaffApiDouble Staff { get; } = new();

    protected IBus Bus => Service.Services.GetRequiredService<IBus>();

    public virtual async Task InitializeAsync()
    {
        await Inquiries.InitializeAsync();
        await Staff.InitializeAsync();
        Service = new ServiceFactory<Program>(database, vhost);
        Service.Settings["InquiryApi:BaseAddress"] = Inquiries.BaseAddress;
        Service.Settings["AgentApi:BaseAddress"] = Staff.BaseAddress;
        Service.Settings["Smtp:Host"] = smtp.Host;
        Service.Settings["Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Service.Settings["Smtp:From"] = Sender;
        Service.Settings["Smtp:Timeout"] = "00:00:05";
        Service.Settings["Notification:SupportTeamAddress"] = SupportTeam;
        Service.Settings["Notification:RetryPollInterval"] = "00:00:00.100";
        Service.Settings["services:lounge:http:0"] = Lounge;
        Configure(Service.Settings);
        _ = Service.Services;
        Bus.ConnectConsumeObserver(consumed);
    }

    /// <summary>A scenario's own settings, applied over the defaults before the service starts.</summary>
    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }

    public virtual async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        await Inquiries.DisposeAsync();
        await Staff.DisposeAsync();
    }

    protected static string CustomerAddress() => $"customer-{Guid.NewGuid():N}@customer.test";

    /// <summary>An inquiry as Inquiry holds it (in the API double), and the ids-only event of its submission.</summary>
    protected InquirySubmitted Submitted(Guid inquiryId, string email, string summary, string language = "ko", string companyName = "(주)한빛소프트")
    {
        var inquiry = Inquiries.Add(inquiryId, email, summary, language, companyName);
        return new() { InquiryId = inquiryId, Language = language, SubmittedAt = inquiry.SubmittedAt };
    }

    /// <summary>The private-link token Inquiry gives for the inquiry (as <see cref="InquiryApiDouble.Add"/> made it).</summary>
    protected static string TokenOf(Guid inquiryId) => "tok-" + inquiryId.ToString("N")[..12];

    protected static string SurveyTokenOf(Guid inquiryId) => "survey-" + inquiryId.ToString("N")[..12];

    /// <summary>Publishes with a chosen message id (the event id, as the log publisher sets it).</summary>
    protected async Task<Guid> PublishAsync<T>(T message, Guid? messageId = null) where T : class
    {
        var id = messageId ?? Guid.NewGuid();
        await Bus.Publish(message, context => context.MessageId = id);
        return id;
    }

    /// <summary>Waits until the service finished consuming the message (successfully or not) this many times.</summary>
    protected Task ConsumedAsync(Guid messageId, int times = 1, TimeSpan? timeout = null) =>
        Eventually.TrueAsync(() => Task.FromResult(consumed.Count(messageId) >= times), $"message {messageId} consumed {times}×", timeout);

    /// <summary>How many of the message's consumptions so far ended in a fault (each fault sends it towards the error queue).</summary>
    protected int FaultsOf(Guid messageId) => consumed.Faults(messageId);
    /// <summary>How many times the service finished consuming the message so far (a failed attempt counts).</summary>
    protected int ConsumedCount(Guid messageId) => consumed.Count(messageId);

    protected async Task<IReadOnlyList<ReceivedEmail>> EmailsToAsync(string recipient) =>
        (await Smtp.ReadMessagesAsync()).Select(ReceivedEmail.Parse).Where(e => e.EnvelopeTo == recipient).ToList();

    protected Task<IReadOnlyList<ReceivedEmail>> WaitForEmailsAsync(string recipient, int count, Func<ReceivedEmail, bool>? about = null) =>
        Eventually.ReturnsAsync(
            async () => (IReadOnlyList<ReceivedEmail>)(await EmailsToAsync(recipient)).Where(about ?? (_ => true)).ToList(),
            emails => emails.Count >= count,
            $"{count} email(s) to {recipient}",
            TimeSpan.FromSeconds(30));

    protected async Task<IReadOnlyList<StoredDelivery>> DeliveriesAsync(Guid inquiryId)
    {
        await using var command = Database.DataSource.CreateCommand(
            "SELECT id, kind, recipient_hash, status, attempts, last_error FROM notification.deliveries WHERE inquiry_id = @id ORDER BY kind");
        command.Parameters.AddWithValue("id", inquiryId);
        var rows = new List<StoredDelivery>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new StoredDelivery(
                reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3), reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return rows;
    }

    protected Task<IReadOnlyList<StoredDelivery>> WaitForDeliveriesAsync(Guid inquiryId, Func<IReadOnlyList<StoredDelivery>, bool> until, string what) =>
        Eventually.ReturnsAsync(() => DeliveriesAsync(inquiryId), until, what, TimeSpan.FromSeconds(30));

    public sealed record StoredDelivery(Guid Id, string Kind, string? RecipientHash, string Status, int Attempts, string? LastError);

    private sealed class ConsumedMessages : IConsumeObserver
    {
        private readonly ConcurrentDictionary<Guid, int> counts = new();
        private readonly ConcurrentDictionary<Guid, int> faults = new();

        public int Count(Guid messageId) => counts.GetValueOrDefault(messageId);

        public int Faults(Guid messageId) => faults.GetValueOrDefault(messageId);

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class => Record(context, faulted: false);

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Record(context, faulted: true);

        private Task Record(ConsumeContext context, bool faulted)
        {
            if (context.MessageId is { } id)
            {
                // Faults first: whoever sees the count has seen how it ended.
                if (faulted)
                {
                    faults.AddOrUpdate(id, 1, (_, n) => n + 1);
                }

                counts.AddOrUpdate(id, 1, (_, n) => n + 1);
            }

            return Task.CompletedTask;
        }
    }
}
