using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace SpectrumDsl.Benchmarks;

/// <summary>Benchmarks that know their floating-point operation count, for the GFLOP/s column.</summary>
public interface IFlopCount
{
    /// <summary>Floating-point operations of one invocation of the named benchmark method.</summary>
    double Flops(string method);
}

/// <summary>GFLOP/s from the median time and the benchmark's <see cref="IFlopCount"/>.</summary>
public sealed class GflopsColumn : IColumn
{
    public string Id => nameof(GflopsColumn);
    public string ColumnName => "GFLOP/s (median)";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Floating-point operations / median time";
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is null)
        {
            return "-";
        }

        object instance = Activator.CreateInstance(benchmarkCase.Descriptor.Type)!;
        if (instance is not IFlopCount counter)
        {
            return "-";
        }

        foreach (var p in benchmarkCase.Parameters.Items)
        {
            benchmarkCase.Descriptor.Type.GetProperty(p.Name)?.SetValue(instance, p.Value);
            benchmarkCase.Descriptor.Type.GetField(p.Name)?.SetValue(instance, p.Value);
        }

        double flops = counter.Flops(benchmarkCase.Descriptor.WorkloadMethod.Name);
        double seconds = report.ResultStatistics.Median / 1e9;
        return flops > 0 ? (flops / seconds / 1e9).ToString("F1") : "-";
    }
}
