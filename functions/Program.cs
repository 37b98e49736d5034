using CareerNexus;
using CareerNexus.Functions.Careers;
using CareerNexus.Functions.Docs;
using CareerNexus.Functions.Hosting;
using CareerNexus.Functions.Media;
using CareerNexus.Functions.Nexus;
using CareerNexus.Functions.Realtime;
using CareerNexus.Functions.Recruitment;
using CareerNexus.Functions.Talent;
using CareerNexus.Functions.Telemetry;
using CareerNexus.Functions.Workers;

var builder = WebApplication.CreateBuilder(args);
builder.AddCareerNexusHosting();
builder.AddCareerNexusTelemetry();
builder.Services.AddCareerNexusPlatform(builder.Configuration);
builder.Services.AddCareerNexusHttp();
builder.Services.AddCareersSurface();
builder.Services.AddNexusSurface();
builder.Services.AddRecruitmentSurface();
builder.Services.AddTalentSurface();
builder.Services.AddWorkers();
builder.Services.AddRealtimeHosting();
builder.Services.AddHealth();

var app = builder.Build();
app.UseCareerNexusHttp();
app.MapCareers();
app.MapNexus();
app.MapRecruitment();
app.MapTalent();
app.MapWorkers();
app.MapRealtime();
app.MapMedia();
app.MapApiDocs();
app.MapHealth();

if (FunctionManifest.TryEmit(app, args)) return;
app.Run();

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
