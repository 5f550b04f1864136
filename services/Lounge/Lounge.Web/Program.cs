using SupportPlatform.Lounge;

var builder = WebApplication.CreateBuilder(args);
builder.AddLounge();

var app = builder.Build();
app.UseLounge();
app.MapLounge();
app.Run();

/// <summary>The entry point, public so the browser tests can host the site.</summary>
public partial class Program;
