using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using SupportPlatform.ServiceDefaults;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Notification.Tests;

/// <summary>
/// A database made by the start-up SQL of before versioned migrations (Fixtures/start-up-schema.sql),
/// holding a delivery, is taken over by the service at its first start: the first script is
/// journalled, the rows stay, and the service sends on it as on a new one.
/// </summary>
public sealed class MigratingTheSchema(PostgresDatabase database, RabbitMqVhost vhost, StrictSmtpServer smtp)
    : NotificationTest(database, vhost, smtp)
{
    private static readonly Guid EarlierInquiry = Guid.Parse("0f8e7d6c-5b4a-4938-8271-605f4e3d2c1b");

    public override async Task InitializeAsync()
    {
        await StartUpSchema.CreateAsync(Database);
        await using (var delivered = Database.DataSource.CreateCommand("""
            INSERT INTO notification.deliveries
                (id, inquiry_id, kind, message_id, consumer, message_type, request, recipient_hash, status, attempts, created_at, next_attempt_at, sent_at)
            VALUES (@inquiry, @inquiry, 'receipt', @inquiry, 'InquirySubmittedConsumer', 'InquirySubmitted', '{}', 'hash', 'sent', 1, now(), now(), now())
            ON CONFLICT DO NOTHING
            """))
        {
            delivered.Parameters.AddWithValue("inquiry", EarlierInquiry);
            await delivered.ExecuteNonQueryAsync();
        }

        await base.InitializeAsync();
    }

    [Fact]
    public async Task The_first_start_journals_the_first_script_keeps_the_rows_and_a_second_run_applies_nothing()
    {
        Assert.Equal(["Migrations/0001_initial.sql", "Migrations/0002_reminder_deliveries.sql", "Migrations/0003_email_conversation.sql", "Migrations/0004_survey_deliveries.sql", "Migrations/0005_sla_warnings.sql"], await StartUpSchema.JournalAsync(Database, NotificationSchema.Name));

        Assert.Empty(await NotificationSchema.MigrateAsync(Database.DataSource, NullLogger.Instance));
        Assert.Equal(["Migrations/0001_initial.sql", "Migrations/0002_reminder_deliveries.sql", "Migrations/0003_email_conversation.sql", "Migrations/0004_survey_deliveries.sql", "Migrations/0005_sla_warnings.sql"], await StartUpSchema.JournalAsync(Database, NotificationSchema.Name));
        var log = await Service.CreateClient().WithStaff(StaffRoles.Agent).GetAsync($"/api/notifications?inquiryId={EarlierInquiry}");
        Assert.Equal(HttpStatusCode.OK, log.StatusCode);
        var delivery = Assert.Single((await log.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deliveries").EnumerateArray());
        Assert.Equal("sent", delivery.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_service_sends_a_receipt_on_the_taken_over_schema()
    {
        var inquiry = Guid.NewGuid();
        var customer = CustomerAddress();

        await PublishAsync(Submitted(inquiry, customer, "업그레이드 뒤 접수"));

        Assert.Single(await WaitForEmailsAsync(customer, 1));
        await WaitForDeliveriesAsync(inquiry, d => d.Count == 2 && d.All(x => x.Status == "sent"), "both deliveries sent");
    }

    [Fact]
    public async Task A_new_database_gets_every_script_once()
    {
        var fresh = new PostgresDatabase();
        await fresh.InitializeAsync();
        try
        {
            var applied = await NotificationSchema.MigrateAsync(fresh.DataSource, NullLogger.Instance);

            Assert.Equal(["Migrations/0001_initial.sql", "Migrations/0002_reminder_deliveries.sql", "Migrations/0003_email_conversation.sql", "Migrations/0004_survey_deliveries.sql", "Migrations/0005_sla_warnings.sql"], applied);
            Assert.True(await StartUpSchema.HasTableAsync(fresh, NotificationSchema.Name, "deliveries"));
            Assert.Empty(await NotificationSchema.MigrateAsync(fresh.DataSource, NullLogger.Instance));
        }
        finally
        {
            await fresh.DisposeAsync();
        }
    }
}
