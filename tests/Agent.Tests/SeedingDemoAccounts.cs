extern alias agent;

using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SupportPlatform.Testing;
using Xunit;
using DemoAccounts = agent::SupportPlatform.Agent.Staff.Seeding.DemoAccounts;
using StaffMember = agent::SupportPlatform.Agent.Staff.StaffMember;

namespace SupportPlatform.Agent.Tests;

/// <summary>Demo accounts exist in a local Development run, printed as "email password", and never elsewhere.</summary>
public sealed class SeedingDemoAccounts
{
    [Fact]
    public async Task Development_creates_and_prints_the_demo_agent_and_compliance_officer_with_the_given_password()
    {
        var database = new PostgresDatabase();
        var vhost = new RabbitMqVhost();
        await Task.WhenAll(database.InitializeAsync(), vhost.InitializeAsync());
        try
        {
            await using var desk = new DeskInEnvironment(database, vhost, "Development");
            desk.Settings["DemoAccounts:Password"] = "Demo-abcdefgh2345";
            _ = desk.Services;

            var printed = new StringWriter();
            await new DemoAccounts(desk.Services, desk.Services.GetRequiredService<IConfiguration>(), NullLogger<DemoAccounts>.Instance) { Output = printed }
                .StartAsync(CancellationToken.None);
            using var client = desk.CreateClient();
            var agentToken = await client.PostAsJsonAsync("/api/auth/token", new { email = "agent@example.com", password = "Demo-abcdefgh2345" });
            var complianceToken = await client.PostAsJsonAsync("/api/auth/token", new { email = "compliance@example.com", password = "Demo-abcdefgh2345" });
            var adminToken = await client.PostAsJsonAsync("/api/auth/token", new { email = "admin@example.com", password = "Demo-abcdefgh2345" });

            Assert.Equal(["agent@example.com Demo-abcdefgh2345", "compliance@example.com Demo-abcdefgh2345", "admin@example.com Demo-abcdefgh2345"], printed.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            Assert.Equal(HttpStatusCode.OK, agentToken.StatusCode);
            Assert.Equal(HttpStatusCode.OK, complianceToken.StatusCode);
            Assert.Equal(HttpStatusCode.OK, adminToken.StatusCode);
        }
        finally
        {
            await vhost.DisposeAsync();
            await database.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Testing")]
    public async Task Other_environments_have_no_demo_accounts(string environment)
    {
        var database = new PostgresDatabase();
        var vhost = new RabbitMqVhost();
        await Task.WhenAll(database.InitializeAsync(), vhost.InitializeAsync());
        try
        {
            await using var desk = new DeskInEnvironment(database, vhost, environment);
            desk.Settings["DemoAccounts:Password"] = "Demo-abcdefgh2345";
            _ = desk.Services;

            await using var scope = desk.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffMember>>();
            Assert.Null(await users.FindByEmailAsync("agent@example.com"));
            Assert.Null(await users.FindByEmailAsync("compliance@example.com"));
            Assert.Null(await users.FindByEmailAsync("admin@example.com"));
            Assert.DoesNotContain(desk.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>(), s => s is DemoAccounts);
        }
        finally
        {
            await vhost.DisposeAsync();
            await database.DisposeAsync();
        }
    }

    private sealed class DeskInEnvironment(PostgresDatabase database, RabbitMqVhost vhost, string environment) : ServiceFactory<agent::Program>(database, vhost)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment(environment);
            builder.UseSetting("services:inquiry:http:0", "http://127.0.0.1:9");
            builder.UseSetting("services:knowledge:http:0", "http://127.0.0.1:9");
            builder.UseSetting("services:notification:http:0", "http://127.0.0.1:9");
        }
    }
}
