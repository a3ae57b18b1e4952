// swift-tools-version:6.0
import PackageDescription

// The pipeline, one module per stage:
//   ArchiveContent (load + validate) → ArchiveIndex → [notebooks] → ArchiveRender → ArchiveWriter
// with ArchiveCheck (libxml2 link check) and ArchivePipeline (the orchestration the CLI calls).
// Jets, NPY and Metrics are the numerical libraries; they know nothing about the website.
#if arch(x86_64)
    let avx2Flags = ["-target-cpu", "haswell"]
#else
    let avx2Flags: [String] = []
#endif

let package = Package(
    name: "WorkshopArchive",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "archive", targets: ["archive"])
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // The preview server: no swift-nio, so a clean build stays short.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // System libraries (Debian: libcmark-gfm-dev libcmark-gfm-extensions-dev libxml2-dev).
        .systemLibrary(
            name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        // SHA-256 from OpenSSL's libcrypto (Debian libssl-dev) instead of swift-crypto, whose
        // bundled BoringSSL was most of a clean build's compile steps.
        .systemLibrary(name: "CLibCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .target(name: "Digest", dependencies: ["CLibCrypto"]),
        // UTS #39 confusable skeletons (uspoof) from ICU (Debian libicu-dev): names that look alike.
        // C because ICU's headers clash with Foundation's private copy of ICU when Swift imports them.
        .systemLibrary(name: "CICU", pkgConfig: "icu-i18n", providers: [.apt(["libicu-dev"])]),
        .target(name: "ConfusableSkeleton", dependencies: ["CICU"]),

        // The site generator.
        .target(name: "ArchiveModel"),
        // The pre-scan that bounds YAML alias expansion before Yams composes a document; the
        // site's loaders and the hls4ml configuration reader both run it.
        .target(name: "YAMLBounds"),
        // The one parallel loop (index-ordered results, lowest-index error), shared by the site's
        // stages and the numerical kernels.
        .target(name: "ParallelMap"),
        // File-system rules every stage shares (listing, hidden names, symbolic links).
        .target(name: "ArchiveFiles", dependencies: ["ArchiveModel"]),
        .target(
            name: "ArchiveContent",
            dependencies: [
                "ArchiveModel", "ArchiveFiles", "CCmarkGFM", "ConfusableSkeleton", "ParallelMap", "YAMLBounds",
                .product(name: "Yams", package: "Yams"),
            ]),
        .target(name: "ArchiveIndex", dependencies: ["ArchiveModel"]),
        // atom.xml and sitemap.xml, written with libxml2's xmlTextWriter.
        .target(name: "ArchiveFeeds", dependencies: ["ArchiveModel", "ArchiveIndex", "CLibXML2", "Digest"]),
        .target(
            name: "ArchiveRender",
            dependencies: [
                "ArchiveModel", "ArchiveFeeds", "ArchiveFiles", "ArchiveIndex", "CCmarkGFM", "ParallelMap",
                .product(name: "Mustache", package: "swift-mustache"),
            ]),
        .target(
            name: "ArchiveNotebooks",
            dependencies: [
                "ArchiveModel", "ArchiveFiles", "Digest", "ParallelMap", "YAMLBounds",
                .product(name: "Yams", package: "Yams"),
            ]),
        .target(name: "ArchiveWriter", dependencies: ["ArchiveModel", "ParallelMap"]),
        .target(name: "ArchiveCheck", dependencies: ["ArchiveModel", "CLibXML2", "ParallelMap"]),
        .target(
            name: "ArchivePipeline",
            dependencies: [
                "ArchiveModel", "ArchiveFiles", "ArchiveContent", "ArchiveIndex", "ArchiveNotebooks", "ArchiveRender",
                "ArchiveWriter",
                "ArchiveCheck", "NotebookKernels",
            ]),
        // archive import indico: the HTTP export's JSON (JSONSerialization, read with JSON paths in
        // every error) to content files, HTML descriptions to Markdown with libxml2.
        .target(name: "ArchiveImport", dependencies: ["ArchiveModel", "CLibXML2"]),
        // archive new: commented files for a talk, person, session or notebook, checked once written.
        .target(name: "ArchiveScaffold", dependencies: ["ArchiveModel", "ArchiveContent", "ArchiveNotebooks"]),
        // archive serve: the site from memory on loopback, rebuilt on change (inotify), pages
        // reloaded through server-sent events.
        .target(
            name: "ArchiveServe",
            dependencies: [
                "ArchiveModel", "ArchivePipeline", .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]),

        // Numerical libraries.
        .target(name: "NPY"),
        .target(name: "Metrics"),
        .target(name: "Jets", dependencies: ["NPY", "JetsAVX2"]),
        // Jets' vector kernel: compiler builtins (-parse-stdlib) for one AVX2
        // instruction per lane operation; Jets calls it only on CPUs that have
        // AVX2 (CPUFeatures.swift).
        .target(name: "JetsAVX2", swiftSettings: [.unsafeFlags(["-parse-stdlib"] + avx2Flags)]),
        // The JSON-lines jet format of the CLI (and its fuzzer), read with Foundation's JSONDecoder.
        .target(name: "JetsJSON", dependencies: ["Jets"]),
        .target(name: "FixedPoint"),
        .target(name: "NeuralNet"),
        .target(name: "Autoencoder", dependencies: ["NeuralNet", "Jets", "NPY", "Metrics", "Digest", "ParallelMap"]),
        .target(
            name: "QuantizedMLP",
            dependencies: [
                "FixedPoint", "NeuralNet", "NPY", "Jets", "Digest", "ParallelMap", "YAMLBounds",
                .product(name: "Yams", package: "Yams"),
            ]),
        .target(name: "LundNet", dependencies: ["NeuralNet", "Jets", "NPY", "Metrics", "Digest", "ParallelMap"]),
        .target(
            name: "NotebookKernels",
            dependencies: [
                "ArchiveModel", "ArchiveNotebooks", "Jets", "NPY", "Metrics", "FixedPoint", "NeuralNet", "LundNet",
                "Autoencoder", "QuantizedMLP",
            ]),

        .executableTarget(
            name: "archive",
            dependencies: [
                "ArchiveImport", "ArchivePipeline", "ArchiveScaffold", "ArchiveServe", "Digest", "Jets", "JetsJSON",
                "NPY",
                "QuantizedMLP", "FixedPoint",
                "NeuralNet",
                "Autoencoder", "LundNet",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // Fuzzing: each parser of untrusted bytes as one function (FuzzTargets), run by libFuzzer
        // through archive-fuzz (Tools/fuzz/run.sh) and replayed over the seed corpus by the tests.
        .target(
            name: "FuzzTargets",
            dependencies: [
                "ArchiveContent", "ArchiveModel", "ArchiveNotebooks", "ArchiveRender", "Jets", "JetsJSON", "NPY",
                "QuantizedMLP",
            ]),
        .executableTarget(name: "archive-fuzz", dependencies: ["FuzzTargets"]),

        .testTarget(name: "ArchiveModelTests", dependencies: ["ArchiveModel"]),
        .testTarget(name: "YAMLBoundsTests", dependencies: ["YAMLBounds"]),
        .testTarget(name: "ParallelMapTests", dependencies: ["ParallelMap"]),
        .testTarget(name: "ArchiveFilesTests", dependencies: ["ArchiveFiles", "ArchiveModel"]),
        .testTarget(name: "ArchiveContentTests", dependencies: ["ArchiveContent", "ArchiveModel"]),
        .testTarget(name: "ArchiveNotebooksTests", dependencies: ["ArchiveNotebooks", "ArchiveModel", "Digest"]),
        .testTarget(
            name: "ArchiveRenderTests",
            dependencies: [
                "ArchiveModel", "ArchiveFeeds", "ArchiveIndex", "ArchiveRender", "ArchiveWriter", "ArchiveCheck",
                "CLibXML2",
            ]),
        .testTarget(
            name: "ArchivePipelineTests", dependencies: ["ArchivePipeline", "ArchiveModel", "ArchiveNotebooks"]),
        .testTarget(name: "ArchiveImportTests", dependencies: ["ArchiveImport", "ArchiveContent", "ArchiveModel"]),
        .testTarget(name: "ArchiveScaffoldTests", dependencies: ["ArchiveScaffold", "ArchiveModel", "ArchiveContent"]),
        .testTarget(name: "NPYTests", dependencies: ["NPY"]),
        .testTarget(name: "DigestTests", dependencies: ["Digest", "Jets"]),
        .testTarget(name: "MetricsTests", dependencies: ["Metrics"]),
        .testTarget(name: "JetsTests", dependencies: ["Jets", "JetsAVX2", "NPY"]),
        .testTarget(name: "JetsJSONTests", dependencies: ["JetsJSON", "Jets"]),
        .testTarget(
            name: "NotebookKernelsTests", dependencies: ["NotebookKernels", "ArchiveModel", "ArchiveNotebooks", "Jets"]),
        .testTarget(name: "FixedPointTests", dependencies: ["FixedPoint"], exclude: ["Fixtures"]),
        .testTarget(name: "NeuralNetTests", dependencies: ["NeuralNet"]),
        .testTarget(name: "AutoencoderTests", dependencies: ["Autoencoder", "NeuralNet", "NPY"]),
        .testTarget(
            name: "QuantizedMLPTests", dependencies: ["QuantizedMLP", "FixedPoint", "NeuralNet", "NPY"],
            exclude: ["Fixtures"]),
        .testTarget(name: "LundNetTests", dependencies: ["LundNet", "NeuralNet", "Jets", "NPY"]),
        .testTarget(name: "FuzzTargetsTests", dependencies: ["FuzzTargets"]),
    ],
    swiftLanguageModes: [.v6]
)
