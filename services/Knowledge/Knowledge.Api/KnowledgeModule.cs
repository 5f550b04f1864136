using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Knowledge.Articles;
using SupportPlatform.Knowledge.Articles.Creating;
using SupportPlatform.Knowledge.Articles.Editing;
using SupportPlatform.Knowledge.Articles.ListingRevisions;
using SupportPlatform.Knowledge.Articles.Managing;
using SupportPlatform.Knowledge.Articles.Publishing;
using SupportPlatform.Knowledge.Articles.Reading;
using SupportPlatform.Knowledge.Articles.Searching;
using SupportPlatform.Knowledge.Categories.Listing;
using SupportPlatform.Knowledge.Concepts;
using SupportPlatform.Knowledge.Concepts.Editing;
using SupportPlatform.Knowledge.Feedback;
using SupportPlatform.Knowledge.Feedback.Giving;
using SupportPlatform.Knowledge.Funnel.Tracking;
using SupportPlatform.Knowledge.Inquiries.Purging;
using SupportPlatform.Knowledge.Learning;
using SupportPlatform.Knowledge.Learning.RecordingDeskUse;
using SupportPlatform.Knowledge.Learning.Reviewing;
using SupportPlatform.Knowledge.Inquiries.Suggesting;
using SupportPlatform.Knowledge.Recommending;
using SupportPlatform.Knowledge.Reports.ReportingDeflection;
using SupportPlatform.Knowledge.Reports.ReportingGaps;
using SupportPlatform.Knowledge.Searching;
using SupportPlatform.Knowledge.Seeding;
using SupportPlatform.Knowledge.Startup;
using SupportPlatform.Knowledge.Timing;
using SupportPlatform.ServiceDefaults;
using SupportPlatform.ServiceDefaults.Consuming;

namespace SupportPlatform.Knowledge;

public static class KnowledgeModule
{
    public static WebApplicationBuilder AddKnowledge(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ArticleStore>();
        builder.Services.AddSingleton<FeedbackStore>();
        builder.Services.AddSingleton<ConceptStore>();
        builder.Services.AddSingleton<LearningFromUse>();
        builder.Services.AddSingleton<SeedArticles>();
        builder.Services.AddSingleton<ArticleIndex>();
        // Order matters: hosted services start in registration order, and the bus must find the index built.
        builder.Services.AddHostedService<KnowledgeStartup>();
        builder.Services.AddHostedService<ArticleIndexRefresher>();
        builder.Services.AddHostedService<LearningFromUseSchedule>();
        builder.Services.AddHttpClient<InternalInquiryApi>(http => http.BaseAddress = new Uri(builder.Configuration["InquiryApi:BaseAddress"] ?? "https+http://inquiry")).AsService();
        builder.AddMessaging("knowledge", bus =>
        {
            bus.AddRetryingConsumer<InquirySubmittedConsumer>();
            bus.AddRetryingConsumer<InquiryPurgedConsumer>();
        });
        builder.AddStaffAuthentication();
        builder.AddFrontEndCors();
        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication MapKnowledgeApi(this WebApplication app)
    {
        app.UseServerTiming();
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi();

        var api = app.MapGroup("/api").WithTags("Knowledge").RequireFrontEndCors();
        api.MapRecommend()
            .MapSearchArticles()
            .MapGetArticle()
            .MapListCategories()
            .MapGiveFeedback()
            .MapTrackFunnelEvent();

        var staff = app.MapGroup("/api/staff").WithTags("Knowledge staff").RequireAuthorization(StaffRoles.Agent);
        staff.MapStaffArticles()
            .MapCreateArticle()
            .MapEditArticle()
            .MapPublishArticle()
            .MapListRevisions()
            .MapGetSuggestions()
            .MapDeflectionReport()
            .MapKnowledgeGapReport()
            .MapEditConcepts()
            .MapReviewLearnedTerms()
            .MapRecordArticleUse();
        return app;
    }
}
