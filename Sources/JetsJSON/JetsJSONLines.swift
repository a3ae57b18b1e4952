// JSON-lines input of the `archive jets` and `archive mlp` commands.
//
// Input: one jet per line, a JSON object with a "particles" key holding a non-empty array of
// [px, py, pz, E] number arrays; other keys are ignored. Blank (whitespace-only) lines are
// skipped, as is a UTF-8 BOM at the start. Lines end at '\n' ("\r\n" is accepted).
//
// Each line is read by Foundation's JSONDecoder into `JetLine`, which adds the checks JSON
// cannot express: four finite components per particle, each at most 1e100 in magnitude (squares
// and sums of larger momenta overflow), and at most `JetLimits.maximumParticles` per jet. What
// JSON itself accepts is Foundation's reading: a repeated key keeps its first value, and values
// under ignored keys are not checked beyond their structure. Errors carry the 1-based line
// number and render as "FILE:LINE: error: …".

import Foundation
import Jets

/// A rejected input line.
public struct JetsInputError: Error, Equatable, CustomStringConvertible, Sendable {
    public let file: String
    /// 1-based line number.
    public let line: Int
    public let message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line): error: \(message)" }
}

/// One parsed input jet.
public struct JetsInputJet: Equatable, Sendable {
    /// 1-based line number in the input.
    public var line: Int
    public var particles: [PseudoJet]
}

public enum JetsJSONLines {
    /// Largest accepted |component| of an input momentum.
    public static let maxComponentMagnitude = 1e100

    /// Parses a whole JSON-lines input; throws the first bad line's error.
    public static func parse(_ text: String, file: String) throws -> [JetsInputJet] {
        try parse(Data(text.utf8), file: file)
    }

    /// Parses a whole JSON-lines input; throws the first bad line's error.
    public static func parse(bytes: UnsafeRawBufferPointer, file: String) throws -> [JetsInputJet] {
        try parse(Data(bytes), file: file)
    }

    /// Parses a whole JSON-lines input; throws the first bad line's error.
    public static func parse(_ data: Data, file: String) throws -> [JetsInputJet] {
        let decoder = JSONDecoder()
        var jets: [JetsInputJet] = []
        var start = data.startIndex
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { start += 3 }
        var lineNumber = 0
        while start < data.endIndex {
            lineNumber += 1
            let end = data[start...].firstIndex(of: 0x0A) ?? data.endIndex
            let line = data[start..<end]
            start = end + 1
            guard !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) else { continue }
            do {
                let jet = try decoder.decode(JetLine.self, from: line)
                jets.append(JetsInputJet(line: lineNumber, particles: jet.particles))
            } catch {
                throw JetsInputError(file: file, line: lineNumber, message: message(for: error, in: line))
            }
        }
        return jets
    }

    /// The reason a line was refused, in the reader's terms rather than the decoder's.
    static func message(for error: Error, in line: Data) -> String {
        switch error {
        case let error as JetLine.Problem:
            return error.message
        case DecodingError.dataCorrupted:
            return "malformed JSON: " + syntaxError(in: line)
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return JetLine.Problem.misplaced(at: context.codingPath).message
        case DecodingError.keyNotFound:
            return "missing \"particles\" key"
        default:
            return "unreadable line (\(error))"
        }
    }

    /// JSONDecoder says only that the data is not valid JSON; JSONSerialization, run again on
    /// the refused line alone, says where and why.
    static func syntaxError(in line: Data) -> String {
        do {
            _ = try JSONSerialization.jsonObject(with: line, options: [.fragmentsAllowed])
        } catch {
            if let reason = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String {
                return reason
            }
        }
        return "the line is not valid JSON"
    }
}
