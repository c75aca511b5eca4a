using System.Diagnostics;
using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Kernels;
using SpectrumDsl.Msk;
using SpectrumDsl.Networks;
using SpectrumDsl.Regression;
using SpectrumDsl.Spectra;
using SpectrumDsl.Training.Checkpoints;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Training;

/// <summary>
/// Trains a <see cref="FullyConnectedNetwork"/> on the loss 1/2 ||f(X) - y||^2 with gradient descent
/// (<c>w &lt;- w - eta J^T r</c>) or preconditioned gradient descent (<c>w &lt;- w - eta J^T S r</c>,
/// S from DESIGN 2.4), starting from the network's own initial output (r_0 = f_0(X) - y).
/// </summary>
/// <remarks>
/// <para><b>Mini-batch PGD</b> (<see cref="TrainerConfig.BatchSize"/> = b &gt; 0). With the top-k
/// eigenpairs (delta_i, v_i) of the Gram K, c_i = n g_i / delta_i - 1 and Q = J_0^T V_k diag(c)
/// (k parameter-space vectors, computed once at initialisation by k backpropagations), a step on
/// a batch B with residual r_B is</para>
/// <para><c>w &lt;- w - eta [ J_B^T r_B + Q (V_(k,B)^T r_B) ]</c>,</para>
/// <para>where V_(k,B) holds the rows of V_k at the batch points, i.e. the Nystrom eigenfunctions
/// phi_i(x_j) = sqrt(n) v_i[j] evaluated on the batch, divided by sqrt(n) (EigenPro's
/// construction). In the linear (wide) regime the predictions on all training points change by
/// <c>-eta (K S)[:, B] r_B</c>, because J_B J_0^T V_k = (K V_k)[B] = V_(k,B) diag(delta): this is
/// stochastic kernel gradient descent with the modified kernel K S, and on the batch itself the
/// operator is the principal submatrix (K S)[B, B], whose largest eigenvalue is at most
/// lambda_max(K S), so the full-batch step 1/lambda_max(K S) stays stable. Every update lies in the
/// row space of J_0 (or of the current J), so the converged predictor is the full-batch one. The
/// full training residual is evaluated once per epoch (every ceil(n/b) steps) and at record steps;
/// convergence and divergence are checked there. Plain mini-batch GD uses <c>J_B^T r_B</c>.</para>
/// <para>A run never mutates the trainer; every run builds a fresh network from the seed.</para>
/// <para><b>Determinism.</b> The same configuration, seed and data give bit-identical results run to
/// run on one machine (initialisation and batch order come from seeded generators, parallel products
/// are bitwise equal to single-threaded ones). Results may differ between machines with different
/// SIMD widths and between eigen backends; set <c>SPECTRUMDSL_EIGEN_BACKEND=managed</c> to rule out the
/// system LAPACK. <see cref="TrainingRecord.Elapsed"/> is wall time. See docs/reliability.md.</para>
/// <para><b>Checkpoints and cancellation.</b> See <see cref="CheckpointOptions"/>, <see cref="Resume"/>
/// and <see cref="TrainingResult.Cancelled"/>.</para>
/// </remarks>
public sealed class Trainer
{
    // Above this many points the resolution check uses the first 256 (O(s^3) work).
    private const int ResolutionSampleLimit = 256;

    // A loss that rose on this many consecutive evaluations and exceeds the initial loss diverges.
    private const int GrowthWindow = 10;

    /// <summary>Creates a trainer; the configuration is validated here and again on every run.</summary>
    public Trainer(TrainerConfig config)
    {
        Guard.NotNull(config, nameof(config));
        config.Validate();
        Config = config;
    }

    /// <summary>The configuration.</summary>
    public TrainerConfig Config { get; }

