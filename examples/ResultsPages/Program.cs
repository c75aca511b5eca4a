using System.CommandLine;
using System.Globalization;
using ResultsPages;

// docs/results/*.md and README's examples table from the examples' reports: no number there is typed by hand.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var collect = new Option<string?>("--collect")
{
    Description = "Folder holding the examples' output folders (results/spectral-bias/report.json, ...): copy each report and its plots into docs/results first.",
};
var check = new Option<bool>("--check") { Description = "Render and compare with the committed pages; change nothing, exit 1 when a page differs." };
var root = new Option<string?>("--root") { Description = "The repository root (default: the folder holding SpectrumDsl.sln, searched upwards from the current folder)." };
var command = new RootCommand("Renders docs/results/<example>.md, docs/results/README.md and README.md's examples table from the reports in docs/results/reports.") { collect, check, root };
command.SetAction(parse => Run(parse.GetValue(root), parse.GetValue(collect), parse.GetValue(check)));
return command.Parse(args).Invoke();

static int Run(string? root, string? collect, bool check)
{
    var repository = root ?? Repository.Find(Directory.GetCurrentDirectory());
    if (repository is null)
    {
        Console.Error.WriteLine($"error: no SpectrumDsl.sln in {Directory.GetCurrentDirectory()} or above; run from the repository or pass --root <folder>.");
        return 2;
    }

    var folder = Path.Combine(repository, Catalog.Folder);
    if (collect is not null && !check)
    {
        foreach (var line in Collector.Collect(collect, folder))
        {
            Console.WriteLine(line);
        }
    }

    IReadOnlyDictionary<string, string> pages;
    try
    {
        pages = Renderer.RenderAll(repository);
    }
    catch (ReportFormatException error)
    {
        Console.Error.WriteLine($"error: {error.Message}");
        return 1;
    }

    var differing = 0;
    foreach (var (file, text) in pages)
    {
        var path = Path.Combine(repository, file);
        var same = File.Exists(path) && File.ReadAllText(path) == text;
        if (check)
        {
            differing += same ? 0 : 1;
            Console.WriteLine($"{(same ? "same" : "DIFFERS")}: {path}");
        }
        else if (!same)
        {
            File.WriteAllText(path, text);
            Console.WriteLine($"wrote {path}");
        }
    }

    return differing == 0 ? 0 : 1;
}
