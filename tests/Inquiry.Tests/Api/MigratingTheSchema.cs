using Microsoft.Extensions.Logging.Abstractions;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Inquiry.Tests.Api;

/// <summary>
/// A database made the way the service made it before versioned migrations — Marten's schema, then
/// the start-up SQL of the tables Marten does not own (Fixtures/start-up-schema.sql), holding a
/// purge audit row — is taken over at the first start: the first script is journalled, the later
/// ones applied, the rows stay, the purge it had made goes on the shred list, and submissions work
/// as on a new database.
/// </summary>
public sealed class MigratingTheSchema(MigratingTheSchema.ApiOnTheStartUpSchema api) : IClassFixture<MigratingTheSchema.ApiOnTheStartUpSchema>
{
    private static readonly Guid PurgedBefore = Guid.Parse("3c2b1a09-8f7e-4d6c-9b5a-493827160504");

    [Fact]
    public async Task The_first_start_journals_the_first_script_keeps_the_rows_and_a_second_run_applies_nothing()
    {
        string[] scripts = ["Migrations/0001_initial.sql", "Migrations/0002_subject_exports.sql", "Migrations/0003_master_key_ids.sql", "Migrations/0004_shred_list_watermark.sql", "Migrations/0005_lookup_key_ids.sql", "Migrations/0006_service_level_revisions.sql", "Migrations/0007_message_search_terms.sql", "Migrations/0008_queue_day_counts.sql", "Migrations/0009_message_search_term_counts.sql", "Migrations/0010_response_time_histograms.sql"];
        Assert.Equal(scripts, await StartUpSchema.JournalAsync(api.Database, InquiryStore.Schema));

        Assert.Empty(await InquirySchema.MigrateAsync(api.Database.DataSource, NullLogger.Instance));
        Assert.Equal(scripts, await StartUpSchema.JournalAsync(api.Database, InquiryStore.Schema));
        Assert.Equal(1L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.purge_audit WHERE inquiry_id = @id", ("id", PurgedBefore)));
    }

    [Fact]
    public async Task The_purges_made_before_the_shred_list_existed_are_listed_once()
    {
        // No ConnectionStrings:shredlist here (not Production): the list lives in the service's database.
        Assert.Equal(1L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM shred_list.entries WHERE inquiry_id = @id", ("id", PurgedBefore)));
        Assert.Equal(
            await api.Database.ScalarAsync<long>("SELECT max(position) FROM shred_list.entries"),
            await api.Database.ScalarAsync<long>("SELECT position FROM inquiry.shred_watermark"));
    }

    [Fact]
    public async Task Submissions_work_on_the_taken_over_schema()
    {
        var receipt = await api.SubmitAsync();

        Assert.Equal(1L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.data_keys WHERE inquiry_id = @id", ("id", receipt.InquiryId)));
    }

    public sealed class ApiOnTheStartUpSchema : InquiryApi
    {
        protected override async Task BeforeStartAsync()
        {
            // Marten's activator ran first and made the schema; the start-up SQL added the rest.
            await using (var schema = Database.DataSource.CreateCommand($"CREATE SCHEMA {InquiryStore.Schema}"))
            {
                await schema.ExecuteNonQueryAsync();
            }

            await StartUpSchema.CreateAsync(Database);
            await using var audit = Database.DataSource.CreateCommand("""
                INSERT INTO inquiry.purge_audit
                    (inquiry_id, submitted_at, last_business_activity_at, deadline, reason, policy_version, events_deleted, attachments_deleted, purged_at, run_id)
                VALUES (@id, now(), now(), now(), 'retention-expired', '2024-01', 3, 0, now(), gen_random_uuid())
                """);
            audit.Parameters.AddWithValue("id", PurgedBefore);
            await audit.ExecuteNonQueryAsync();
        }
    }
}
