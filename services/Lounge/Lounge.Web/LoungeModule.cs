using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SupportPlatform.Lounge.Apis;
using SupportPlatform.Lounge.MyInquiries;
using SupportPlatform.Lounge.Recommending;
using SupportPlatform.Lounge.Security;
using SupportPlatform.ServiceDefaults;

namespace SupportPlatform.Lounge;

public static class LoungeModule
{
    /// <summary>The Aspire service-discovery keys the AppHost sets for every service it references.</summary>
    public const string InquiryUrlKey = "services:inquiry:http:0";
    public const string KnowledgeUrlKey = "services:knowledge:http:0";

    public static WebApplicationBuilder AddLounge(this WebApplicationBuilder builder)
    {
        builder.ConfigureOpenTelemetry();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.Services.AddHealthChecks();
        builder.Services.AddRazorPages(options =>
        {
            // Every POST of every page needs the antiforgery token (forms carry it, scripts send it back).
            options.Conventions.ConfigureFilter(new Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute());
        });
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "lounge-csrf";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        builder.Services.AddHttpClient<InquiryApi>(http => Configure(http, builder.Configuration, InquiryUrlKey));
        builder.Services.AddHttpClient<KnowledgeApi>(http => Configure(http, builder.Configuration, KnowledgeUrlKey));
        builder.Services.AddSingleton<MyInquiriesLimiter>();
        return builder;
    }

    public static WebApplication UseLounge(this WebApplication app)
    {
        app.UseExceptionHandler("/error");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseSecurityHeaders();
        var korean = new CultureInfo("ko-KR");
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(korean),
            SupportedCultures = [korean],
            SupportedUICultures = [korean],
        });
        app.UseStaticFiles();
        app.UseRouting();
        return app;
    }

    public static WebApplication MapLounge(this WebApplication app)
    {
        app.MapHealthChecks("/health");
        app.MapHealthChecks("/alive");
        app.MapRazorPages();
        app.MapRecommendations();
        return app;
    }

    private static void Configure(HttpClient http, IConfiguration configuration, string key)
    {
        var url = configuration[key];
        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseAddress))
        {
            throw new InvalidOperationException(
                $"The Lounge needs the base URL of the API in {key.Replace(":", "__", StringComparison.Ordinal)} (an absolute http(s) URL).");
        }

        http.BaseAddress = baseAddress;
        http.Timeout = TimeSpan.FromSeconds(15);
    }
}
