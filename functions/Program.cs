using CareerNexus;
using CareerNexus.Functions.Careers;
using CareerNexus.Functions.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddCareerNexusHosting();
builder.Services.AddCareerNexusPlatform(builder.Configuration);
builder.Services.AddCareerNexusHttp();
builder.Services.AddCareersSurface();

var app = builder.Build();
app.UseCareerNexusHttp();
app.MapCareers();

if (FunctionManifest.TryEmit(app, args)) return;
app.Run();

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
