using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Knowledge.Tests;

/// <summary>
/// A database made by the start-up SQL of before versioned migrations (Fixtures/start-up-schema.sql),
/// holding a concept staff wrote, is taken over by the service at its first start: the first script
/// is journalled (and every later one applied), the rows stay, and the service seeds, searches and recommends on it.
/// </summary>
public sealed class MigratingTheSchema(MigratingTheSchema.ServiceOnTheStartUpSchema service) : IClassFixture<MigratingTheSchema.ServiceOnTheStartUpSchema>
{
    [Fact]
    public async Task The_first_start_journals_the_scripts_keeps_the_rows_and_a_second_run_applies_nothing()
    {
        Assert.Equal(["Migrations/0001_initial.sql", "Migrations/0002_desk_article_uses.sql"], await StartUpSchema.JournalAsync(service.Database, KnowledgeSchema.Name));

        Assert.Empty(await KnowledgeSchema.MigrateAsync(service.Database.DataSource, NullLogger.Instance));
        Assert.Equal(["Migrations/0001_initial.sql", "Migrations/0002_desk_article_uses.sql"], await StartUpSchema.JournalAsync(service.Database, KnowledgeSchema.Name));
        Assert.Equal("before-migrations", await service.Database.ScalarAsync<string>("SELECT editor FROM knowledge.concepts WHERE key = 'staff-written'"));
    }

    [Fact]
    public async Task The_service_seeds_and_recommends_on_the_taken_over_schema()
    {
        var recommendations = await service.Client().GetFromJsonAsync<JsonElement>("/api/recommendations?text=" + Uri.EscapeDataString("랜섬웨어 관련") + "&limit=3");

        Assert.Equal("[정보공유] 스팸메일 및 랜섬웨어 관련 정보공유", recommendations[0].GetProperty("title").GetString());
    }

    public sealed class ServiceOnTheStartUpSchema : KnowledgeService
    {
        protected override async Task BeforeStartAsync()
        {
            await StartUpSchema.CreateAsync(Database);
            await using var concept = Database.DataSource.CreateCommand("""
                INSERT INTO knowledge.concepts (key, phrases, articles, revision, editor, updated_at)
                VALUES ('staff-written', '{"업그레이드 전 용어"}', '{}', 1, 'before-migrations', now())
                """);
            await concept.ExecuteNonQueryAsync();
        }
    }
}
