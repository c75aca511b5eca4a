namespace ResultsPages;

/// <summary>Copies fresh reports and their plots from the examples' output folders into docs/results.</summary>
internal static class Collector
{
    /// <summary>
    /// For every page whose results/&lt;folder&gt;/report.json exists under <paramref name="results"/>, copies it to
    /// reports/&lt;page&gt;.json and its plots to images/&lt;page&gt;/ in <paramref name="docsResults"/>; pages without a
    /// fresh report keep their committed one. Returns one line per page saying which.
    /// </summary>
    public static IReadOnlyList<string> Collect(string results, string docsResults)
    {
        if (!Directory.Exists(results))
        {
            throw new DirectoryNotFoundException($"--collect {results}: no such folder; pass the folder the examples wrote into (results by default).");
        }

        var lines = new List<string>();
        foreach (var page in Catalog.Pages)
        {
            var source = Path.Combine(results, page.ResultsFolder);
            var report = Path.Combine(source, "report.json");
            if (!File.Exists(report))
            {
                lines.Add($"kept the committed report of {page.Name}: {report} does not exist");
                continue;
            }

            Directory.CreateDirectory(Path.Combine(docsResults, "reports"));
            File.Copy(report, Path.Combine(docsResults, "reports", page.Name + ".json"), overwrite: true);
            var images = Path.Combine(docsResults, "images", page.Name);
            foreach (var image in page.Images)
            {
                var plot = Path.Combine(source, image);
                if (!File.Exists(plot))
                {
                    throw new FileNotFoundException($"{plot} is missing although {report} exists: the example writes it beside the report; run the example again.", plot);
                }

                Directory.CreateDirectory(images);
                File.Copy(plot, Path.Combine(images, image), overwrite: true);
            }

            lines.Add($"collected {page.Name} from {source}");
        }

        return lines;
    }
}
