using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportPlatform.Notification.Deliveries;
using SupportPlatform.ServiceDefaults;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Notification.Tests;

public sealed class ListingDeliveries(PostgresDatabase database, RabbitMqVhost vhost, StrictSmtpServer smtp)
    : NotificationTest(database, vhost, smtp)
{
    [Fact]
    public async Task Agents_see_the_delivery_status_of_an_inquiry_with_recipients_as_hashes()
    {
        var inquiry = Guid.NewGuid();
        await PublishAsync(Submitted(inquiry, "hong.gildong@customer.test", "상태 조회"));
        await WaitForDeliveriesAsync(inquiry, d => d.Count == 2 && d.All(x => x.Status == "sent"), "sent");

        var response = await Service.CreateClient().WithStaff(StaffRoles.Agent).GetAsync($"/api/notifications?inquiryId={inquiry}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var log = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(inquiry, log.GetProperty("inquiryId").GetGuid());
        var deliveries = log.GetProperty("deliveries").EnumerateArray().ToDictionary(d => d.GetProperty("kind").GetString()!);
        Assert.Equal(["receipt", "staff-alert"], deliveries.Keys.Order());
        Assert.Equal(Service.Services.GetRequiredService<RecipientHash>().Of("hong.gildong@customer.test"), deliveries["receipt"].GetProperty("recipientHash").GetString());
        Assert.Equal(Service.Services.GetRequiredService<RecipientHash>().Of(SupportTeam), deliveries["staff-alert"].GetProperty("recipientHash").GetString());
        Assert.All(deliveries.Values, d =>
        {
            Assert.Equal("sent", d.GetProperty("status").GetString());
            Assert.Equal(1, d.GetProperty("attempts").GetInt32());
            Assert.True(d.TryGetProperty("sentAt", out _));
        });
        Assert.DoesNotContain("hong.gildong", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_token_the_answer_is_401_and_without_the_agent_role_403()
    {
        var url = $"/api/notifications?inquiryId={Guid.NewGuid()}";
        Assert.Equal(HttpStatusCode.Unauthorized, (await Service.CreateClient().GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Service.CreateClient().WithStaff(StaffRoles.Compliance).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Service.CreateClient().WithStaff(StaffRoles.Admin).GetAsync(url)).StatusCode);
    }

    [Theory]
    [InlineData("/api/notifications")]
    [InlineData("/api/notifications?inquiryId=not-a-guid")]
    [InlineData("/api/notifications?inquiryId=00000000-0000-0000-0000-000000000000")]
    public async Task A_missing_or_malformed_inquiry_id_is_a_problem_with_a_field_error(string url)
    {
        var response = await Service.CreateClient().WithStaff(StaffRoles.Agent).GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("inquiryId", out _));
    }

    [Fact]
    public async Task The_API_is_described_in_OpenAPI()
    {
        var document = await Service.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        Assert.True(document.GetProperty("paths").TryGetProperty("/api/notifications", out _));
    }
}
