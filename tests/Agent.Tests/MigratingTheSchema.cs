extern alias agent;

using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using SupportPlatform.ServiceDefaults;
using SupportPlatform.Testing;
using Xunit;
using AgentSchema = agent::SupportPlatform.Agent.AgentSchema;
using StaffAccounts = agent::SupportPlatform.Agent.Staff.StaffAccounts;

namespace SupportPlatform.Agent.Tests;

/// <summary>
/// A database whose tables EF's CreateTables made, as the desk did before versioned migrations
/// (Fixtures/start-up-schema.sql), holding an audit entry, is taken over at the first start: the
/// first script is journalled, the rows stay, and staff accounts work on it.
/// </summary>
public sealed class MigratingTheSchema
{
    [Fact]
    public async Task A_database_made_by_efs_create_tables_is_taken_over_keeping_its_rows_and_a_second_run_applies_nothing()
    {
        var database = new PostgresDatabase();
        var vhost = new RabbitMqVhost();
        await Task.WhenAll(database.InitializeAsync(), vhost.InitializeAsync());
        try
        {
            await StartUpSchema.CreateAsync(database);
            await using (var audit = database.DataSource.CreateCommand("""INSERT INTO agent.audit_log ("At", "StaffId", "Action") VALUES (now(), gen_random_uuid(), 'before-migrations')"""))
            {
                await audit.ExecuteNonQueryAsync();
            }

            await using var desk = new Desk(database, vhost);
            _ = desk.Services;

            Assert.Equal(["Migrations/0001_initial.sql", "Migrations/0002_saved_replies.sql", "Migrations/0003_compliance_records.sql", "Migrations/0004_inbox.sql"], await StartUpSchema.JournalAsync(database, "agent"));
            Assert.Empty(await AgentSchema.MigrateAsync(desk.Services));
            Assert.Equal(["Migrations/0001_initial.sql", "Migrations/0002_saved_replies.sql", "Migrations/0003_compliance_records.sql", "Migrations/0004_inbox.sql"], await StartUpSchema.JournalAsync(database, "agent"));
            Assert.Equal(1L, await database.ScalarAsync<long>("""SELECT count(*) FROM agent.audit_log WHERE "Action" = 'before-migrations'"""));

            var email = $"agent-{Guid.NewGuid():N}@staff.test";
            await using (var scope = desk.Services.CreateAsyncScope())
            {
                var created = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateOrResetAsync(email, "상담원", DeskPlatform.Password, [StaffRoles.Agent]);
                Assert.True(created.Succeeded, string.Join("; ", created.Errors));
            }

            using var client = desk.CreateClient();
            var token = await client.PostAsJsonAsync("/api/auth/token", new { email, password = DeskPlatform.Password });
            Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        }
        finally
        {
            await vhost.DisposeAsync();
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_new_database_gets_every_script_once()
    {
        var database = new PostgresDatabase();
        var vhost = new RabbitMqVhost();
        await Task.WhenAll(database.InitializeAsync(), vhost.InitializeAsync());
        try
        {
            await using var desk = new Desk(database, vhost);
            _ = desk.Services;

            Assert.Equal(["Migrations/0001_initial.sql", "Migrations/0002_saved_replies.sql", "Migrations/0003_compliance_records.sql", "Migrations/0004_inbox.sql"], await StartUpSchema.JournalAsync(database, "agent"));
            Assert.True(await StartUpSchema.HasTableAsync(database, "agent", "\"AspNetUsers\""));
            Assert.True(await StartUpSchema.HasTableAsync(database, "agent", "saved_reply_revisions"));
            Assert.Empty(await AgentSchema.MigrateAsync(desk.Services));
        }
        finally
        {
            await vhost.DisposeAsync();
            await database.DisposeAsync();
        }
    }

    private sealed class Desk(PostgresDatabase database, RabbitMqVhost vhost) : ServiceFactory<agent::Program>(database, vhost)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("services:inquiry:http:0", "http://127.0.0.1:9");
            builder.UseSetting("services:knowledge:http:0", "http://127.0.0.1:9");
            builder.UseSetting("services:notification:http:0", "http://127.0.0.1:9");
        }
    }
}
