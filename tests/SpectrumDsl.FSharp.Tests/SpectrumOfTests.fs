/// spectrumOf applies the rule the C# generator reports as SPD024: the trainer trains the network whose
/// NTK is the spectrum's base kernel, so any other kernel is an error, never a silent default architecture.
module SpectrumDsl.FSharp.Tests.SpectrumOfTests

open System
open SpectrumDsl
open SpectrumDsl.Kernels
open SpectrumDsl.FSharp
open Xunit

let kernels =
    dict
        [ "gaussian", Kernel.gaussian 1.0
          "laplace", Kernel.laplace 0.5
          "reluNngp", Kernel.reluNngp 1 1.0
          "erfNngp", Kernel.erfNngp 2 0.5 ]

[<Theory>]
[<InlineData("gaussian")>]
[<InlineData("laplace")>]
[<InlineData("reluNngp")>]
[<InlineData("erfNngp")>]
let ``spectrumOf refuses a kernel that is not a network NTK`` (name: string) =
    let spec = spectrum { kernel kernels[name]; rank 3 }
    let error = Assert.Throws<ArgumentException>(fun () -> trainer { spectrumOf spec; width 64 } |> ignore)
    Assert.Equal("spec", error.ParamName)
    Assert.Contains(sprintf "not %s" spec.Kernel.Name, error.Message)
    Assert.Contains("SPD024", error.Message)
    // The fix: a network NTK, or this spectrum's rank and target without its kernel.
    Assert.Contains("reluNtk, erfNtk", error.Message)
    Assert.Contains("rank 3; target spec.Target; architecture", error.Message)

[<Fact>]
let ``the fix the message gives builds what spectrumOf would have meant`` () =
    let spec = spectrum { gaussian 1.0; target "lambda_1 * i^-2"; rank 3 }
    let built = trainer { rank spec.Rank; target spec.Target; architecture (NetworkArchitecture.Relu(2, 0.5)) }
    Assert.Equal(3, built.Rank)
    Assert.Same(spec.Target, built.Target)
    Assert.Equal(NetworkArchitecture.Relu(2, 0.5), built.Architecture)

[<Theory>]
[<InlineData("Relu")>]
[<InlineData("Erf")>]
let ``spectrumOf takes the architecture of a network NTK, also one given with kernel`` (activation: string) =
    let architecture = NetworkArchitecture(Enum.Parse<Activation> activation, 2, 0.5)
    let spec = spectrum { kernel (architecture.Ntk()); target "lambda_k"; rank 4 }
    let built = trainer { spectrumOf spec }
    Assert.Equal(architecture, built.Architecture)
    Assert.Equal(4, built.Rank)
    Assert.Same(spec.Target, built.Target)