    /// <summary>
    /// Trains on (<paramref name="x"/>, <paramref name="y"/>) (points are rows). All inputs are
    /// validated before anything is built.
    /// </summary>
    /// <param name="x">Training points, one per row.</param>
    /// <param name="y">Labels, one per training point.</param>
    /// <param name="testX">Optional test points (give with <paramref name="testY"/>); the test loss is recorded.</param>
    /// <param name="testY">Optional test labels.</param>
    /// <param name="progress">Receives warnings before training and every new record.</param>
    /// <param name="cancellationToken">
    /// Checked between steps only: when cancelled, the run stops before the next update and returns a
    /// result with <see cref="TrainingResult.Cancelled"/> set, holding the parameters after the last
    /// completed step (a step is never half applied). With <paramref name="checkpoint"/>, a checkpoint
    /// is saved at that step first.
    /// </param>
    /// <param name="checkpoint">Save the complete state every <see cref="CheckpointOptions.Interval"/> steps (see <see cref="Resume"/>).</param>
    /// <exception cref="ArgumentException">
    /// Shapes, values or configuration are invalid, or an explicit <see cref="TrainerConfig.LearningRate"/>
    /// is at or above the stability bound 2/lambda_max(K S) (parameter name LearningRate, the message gives
    /// the bound) unless <see cref="TrainerConfig.AllowUnstableLearningRate"/> is set.
    /// </exception>
    /// <exception cref="TrainingDivergedException">The loss became non-finite or kept growing.</exception>
    /// <exception cref="IOException">A checkpoint could not be written (the previous one is left intact).</exception>
    public TrainingResult Run(
        Matrix<double> x,
        Vector<double> y,
        Matrix<double>? testX = null,
        Vector<double>? testY = null,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default,
        CheckpointOptions? checkpoint = null)
    {
        var setup = Prepare(x, y, testX, testY);
        return Execute(setup, progress, cancellationToken, checkpoint, resume: null);
    }

    /// <summary>
    /// Continues the run saved in the checkpoint at <paramref name="path"/> with this trainer's
    /// configuration and the same data. The result (parameters, losses, records, step count) is
    /// bit-identical to that of an uninterrupted <see cref="Run"/> on the same machine. The step budget
    /// <see cref="TrainerConfig.Steps"/> may differ from the original run's (it must not be below the
    /// checkpoint's step); every other setting must be equal.
    /// </summary>
    /// <param name="path">A checkpoint written through <see cref="CheckpointOptions"/>.</param>
    /// <param name="x">The same training points as the original run (checked by SHA-256).</param>
    /// <param name="y">The same labels (checked by SHA-256).</param>
    /// <param name="testX">The same test points as the original run, or null if it had none.</param>
    /// <param name="testY">The same test labels.</param>
    /// <param name="progress">As for <see cref="Run"/> (setup warnings are reported again).</param>
    /// <param name="cancellationToken">As for <see cref="Run"/>.</param>
    /// <param name="checkpoint">Keep saving checkpoints (may be the same path).</param>
    /// <exception cref="CheckpointException">The file is missing, not a checkpoint, of another format version,
    /// truncated or corrupted, or was written for another configuration, target or data.</exception>
    public TrainingResult Resume(
        string path,
        Matrix<double> x,
        Vector<double> y,
        Matrix<double>? testX = null,
        Vector<double>? testY = null,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default,
        CheckpointOptions? checkpoint = null)
    {
        Guard.NotNull(path, nameof(path));
        var setup = Prepare(x, y, testX, testY);
        var saved = TrainingCheckpoint.Read(path);
        if (!saved.ConfigHash.AsSpan().SequenceEqual(setup.ConfigHash))
        {
            throw new CheckpointException(path,
                $"Checkpoint '{path}' was written with another configuration: {TrainingCheckpoint.DescribeDifferences(saved.ConfigText, setup.ConfigText)}. Resume with the original TrainerConfig (only Steps may change).");
        }

        if (saved.TargetDescription != Config.Target.Description)
        {
            throw new CheckpointException(path,
                $"Checkpoint '{path}' was written for target '{saved.TargetDescription}' but the configuration's target is '{Config.Target.Description}'. Resume with the original target.");
        }

        if (!saved.DataHash.AsSpan().SequenceEqual(setup.DataHash))
        {
            throw new CheckpointException(path,
                $"Checkpoint '{path}' was written for other training data ({saved.SampleCount} x {saved.Dimension} points; x and y are compared by SHA-256) than x ({x.RowCount} x {x.ColumnCount}) and y given now. Resume with exactly the original x and y.");
        }

        if (!saved.TestDataHash.AsSpan().SequenceEqual(setup.TestDataHash))
        {
            throw new CheckpointException(path,
                $"Checkpoint '{path}' was written with other test data (testX, testY; compared by SHA-256, all zeros for none). Resume with the original test data, or none if the run had none.");
        }

        if (saved.Step > Config.Steps || saved.Parameters.Length != setup.Network.ParameterCount || saved.LastGood.Length != setup.Network.ParameterCount)
        {
            throw new CheckpointException(path,
                $"Checkpoint '{path}' is at step {saved.Step} with {saved.Parameters.Length} parameters, but the configuration allows {Config.Steps} steps and the network has {setup.Network.ParameterCount} parameters. Raise Steps to at least {saved.Step}.");
        }

        return Execute(setup, progress, cancellationToken, checkpoint, saved);
    }

