using SupportPlatform.Inquiry;
using SupportPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddInquiryService();

var app = builder.Build();
app.MapDefaultEndpoints();
app.UseInquiryHttp();
app.MapInquiryApi();
app.Run();

/// <summary>The entry point, public so tests and the load benchmark can host the service.</summary>
public partial class Program;
