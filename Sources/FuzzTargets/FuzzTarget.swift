import Foundation

/// The parsers that read untrusted bytes, each as one function a fuzzer (or a replay of the
/// committed corpus) calls with arbitrary input. A parser may reject its input with an error;
/// any other outcome that breaks a rule below is a bug and stops the process with
/// `preconditionFailure`, so that libFuzzer records the input as a crash.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// One content file (talk, session, person or workshop, chosen by the first byte) loaded
    /// with the rest of a small valid `Content/` folder.
    case frontMatter = "front-matter"
    /// A notebook file: front matter, prose and cell YAML.
    case notebook
    /// A Markdown body rendered by cmark-gfm and checked for links the page would drop.
    case markdown
    /// A `.npy` array file.
    case npy
    /// JSON-lines jets, each clustered and declustered as `archive jets` does.
    case jetsJSONLines = "jets-jsonl"
    /// An hls4ml configuration (YAML subset or JSON).
    case hlsConfig = "hls-config"

    /// Runs the target's parser on `bytes` and checks what it returned or threw.
    @discardableResult
    public func run(_ bytes: UnsafeRawBufferPointer) -> FuzzOutcome {
        switch self {
        case .frontMatter: ContentFileFuzzing.shared.run(bytes)
        case .notebook: TextParserFuzzing.notebook(bytes)
        case .markdown: TextParserFuzzing.markdown(bytes)
        case .npy: BinaryParserFuzzing.npy(bytes)
        case .jetsJSONLines: BinaryParserFuzzing.jetsJSONLines(bytes)
        case .hlsConfig: TextParserFuzzing.hlsConfig(bytes)
        }
    }

    @discardableResult
    public func run(_ data: Data) -> FuzzOutcome {
        data.withUnsafeBytes { run($0) }
    }
}

/// What a parser made of an input; the seed corpus must show both for every target.
public enum FuzzOutcome: Sendable, Equatable {
    case accepted
    /// Refused with an error (for Markdown: a link the page would drop was reported).
    case refused
}

/// Inputs are read as UTF-8 the way the real readers read files: invalid bytes are replaced,
/// which the content loader itself reports before it parses.
func text(_ bytes: UnsafeRawBufferPointer) -> String {
    String(decoding: bytes, as: UTF8.self)
}

/// Stops the process, naming the broken rule, when `condition` is false.
func require(_ condition: @autoclosure () -> Bool, _ rule: @autoclosure () -> String) {
    if !condition() { preconditionFailure("fuzz rule broken: " + rule()) }
}
