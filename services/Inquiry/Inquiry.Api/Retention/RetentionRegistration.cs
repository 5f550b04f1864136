using SupportPlatform.Inquiry.AccessRequests.Correcting;
using SupportPlatform.Inquiry.AccessRequests.Exporting;
using SupportPlatform.Inquiry.Retention.Erasing;
using SupportPlatform.Inquiry.Retention.Holding;
using SupportPlatform.Inquiry.Retention.Ledger;
using SupportPlatform.Inquiry.Retention.Purging;
using SupportPlatform.Inquiry.Retention.Reporting;
using SupportPlatform.Inquiry.Retention.Running;
using SupportPlatform.ServiceDefaults;

namespace SupportPlatform.Inquiry.Retention;

/// <summary>Retention, legal holds, erasure, access-request exports, the report and the ledger: the compliance side of the service.</summary>
public static class RetentionRegistration
{
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetentionOptions>()
            .Bind(configuration.GetSection("Retention"))
            .Validate(o => o.Interval > TimeSpan.Zero && o.LeadershipPoll > TimeSpan.Zero && o.BatchSize is > 0 and <= 10_000,
                "Retention:Interval and Retention:LeadershipPoll must be positive and Retention:BatchSize within 1..10000.")
            .ValidateOnStart();
        services.AddSingleton<InquiryPurger>();
        services.AddSingleton<RetentionPass>();
        services.AddSingleton<ReadModelCatchUp>();
        services.AddSingleton<Erasures>();
        services.AddSingleton<RetentionReports>();
        services.AddHostedService<RetentionJob>();
        services.AddSingleton<SubjectExports>();
        services.AddHostedService<ExpiredExportSweeper>();
        return services;
    }

    public static WebApplication MapComplianceApi(this WebApplication app)
    {
        app.MapGroup("/api/compliance")
            .RequireAuthorization(StaffRoles.Compliance)
            .WithTags("Compliance")
            .MapRetentionReport()
            .MapRetentionRuns()
            .MapLegalHold()
            .MapErasureRequests()
            .MapDestructionLedger()
            .MapSubjectExports()
            .MapCorrections();
        return app;
    }
}
