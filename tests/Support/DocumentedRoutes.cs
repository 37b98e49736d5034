using Xunit;

namespace CareerNexus.Tests.Support;

/// <summary>The documented routes, copied from the design's route table into tests/Data (one "METHOD\tpath" per line).</summary>
public static class DocumentedRoutes
{
    public static TheoryData<string, string> Read(params string[] files)
    {
        var data = new TheoryData<string, string>();
        foreach (var file in files)
            foreach (var line in File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", file)))
            {
                var parts = line.Split('\t');
                data.Add(parts[0], parts[1]);
            }
        return data;
    }
}
