using SupportPlatform.Inquiry.AccessRecords.RecordingApiReads;
using SupportPlatform.Inquiry.Attachments;
using SupportPlatform.Inquiry.Consent;
using SupportPlatform.Inquiry.EventLog;
using SupportPlatform.Inquiry.Http;
using SupportPlatform.Inquiry.Inquiries;
using SupportPlatform.Inquiry.Inquiries.Answering;
using SupportPlatform.Inquiry.Inquiries.ReceivingEmails;
using SupportPlatform.Inquiry.Inquiries.Assigning;
using SupportPlatform.Inquiry.Inquiries.AutoClosing;
using SupportPlatform.Inquiry.Inquiries.Categorising;
using SupportPlatform.Inquiry.Inquiries.Closing;
using SupportPlatform.Inquiry.Inquiries.FollowingUp;
using SupportPlatform.Inquiry.Inquiries.Noting;
using SupportPlatform.Inquiry.Inquiries.Prioritising;
using SupportPlatform.Inquiry.Inquiries.Queueing;
using SupportPlatform.Inquiry.Inquiries.Rating;
using SupportPlatform.Inquiry.Inquiries.Reopening;
using SupportPlatform.Inquiry.Inquiries.Reporting;
using SupportPlatform.Inquiry.Inquiries.SearchingMessages;
using SupportPlatform.Inquiry.Inquiries.SendingLinks;
using SupportPlatform.Inquiry.Inquiries.ServingOtherServices;
using SupportPlatform.Inquiry.Inquiries.Submitting;
using SupportPlatform.Inquiry.Inquiries.Viewing;
using SupportPlatform.Inquiry.Keys;
using SupportPlatform.Inquiry.PersonalData;
using SupportPlatform.Inquiry.Publishing;
using SupportPlatform.Inquiry.Retention;
using SupportPlatform.Inquiry.ServiceLevels;
using SupportPlatform.Inquiry.ServiceLevels.Warning;
using SupportPlatform.ServiceDefaults;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Inquiry;

public static class InquiryModule
{
    public static WebApplicationBuilder AddInquiryService(this WebApplicationBuilder builder)
    {
        builder.AddStaffAuthentication();
        builder.AddMessaging("inquiry");
        builder.AddFrontEndCors();

        var services = builder.Services;
        services.AddSingleton(sp => PersonalDataKeys.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        services.AddServiceLevelRevisions();
        services.AddInquiryStore();
        services.AddEventLogWatchdog(builder.Configuration);

        services.AddSingleton<InquiryCommands>();
        services.AddSingleton<InquiryStreams>();
        services.AddSingleton<DataKeyStore>();
        services.AddSingleton<CustomerAccess>();
        services.AddSingleton<LinkTokens>();
        services.AddSingleton<UploadTokens>();
        services.AddSingleton<LinkRequestLimiter>();
        services.AddSingleton<LinkRequestQueue>();
        services.AddHostedService<LinkRequestSender>();
        services.AddSingleton<AgentCommands>();
        services.AddSingleton<ApiReads>();
        services.AddSingleton<InquirySubmissions>();
        services.AddSingleton<MessageSearchIndex>();
        services.AddSingleton<MessageSearch>();
        services.AddSingleton<MessageSearchRebuild>();
        services.AddSingleton(sp => new AttachmentStore(
            sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), sp.GetRequiredService<PersonalDataKeys>(), sp.GetRequiredService<TimeProvider>())
        {
            UnboundLifetime = sp.GetRequiredService<IConfiguration>().GetValue("Attachments:UnboundLifetime", TimeSpan.FromDays(1)),
        });
        services.AddHostedService<UnboundAttachmentSweeper>();
        services.AddRetention(builder.Configuration);
        services.AddOptions<AutoCloseOptions>().Bind(builder.Configuration.GetSection("AutoClose"))
            .Validate(o => o.Days is > 0 and <= 90 && o.Interval > TimeSpan.Zero, "AutoClose:Days must be within 1..90 and AutoClose:Interval positive.")
            .ValidateOnStart();
        services.AddSingleton<IWaitingDays, BusinessDays>();
        services.AddSingleton<AutoClosePass>();
        services.AddHostedService<AutoCloseJob>();
        services.AddOptions<SlaWarningOptions>().Bind(builder.Configuration.GetSection("SlaWarnings"))
            .Validate(o => o.Interval > TimeSpan.Zero && o.BatchSize > 0, "SlaWarnings:Interval and SlaWarnings:BatchSize must be positive.")
            .ValidateOnStart();
        services.AddSingleton<SlaWarningPass>();
        services.AddHostedService<SlaWarningJob>();
        services.AddKeyRotation();

        services.AddPublicRateLimiting();
        services.AddRequestConcurrencyLimit(builder.Configuration);
        services.AddOpenApi();
        return builder;
    }

    /// <summary>Identity, limits and hardening of every request, after the default error handling.</summary>
    public static WebApplication UseInquiryHttp(this WebApplication app)
    {
        app.UseCors();
        // Early: the replica's concurrency bound (RequestConcurrency) refuses before anything costs
        // more; the public per-client policy needs only the endpoint, which routing found already.
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseBodySizeLimits();
        return app;
    }

    public static WebApplication MapInquiryApi(this WebApplication app)
    {
        app.MapOpenApi();

        app.MapGroup("/api")
            .RequireRateLimiting(PublicRateLimiting.Policy)
            .RequireFrontEndCors()
            .WithTags("Customers")
            .MapConsentPolicy()
            .MapSubmit()
            .MapUpload()
            .MapCustomerView()
            .MapFollowUp()
            .MapSendLinks()
            .MapRate()
            .MapCustomerDownload();

        app.MapGroup("/api/agent/inquiries")
            .RequireAuthorization(StaffRoles.Agent)
            .WithTags("Agents")
            .MapQueue()
            .MapMessageSearch()
            .MapAgentView()
            .MapAnswer()
            .MapResolveHeldEmail()
            .MapNote()
            .MapAssign()
            .MapPrioritise()
            .MapCategorise()
            .MapClose()
            .MapReopen()
            .MapSatisfactionReport()
            .MapWorkloadReport()
            .MapResponseTimeReport()
            .MapAgentDownload();

        app.MapComplianceApi();
        app.MapEventLogApi();
        app.MapKeysApi();
        app.MapServiceLevelsApi();
        app.MapInternalApi();
        return app;
    }
}
