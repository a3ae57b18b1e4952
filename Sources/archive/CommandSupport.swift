import ArgumentParser
import Autoencoder
import FixedPoint
import Foundation

/// Prints a failure already worded for the user (`path: error: …`, or `path:line: error: …` for
/// content) to standard error and ends the command with status 1 through ArgumentParser, so that
/// the message keeps the archive's diagnostic form instead of ArgumentParser's `Error: …`.
func fail(_ message: String) throws -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    throw ExitCode.failure
}

/// A split of the committed jet sample (`<split>_constituents.npy`, …).
enum DatasetSplit: String, CaseIterable, ExpressibleByArgument {
    case train, val, test
}

/// One split, or `all` of them in the order train, val, test.
enum DatasetSelection: String, CaseIterable, ExpressibleByArgument {
    case train, val, test, all

    var splits: [String] { self == .all ? ["train", "val", "test"] : [rawValue] }
}

/// A committed autoencoder variant; the values come from the model library's own list, so
/// `--help` and the error for an unknown name always list the variants that exist.
struct AutoencoderVariant: ExpressibleByArgument {
    let name: String

    init?(argument: String) {
        guard AutoencoderSpec.variants[argument] != nil else { return nil }
        name = argument
    }

    static var allValueStrings: [String] { AutoencoderSpec.variantNames }
    var defaultValueDescription: String { name }
}

/// `--precision`: `float` (the float32 model) or one fixed-point type for every layer.
struct PrecisionChoice {
    /// As written on the command line (benchmark labels repeat it).
    let text: String
    /// `nil` for `float`.
    let fixedPoint: FixedPointType?

    /// ArgumentParser shows the thrown reason after "The value '…' is invalid for '--precision'".
    static func parse(_ argument: String) throws -> PrecisionChoice {
        if argument == "float" { return PrecisionChoice(text: argument, fixedPoint: nil) }
        do {
            return PrecisionChoice(text: argument, fixedPoint: try FixedPointType.parse(argument))
        } catch {
            throw ValidationError("\(error)")
        }
    }
}
