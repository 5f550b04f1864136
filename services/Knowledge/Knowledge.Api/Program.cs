using SupportPlatform.Knowledge;
using SupportPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddKnowledge();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapKnowledgeApi();

app.Run();

public partial class Program;