    /// <summary>Everything deterministic from configuration and data, computed before the first step.</summary>
    private sealed record Setup(
        TrainerConfig Config, Matrix<double> X, Matrix<double> XDense, Vector<double> Y, Matrix<double>? TestX, Vector<double>? TestY,
        FullyConnectedNetwork Network, EigenDecomposition Eigen, Preconditioner? Preconditioner, Matrix<double> TopVectors, double StepSize,
        int? PredictedSteps, NtkResolution Resolution, PreconditionerInfo Info, List<string> Warnings, Vector<double> InitialResidual,
        string ConfigText, byte[] ConfigHash, byte[] DataHash, byte[] TestDataHash);

    private Setup Prepare(Matrix<double> x, Vector<double> y, Matrix<double>? testX, Vector<double>? testY)
    {
        var config = Config;
        config.Validate();
        Guard.Points(x, nameof(x));
        Guard.NotNull(y, nameof(y));
        Guard.SameLength(y.Count, nameof(y), x.RowCount, "x (rows)");
        Guard.Finite(y, nameof(y));
        var n = x.RowCount;
        var d = x.ColumnCount;
        if ((testX is null) != (testY is null))
        {
            throw new ArgumentException(
                $"testX and testY must be given together but {(testX is null ? "testX" : "testY")} is null.", testX is null ? nameof(testX) : nameof(testY));
        }

        if (testX is not null && testY is not null)
        {
            Guard.Points(testX, nameof(testX));
            Guard.SameDimension(testX, nameof(testX), d, "x");
            Guard.SameLength(testY.Count, nameof(testY), testX.RowCount, "testX (rows)");
            Guard.Finite(testY, nameof(testY));
        }

        Guard.InRange(config.Rank, 1, n, nameof(config.Rank),
            $"Rank k counts eigenpairs of the n x n Gram and cannot exceed the number of training points n = {n}.");
        Guard.InRange(config.BatchSize, 0, n, nameof(config.BatchSize),
            $"BatchSize cannot exceed the number of training points n = {n} (use 0 for full batch).");

        var warnings = new List<string>();
        var architecture = config.Architecture;
        var network = FullyConnectedNetwork.Create(architecture, d, config.Width, config.Seed);
        var xDense = FullyConnectedNetwork.ToDense(x);

        // Kernels, spectrum and S.
        var analytic = architecture.Ntk().Gram(x);
        var gram = config.PreconditionerSource == PreconditionerSource.AnalyticNtk ? analytic : network.EmpiricalNtk(x);
        var eigen = EigenSolver.Full(gram);
        var pgd = config.Optimizer == Optimizer.Preconditioned;
        Preconditioner? preconditioner = null;
        SpectralModification? modification = null;
        if (pgd)
        {
            try
            {
                modification = SpectralModification.FromEigenpairs(eigen, config.Target, config.Rank);
                preconditioner = new Preconditioner(modification);
            }
            catch (ArgumentException error)
            {
                // Re-raise under the configuration property's name, keeping the type and the rule.
                var parameter = error.ParamName == "rank" ? nameof(config.Rank) : nameof(config.Target);
                var text = error.Message;
                var cut = text.IndexOf(" (Parameter '", StringComparison.Ordinal);
                text = (cut >= 0 ? text[..cut] : text) + $" (TrainerConfig.{parameter})";
                if (error is ArgumentOutOfRangeException range)
                {
                    throw new ArgumentOutOfRangeException(parameter, range.ActualValue, text);
                }

                throw new ArgumentException(text, parameter, error);
            }

            if (modification.CutsCluster)
            {
                var (lower, upper) = SpectralModification.NearestGapRanks(eigen.ValuesView, config.Rank);
                var advice = (lower, upper) switch
                {
                    (null, null) => "no rank in 1..n sits at a gap",
                    (int a, null) => $"the nearest rank at a gap is {a}",
                    (null, int b) => $"the nearest rank at a gap is {b}",
                    (int a, int b) => $"the nearest ranks at a gap are {a} and {b}",
                };
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Rank k = {config.Rank} cuts a cluster of nearly equal eigenvalues (delta_(k+1)/delta_k = {modification.GapRatio:G4}); S then depends on round-off. Choose k at a spectral gap: {advice}."));
            }
        }

        var values = eigen.ValuesView;
        var maxKS = preconditioner?.MaxEigenvalueOfKS ?? values[0];
        var eta = config.LearningRate > 0 ? config.LearningRate : 1.0 / maxKS;
        if (eta * maxKS >= 2.0)
        {
            if (!config.AllowUnstableLearningRate)
            {
                throw new ArgumentOutOfRangeException(nameof(config.LearningRate), config.LearningRate, string.Create(CultureInfo.InvariantCulture,
                    $"LearningRate {Guard.Format(eta)} is at or above the stability bound 2/lambda_max(K S) = {Guard.Format(2.0 / maxKS)} of the {config.PreconditionerSource} Gram (lambda_max = {Guard.Format(maxKS)}); training would diverge. Use a LearningRate below {Guard.Format(2.0 / maxKS)}, 0 for the automatic {Guard.Format(1.0 / maxKS)}, or set AllowUnstableLearningRate to study divergence."));
            }

            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"LearningRate {eta:R} is above the stability bound 2/lambda_max = {2.0 / maxKS:R} of the Gram in use; kernel theory predicts divergence."));
        }

        var vk = eigen.VectorsView.SubMatrix(0, n, 0, config.Rank);
        var yShare = y.L2Norm() > 0 ? vk.TransposeThisAndMultiply(y).L2Norm() / y.L2Norm() : 0.0;
        var info = new PreconditionerInfo(
            config.Rank, values[0], values[config.Rank - 1], values[0] / values[config.Rank - 1],
            config.Rank < n ? values[config.Rank] / values[config.Rank - 1] : 0.0,
            modification?.CutsCluster ?? false, maxKS, yShare * yShare);

        // Initial residual with the network's own output.
        var r0 = network.Predict(xDense) - y;
        int? predicted = null;
        if (eta * maxKS < 2.0)
        {
            predicted = KernelGradientDescent.Create(gram, preconditioner, eta).StepsToTolerance(r0, config.Tolerance, config.Steps);
        }

        var analyticSource = config.PreconditionerSource == PreconditionerSource.AnalyticNtk;
        var resolution = CheckResolution(network, architecture, x, y, config, config.Width,
            analytic, analyticSource ? eigen : null, analyticSource ? null : gram);
        if (!resolution.IsResolved)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"Width {config.Width} does not resolve the target: {resolution.UnresolvedEnergy * 100:G2} % of its energy (more than Tolerance^2 = {config.Tolerance * config.Tolerance * 100:G2} %, so it blocks convergence) lies in {resolution.UnresolvedDirections} eigendirections whose eigenvalue is below the finite-width NTK error acting on them (NTK fluctuation {resolution.Fluctuation:P2} of delta_1). Expect slow or no convergence there; width {resolution.RequiredWidth} should resolve them (the error shrinks like 1/sqrt(width))."));
        }

        var configText = TrainingCheckpoint.CanonicalConfig(config);
        return new Setup(config, x, xDense, y, testX, testY, network, eigen, preconditioner, vk, eta, predicted, resolution, info, warnings, r0,
            configText, TrainingCheckpoint.HashText(configText), TrainingCheckpoint.HashData(x, y), TrainingCheckpoint.HashData(testX, testY));
    }

    private static TrainingResult Execute(
        Setup setup, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken, CheckpointOptions? checkpoint, TrainingCheckpoint? resume)
    {
        var config = setup.Config;
        var warnings = setup.Warnings;
        if (resume is not null)
        {
            if (!resume.InitialResidual.AsSpan().SequenceEqual(setup.InitialResidual.AsArray() ?? setup.InitialResidual.ToArray())
                || BitConverter.DoubleToInt64Bits(resume.StepSize) != BitConverter.DoubleToInt64Bits(setup.StepSize))
            {
                warnings.Add("The initial residual or step size recomputed on resume differs in its last bits from the checkpoint's (another machine or runtime); the continuation is not bit-identical to an uninterrupted run.");
            }

            setup.Network.RestoreParameters(resume.Parameters);
        }

        foreach (var warning in warnings)
        {
            progress?.Report(new TrainingProgress(0, warning, null));
        }

        var n = setup.X.RowCount;
        var state = new RunState(setup, progress, cancellationToken, checkpoint, resume);
        var outcome = config.BatchSize > 0 && config.BatchSize < n
            ? state.RunMiniBatch(setup.Preconditioner, setup.Eigen)
            : state.RunFullBatch(setup.Preconditioner);
        if (!outcome.Converged && !outcome.Cancelled && setup.PredictedSteps is not null && setup.PredictedSteps <= config.Steps)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"Not converged in {config.Steps} steps although kernel theory predicts {setup.PredictedSteps}; the network is probably too narrow (see Resolution)."));
        }

        return new TrainingResult(setup.Network, outcome.Steps, outcome.Converged, setup.StepSize, setup.PredictedSteps, setup.Resolution, setup.Info,
            state.Records, warnings, setup.InitialResidual, outcome.FinalResidual, outcome.Cancelled, resume?.Step);
    }

    /// <summary>
    /// The finite-width resolution estimate (see <see cref="NtkResolution"/>) for <paramref name="network"/>
    /// on at most the first 256 points of <paramref name="x"/>.
    /// </summary>
    /// <remarks>
    /// When the check covers the whole training set, the setup's analytic Gram, its full
    /// eigendecomposition and the empirical NTK (whichever were computed) are reused instead of
    /// being computed again.
    /// </remarks>
    internal static NtkResolution CheckResolution(FullyConnectedNetwork network, NetworkArchitecture architecture, Matrix<double> x, Vector<double> y, TrainerConfig config, int width,
        Matrix<double>? analyticGram = null, EigenDecomposition? analyticEigen = null, Matrix<double>? empiricalGram = null)
    {
        var s = Math.Min(x.RowCount, ResolutionSampleLimit);
        var whole = s == x.RowCount;
        var xs = whole ? x : x.SubMatrix(0, s, 0, x.ColumnCount);
        var ys = s == y.Count ? y : y.SubVector(0, s);
        var analytic = whole && analyticGram is not null ? analyticGram : architecture.Ntk().Gram(xs);
        var error = (whole && empiricalGram is not null ? empiricalGram : network.EmpiricalNtk(xs)) - analytic;
        var eigen = whole && analyticEigen is not null ? analyticEigen : EigenSolver.Full(analytic);
        var errorEigen = EigenSolver.Full(error);
        var spectral = Math.Max(Math.Abs(errorEigen.ValuesView[0]), Math.Abs(errorEigen.ValuesView[s - 1]));
        var delta1 = eigen.ValuesView[0];
        var acting = error * eigen.VectorsView;   // column i = E v_i
        var coordinates = eigen.VectorsView.TransposeThisAndMultiply(ys);
        var total = Math.Max(coordinates.DotProduct(coordinates), double.Epsilon);
        var ratios = new double[s];
        var unresolvedEnergy = 0.0;
        var unresolvedCount = 0;
        for (var i = 0; i < s; i++)
        {
            var value = Math.Max(eigen.ValuesView[i], 1e-300);
            ratios[i] = acting.Column(i).L2Norm() / value;
            if (ratios[i] > 1.0)
            {
                unresolvedCount++;
                unresolvedEnergy += coordinates[i] * coordinates[i] / total;
            }
        }

        var allowed = config.Tolerance * config.Tolerance;
        var resolved = unresolvedEnergy <= allowed;
        int? required = null;
        if (!resolved)
        {
            // Resolve directions from the worst ratio down until what is left unresolved fits
            // the tolerance; the ratio of the last one needed sets the width (ratio ~ 1/sqrt(m)).
            var order = Enumerable.Range(0, s).Where(i => ratios[i] > 1.0).OrderByDescending(i => ratios[i]).ToArray();
            var remaining = unresolvedEnergy;
            var needed = 1.0;
            foreach (var i in order)
            {
                if (remaining <= allowed)
                {
                    break;
                }

                needed = ratios[i];
                remaining -= coordinates[i] * coordinates[i] / total;
            }

            var target = width * needed * needed;
            var power = 1L;
            while (power < target && power < int.MaxValue / 2)
            {
                power *= 2;
            }

            required = (int)power;
        }

        return new NtkResolution(width, s, spectral / delta1, error.FrobeniusNorm() / analytic.FrobeniusNorm(),
            unresolvedEnergy, unresolvedCount, required, resolved);
    }

    private sealed record Outcome(int Steps, bool Converged, Vector<double> FinalResidual, bool Cancelled = false);

    /// <summary>The mutable state of one run: buffers, trajectory and divergence bookkeeping.</summary>
    private sealed class RunState
    {
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private readonly Setup setup;
        private readonly FullyConnectedNetwork network;
        private readonly Matrix<double> x;
        private readonly TrainerConfig config;
        private readonly double eta;
        private readonly IProgress<TrainingProgress>? progress;
        private readonly CancellationToken cancellation;
        private readonly CheckpointOptions? checkpoint;
        private readonly double[] lastGood;
        private readonly double[] labels;
        private readonly TimeSpan elapsedBefore;
        private readonly int startStep;
        private double previousLoss = double.PositiveInfinity;
        private double lastGoodLoss = double.PositiveInfinity;
        private double initialLoss = double.NaN;
        private double initialNorm = double.NaN;
        private int growth;
        private long shuffles;
        private int position;

        public RunState(Setup setup, IProgress<TrainingProgress>? progress, CancellationToken cancellation, CheckpointOptions? checkpoint, TrainingCheckpoint? resume)
        {
            this.setup = setup;
            network = setup.Network;
            x = setup.XDense;
            config = setup.Config;
            eta = setup.StepSize;
            this.progress = progress;
            this.cancellation = cancellation;
            this.checkpoint = checkpoint;
            labels = setup.Y.ToArray();
            position = setup.X.RowCount;
            if (resume is null)
            {
                lastGood = network.CopyParameters();
                return;
            }

            lastGood = (double[])resume.LastGood.Clone();
            previousLoss = resume.PreviousLoss;
            lastGoodLoss = resume.LastGoodLoss;
            initialLoss = resume.InitialLoss;
            initialNorm = resume.InitialNorm;
            growth = resume.Growth;
            shuffles = resume.Shuffles;
            position = resume.Position;
            startStep = resume.Step;
            elapsedBefore = TimeSpan.FromTicks(resume.ElapsedTicks);
            Records.AddRange(resume.Records);
        }

        public List<TrainingRecord> Records { get; } = [];

        private TimeSpan Elapsed => elapsedBefore + clock.Elapsed;

        /// <summary>
        /// Between steps (the network holds the parameters after <paramref name="step"/> updates): saves
        /// a checkpoint when due or on cancellation, and reports whether the run was cancelled.
        /// </summary>
        private bool BetweenSteps(int step)
        {
            var cancelled = cancellation.IsCancellationRequested;
            if (checkpoint is not null && (cancelled || (step > startStep && step % checkpoint.Interval == 0 && step < config.Steps)))
            {
                Save(step);
            }

            return cancelled;
        }

        private Outcome Cancel(int step, NetworkWorkspace full)
        {
            network.Forward(full, x);
            var residual = new double[labels.Length];
            for (var i = 0; i < residual.Length; i++)
            {
                residual[i] = full.Output[i] - labels[i];
            }

            return new Outcome(step, false, Vector<double>.Build.DenseOfArray(residual), Cancelled: true);
        }

        private void Save(int step)
        {
            var snapshot = new TrainingCheckpoint
            {
                ConfigText = setup.ConfigText, ConfigHash = setup.ConfigHash, DataHash = setup.DataHash, TestDataHash = setup.TestDataHash,
                TargetDescription = config.Target.Description, SampleCount = setup.X.RowCount, Dimension = setup.X.ColumnCount,
                Step = step, StepSize = eta, Parameters = network.CopyParameters(), LastGood = lastGood,
                PreviousLoss = previousLoss, LastGoodLoss = lastGoodLoss, InitialLoss = initialLoss, InitialNorm = initialNorm,
                Growth = growth, Shuffles = shuffles, Position = position, ElapsedTicks = Elapsed.Ticks,
                InitialResidual = setup.InitialResidual.ToArray(), Records = Records,
            };
            snapshot.Write(checkpoint!);
        }

        public Outcome RunFullBatch(Preconditioner? preconditioner)
        {
            var n = x.RowCount;
            var workspace = network.CreateWorkspace(n);
            var residual = new double[n];
            var direction = new double[n];
            for (var t = startStep; ; t++)
            {
                if (BetweenSteps(t))
                {
                    return Cancel(t, workspace);
                }

                if (EvaluateTrainingSet(t, workspace, residual, recordDue: t % config.RecordInterval == 0) is { } outcome)
                {
                    return outcome;
                }

                if (preconditioner is null)
                {
                    residual.CopyTo(direction, 0);
                }
                else
                {
                    preconditioner.Apply(residual, direction);
                }

                network.Backward(workspace, x, direction, gradients: true);
                network.Descend(workspace, eta);
            }
        }

        public Outcome RunMiniBatch(Preconditioner? preconditioner, EigenDecomposition eigen)
        {
            var n = x.RowCount;
            var b = config.BatchSize;
            var k = preconditioner?.Rank ?? 0;
            var parameters = network.ParameterCount;

            // Q = J_0^T V_k diag(c), one flat vector per eigenpair, from the initial parameters
            // (on resume the network is re-created from the seed, so J_0 is the same).
            var q = new double[k][];
            var vectors = eigen.VectorsView;
            var current = startStep > 0 ? network.CopyParameters() : null;
            if (current is not null)
            {
                network.RestoreParameters(FullyConnectedNetwork.Create(network.Architecture, network.InputDimension, network.Width, config.Seed).CopyParameters());
            }

            for (var i = 0; i < k; i++)
            {
                var scale = preconditioner!.Modification.TargetValuesView[i] * n / eigen.ValuesView[i] - 1.0;
                var column = network.Gradient(x, vectors.Column(i));
                q[i] = (column * scale).ToArray();
            }

            if (current is not null)
            {
                network.RestoreParameters(current);
            }

            var full = network.CreateWorkspace(n);
            var batch = network.CreateWorkspace(b);
            var residual = new double[n];
            var batchResidual = new double[b];
            var coefficients = new double[k];
            var correction = new double[parameters];
            var indices = new int[b];

            // The batch order: replaying the shuffles made so far reproduces both the order and the
            // generator's state exactly (System.Random's state is not serialisable).
            var order = Enumerable.Range(0, n).ToArray();
            var shuffler = new Random(config.Seed);
            for (long s = 0; s < shuffles; s++)
            {
                shuffler.Shuffle(order);
            }

            var evaluateEvery = (n + b - 1) / b;
            for (var t = startStep; ; t++)
            {
                if (BetweenSteps(t))
                {
                    return Cancel(t, full);
                }

                var record = t % config.RecordInterval == 0;
                if (record || t % evaluateEvery == 0 || t == config.Steps)
                {
                    if (EvaluateTrainingSet(t, full, residual, record) is { } outcome)
                    {
                        return outcome;
                    }
                }

                // Gather the next batch (reshuffling at the end of each pass).
                for (var j = 0; j < b; j++)
                {
                    if (position == n)
                    {
                        shuffler.Shuffle(order);
                        shuffles++;
                        position = 0;
                    }

                    var index = order[position++];
                    indices[j] = index;
                    for (var c = 0; c < x.ColumnCount; c++)
                    {
                        batch.Input.At(j, c, x.At(index, c));
                    }
                }

                network.Forward(batch, batch.Input);
                var batchOutput = batch.Output;
                for (var j = 0; j < b; j++)
                {
                    batchResidual[j] = batchOutput[j] - labels[indices[j]];
                }

                if (k > 0)
                {
                    // c_i-scaled Nystrom correction: Q (V_(k,B)^T r_B).
                    Array.Clear(coefficients);
                    for (var j = 0; j < b; j++)
                    {
                        for (var i = 0; i < k; i++)
                        {
                            coefficients[i] += vectors.At(indices[j], i) * batchResidual[j];
                        }
                    }

                    Array.Clear(correction);
                    for (var i = 0; i < k; i++)
                    {
                        var weight = coefficients[i];
                        var column = q[i];
                        for (var p = 0; p < parameters; p++)
                        {
                            correction[p] += weight * column[p];
                        }
                    }
                }

                network.Backward(batch, batch.Input, batchResidual, gradients: true);
                network.Descend(batch, eta);
                if (k > 0)
                {
                    network.AddFlat(correction, -eta);
                }
            }
        }

        /// <summary>Loss bookkeeping at an evaluation: divergence checks and the last good parameters.</summary>
        /// <summary>
        /// The whole training set's residual after t steps, recorded when due; the outcome when
        /// training stops here (tolerance met or step budget spent), else null.
        /// </summary>
        private Outcome? EvaluateTrainingSet(int t, NetworkWorkspace workspace, double[] residual, bool recordDue)
        {
            network.Forward(workspace, x);
            var output = workspace.Output;
            for (var i = 0; i < residual.Length; i++)
            {
                residual[i] = output[i] - labels[i];
            }

            var norm = Evaluate(t, residual);
            var converged = norm <= config.Tolerance * initialNorm;
            if (converged || t == config.Steps || recordDue)
            {
                Record(t, residual, norm);
            }

            return converged || t == config.Steps ? new Outcome(t, converged, Vector<double>.Build.DenseOfArray(residual)) : null;
        }

        private double Evaluate(int step, double[] residual)
        {
            var squares = 0.0;
            for (var i = 0; i < residual.Length; i++)
            {
                squares += residual[i] * residual[i];
            }

            var norm = Math.Sqrt(squares);
            var loss = 0.5 * squares / residual.Length;
            if (step == 0)
            {
                initialLoss = loss;
                initialNorm = norm;
            }

            if (!double.IsFinite(loss))
            {
                Diverge(step);
            }

            growth = loss > previousLoss ? growth + 1 : 0;
            if (growth >= GrowthWindow && loss > initialLoss)
            {
                Diverge(step);
            }

            if (growth == 0)
            {
                network.CopyParametersTo(lastGood);
                lastGoodLoss = loss;
            }

            previousLoss = loss;
            return norm;
        }

        private void Diverge(int step)
        {
            network.RestoreParameters(lastGood);
            throw new TrainingDivergedException(step, lastGoodLoss, eta, eta / 4, network);
        }

        private void Record(int step, double[] residual, double norm)
        {
            var r = Vector<double>.Build.DenseOfArray((double[])residual.Clone());
            var projections = setup.TopVectors.TransposeThisAndMultiply(r);
            var inside = projections.DotProduct(projections);
            double? testLoss = null;
            if (setup.TestX is not null && setup.TestY is not null)
            {
                var testResidual = network.Predict(setup.TestX) - setup.TestY;
                testLoss = 0.5 * testResidual.DotProduct(testResidual) / testResidual.Count;
            }

            var record = new TrainingRecord(step, 0.5 * norm * norm / residual.Length, testLoss, norm / initialNorm,
                projections.ToArray(), Math.Sqrt(Math.Max(0.0, norm * norm - inside)), eta, Elapsed);
            Records.Add(record);
            progress?.Report(new TrainingProgress(step, string.Create(CultureInfo.InvariantCulture,
                $"step {step}: train loss {record.TrainLoss:G6}, relative residual {record.RelativeResidual:G4}"), record));
        }
    }
}
