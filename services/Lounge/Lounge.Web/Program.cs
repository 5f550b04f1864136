using SupportPlatform.Lounge;
using SupportPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
// The Lounge keeps no data: it only calls the public Inquiry and Knowledge APIs.
builder.AddServiceDefaults(usesPostgres: false);
builder.AddLounge();

var app = builder.Build();
app.MapDefaultEndpoints();
app.UseLounge();
app.MapLounge();
app.Run();

/// <summary>The entry point, public so the browser tests can host the site.</summary>
public partial class Program;
