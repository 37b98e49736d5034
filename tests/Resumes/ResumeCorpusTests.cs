using CareerNexus.Matching;
using CareerNexus.Resumes;
using CareerNexus.Tests.Resumes.Corpus;
using Xunit;
using Xunit.Abstractions;

namespace CareerNexus.Tests.Resumes;

/// <summary>
/// The accuracy floor: the parser over the generated corpus (the benchmark's 144 resumes: every layout in PDF and DOCX,
/// English and French) must keep at least the share of fields right it was measured at, less a small margin, so that a
/// change that loses fields fails here. Accuracy is deterministic (a fixed seed, a stopped clock); speed is measured by
/// ./bench.sh, not here.
/// </summary>
public sealed class ResumeCorpusTests(ITestOutputHelper output)
{
    /// <summary>Measured 100.0% (5,301 of 5,301 fields); the floor leaves room for a change of wording, not of method.</summary>
    private const double Floor = 0.985;

    [Fact]
    public void The_parser_keeps_its_accuracy_over_the_corpus()
    {
        var parser = new ResumeParser(new ResumeReader(ResumeVocabulary.Shared, MatchData.Shared), ResumeCorpus.Limits, new CorpusClock());
        var corpus = ResumeCorpus.Generate(144).ToList();
        Assert.Equal(Enum.GetValues<CorpusLayout>().Length * 4, corpus.Select(r => (r.Layout, r.Format, r.Language)).Distinct().Count());

        var accuracy = new CorpusAccuracy();
        foreach (var resume in corpus) accuracy.Add(resume, parser.Parse(resume.Content, resume.Name));
        output.WriteLine(accuracy.Report(examples: true));

        Assert.Equal(0, accuracy.Failed);
        Assert.True(accuracy.Overall >= Floor, $"{accuracy.Overall:P1} of fields right, floor {Floor:P1}\n{accuracy.Report(examples: true)}");
        // No field may collapse while the others carry the average.
        foreach (var (field, tally) in accuracy.Fields)
            Assert.True(tally.Accuracy >= 0.95, $"{field}: {tally.Accuracy:P1}\n{accuracy.Report(examples: true)}");
    }
}
